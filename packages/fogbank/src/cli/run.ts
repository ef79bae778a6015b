import { validate, virtualClock, realClock, type Clock, type HistoryEvent, type Integration, type Integrations, type Json } from '@fogbank/asl';
import type { CostReport } from '@fogbank/lambda';
import type { Cloud } from '../cloud.js';
import { dynamoDbIntegrations } from '../integrations/dynamodb.js';
import { lambdaIntegrations } from '../integrations/lambda.js';
import { matcher } from '../step-functions/service-integrations.js';
import { loadMockedCase, mockIntegrations } from './mock-config.js';
import { startConfiguredCloud } from './cloud-config.js';
import type { ResolvedConfig } from './config.js';
import { formatDiagnostics, machineNameOf, parseDefinition, readDefinition } from './definition.js';
import { CliError } from './errors.js';

/** Options of {@link runDefinition}. */
export interface RunOptions {
  /** Path of the definition, relative to `cwd`. */
  readonly definition: string;
  readonly cwd: string;
  /** One execution per input, run one after the other. */
  readonly inputs: readonly Json[];
  /** @default 'STANDARD' */
  readonly type?: 'STANDARD' | 'EXPRESS';
  /** The cloud the executions run in: functions, tables, mappings (and other state machines). */
  readonly config: ResolvedConfig;
  /**
   * Run Wait states, Retry back-off and timeouts on a virtual clock that starts at `now()` and
   * jumps ahead whenever nothing else runs. Handlers' own run time stays real.
   * @default false
   */
  readonly virtualTime?: boolean;
  /** Wall-clock time. @default Date.now */
  readonly now?: () => number;
  /** Execution names and other ids. @default crypto.randomUUID */
  readonly ids?: () => string;
  /**
   * Step Functions Local's mocked responses: the test case's Task states answer from the mock
   * config instead of running (see docs/cli.md).
   */
  readonly mock?: { readonly file: string; readonly testCase: string };
  /** Called before each execution starts (progress on stderr). */
  readonly onStart?: (index: number, total: number) => void;
  /**
   * Called about every `progressIntervalMs` of real time while a Standard execution runs, with
   * the state it is in (`'Charge (Task)'`), for progress on stderr.
   */
  readonly onProgress?: (state: string) => void;
  /** @default 500 */
  readonly progressIntervalMs?: number;
}

/** The status of an ended execution. */
export type EndStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** One finished execution, as DescribeExecution and GetExecutionHistory describe it. */
export interface ExecutionRun {
  readonly name: string;
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly status: EndStatus;
  readonly input: Json;
  readonly output?: Json;
  readonly error?: string;
  readonly cause?: string;
  /** Epoch milliseconds on the cloud's clock (virtual with `virtualTime`). */
  readonly startedAt: number;
  readonly stoppedAt: number;
  /** Real time the execution took, whatever the clock. */
  readonly wallMs: number;
  /** AWS's events; empty for Express, which keeps none. */
  readonly history: readonly HistoryEvent[];
}

export interface RunReport {
  readonly executions: readonly ExecutionRun[];
  /** The Lambda invocations all executions made, priced (`lambda.costReport()`). */
  readonly lambda: CostReport;
}

/**
 * Runs a definition once per input in a cloud built from the config (`createCloud()`): what
 * `fogbank run` does, without printing. An invalid definition throws {@link CliError}
 * `FOGBANK_INVALID_DEFINITION` listing every diagnostic.
 *
 * @example
 * const report = await runDefinition({ definition: 'order.asl.json', cwd: process.cwd(), inputs: [{}], config, virtualTime: true });
 * report.executions[0].status; // 'SUCCEEDED'
 */
export async function runDefinition(options: RunOptions): Promise<RunReport> {
  const now = options.now ?? Date.now;
  const type = options.type ?? 'STANDARD';
  const definition = await readDefinition(options.cwd, options.definition);
  const diagnostics = validate(parseDefinition(definition), { type }).filter((d) => d.severity === 'ERROR');
  if (diagnostics.length > 0) {
    throw new CliError('FOGBANK_INVALID_DEFINITION', `${definition.file} is not a valid state machine:\n${formatDiagnostics(diagnostics)}`);
  }
  const clock: Clock = options.virtualTime === true ? virtualClock(now()) : realClock;
  const name = machineNameOf(definition.file);
  const ids = options.ids ?? (() => crypto.randomUUID());
  let integrations: Integrations | undefined;
  if (options.mock !== undefined) {
    const mocked = await loadMockedCase(options.cwd, options.mock.file, options.mock.testCase, name);
    // The cloud's own Lambda and DynamoDB integrations, for unmocked states sharing a resource.
    const direct = (): Record<string, Integration> => ({ ...lambdaIntegrations(cloud.lambda, ids), ...dynamoDbIntegrations(cloud.dynamodb, ids) });
    integrations = mockIntegrations(parseDefinition(definition), mocked, (resource) => matcher(direct())(resource));
  }
  const cloud: Cloud = await startConfiguredCloud(options.config, { clock, ids, ...(integrations !== undefined ? { integrations } : {}) });
  try {
    const { stateMachineArn } = await createMachine(cloud, name, definition.text, type);
    const executions: ExecutionRun[] = [];
    for (const [index, input] of options.inputs.entries()) {
      options.onStart?.(index, options.inputs.length);
      const wallStart = now();
      const { executionArn } = await cloud.stepFunctions.startExecution({ stateMachineArn, input: JSON.stringify(input) });
      const stopProgress = type === 'STANDARD' && options.onProgress !== undefined ? reportProgress(cloud, executionArn, options.onProgress, options.progressIntervalMs ?? 500) : () => {};
      const done = await cloud.stepFunctions.waitForExecution(executionArn).finally(stopProgress);
      const run: ExecutionRun = {
        name: done.name,
        executionArn,
        stateMachineArn,
        type,
        status: done.status as EndStatus,
        input,
        startedAt: done.startDate.getTime(),
        stoppedAt: (done.stopDate ?? new Date(clock.now())).getTime(),
        wallMs: now() - wallStart,
        history: type === 'STANDARD' ? await historyOf(cloud, executionArn) : [],
        ...(done.output !== undefined ? { output: JSON.parse(done.output) as Json } : {}),
        ...(done.error !== undefined ? { error: done.error } : {}),
        ...(done.cause !== undefined ? { cause: done.cause } : {}),
      };
      executions.push(run);
    }
    return { executions, lambda: cloud.lambda.costReport() };
  } finally {
    await cloud.close();
  }
}

async function createMachine(cloud: Cloud, name: string, definition: string, type: 'STANDARD' | 'EXPRESS'): Promise<{ stateMachineArn: string }> {
  // A config may already declare a machine of this name (e.g. for nested executions): run that one's sibling.
  const taken = new Set((await cloud.stepFunctions.listStateMachines({ maxResults: 1000 })).stateMachines.map((m) => m.name));
  let unique = name;
  for (let i = 2; taken.has(unique); i++) unique = `${name}-${i}`;
  return cloud.stepFunctions.createStateMachine({ name: unique, definition, type });
}

/** Polls the newest events on a real-time interval and reports the state the execution is in. */
function reportProgress(cloud: Cloud, executionArn: string, report: (state: string) => void, intervalMs: number): () => void {
  const timer = setInterval(() => {
    void cloud.stepFunctions.getExecutionHistory({ executionArn, reverseOrder: true, maxResults: 50 }).then(({ events }) => {
      const entered = events.find((e) => e.type.endsWith('StateEntered'));
      const details = entered?.['stateEnteredEventDetails'] as { name?: string } | undefined;
      if (entered !== undefined && details?.name !== undefined) report(`${details.name} (${entered.type.slice(0, -'StateEntered'.length)})`);
    });
  }, intervalMs);
  return () => clearInterval(timer);
}

/** Every event of a Standard execution (GetExecutionHistory, page after page). */
async function historyOf(cloud: Cloud, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await cloud.stepFunctions.getExecutionHistory({ executionArn, maxResults: 1000, ...(nextToken !== undefined ? { nextToken } : {}) });
    events.push(...page.events);
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return events;
}

/** The result object `--json` prints: DescribeExecution's fields, `input` and `output` as JSON values. */
export function describeRun(run: ExecutionRun, withHistory: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    executionArn: run.executionArn,
    stateMachineArn: run.stateMachineArn,
    name: run.name,
    status: run.status,
    startDate: new Date(run.startedAt).toISOString(),
    stopDate: new Date(run.stoppedAt).toISOString(),
    input: run.input,
  };
  if (run.output !== undefined) out['output'] = run.output;
  if (run.error !== undefined) out['error'] = run.error;
  if (run.cause !== undefined) out['cause'] = run.cause;
  if (withHistory) out['events'] = run.history;
  return out;
}
