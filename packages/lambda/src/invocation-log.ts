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
  /**
   * The stream's new messages, in order, with timestamps. Formatted on first call (a log read or
   * `LogType: 'Tail'`), then kept: most invocations' lines are never read, and formatting them
   * eagerly made every invoke allocate (and the log store retain) three strings.
   */
  readonly events: () => readonly LogEntry[];
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
  const { requestId, runtime, region, memorySizeMb, startedAt, endedAt } = facts;
  const initFailed = result.init?.failed === true;
  const durationMs = result.durationMs;
  const billedDurationMs = billedDuration(durationMs, facts.timeoutMs);
  const maxMemoryUsedMb = Math.max(1, Math.ceil(result.maxMemoryUsedBytes / (1024 * 1024)));
  const initDurationMs = result.init !== undefined && !initFailed ? result.init.durationMs : undefined;
  // Only what the lines need is captured: never `result`, whose payload may be megabytes.
  const init = result.init;
  const initLogs = init !== undefined ? result.initLogs : undefined;
  const logs = result.logs;
  const timedOutAfterMs = result.timedOutAfterMs;
  const status = result.outcome.kind === 'error' ? result.outcome.status : undefined;
  const errorType = result.outcome.kind === 'error' ? result.outcome.reportErrorType : undefined;
  let events: LogEntry[] | undefined;
  const format = (): LogEntry[] => {
    const lines: LogEntry[] = [];
    if (init !== undefined) {
      lines.push([startedAt, initStartLine(runtime, region)]);
      if (initLogs !== undefined) lines.push(...initLogs);
      if (initFailed) lines.push([startedAt, initReportLine(init.durationMs, 'error', errorType)]);
    }
    lines.push([startedAt, startLine(requestId)]);
    lines.push(...logs);
    if (timedOutAfterMs !== undefined) lines.push([endedAt, timeoutLine(endedAt, requestId, timedOutAfterMs)]);
    lines.push([endedAt, endLine(requestId)]);
    lines.push([
      endedAt,
      reportLine({ requestId, durationMs, billedDurationMs, memorySizeMb, maxMemoryUsedMb, initDurationMs, status, errorType }),
    ]);
    return lines;
  };
  return { durationMs, billedDurationMs, maxMemoryUsedMb, initDurationMs, events: () => (events ??= format()) };
}
