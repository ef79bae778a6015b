import { StatesError } from '../errors.js';
import type { EventDetails, HistoryEventType } from '../history.js';
import type { Json, JsonObject } from '../json.js';
import { runChoice } from '../states/choice.js';
import { runFail } from '../states/fail.js';
import { runMap } from '../states/map.js';
import { runParallel } from '../states/parallel.js';
import { runPass } from '../states/pass.js';
import { runSucceed } from '../states/succeed.js';
import { runTask } from '../states/task.js';
import { runWait } from '../states/wait.js';
import { dataLimitError, jsonByteLength, MAX_PAYLOAD_BYTES, quotaBound } from './limits.js';
import { errorMatches } from './retry.js';
import { envFor, Interrupt, type Frame, type Visit } from './runtime.js';
import { assignOf, bindings } from './jsonata-fields.js';
import { runsSynchronously } from './compile.js';
import type { CompiledCatcher, CompiledMachine, CompiledState } from './types.js';
import { measureAssignment, storeAssignment, type MeasuredAssignment } from './variables.js';

const ENTERED: Record<CompiledState['type'], HistoryEventType> = {
  Pass: 'PassStateEntered',
  Choice: 'ChoiceStateEntered',
  Wait: 'WaitStateEntered',
  Succeed: 'SucceedStateEntered',
  Fail: 'FailStateEntered',
  Task: 'TaskStateEntered',
  Parallel: 'ParallelStateEntered',
  Map: 'MapStateEntered',
};
const EXITED: Record<CompiledState['type'], HistoryEventType> = {
  Pass: 'PassStateExited',
  Choice: 'ChoiceStateExited',
  Wait: 'WaitStateExited',
  Succeed: 'SucceedStateExited',
  Fail: 'FailStateEntered', // a Fail state never exits
  Task: 'TaskStateExited',
  Parallel: 'ParallelStateExited',
  Map: 'MapStateExited',
};
const ABORTED: Partial<Record<CompiledState['type'], HistoryEventType>> = {
  Task: 'TaskStateAborted',
  Wait: 'WaitStateAborted',
  Parallel: 'ParallelStateAborted',
  Map: 'MapStateAborted',
};

/** How many states run back to back without awaiting before the loop yields to the event loop. */
const SYNC_SLICE = 10_000;

/**
 * Runs states from `machine.startAt` until one ends the run, and returns the last output.
 * Pass, Choice, Succeed and Fail run without awaiting anything; only Task, Wait, Parallel and
 * Map await. Errors are `StatesError` data: Retry runs inside the state, Catch here; an error
 * no catcher takes leaves this function with `frame.thread.prev` at the event that failed.
 *
 * JSONPath Pass, Choice and Succeed states at the start run in a plain loop: a Map iteration or
 * branch made of them only returns a value, with no async frame of its own. Failures still come
 * back as a rejected promise, so callers see them when they would from an async function.
 *
 * `nested` is true for Parallel branches and Map iterations, where an uncaught Task failure
 * records `TaskStateAborted` as AWS does.
 */
export function runMachine(frame: Frame, machine: CompiledMachine, input: Json, nested: boolean): Json | Promise<Json> {
  let state: CompiledState = machine.startAt;
  let raw = input;
  // An upper bound of the size of `raw`'s JSON (Infinity while unknown), so a state that passes its
  // input on, or adds a known amount to it, needs no measuring.
  let rawBound = Infinity;
  let synchronous = 0;
  while (synchronous < SYNC_SLICE && runsSynchronously(state)) {
    if (frame.cancellation.reason !== null) return Promise.reject(frame.cancellation.reason);
    const visit = enter(frame, state, raw);
    let output: Json;
    let assignment: MeasuredAssignment | null;
    try {
      output = runState(frame, visit, raw) as Json;
      rawBound = checkOutput(state, raw, rawBound, output, visit.outputBound);
      assignment = visit.assigned === null ? null : measureAssignment(state.name, visit.assigned, frame.scope);
    } catch (caught) {
      // These states have no Catch: an error leaves the machine, decorated as the async loop does.
      return Promise.reject(caught instanceof StatesError ? decorate(caught, visit) : caught);
    }
    exit(frame, state, output, assignment, visit.enteredTime);
    synchronous++;
    if (visit.next === null) {
      frame.thread.outputBound = rawBound;
      return output;
    }
    state = visit.next;
    raw = output;
  }
  return runFrom(frame, state, raw, rawBound, nested, synchronous);
}

/** The loop for every state, from `first` on. */
async function runFrom(frame: Frame, first: CompiledState, input: Json, inputBound: number, nested: boolean, alreadySynchronous: number): Promise<Json> {
  const { rt, thread } = frame;
  const history = rt.history;
  let state = first;
  let raw = input;
  let rawBound = inputBound;
  let synchronous = alreadySynchronous;
  for (;;) {
    // A stopped execution or an aborted branch enters no further state.
    if (frame.cancellation.reason !== null) throw frame.cancellation.reason;
    const enteredPrev = thread.prev;
    const visit = enter(frame, state, raw);
    const enteredEventId = visit.enteredEventId;
    let output: Json;
    let assignment: MeasuredAssignment | null = null;
    // A Pass, Choice or Succeed that ran without awaiting exits at the time it entered.
    let exitTime = runsSynchronously(state) ? visit.enteredTime : Number.NaN;
    try {
      const ran = runState(frame, visit, raw);
      if (ran instanceof Promise) {
        exitTime = Number.NaN;
        output = await ran;
        synchronous = 0;
        // Stopped or aborted while the state awaited (a JSONata evaluation, say): it records no exit.
        if (frame.cancellation.reason !== null) throw frame.cancellation.reason;
      } else {
        output = ran;
        // A loop of Pass and Choice states never awaits: hand the event loop back now and then so
        // timers (the execution timeout), stop() and other executions get their turn.
        if (++synchronous >= SYNC_SLICE) {
          synchronous = 0;
          exitTime = Number.NaN;
          // Still working: a virtual clock must not jump ahead while the loop steps aside.
          const endBusy = rt.clock.busy();
          await new Promise<void>((resolve) => setImmediate(resolve));
          endBusy();
          if (frame.cancellation.reason !== null) throw frame.cancellation.reason;
        }
      }
      rawBound = checkOutput(state, raw, rawBound, output, visit.outputBound);
      // Inside the try: a state whose variables break a quota fails, and its catchers see it.
      if (visit.assigned !== null) assignment = measureAssignment(state.name, visit.assigned, frame.scope);
    } catch (caught) {
      // An error that surfaces after the branch was aborted is not this state's to handle.
      const thrown = frame.cancellation.reason ?? caught;
      if (thrown instanceof Interrupt) {
        abort(frame, state, thrown);
        throw thrown;
      }
      if (!(thrown instanceof StatesError)) throw thrown;
      const error = decorate(thrown, visit);
      if (state.jsonata !== null && thrown.decorate) evaluationFailed(frame, state, error, state.type === 'Wait' ? enteredEventId : enteredPrev);
      const index = 'catch' in state ? state.catch.findIndex((c) => errorMatches(c.errorEquals, error.error)) : -1;
      if (index < 0) {
        if (nested && state.type === 'Task') history.emit('TaskStateAborted', thread.prev);
        throw error;
      }
      const catcher = (state as { catch: readonly CompiledCatcher[] }).catch[index]!;
      const errorOutput = errorOutputOf(error);
      const env = envFor(frame, visit);
      const fields = state.jsonata?.catchers[index];
      if (fields !== undefined) {
        const b = bindings(frame, env, raw, { errorOutput });
        visit.assigned = await assignOf(fields.assign, b);
        output = fields.output === null ? errorOutput : await fields.output.evaluate(b);
      } else {
        visit.assigned = catcher.assign === null ? null : (catcher.assign(errorOutput, env) as JsonObject);
        output = catcher.resultPath(raw, errorOutput);
      }
      // A catcher's output goes unmeasured: the next state starts from an unknown size.
      rawBound = Infinity;
      exitTime = Number.NaN;
      visit.next = catcher.next;
      assignment = visit.assigned === null ? null : measureAssignment(state.name, visit.assigned, frame.scope);
    }
    exit(frame, state, output, assignment, exitTime);
    if (visit.next === null) {
      thread.outputBound = rawBound;
      return output;
    }
    state = visit.next;
    raw = output;
  }
}

/** Records the state's Entered event and opens its visit. */
function enter(frame: Frame, state: CompiledState, raw: Json): Visit {
  const { rt, thread } = frame;
  // Read by the Entered event and `$$.State.EnteredTime` only: an Express state that never builds
  // its context skips the clock (NaN: not read).
  const enteredTime = rt.recording || state.readsEnteredTime ? rt.history.now() : Number.NaN;
  const enteredEventId = rt.history.emitState(ENTERED[state.type], thread.prev, state.name, raw, enteredTime);
  thread.prev = enteredEventId;
  return { state, enteredEventId, enteredTime, retryCount: 0, next: state.next, assigned: null, outputBound: Infinity };
}

/**
 * Checks a state's output against the payload quota and returns an upper bound of its JSON's size.
 * The output is measured only when neither the state (`known`: a Map or Parallel that added up its
 * children's) nor the input's bound settles it: a bounded walk first, the exact size when the walk
 * gives up.
 */
function checkOutput(state: CompiledState, raw: Json, rawBound: number, output: Json, known: number): number {
  if (known <= MAX_PAYLOAD_BYTES) return known;
  if (output === raw && rawBound <= MAX_PAYLOAD_BYTES) return rawBound;
  if (state.type === 'Pass' && state.outputGrowth !== null && rawBound + state.outputGrowth <= MAX_PAYLOAD_BYTES) return rawBound + state.outputGrowth;
  const bound = quotaBound(output);
  if (bound <= MAX_PAYLOAD_BYTES) return bound;
  const bytes = jsonByteLength(output, MAX_PAYLOAD_BYTES);
  if (bytes > MAX_PAYLOAD_BYTES) throw dataLimitError(state.name);
  return bytes;
}

/**
 * Applies the state's variables and records its Exited event (a Fail state has none), at `time`
 * when the state took none (NaN: read the clock). One clock read per Pass or Choice instead of
 * two: on the real clock, reading it cost as much as running the state.
 */
function exit(frame: Frame, state: CompiledState, output: Json, assignment: MeasuredAssignment | null, time: number): void {
  const { rt, thread } = frame;
  if (assignment !== null) storeAssignment(frame.scope, assignment);
  if (state.type === 'Fail') return;
  const at = rt.recording && Number.isNaN(time) ? rt.history.now() : time;
  thread.prev = rt.history.emitState(EXITED[state.type], thread.prev, state.name, output, at, assignment === null || !rt.recording ? undefined : assignment.texts);
}

function runState(frame: Frame, visit: Visit, raw: Json): Json | Promise<Json> {
  const state = visit.state;
  switch (state.type) {
    case 'Pass':
      return runPass(frame, visit, state, raw);
    case 'Choice':
      return runChoice(frame, visit, state, raw);
    case 'Wait':
      return runWait(frame, visit, state, raw);
    case 'Succeed':
      return runSucceed(frame, visit, state, raw);
    case 'Fail':
      return runFail(frame, visit, state, raw);
    case 'Task':
      return runTask(frame, visit, state, raw);
    case 'Parallel':
      return runParallel(frame, visit, state, raw);
    case 'Map':
      return runMap(frame, visit, state, raw);
    default:
      return state satisfies never;
  }
}

/**
 * What a catcher receives. A missing cause (States.Timeout has none) reads as "" (recorded); a task
 * failed with no error name (SendTaskFailure without `error`) gives `{"Error": null, "Cause": null}`.
 */
export function errorOutputOf(error: StatesError): JsonObject {
  if (error.error === '') return { Error: null, Cause: error.cause ?? null };
  return { Error: error.error, Cause: error.cause ?? '' };
}

/** AWS's prefix on path and parameter failures: where the state was entered. */
function decorate(error: StatesError, visit: Visit): StatesError {
  if (!error.decorate) return error;
  return new StatesError(
    error.error,
    `An error occurred while executing the state '${visit.state.name}' (entered at the event id #${visit.enteredEventId}). ${error.cause ?? ''}`,
  );
}

const FIELD = /specified for the field '([^']*)'/;

/**
 * A JSONata state whose expression failed records `EvaluationFailed` (with the field as
 * `location` where the cause names one); a Map records `MapStateFailed` after it.
 */
function evaluationFailed(frame: Frame, state: CompiledState, error: StatesError, prev: number): void {
  const { rt, thread } = frame;
  const details: EventDetails = { error: error.error };
  if (error.cause !== undefined) details['cause'] = error.cause;
  const location = FIELD.exec(error.cause ?? '')?.[1] ?? (error.cause?.includes('The Timestamp field') ? 'Timestamp' : undefined);
  if (location !== undefined) details['location'] = location;
  details['state'] = state.name;
  thread.prev = rt.history.emit('EvaluationFailed', prev, rt.recording ? details : undefined);
  if (state.type === 'Map') thread.prev = rt.history.emit('MapStateFailed', thread.prev);
}

/** A sibling branch failed: the state in flight records `<Type>StateAborted`. */
function abort(frame: Frame, state: CompiledState, interrupt: Interrupt): void {
  if (interrupt.kind !== 'sibling-failed') return;
  const type = ABORTED[state.type];
  if (type !== undefined) frame.rt.history.emit(type, frame.thread.prev);
}
