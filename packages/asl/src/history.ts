import { realClock, type Clock } from './clock.js';
import { StatesError, StatesErrorName } from './errors.js';
import type { Json } from './json.js';

/** AWS's 62 history event types (GetExecutionHistory). */
export type HistoryEventType =
  | 'ActivityFailed' | 'ActivityScheduled' | 'ActivityScheduleFailed' | 'ActivityStarted' | 'ActivitySucceeded' | 'ActivityTimedOut'
  | 'ChoiceStateEntered' | 'ChoiceStateExited'
  | 'ExecutionAborted' | 'ExecutionFailed' | 'ExecutionStarted' | 'ExecutionSucceeded' | 'ExecutionTimedOut' | 'ExecutionRedriven'
  | 'FailStateEntered'
  | 'LambdaFunctionFailed' | 'LambdaFunctionScheduled' | 'LambdaFunctionScheduleFailed' | 'LambdaFunctionStarted'
  | 'LambdaFunctionStartFailed' | 'LambdaFunctionSucceeded' | 'LambdaFunctionTimedOut'
  | 'MapIterationAborted' | 'MapIterationFailed' | 'MapIterationStarted' | 'MapIterationSucceeded'
  | 'MapStateAborted' | 'MapStateEntered' | 'MapStateExited' | 'MapStateFailed' | 'MapStateStarted' | 'MapStateSucceeded'
  | 'MapRunAborted' | 'MapRunFailed' | 'MapRunStarted' | 'MapRunSucceeded' | 'MapRunRedriven'
  | 'ParallelStateAborted' | 'ParallelStateEntered' | 'ParallelStateExited' | 'ParallelStateFailed'
  | 'ParallelStateStarted' | 'ParallelStateSucceeded'
  | 'PassStateEntered' | 'PassStateExited'
  | 'SucceedStateEntered' | 'SucceedStateExited'
  | 'TaskFailed' | 'TaskScheduled' | 'TaskStarted' | 'TaskStartFailed' | 'TaskStateAborted' | 'TaskStateEntered'
  | 'TaskStateExited' | 'TaskSubmitFailed' | 'TaskSubmitted' | 'TaskSucceeded' | 'TaskTimedOut'
  | 'WaitStateAborted' | 'WaitStateEntered' | 'WaitStateExited'
  | 'EvaluationFailed';

/** Details of one event, as the SDK shapes them; payloads (`input`, `output`, ...) are JSON strings. */
export type EventDetails = Record<string, unknown>;
/** Details as given to `emit`: the object, or a function making it when the history is read. */
export type LazyEventDetails = EventDetails | (() => EventDetails);

/**
 * One event of `GetExecutionHistory`: `{ timestamp, type, id, previousEventId, <x>EventDetails }`.
 * The details key follows AWS: `stateEnteredEventDetails` for every `*StateEntered`,
 * `stateExitedEventDetails` for every `*StateExited`, otherwise `<camelType>EventDetails`.
 */
export interface HistoryEvent {
  readonly timestamp: Date;
  readonly type: HistoryEventType;
  readonly id: number;
  readonly previousEventId: number;
  readonly [detailsKey: `${string}EventDetails`]: EventDetails | undefined;
}

/** AWS's cap on events per Standard execution. */
export const MAX_HISTORY_EVENTS = 25_000;

const detailsKeys = new Map<HistoryEventType, string>();
function detailsKey(type: HistoryEventType): string {
  let key = detailsKeys.get(type);
  if (key === undefined) {
    if (type.endsWith('StateEntered')) key = 'stateEnteredEventDetails';
    else if (type.endsWith('StateExited')) key = 'stateExitedEventDetails';
    else key = `${type[0]!.toLowerCase()}${type.slice(1)}EventDetails`;
    detailsKeys.set(type, key);
  }
  return key;
}

const NOT_TRUNCATED = Object.freeze({ truncated: false });

/**
 * On the real clock, how many event timestamps one reading serves within one synchronous stretch
 * of the engine. A reading costs about 60 ns here, as much as running a Pass state; a stretch
 * never waits on time, so it lags real time only by the work of up to this many events.
 */
const EVENTS_PER_READING = 16;

/**
 * The event log of one execution. Every execution numbers its events (a `States.Runtime` cause
 * names the event id a state was entered at, in Express too); only Standard ones keep them.
 *
 * Events are kept flat and shaped as AWS's event objects only when read, so a Standard run
 * allocates nothing per event while it runs.
 */
export class History {
  /**
   * Flat arrays of 32, 64, 128, 256, then 512 events each (`chunkEvents`), `STRIDE` slots an event:
   * type, previousEventId, time (from the first event), a state event's name or another event's
   * details, a state event's payload value (serialised when read). Assigned variables, rare, are
   * kept apart (`assigned`).
   */
  private readonly chunks: unknown[][] = [];
  private chunk: unknown[] = NO_CHUNK;
  private at = 0;
  private count = 0;
  /** The first event's time: events keep theirs as an offset from it. */
  private epoch = 0;
  /** The variables a state's Exited event assigned, by event index (few events assign any). */
  private assigned: Map<number, Record<string, string>> | null = null;
  private readonly shaped: HistoryEvent[] = [];
  private lastId = 0;
  private limitReached = false;
  // The shared reading of the real clock (see `now`).
  private reading = 0;
  private readingUses = EVENTS_PER_READING;
  private expireReading: (() => void) | null = null;
  private readonly sharesReadings: boolean;

  constructor(
    private readonly clock: Clock,
    /** Whether events are kept (Standard) or only counted (Express). */
    readonly recording: boolean,
    private readonly limit = MAX_HISTORY_EVENTS,
  ) {
    this.sharesReadings = clock === realClock;
  }

  /**
   * The instant for an event's timestamp (and `$$.State.EnteredTime`). Any other clock is read
   * every time. The real clock's reading serves up to {@link EVENTS_PER_READING} events of one
   * synchronous stretch: it expires at the stretch's end (a microtask), so time spent awaiting
   * (a Task, a Wait, a timer) is always read anew.
   */
  now(): number {
    if (this.readingUses < EVENTS_PER_READING) {
      this.readingUses++;
      return this.reading;
    }
    if (!this.sharesReadings) return this.clock.now();
    this.reading = this.clock.now();
    this.readingUses = 1;
    queueMicrotask((this.expireReading ??= () => (this.readingUses = EVENTS_PER_READING)));
    return this.reading;
  }

  get last(): number {
    return this.lastId;
  }

  /** The events so far, in AWS's shape (shaped on first read, then kept). */
  get events(): readonly HistoryEvent[] {
    for (let i = this.shaped.length; i < this.count; i++) this.shaped.push(this.shape(i));
    return this.shaped;
  }

  /**
   * Appends an event and returns its id. Past the cap, the first non-final event throws AWS's
   * `States.Runtime` (which nothing catches); later ones are dropped until the execution's own
   * final event, which always lands as the last id.
   */
  emit(type: HistoryEventType, previousEventId: number, details?: LazyEventDetails, final = false): number {
    if (this.recording && !this.admit(final)) return this.lastId;
    const id = ++this.lastId;
    if (this.recording) this.append(type, previousEventId, this.now(), details, undefined);
    return id;
  }

  /**
   * A `*StateEntered` / `*StateExited` event: `{ name, input|output, ...Details, assignedVariables? }`.
   * The payload is kept as a value, serialised only when the history is read: the engine never
   * mutates a value once produced. `time` is the event's instant (epoch ms).
   */
  emitState(type: HistoryEventType, previousEventId: number, name: string, value: Json, time: number, assigned?: Record<string, string>): number {
    if (this.recording && !this.admit(false)) return this.lastId;
    const id = ++this.lastId;
    if (this.recording) {
      if (assigned !== undefined) (this.assigned ??= new Map()).set(this.count, assigned);
      this.append(type, previousEventId, time, name, value);
    }
    return id;
  }

  // Chunks never move once made: a long run never copies its log to grow it. `about` is a state
  // event's name (a string) or another event's details (an object, a function or undefined).
  private append(type: HistoryEventType, prev: number, time: number, about: unknown, value: unknown): void {
    let chunk = this.chunk;
    let at = this.at;
    if (this.count === 0) this.epoch = time;
    if (at === chunk.length) {
      chunk = this.chunk = new Array<unknown>(STRIDE * chunkEvents(this.chunks.length));
      this.chunks.push(chunk);
      at = 0;
    }
    chunk[at] = type;
    chunk[at + 1] = prev;
    // Kept as milliseconds since the first event: a small integer is stored unboxed, an epoch time
    // would be a heap number per event.
    chunk[at + 2] = time - this.epoch;
    chunk[at + 3] = about;
    chunk[at + 4] = value;
    this.at = at + STRIDE;
    this.count++;
  }

  private admit(final: boolean): boolean {
    if (final || this.lastId < this.limit - 1) return true;
    if (this.limitReached) return false;
    this.limitReached = true;
    throw new StatesError(StatesErrorName.Runtime, `The execution reached the maximum number of history events (${this.limit}).`);
  }

  private shape(index: number): HistoryEvent {
    let chunkIndex = 0;
    let first = 0;
    while (index >= first + chunkEvents(chunkIndex)) first += chunkEvents(chunkIndex++);
    const log = this.chunks[chunkIndex]!;
    const at = (index - first) * STRIDE;
    const type = log[at] as HistoryEventType;
    const event: Record<string, unknown> = {
      timestamp: new Date(this.epoch + (log[at + 2] as number)),
      type,
      id: index + 1,
      previousEventId: log[at + 1] as number,
    };
    const about = log[at + 3];
    if (typeof about === 'string') {
      const json = JSON.stringify(log[at + 4]);
      log[at + 4] = undefined;
      const details: EventDetails = type.endsWith('StateEntered')
        ? { name: about, input: json, inputDetails: NOT_TRUNCATED }
        : { name: about, output: json, outputDetails: NOT_TRUNCATED };
      const assigned = this.assigned?.get(index);
      if (assigned !== undefined) {
        details['assignedVariables'] = assigned;
        details['assignedVariablesDetails'] = NOT_TRUNCATED;
      }
      event[detailsKey(type)] = details;
    } else if (about !== undefined) {
      const details = about as LazyEventDetails;
      event[detailsKey(type)] = typeof details === 'function' ? details() : details;
    }
    return event as unknown as HistoryEvent;
  }
}

const STRIDE = 5;

/** Events in the `n`th chunk: small at first, since most executions record a few dozen events. */
function chunkEvents(n: number): number {
  return n < 4 ? 32 << n : 512;
}
const NO_CHUNK: unknown[] = [];

/** AWS's `{ input, inputDetails }` pair. */
export function payloadDetails(field: 'input' | 'output', json: string): EventDetails {
  return field === 'input' ? { input: json, inputDetails: NOT_TRUNCATED } : { output: json, outputDetails: NOT_TRUNCATED };
}
