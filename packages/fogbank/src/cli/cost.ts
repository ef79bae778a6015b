import { validate, type HistoryEvent, type Json } from '@fogbank/asl';
import type { CostReport } from '@fogbank/lambda';
import type { ResolvedConfig } from './config.js';
import { parseDefinition, readDefinition } from './definition.js';
import { CliError } from './errors.js';
import { formatDuration, formatUsd } from './format.js';
import { runDefinition, type EndStatus } from './run.js';
import { visitsOf, type Visit } from './visits.js';

/**
 * AWS's published on-demand prices for US East (N. Virginia), in US dollars, without free tiers:
 * https://aws.amazon.com/step-functions/pricing/ and https://aws.amazon.com/lambda/pricing/
 * (see ../shared/reference: asl-semantics.md §3, lambda-semantics.md §1.15).
 * Override any of them with `fogbank cost --prices file.json`.
 */
export const US_EAST_1_PRICES = {
  /** Standard: $0.025 per 1,000 state transitions. */
  standardPerTransition: 0.000025,
  /** Express: $1.00 per million requests. */
  expressPerRequest: 0.000001,
  /** Express: duration, first tier, per GB-second (billed in 100 ms and 64 MB increments). */
  expressPerGbSecond: 0.00001667,
  /** Lambda: $0.20 per million requests. */
  lambdaPerRequest: 0.0000002,
  /** Lambda: x86_64 duration, first tier, per GB-second (billed per ms). */
  lambdaPerGbSecond: 0.0000166667,
} as const;

export type Prices = { -readonly [K in keyof typeof US_EAST_1_PRICES]: number };

/** Options of {@link costOf}. */
export interface CostOptions {
  readonly definition: string;
  readonly cwd: string;
  readonly input: Json;
  readonly config: ResolvedConfig;
  /** Executions per month to price. @default 1_000_000 */
  readonly executionsPerMonth?: number;
  /** @default US_EAST_1_PRICES */
  readonly prices?: Partial<Prices>;
  /** Express memory per execution, rounded up to 64 MB. AWS publishes no formula; 64 MB is what small machines are billed. @default 64 */
  readonly expressMemoryMb?: number;
  readonly now?: () => number;
  readonly ids?: () => string;
}

/** The price of one run and of a month of runs, as Standard and as Express, plus the Lambda calls. */
export interface CostEstimate {
  readonly status: EndStatus;
  readonly executionsPerMonth: number;
  readonly prices: Prices;
  /** State transitions of one run: every state entered (nested ones too) plus every retry. */
  readonly transitions: number;
  readonly retries: number;
  /** Simulated time (Waits, back-off) plus the real time tasks took. */
  readonly durationMs: number;
  readonly standard: { readonly perRun: number; readonly perMonth: number };
  readonly express:
    | { readonly billedDurationMs: number; readonly billedMemoryMb: number; readonly gbSeconds: number; readonly perRun: number; readonly perMonth: number }
    | { readonly unavailable: string };
  readonly lambda: { readonly requests: number; readonly gbSeconds: number; readonly perRun: number; readonly perMonth: number };
}

/**
 * Runs the workflow once (Standard, virtual time, the config's functions) and prices it: what
 * `fogbank cost` prints. Free tiers are not applied: it prices the workload itself.
 */
export async function costOf(options: CostOptions): Promise<CostEstimate> {
  const prices: Prices = { ...US_EAST_1_PRICES, ...options.prices };
  const n = options.executionsPerMonth ?? 1_000_000;
  if (!Number.isInteger(n) || n < 1) throw new CliError('FOGBANK_USAGE', '--executions takes a positive whole number');
  const report = await runDefinition({
    definition: options.definition,
    cwd: options.cwd,
    inputs: [options.input],
    config: options.config,
    virtualTime: true,
    ...(options.now !== undefined ? { now: options.now } : {}),
    ...(options.ids !== undefined ? { ids: options.ids } : {}),
  });
  const run = report.executions[0]!;
  const { transitions, retries } = countTransitions(run.history);
  const durationMs = run.stoppedAt - run.startedAt + run.wallMs;
  const standardPerRun = transitions * prices.standardPerTransition;
  const lambda = lambdaCost(report.lambda, prices);
  return {
    status: run.status,
    executionsPerMonth: n,
    prices,
    transitions,
    retries,
    durationMs,
    standard: { perRun: standardPerRun, perMonth: standardPerRun * n },
    express: await expressCost(options, durationMs, prices, n),
    lambda: { ...lambda, perMonth: lambda.perRun * n },
  };
}

/** Every `*StateEntered` (a transition on AWS's bill) plus every retry, which AWS also counts. */
export function countTransitions(history: readonly HistoryEvent[]): { transitions: number; retries: number } {
  const entered = history.filter((e) => e.type.endsWith('StateEntered')).length;
  let retries = 0;
  const visit = (visits: readonly Visit[]): void => {
    for (const v of visits) {
      retries += Math.max(0, v.attempts.length - 1);
      for (const group of v.groups) visit(group.visits);
    }
  };
  visit(visitsOf(history));
  return { transitions: entered + retries, retries };
}

async function expressCost(options: CostOptions, durationMs: number, prices: Prices, n: number): Promise<CostEstimate['express']> {
  const errors = validate(parseDefinition(await readDefinition(options.cwd, options.definition)), { type: 'EXPRESS' }).filter((d) => d.severity === 'ERROR');
  if (errors.length > 0) return { unavailable: `not an Express machine: ${errors[0]!.code}: ${errors[0]!.message} at ${errors[0]!.location}` };
  if (durationMs > 300_000) return { unavailable: `the run takes ${Math.round(durationMs / 1000)} s; Express executions end at 5 minutes` };
  // Billed in 100 ms steps (at least 100 ms) and 64 MB steps (at least 64 MB).
  const billedDurationMs = Math.max(100, Math.ceil(durationMs / 100) * 100);
  const billedMemoryMb = Math.max(64, Math.ceil((options.expressMemoryMb ?? 64) / 64) * 64);
  const gbSeconds = (billedMemoryMb / 1024) * (billedDurationMs / 1000);
  const perRun = prices.expressPerRequest + gbSeconds * prices.expressPerGbSecond;
  return { billedDurationMs, billedMemoryMb, gbSeconds, perRun, perMonth: perRun * n };
}

function lambdaCost(report: CostReport, prices: Prices): { requests: number; gbSeconds: number; perRun: number } {
  const defaults = prices.lambdaPerRequest === US_EAST_1_PRICES.lambdaPerRequest && prices.lambdaPerGbSecond === US_EAST_1_PRICES.lambdaPerGbSecond;
  // Lambda's own report prices arm64 at its own rate; an override applies one rate to all.
  const perRun = defaults ? report.totalUsd : report.requests * prices.lambdaPerRequest + report.gbSeconds * prices.lambdaPerGbSecond;
  return { requests: report.requests, gbSeconds: report.gbSeconds, perRun };
}

/** The estimate as a small table. */
export function formatCost(definition: string, e: CostEstimate): string {
  const n = e.executionsPerMonth.toLocaleString('en-US');
  const rows: Array<[string, string, string]> = [];
  rows.push([`Standard (${plural(e.transitions, 'transition')}${e.retries > 0 ? `, ${e.retries} of them ${e.retries === 1 ? 'a retry' : 'retries'}` : ''})`, formatUsd(e.standard.perRun), formatUsd(e.standard.perMonth)]);
  if ('unavailable' in e.express) rows.push(['Express', 'n/a', 'n/a']);
  else rows.push([`Express (${e.express.billedDurationMs} ms x ${e.express.billedMemoryMb} MB)`, formatUsd(e.express.perRun), formatUsd(e.express.perMonth)]);
  rows.push([`Lambda (${plural(e.lambda.requests, 'invocation')}, ${roundTo(e.lambda.gbSeconds, 6)} GB-s)`, formatUsd(e.lambda.perRun), formatUsd(e.lambda.perMonth)]);
  rows.push(['Standard + Lambda', formatUsd(e.standard.perRun + e.lambda.perRun), formatUsd(e.standard.perMonth + e.lambda.perMonth)]);
  if (!('unavailable' in e.express)) rows.push(['Express + Lambda', formatUsd(e.express.perRun + e.lambda.perRun), formatUsd(e.express.perMonth + e.lambda.perMonth)]);
  const header: [string, string, string] = ['', 'per run', `per ${n} runs`];
  const widths = [0, 1, 2].map((i) => Math.max(...[header, ...rows].map((r) => r[i]!.length)));
  const line = (r: [string, string, string]) => `${r[0].padEnd(widths[0]!)}  ${r[1].padStart(widths[1]!)}  ${r[2].padStart(widths[2]!)}`.trimEnd();
  return [
    `${definition}: one run ${e.status} in ${formatDuration(e.durationMs)}`,
    line(header),
    ...rows.map(line),
    ...('unavailable' in e.express ? [`Express n/a: ${e.express.unavailable}`] : []),
    'us-east-1 on-demand prices, no free tier (override with --prices FILE); Express memory is an estimate (AWS publishes no formula).',
    '',
  ].join('\n');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function roundTo(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)));
}
