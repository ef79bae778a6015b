import { runtimeError, StatesError, StatesErrorName, TaskError } from '../errors.js';
import { payloadDetails, type EventDetails, type HistoryEventType } from '../history.js';
import { copyAsJson, type Json, type JsonObject } from '../json.js';
import type { TaskContext } from '../engine/integrations.js';
import { certainlyUnderQuota, dataLimitError, MAX_PAYLOAD_BYTES, payloadBytes } from '../engine/limits.js';
import { withRetry } from '../engine/retry.js';
import { assignOf, bindings } from '../engine/jsonata-fields.js';
import type { CompiledJsonata, JsonataBindings } from '../jsonata/index.js';
import { envFor, Interrupt, type Frame, type Visit } from '../engine/runtime.js';
import { checkParameters } from '../engine/parameter-checks.js';
import type { CompiledTask, ResourceInfo, TimeoutSpec } from '../engine/types.js';

/**
 * Task: InputPath -> Parameters -> (the integration, under Retry, TimeoutSeconds and
 * HeartbeatSeconds) -> ResultSelector -> Assign -> ResultPath -> OutputPath.
 */
export async function runTask(frame: Frame, visit: Visit, state: CompiledTask, raw: Json): Promise<Json> {
  // `.sync` tasks have a token too (recorded: a child forwards it, and SendTaskSuccess with it ends the task).
  const taskToken = state.resourceInfo.pattern === 'request-response' ? undefined : frame.rt.newId();
  const envOf = () => (taskToken === undefined ? envFor(frame, visit) : envFor(frame, visit, { Task: { Token: taskToken } }));
  const fields = state.jsonata;
  // AWS builds the request anew for every attempt: `$$.State.RetryCount` counts the retries.
  const attempt = async (): Promise<Json> => {
    const env = envOf();
    if (fields !== null) {
      const b = bindings(frame, env, raw);
      const parameters = fields.arguments === null ? raw : await fields.arguments.evaluate(b);
      const timeoutSeconds = await positive(fields.timeoutSeconds, b);
      const heartbeatSeconds = await positive(fields.heartbeatSeconds, b);
      const credentials = fields.credentials === null ? undefined : await fields.credentials.evaluate(b);
      return invoke(frame, visit, state, parameters, { timeoutSeconds, heartbeatSeconds, taskToken, credentials, env: env.context });
    }
    const effective = state.inputPath === null ? raw : state.inputPath(raw, env);
    const parameters = state.parameters === null ? effective : state.parameters(effective, env);
    const timeoutSeconds = seconds(state.timeout, 'TimeoutSecondsPath', effective, env);
    const heartbeatSeconds = seconds(state.heartbeat, 'HeartbeatSecondsPath', effective, env);
    const credentials = state.credentials === null ? undefined : state.credentials(effective, env);
    return invoke(frame, visit, state, parameters, { timeoutSeconds, heartbeatSeconds, taskToken, credentials, env: env.context });
  };
  const result = await withRetry(frame, state.retry, attempt, { onRetry: (retryCount) => (visit.retryCount = retryCount) });
  const env = envOf();
  if (fields !== null) {
    const after = bindings(frame, env, raw, { result });
    visit.assigned = await assignOf(fields.assign, after);
    return fields.output === null ? result : fields.output.evaluate(after);
  }
  const selected = state.resultSelector === null ? result : state.resultSelector(result, env);
  if (state.assign !== null) visit.assigned = state.assign(selected, env) as JsonObject;
  const merged = state.resultPath(raw, selected);
  return state.outputPath === null ? merged : state.outputPath(merged, env);
}

async function positive(field: CompiledJsonata | null, b: JsonataBindings): Promise<number | undefined> {
  if (field === null) return undefined;
  return (await field.evaluate(b, { expect: 'integer' })) as number;
}

function seconds(spec: TimeoutSpec, field: string, input: Json, env: ReturnType<typeof envFor>): number | undefined {
  if (spec.seconds !== null) return spec.seconds;
  if (spec.path === null) return undefined;
  const value = spec.path.select(input, env);
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw runtimeError(`The ${field} field refers to value "${String(value)}" which is not a valid integer: ${spec.path.text}`);
  }
  return value;
}

interface Invocation {
  readonly timeoutSeconds: number | undefined;
  readonly heartbeatSeconds: number | undefined;
  readonly taskToken: string | undefined;
  readonly credentials: Json | undefined;
  readonly env: JsonObject;
}

/**
 * What an integration returned, as JSON carries it (a Date becomes its text, undefined null) and
 * as a copy, since the integration may keep its object and change it later. A value JSON cannot
 * carry (a cycle, a BigInt) fails the task with `States.TaskFailed`, saying why.
 */
function resultOutcome(returned: unknown): Outcome {
  try {
    return { kind: 'value', value: copyAsJson(returned) };
  } catch (thrown) {
    const why = thrown instanceof Error ? thrown.message : String(thrown);
    return { kind: 'error', error: new TaskError('States.TaskFailed', `The integration returned a value that is not JSON: ${why}`) };
  }
}

/** One attempt: the scheduled/started/finished events around a call of the integration. */
async function invoke(frame: Frame, visit: Visit, state: CompiledTask, parameters: Json, call: Invocation): Promise<Json> {
  const { rt, thread } = frame;
  const info = state.resourceInfo;
  const events = EVENTS[info.kind];
  const emit = (type: HistoryEventType, details?: EventDetails): void => {
    thread.prev = rt.history.emit(type, thread.prev, rt.recording ? details : undefined);
  };
  // Aborted while the request was being built (an awaited JSONata Arguments): schedule nothing.
  if (frame.cancellation.reason !== null) throw frame.cancellation.reason;
  const integration = rt.integrations.find(info.arn);
  if (integration === undefined && info.kind === 'activity') {
    throw runtimeError(`The activity ${info.arn} does not exist.`);
  }
  const invalid = checkParameters(info, parameters);
  if (invalid !== null) throw invalid;
  // Without a history (Express) nothing below serialises a payload unless it may be near the quota.
  emit(events.scheduled, rt.recording ? scheduledDetails(rt.region, info, JSON.stringify(parameters), call) : undefined);
  // Concurrent tasks (Map iterations, branches) are all scheduled before any starts, as AWS records.
  await undefined;
  if (frame.cancellation.reason !== null) throw frame.cancellation.reason;
  // An activity has started when a worker took it (`ctx.started(workerName)`); anything else at once.
  let started = info.kind !== 'activity';
  const markStarted = (details?: EventDetails): void => {
    if (started) return;
    started = true;
    emit(events.started, details);
  };
  if (started) emit(events.started, startedDetails(info));
  if (integration === undefined) {
    throw new StatesError(
      StatesErrorName.Runtime,
      `fogbank has no integration for the resource '${info.arn}' of state '${state.name}': register one in the integrations option (e.g. { 'arn:aws:lambda:*': handler }).`,
    );
  }

  const controller = new AbortController();
  // An integration that outlives the Task's deadline in real time times out even on a virtual clock.
  const timeoutAt = call.timeoutSeconds === undefined ? Infinity : rt.clock.now() + call.timeoutSeconds * 1000;
  const hold = (): (() => void) => {
    const heartbeatAt = call.heartbeatSeconds === undefined ? Infinity : rt.clock.now() + call.heartbeatSeconds * 1000;
    const deadline = Math.min(timeoutAt, heartbeatAt);
    return rt.clock.busy(deadline === Infinity ? undefined : deadline - rt.clock.now());
  };
  let holding = true;
  let release = hold();
  const endBusy = (): void => {
    holding = false;
    release();
  };
  let settle!: (outcome: Outcome) => void;
  const outcome = new Promise<Outcome>((resolve) => (settle = resolve));
  const timers: Array<{ cancel(): void }> = [];
  const startTimer = (seconds: number | undefined): { cancel(): void } | undefined => {
    if (seconds === undefined) return undefined;
    const timer = rt.clock.timer(seconds * 1000);
    void timer.fired.then(() => settle({ kind: 'timeout' }));
    timers.push(timer);
    return timer;
  };
  startTimer(call.timeoutSeconds);
  let heartbeat = startTimer(call.heartbeatSeconds);
  const context: TaskContext = {
    resource: info.arn,
    stateName: state.name,
    executionArn: rt.executionArn,
    stateMachineArn: rt.stateMachineArn,
    region: rt.region,
    context: call.env,
    taskToken: call.taskToken,
    timeoutSeconds: call.timeoutSeconds,
    heartbeatSeconds: call.heartbeatSeconds,
    signal: controller.signal,
    clock: rt.clock,
    heartbeat() {
      if (heartbeat === undefined) return;
      heartbeat.cancel();
      heartbeat = startTimer(call.heartbeatSeconds);
      if (holding) {
        release();
        release = hold();
      }
    },
    started(workerName) {
      markStarted({ workerName });
    },
    submitted(output) {
      if (!rt.recording) return;
      emit('TaskSubmitted', { resourceType: info.resourceType, resource: info.resource, ...payloadDetails('output', JSON.stringify(output)) });
    },
    async sleep(ms) {
      // Sleeping is not outside work: let a virtual clock move while the integration waits.
      endBusy();
      await rt.clock.timer(ms).fired;
    },
  };
  // The integration gets a copy, as a Lambda function gets its event from JSON: a handler that
  // changes its input must not change the state's input or the recorded history.
  const request = copyAsJson(parameters);
  Promise.resolve()
    .then(() => integration(request, context))
    .then(
      (value) => settle(resultOutcome(value)),
      (error: unknown) => settle({ kind: 'error', error }),
    );

  let result: Outcome;
  try {
    result = await frame.cancellation.race(outcome);
  } catch (interrupt) {
    if (interrupt instanceof Interrupt) controller.abort(interrupt);
    throw interrupt;
  } finally {
    endBusy();
    for (const timer of timers) timer.cancel();
  }

  markStarted();
  switch (result.kind) {
    case 'value': {
      const value = result.value;
      const json = rt.recording || !certainlyUnderQuota(value) ? JSON.stringify(value) : undefined;
      if (json !== undefined && payloadBytes(json) > MAX_PAYLOAD_BYTES) {
        const error = dataLimitError(info.kind === 'lambda' ? info.arn : info.resourceType);
        emit(events.failed, failedDetails(info, error.error, error.cause));
        throw error;
      }
      emit(events.succeeded, json === undefined ? undefined : succeededDetails(info, json));
      return value;
    }
    case 'timeout': {
      controller.abort(new Error('States.Timeout'));
      emit(events.timedOut, failedDetails(info, StatesErrorName.Timeout, undefined));
      throw new StatesError(StatesErrorName.Timeout, undefined);
    }
    case 'error': {
      const { error, cause } = taskFailure(result.error);
      emit(events.failed, failedDetails(info, error, cause));
      throw new StatesError(error, cause);
    }
  }
}

type Outcome = { kind: 'value'; value: Json } | { kind: 'timeout' } | { kind: 'error'; error: unknown };

function taskFailure(thrown: unknown): { error: string; cause: string | undefined } {
  if (thrown instanceof TaskError) return { error: thrown.error, cause: thrown.cause };
  if (thrown instanceof StatesError) return { error: thrown.error, cause: thrown.cause };
  // A bug in an integration is still a task failure, never a crash of the engine.
  const message = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
  return { error: StatesErrorName.TaskFailed, cause: message };
}

const EVENTS = {
  lambda: {
    scheduled: 'LambdaFunctionScheduled',
    started: 'LambdaFunctionStarted',
    succeeded: 'LambdaFunctionSucceeded',
    failed: 'LambdaFunctionFailed',
    timedOut: 'LambdaFunctionTimedOut',
  },
  activity: {
    scheduled: 'ActivityScheduled',
    started: 'ActivityStarted',
    succeeded: 'ActivitySucceeded',
    failed: 'ActivityFailed',
    timedOut: 'ActivityTimedOut',
  },
  service: {
    scheduled: 'TaskScheduled',
    started: 'TaskStarted',
    succeeded: 'TaskSucceeded',
    failed: 'TaskFailed',
    timedOut: 'TaskTimedOut',
  },
} as const satisfies Record<ResourceInfo['kind'], Record<string, HistoryEventType>>;

function scheduledDetails(region: string, info: ResourceInfo, parametersJson: string, call: Invocation): EventDetails {
  const details: EventDetails =
    info.kind === 'service'
      ? { resourceType: info.resourceType, resource: info.resource, region, parameters: parametersJson }
      : { resource: info.arn, ...payloadDetails('input', parametersJson) };
  if (call.timeoutSeconds !== undefined) details['timeoutInSeconds'] = call.timeoutSeconds;
  if (call.heartbeatSeconds !== undefined) details['heartbeatInSeconds'] = call.heartbeatSeconds;
  const roleArn = typeof call.credentials === 'object' && call.credentials !== null && !Array.isArray(call.credentials) ? call.credentials['RoleArn'] : undefined;
  if (typeof roleArn === 'string') details['taskCredentials'] = { roleArn };
  return details;
}

function startedDetails(info: ResourceInfo): EventDetails | undefined {
  return info.kind === 'service' ? { resourceType: info.resourceType, resource: info.resource } : undefined;
}

function succeededDetails(info: ResourceInfo, json: string): EventDetails {
  const output = payloadDetails('output', json);
  return info.kind === 'service' ? { resourceType: info.resourceType, resource: info.resource, ...output } : output;
}

function failedDetails(info: ResourceInfo, error: string, cause: string | undefined): EventDetails {
  const details: EventDetails = info.kind === 'service' ? { resourceType: info.resourceType, resource: info.resource } : {};
  // SendTaskFailure without an error name records none (recorded: callback, no_error_field).
  if (error !== '') details['error'] = error;
  if (cause !== undefined) details['cause'] = cause;
  return details;
}
