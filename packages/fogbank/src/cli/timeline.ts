import type { HistoryEvent, Json } from '@fogbank/asl';
import { causeLine, formatDuration, formatOffset, type Styles } from './format.js';
import { visitsOf, type Group, type Visit } from './visits.js';

/** What the timeline needs to know about one execution. */
export interface TimelineInput {
  readonly status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  readonly output?: Json;
  readonly error?: string;
  readonly cause?: string;
  readonly name: string;
  readonly stateMachineArn: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly startedAt: number;
  readonly stoppedAt: number;
  readonly history: readonly HistoryEvent[];
}

/**
 * The readable account of an execution: each state visit with its start offset and duration,
 * task attempts, retries with their back-off, errors (caught or not), Map iterations and Parallel
 * branches indented, then the outcome and the output.
 *
 * @example
 *   +0 ms      Charge  Task  2 s
 *                attempt 1 failed after 3 ms: Payments.Unavailable: the payment service is warming up
 *                retry 1 after 2 s
 *                attempt 2 succeeded after 4 ms
 */
export function formatTimeline(run: TimelineInput, s: Styles): string {
  const lines: string[] = [];
  lines.push(s.bold(`Execution ${run.name} of ${run.stateMachineArn.split(':').pop() ?? ''} (${run.type})`));
  if (run.type === 'EXPRESS') {
    lines.push(s.dim('  Express executions keep no history (as on AWS): run with --type standard to see each state.'));
  } else {
    const visits = visitsOf(run.history);
    for (const visit of visits) renderVisit(visit, run.startedAt, 1, s, lines);
  }
  const elapsed = formatDuration(run.stoppedAt - run.startedAt);
  const result = run;
  const status = result.status === 'SUCCEEDED' ? s.green(result.status) : s.red(result.status);
  lines.push(`${status} in ${elapsed}`);
  if (result.error !== undefined || result.cause !== undefined) {
    lines.push(`  ${s.red(result.error ?? '(no error name)')}${result.cause !== undefined ? `: ${result.cause}` : ''}`);
  }
  if (result.status === 'SUCCEEDED') lines.push(`output: ${JSON.stringify(result.output, null, 2)}`);
  return `${lines.join('\n')}\n`;
}

/** Width of the offset column. */
const WIDTH = 17;

function renderVisit(visit: Visit, start: number, depth: number, s: Styles, lines: string[]): void {
  const indent = '  '.repeat(depth);
  const offset = formatOffset(visit.enteredAt - start).padEnd(WIDTH);
  const duration = visit.exitedAt === undefined ? '' : `  ${s.dim(formatDuration(visit.exitedAt - visit.enteredAt))}`;
  const failedHere = visit.failed;
  const name = failedHere ? s.red(visit.name) : s.bold(visit.name);
  lines.push(`${s.dim(offset)}${indent}${name}  ${s.cyan(visit.type)}${duration}`);
  const detail = `${' '.repeat(WIDTH)}${indent}  `;
  visit.attempts.forEach((attempt, i) => {
    if (i > 0) {
      const previous = visit.attempts[i - 1]!;
      const backoff = attempt.scheduledAt - (previous.endedAt ?? previous.scheduledAt);
      lines.push(`${detail}${s.yellow(`retry ${i} after ${formatDuration(backoff)}`)}`);
    }
    if (attempt.outcome === undefined) return;
    const took = attempt.endedAt === undefined ? '' : ` after ${formatDuration(attempt.endedAt - attempt.scheduledAt)}`;
    if (attempt.outcome === 'succeeded') {
      if (visit.attempts.length > 1) lines.push(`${detail}attempt ${i + 1} succeeded${took}`);
      return;
    }
    const why = attempt.error === undefined ? '' : `: ${attempt.error}${attempt.cause !== undefined ? `: ${causeLine(attempt.cause)}` : ''}`;
    lines.push(`${detail}${s.red(`attempt ${i + 1} ${attempt.outcome}${took}${why}`)}`);
  });
  const lastAttempt = visit.attempts.at(-1);
  // A Catcher leaves the state through its Exited event; an uncaught error never exits it.
  if (!failedHere && visit.exitedAt !== undefined && lastAttempt !== undefined && lastAttempt.outcome !== 'succeeded' && lastAttempt.outcome !== undefined) {
    lines.push(`${detail}${s.yellow('error caught')}`);
  }
  // A failure already shown as the last attempt's is not repeated.
  const sameAsAttempt = lastAttempt !== undefined && lastAttempt.error === visit.error && lastAttempt.cause === visit.cause;
  if (failedHere && !sameAsAttempt) {
    const why = visit.error === undefined ? '' : `: ${visit.error}${visit.cause !== undefined ? `: ${causeLine(visit.cause)}` : ''}`;
    lines.push(`${detail}${s.red(`failed${why}`)}`);
  }
  for (const group of visit.groups) renderGroup(group, start, depth + 1, s, lines);
}

function renderGroup(group: Group, start: number, depth: number, s: Styles, lines: string[]): void {
  lines.push(`${' '.repeat(WIDTH)}${'  '.repeat(depth)}${s.dim(`[${group.label}]`)}`);
  for (const visit of group.visits) renderVisit(visit, start, depth + 1, s, lines);
}
