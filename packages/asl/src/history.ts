import type { Clock } from './clock.js';
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

/**
 * The event log of one execution. Every execution numbers its events (a `States.Runtime` cause
 * names the event id a state was entered at, in Express too); only Standard ones keep them.
 */
export class History {
  readonly events: HistoryEvent[] = [];
  private lastId = 0;
  private limitReached = false;

  constructor(
    private readonly clock: Clock,
    /** Whether events are kept (Standard) or only counted (Express). */
    readonly recording: boolean,
    private readonly limit = MAX_HISTORY_EVENTS,
  ) {}

  get last(): number {
    return this.lastId;
  }

  /**
   * Appends an event and returns its id. Past the cap, the first non-final event throws AWS's
   * `States.Runtime` (which nothing catches); later ones are dropped until the execution's own
   * final event, which always lands as the last id.
   */
  emit(type: HistoryEventType, previousEventId: number, details?: EventDetails, final = false): number {
    if (this.recording && !final && this.lastId >= this.limit - 1) {
      if (this.limitReached) return this.lastId;
      this.limitReached = true;
      throw new StatesError(
        StatesErrorName.Runtime,
        `The execution reached the maximum number of history events (${this.limit}).`,
      );
    }
    const id = ++this.lastId;
    if (this.recording) {
      const event: Record<string, unknown> = { timestamp: new Date(this.clock.now()), type, id, previousEventId };
      if (details !== undefined) event[detailsKey(type)] = details;
      this.events.push(event as unknown as HistoryEvent);
    }
    return id;
  }
}

/** AWS's `{ input, inputDetails }` pair. */
export function payloadDetails(field: 'input' | 'output', json: string): EventDetails {
  return field === 'input' ? { input: json, inputDetails: { truncated: false } } : { output: json, outputDetails: { truncated: false } };
}

/** Serialises a value for a history event (undefined never reaches here: the engine turns it into null). */
export function toJsonText(value: Json): string {
  return JSON.stringify(value);
}
