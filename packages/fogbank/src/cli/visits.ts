import type { HistoryEvent } from '@fogbank/asl';

/** One task attempt inside a state visit (a Lambda call, a service call, an activity). */
export interface Attempt {
  readonly scheduledAt: number;
  endedAt: number | undefined;
  outcome: 'succeeded' | 'failed' | 'timed out' | undefined;
  error: string | undefined;
  cause: string | undefined;
}

/** One visit of a state, rebuilt from its events, with what ran inside it. */
export interface Visit {
  readonly kind: 'state';
  readonly name: string;
  /** Pass, Task, Map, ... (from the event type). */
  readonly type: string;
  readonly enteredAt: number;
  exitedAt: number | undefined;
  readonly attempts: Attempt[];
  /** Map iterations and Parallel branches, in the order they started. */
  readonly groups: Group[];
  /** An error ended the state without a Catch (it failed its iteration, branch or execution). */
  failed: boolean;
  /** That error, when the history names it (a Fail state's failure is named only by the execution's). */
  error: string | undefined;
  cause: string | undefined;
}

/** A Map iteration or a Parallel branch: the visits inside it. */
export interface Group {
  readonly kind: 'group';
  readonly label: string;
  readonly visits: Visit[];
}

interface Frame {
  readonly visits: Visit[];
  readonly current: Visit | undefined;
  readonly up: Frame | undefined;
}

/**
 * Rebuilds state visits from an AWS history. Each event's `previousEventId` names the event before
 * it on the same thread, so following it places every event in its Map iteration or Parallel
 * branch even when iterations interleave.
 */
export function visitsOf(events: readonly HistoryEvent[]): Visit[] {
  const root: Visit[] = [];
  const frames = new Map<number, Frame>();
  frames.set(0, { visits: root, current: undefined, up: undefined });
  const byId = new Map<number, HistoryEvent>();
  for (const event of events) {
    byId.set(event.id, event);
    const time = event.timestamp.getTime();
    const before = frames.get(event.previousEventId) ?? frames.get(0)!;
    const details = detailsOf(event);
    let frame = before;
    const type = event.type;
    if (type.endsWith('StateEntered')) {
      const visit: Visit = {
        kind: 'state',
        name: String(details['name'] ?? '?'),
        type: type.slice(0, -'StateEntered'.length),
        enteredAt: time,
        exitedAt: undefined,
        attempts: [],
        groups: [],
        failed: false,
        error: undefined,
        cause: undefined,
      };
      const prevType = byId.get(event.previousEventId)?.type;
      if (prevType === 'ParallelStateStarted' && before.current !== undefined) {
        // A branch's first state follows ParallelStateStarted directly.
        const group: Group = { kind: 'group', label: `branch ${before.current.groups.length}`, visits: [visit] };
        before.current.groups.push(group);
        frame = { visits: group.visits, current: visit, up: before };
      } else {
        before.visits.push(visit);
        frame = { visits: before.visits, current: visit, up: before.up };
      }
    } else if (type.endsWith('StateExited')) {
      // A Map's or Parallel's exit follows the last event of its iterations or branches.
      const container = type === 'MapStateExited' ? 'Map' : type === 'ParallelStateExited' ? 'Parallel' : undefined;
      const owner = container === undefined ? before : containerFrame(before, container);
      if (owner.current !== undefined) owner.current.exitedAt = time;
      // The visit is over: an enclosing Map or Parallel must not mistake it for itself.
      frame = { visits: owner.visits, current: undefined, up: owner.up };
    } else if (type === 'MapIterationStarted' && before.current !== undefined) {
      const group: Group = { kind: 'group', label: `iteration ${String(details['index'] ?? before.current.groups.length)}`, visits: [] };
      before.current.groups.push(group);
      frame = { visits: group.visits, current: undefined, up: before };
    } else if (type === 'MapIterationSucceeded' || type === 'MapIterationFailed' || type === 'MapIterationAborted') {
      // The state that ended a failed iteration (a Fail state, an uncaught task error) failed.
      if (type === 'MapIterationFailed' && before.current !== undefined && before.current.exitedAt === undefined) setError(before.current, details, time);
      frame = containerFrame(before, 'Map');
    } else if (/^(Map|Parallel)State(Succeeded|Failed|Aborted)$/.test(type)) {
      if (type === 'ParallelStateFailed' && before.current !== undefined && before.current.exitedAt === undefined) setError(before.current, details, time);
      frame = containerFrame(before, type.startsWith('Map') ? 'Map' : 'Parallel');
      if (type.endsWith('Failed') && frame.current !== undefined) setError(frame.current, details, time);
    } else if (/(Scheduled)$/.test(type) && before.current !== undefined) {
      before.current.attempts.push({ scheduledAt: time, endedAt: undefined, outcome: undefined, error: undefined, cause: undefined });
    } else if (/(Succeeded|Failed|TimedOut|StartFailed|SubmitFailed|ScheduleFailed)$/.test(type) && !type.startsWith('Execution') && before.current !== undefined) {
      const attempt = before.current.attempts.at(-1);
      if (attempt !== undefined && attempt.outcome === undefined) {
        attempt.endedAt = time;
        attempt.outcome = type.endsWith('Succeeded') ? 'succeeded' : type.endsWith('TimedOut') ? 'timed out' : 'failed';
        attempt.error = stringOf(details['error']);
        attempt.cause = stringOf(details['cause']);
      }
    } else if ((type === 'ExecutionFailed' || type === 'ExecutionTimedOut') && before.current !== undefined && !before.current.failed) {
      setError(before.current, details, time);
    }
    frames.set(event.id, frame);
  }
  return root;
}

/** Leaves iterations and branches until the frame of the enclosing Map or Parallel state. */
function containerFrame(frame: Frame, type: 'Map' | 'Parallel'): Frame {
  let f: Frame | undefined = frame;
  while (f !== undefined && f.current?.type !== type) f = f.up;
  return f ?? frame;
}

/** Marks a visit as the one that failed; without an error name in the event, the last attempt's. */
function setError(visit: Visit, details: Record<string, unknown>, time: number): void {
  const last = visit.attempts.at(-1);
  visit.failed = true;
  visit.error = stringOf(details['error']) ?? visit.error ?? last?.error;
  visit.cause = stringOf(details['cause']) ?? visit.cause ?? last?.cause;
  visit.exitedAt ??= time;
}

/** The `...EventDetails` object of an event (`{}` when it has none). */
export function detailsOf(event: HistoryEvent): Record<string, unknown> {
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && typeof value === 'object' && value !== null) return value as Record<string, unknown>;
  }
  return {};
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
