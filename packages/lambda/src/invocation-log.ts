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

/** The facts of one finished invocation, ready for logs, events and cost. */
export interface InvocationSummary {
  readonly durationMs: number;
  readonly billedDurationMs: number;
  readonly maxMemoryUsedMb: number;
  readonly initDurationMs: number | undefined;
  /** The stream's new messages, in order, with timestamps. */
  readonly events: readonly (readonly [number, string])[];
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
  const { requestId } = facts;
  const events: (readonly [number, string])[] = [];
  const initFailed = result.init?.failed === true;
  if (result.init !== undefined) {
    events.push([facts.startedAt, initStartLine(facts.runtime, facts.region)]);
    events.push(...result.initLogs);
    if (initFailed) {
      const type = result.outcome.kind === 'error' ? result.outcome.reportErrorType : undefined;
      events.push([facts.startedAt, initReportLine(result.init.durationMs, 'error', type)]);
    }
  }
  events.push([facts.startedAt, startLine(requestId)]);
  events.push(...result.logs);
  if (result.timedOutAfterMs !== undefined) events.push([facts.endedAt, timeoutLine(facts.endedAt, requestId, result.timedOutAfterMs)]);
  events.push([facts.endedAt, endLine(requestId)]);
  const durationMs = result.durationMs;
  const billedDurationMs = billedDuration(durationMs, facts.timeoutMs);
  const maxMemoryUsedMb = Math.max(1, Math.ceil(result.maxMemoryUsedBytes / (1024 * 1024)));
  const initDurationMs = result.init !== undefined && !initFailed ? result.init.durationMs : undefined;
  const outcome = result.outcome;
  events.push([
    facts.endedAt,
    reportLine({
      requestId,
      durationMs,
      billedDurationMs,
      memorySizeMb: facts.memorySizeMb,
      maxMemoryUsedMb,
      initDurationMs,
      status: outcome.kind === 'error' ? outcome.status : undefined,
      errorType: outcome.kind === 'error' ? outcome.reportErrorType : undefined,
    }),
  ]);
  return { durationMs, billedDurationMs, maxMemoryUsedMb, initDurationMs, events };
}
