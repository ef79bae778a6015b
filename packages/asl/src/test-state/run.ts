/**
 * Runs the one state of a TestState call on the engine's compiled plan and reports what AWS
 * reports: the outcome (`SUCCEEDED`, `FAILED`, `RETRIABLE`, `CAUGHT_ERROR`) and, at DEBUG and
 * TRACE, every intermediate value of the state's input and output processing.
 *
 * Pass, Choice, Wait, Succeed and Fail run through the engine's own state functions; a Task runs
 * through the engine's Task with a single attempt (TestState never retries: it says whether the
 * error is retriable); a mocked Map or Parallel applies its input and output processing around
 * the mocked result instead of running iterations or branches.
 */
import { StatesError, StatesErrorName } from '../errors.js';
import type { Json, JsonObject } from '../json.js';
import { assignOf, bindings } from '../engine/jsonata-fields.js';
import type { Integration, ResolvedIntegrations } from '../engine/integrations.js';
import { errorMatches, retryDelayMs } from '../engine/retry.js';
import { errorOutputOf } from '../engine/run.js';
import { envFor, Interrupt, type Frame, type Visit } from '../engine/runtime.js';
import type { CompiledState, CompiledTask } from '../engine/types.js';
import { runChoice } from '../states/choice.js';
import { runFail } from '../states/fail.js';
import { runJsonataOutput } from '../states/pass.js';
import { runSucceed } from '../states/succeed.js';
import { runTask } from '../states/task.js';
import { runWait } from '../states/wait.js';
import { map, parallel } from './mocked-states.js';
import type { ResolvedMock, TestStateConfiguration } from './mock.js';
import type { InspectionData, TestStateResult } from './types.js';

/** What one run needs besides the frame. */
export interface StateRun {
  readonly frame: Frame;
  readonly visit: Visit;
  readonly state: CompiledState;
  readonly input: Json;
  readonly mock: ResolvedMock | null;
  readonly config: TestStateConfiguration;
  /** The variables given with the request. */
  readonly variables: JsonObject;
  /** Items a distributed Map's ItemReader read (`stateConfiguration.mapItemReaderData`). */
  readonly readerItems: Json | undefined;
  /** Captures what the Task's integration was called with and answered. */
  readonly call: { parameters?: Json; result?: Json };
}

/** The event id AWS's error prefix names for the tested state: the first state of a run. */
export const ENTERED_EVENT_ID = 2;

/** How long AWS lets one TestState call run. */
export const TEST_STATE_LIMIT_SECONDS = 300;

/** Runs the state and shapes AWS's response (before the inspection level trims it). */
export async function runState(run: StateRun): Promise<{ result: TestStateResult; inspection: InspectionData }> {
  const { visit, state, input } = run;
  const inspection: InspectionData = { input };
  // AWS stops a TestState call after five minutes with States.Timeout.
  const limit = run.frame.rt.clock.timer(TEST_STATE_LIMIT_SECONDS * 1000);
  void limit.fired.then(() => run.frame.cancellation.cancel(new Interrupt('timed-out')));
  let output: Json;
  try {
    output = await body(run, inspection);
  } catch (thrown) {
    if (thrown instanceof Interrupt) return { result: { status: 'FAILED', error: StatesErrorName.Timeout }, inspection };
    if (!(thrown instanceof StatesError)) throw thrown;
    const error = decorate(thrown, state.name);
    return { result: await failure(run, inspection, error), inspection };
  } finally {
    limit.cancel();
  }
  withVariables(inspection, run.variables, visit.assigned ?? {});
  const result: Record<string, Json> = { status: 'SUCCEEDED', output };
  if (visit.next !== null) result['nextState'] = visit.next.name;
  return { result: result as unknown as TestStateResult, inspection };
}

function body(run: StateRun, inspection: InspectionData): Promise<Json> {
  const { frame, visit, state, input } = run;
  const jsonPath = state.jsonata === null;
  const afterInputPath = (): void => {
    if (jsonPath) inspection.afterInputPath = state.inputPath === null ? input : state.inputPath(input, envFor(frame, visit));
  };
  switch (state.type) {
    case 'Pass':
      return state.jsonata !== null ? runJsonataOutput(frame, visit, state.jsonata, input) : Promise.resolve(pass(run, inspection));
    case 'Choice':
      afterInputPath();
      return Promise.resolve(runChoice(frame, visit, state, input));
    case 'Wait':
      afterInputPath();
      return runWait(frame, visit, state, input);
    case 'Succeed':
      afterInputPath();
      return Promise.resolve(runSucceed(frame, visit, state, input));
    case 'Fail':
      afterInputPath();
      return Promise.resolve(runFail(frame, visit, state, input));
    case 'Task':
      return task(run, state, inspection);
    case 'Parallel':
      return parallel(run, state, inspection);
    case 'Map':
      return map(run, state, inspection);
    default:
      return state satisfies never;
  }
}

/** A JSONPath Pass: with `Result`, AWS reports the result and what follows; else the input steps. */
function pass(run: StateRun, inspection: InspectionData): Json {
  const { frame, visit, input } = run;
  const state = run.state as Extract<CompiledState, { type: 'Pass' }>;
  const env = envFor(frame, visit);
  // InputPath applies (and can fail) even beside a Result, though AWS then does not report it.
  const effective = state.inputPath === null ? input : state.inputPath(input, env);
  let result: Json;
  if (state.result !== null) {
    result = state.result.value;
    inspection.result = result;
  } else {
    inspection.afterInputPath = effective;
    result = state.parameters === null ? effective : state.parameters(effective, env);
    inspection.afterParameters = result;
  }
  inspection.afterResultSelector = result;
  if (state.assign !== null) visit.assigned = state.assign(result, env) as JsonObject;
  const merged = state.resultPath(input, result);
  inspection.afterResultPath = merged;
  return state.outputPath === null ? merged : state.outputPath(merged, env);
}

/**
 * A Task: the engine's Task with its retriers left out (one attempt), the integration being the
 * mock or the registered one. The steps AWS reports around the call are read back from the
 * call's arguments and answer.
 */
async function task(run: StateRun, state: CompiledTask, inspection: InspectionData): Promise<Json> {
  const { frame, visit, input, call } = run;
  const once: CompiledTask = { ...state, retry: [] };
  try {
    const output = await runTask(frame, visit, once, input);
    if (state.jsonata !== null) {
      inspection.afterArguments = call.parameters!;
      inspection.result = call.result!;
      return output;
    }
    const env = envFor(frame, visit);
    inspection.afterInputPath = state.inputPath === null ? input : state.inputPath(input, env);
    inspection.afterParameters = call.parameters!;
    inspection.result = call.result!;
    const selected = state.resultSelector === null ? call.result! : state.resultSelector(call.result!, env);
    inspection.afterResultSelector = selected;
    inspection.afterResultPath = state.resultPath(input, selected);
    return output;
  } catch (thrown) {
    if (state.jsonata !== null) {
      if ('parameters' in call) inspection.afterArguments = call.parameters!;
    } else {
      try {
        inspection.afterInputPath = state.inputPath === null ? input : state.inputPath(input, envFor(frame, visit));
      } catch {
        // The InputPath failure is the error being reported.
      }
      if ('parameters' in call) inspection.afterParameters = call.parameters!;
    }
    if ('result' in call) inspection.result = call.result!;
    throw thrown;
  }
}

/**
 * An error leaving the state: `RETRIABLE` when a retrier still has attempts left (given
 * `retrierRetryCount`), else `CAUGHT_ERROR` through the first matching catcher, else `FAILED`.
 */
async function failure(run: StateRun, inspection: InspectionData, error: StatesError): Promise<TestStateResult> {
  const { frame, visit, state, input } = run;
  const errorDetails: Record<string, number> = {};
  const fields = { error: error.error === '' ? undefined : error.error, cause: error.cause };
  const retry = 'retry' in state ? state.retry : [];
  const retryIndex = retry.findIndex((r) => errorMatches(r.errorEquals, error.error));
  if (retryIndex >= 0) {
    errorDetails['retryIndex'] = retryIndex;
    const retrier = retry[retryIndex]!;
    const count = run.config.retrierRetryCount ?? 0;
    if (count < retrier.maxAttempts) {
      errorDetails['retryBackoffIntervalSeconds'] = Math.floor(retryDelayMs(retrier, count, frame.rt.random) / 1000);
      inspection.errorDetails = errorDetails;
      withVariables(inspection, run.variables, {});
      return defined({ status: 'RETRIABLE', ...fields });
    }
  }
  const catchers = 'catch' in state ? state.catch : [];
  const catchIndex = catchers.findIndex((c) => errorMatches(c.errorEquals, error.error));
  if (catchIndex < 0) {
    if (retryIndex >= 0) inspection.errorDetails = errorDetails;
    withVariables(inspection, run.variables, {});
    return defined({ status: 'FAILED', ...fields });
  }
  errorDetails['catchIndex'] = catchIndex;
  inspection.errorDetails = errorDetails;
  const catcher = catchers[catchIndex]!;
  // A missing cause (States.Timeout has none) reads as "" in the error output, as in a run.
  const errorOutput = errorOutputOf(error);
  const env = envFor(frame, visit);
  const jsonata = state.jsonata?.catchers[catchIndex];
  let output: Json;
  let assigned: JsonObject | null;
  if (jsonata !== undefined) {
    const b = bindings(frame, env, input, { errorOutput });
    assigned = await assignOf(jsonata.assign, b);
    output = jsonata.output === null ? errorOutput : await jsonata.output.evaluate(b);
  } else {
    assigned = catcher.assign === null ? null : (catcher.assign(errorOutput, env) as JsonObject);
    output = catcher.resultPath(input, errorOutput);
  }
  withVariables(inspection, run.variables, assigned ?? {});
  return defined({ status: 'CAUGHT_ERROR', output, ...fields, nextState: catcher.next.name });
}

function defined(result: Record<string, Json | undefined>): TestStateResult {
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(result)) if (value !== undefined) out[key] = value;
  return out as unknown as TestStateResult;
}

/** `variables` in the inspection data: the variables after the state, when there are any. */
function withVariables(inspection: InspectionData, given: JsonObject, assigned: JsonObject): void {
  const all = { ...given, ...assigned };
  if (Object.keys(all).length > 0) inspection.variables = all;
}

/** AWS's prefix on path and parameter failures, naming the tested state as AWS names it. */
function decorate(error: StatesError, stateName: string): StatesError {
  if (!error.decorate) return error;
  return new StatesError(
    error.error,
    `An error occurred while executing the state '${stateName}' (entered at the event id #${ENTERED_EVENT_ID}). ${error.cause ?? ''}`,
  );
}

/**
 * The integrations a Task runs with: the mock, or the registered ones; either way wrapped so the
 * call's arguments and answer can be reported.
 */
export function capturingIntegrations(base: ResolvedIntegrations, mock: ResolvedMock | null, call: StateRun['call']): ResolvedIntegrations {
  const mockIntegration: Integration | undefined =
    mock === null
      ? undefined
      : async () => {
          if (mock.kind === 'error') throw new StatesError(mock.error, mock.cause);
          return mock.value;
        };
  return {
    find(arn) {
      const integration = mockIntegration ?? base.find(arn);
      if (integration === undefined) return undefined;
      return async (parameters, context) => {
        call.parameters = parameters;
        const answer = await integration(parameters, context);
        call.result = answer === undefined ? null : answer;
        return answer;
      };
    },
  };
}

