import type { EnvironmentInvocation } from './environment.js';
import {
  billedDuration,
  endLine,
  initReportLine,
  initStartLine,
  reportLine,
  startLine,
  timeoutLine,
} from './log-lines.js';

type LogEntry = readonly [number, string];

/** The facts of one finished invocation, ready for logs, events and cost. */
export interface InvocationSummary {
  readonly durationMs: number;
  readonly billedDurationMs: number;
  readonly maxMemoryUsedMb: number;
  readonly initDurationMs: number | undefined;
  /** The stream's new messages, formatted when first read. */
  readonly log: InvocationLines;
}

/**
 * Lays out an invocation's log as Lambda writes it: on a cold start `INIT_START` and the Init
 * output (plus `INIT_REPORT` when Init failed), then `START`, the handler's lines, the timeout line
 * if it timed out, `END` and `REPORT`.
 */
export function summarizeInvocation(
  result: EnvironmentInvocation,
  facts: { requestId: string; runtime: string; region: string; memorySizeMb: number; timeoutMs: number; startedAt: number; endedAt: number },
): InvocationSummary {
  const durationMs = result.durationMs;
  const billedDurationMs = billedDuration(durationMs, facts.timeoutMs);
  const maxMemoryUsedMb = Math.max(1, Math.ceil(result.maxMemoryUsedBytes / (1024 * 1024)));
  const initDurationMs = result.init !== undefined && !result.init.failed ? result.init.durationMs : undefined;
  const log = new InvocationLines(result, facts, billedDurationMs, maxMemoryUsedMb, initDurationMs);
  return { durationMs, billedDurationMs, maxMemoryUsedMb, initDurationMs, log };
}

/**
 * One invocation's lines, kept as the few facts they are made of and formatted on first read (a
 * log read or `LogType: 'Tail'`): most invocations' lines are never read, and formatting them
 * eagerly made every invoke allocate, and the log store retain, three strings and their arrays.
 * Never holds the invocation's payload.
 */
export class InvocationLines {
  readonly #requestId: string;
  readonly #runtime: string;
  readonly #region: string;
  readonly #memorySizeMb: number;
  readonly #startedAt: number;
  readonly #endedAt: number;
  readonly #durationMs: number;
  readonly #billedDurationMs: number;
  readonly #maxMemoryUsedMb: number;
  readonly #initDurationMs: number | undefined;
  /** Init's duration and output, on a cold start. */
  readonly #init: { readonly durationMs: number; readonly failed: boolean; readonly logs: readonly LogEntry[] } | undefined;
  readonly #logs: readonly LogEntry[];
  readonly #timedOutAfterMs: number | undefined;
  readonly #status: 'timeout' | 'error' | undefined;
  readonly #errorType: string | undefined;
  #events: readonly LogEntry[] | undefined;

  constructor(
    result: EnvironmentInvocation,
    facts: { requestId: string; runtime: string; region: string; memorySizeMb: number; startedAt: number; endedAt: number },
    billedDurationMs: number,
    maxMemoryUsedMb: number,
    initDurationMs: number | undefined,
  ) {
    this.#requestId = facts.requestId;
    this.#runtime = facts.runtime;
    this.#region = facts.region;
    this.#memorySizeMb = facts.memorySizeMb;
    this.#startedAt = facts.startedAt;
    this.#endedAt = facts.endedAt;
    this.#durationMs = result.durationMs;
    this.#billedDurationMs = billedDurationMs;
    this.#maxMemoryUsedMb = maxMemoryUsedMb;
    this.#initDurationMs = initDurationMs;
    this.#init = result.init !== undefined ? { ...result.init, logs: result.initLogs } : undefined;
    this.#logs = result.logs;
    this.#timedOutAfterMs = result.timedOutAfterMs;
    const outcome = result.outcome;
    this.#status = outcome.kind === 'error' ? outcome.status : undefined;
    this.#errorType = outcome.kind === 'error' ? outcome.reportErrorType : undefined;
  }

  /** `[timestamp, message]` pairs, in order. */
  events(): readonly LogEntry[] {
    return (this.#events ??= this.#format());
  }

  #format(): LogEntry[] {
    const requestId = this.#requestId;
    const startedAt = this.#startedAt;
    const endedAt = this.#endedAt;
    const init = this.#init;
    const lines: LogEntry[] = [];
    if (init !== undefined) {
      lines.push([startedAt, initStartLine(this.#runtime, this.#region)]);
      lines.push(...init.logs);
      if (init.failed) lines.push([startedAt, initReportLine(init.durationMs, 'error', this.#errorType)]);
    }
    lines.push([startedAt, startLine(requestId)]);
    lines.push(...this.#logs);
    if (this.#timedOutAfterMs !== undefined) lines.push([endedAt, timeoutLine(endedAt, requestId, this.#timedOutAfterMs)]);
    lines.push([endedAt, endLine(requestId)]);
    lines.push([
      endedAt,
      reportLine({
        requestId,
        durationMs: this.#durationMs,
        billedDurationMs: this.#billedDurationMs,
        memorySizeMb: this.#memorySizeMb,
        maxMemoryUsedMb: this.#maxMemoryUsedMb,
        initDurationMs: this.#initDurationMs,
        status: this.#status,
        errorType: this.#errorType,
      }),
    ]);
    return lines;
  }
}
