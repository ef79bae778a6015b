/**
 * The Task resources Step Functions itself serves: `.waitForTaskToken` on top of any other
 * integration, activities, and nested executions (`states:startExecution`, `.sync`, `.sync:2`).
 */
import { TaskError, type Integration, type Integrations, type Json, type JsonObject, type TaskContext } from '@fogbank/asl';
import type { Activities } from './activities.js';
import { StepFunctionsError } from './errors.js';
import { jsonServiceMetadata } from './sdk-metadata.js';
import type { DescribeExecutionOutput } from './shapes.js';
import type { TaskTokens } from './task-tokens.js';

export interface ServiceHooks {
  readonly tokens: TaskTokens;
  readonly activities: Activities;
  startExecution(input: { stateMachineArn: string; name?: string; input?: string }): Promise<{ executionArn: string; startDate: Date }>;
  waitForExecution(executionArn: string): Promise<DescribeExecutionOutput>;
  stopExecution(executionArn: string): Promise<unknown>;
  /** Calls one of the service's own operations (camelCase name, camelCase input). */
  call(operation: string, input: Record<string, unknown>): Promise<unknown>;
  newRequestId(): string;
}

/** The operations `arn:aws:states:::aws-sdk:sfn:<action>` reaches. */
export const SDK_SFN_ACTIONS: ReadonlySet<string> = new Set([
  'startExecution', 'startSyncExecution', 'describeExecution', 'stopExecution', 'listExecutions', 'getExecutionHistory',
  'describeStateMachine', 'listStateMachines', 'sendTaskSuccess', 'sendTaskFailure', 'sendTaskHeartbeat',
  'getActivityTask', 'describeActivity', 'listActivities',
]);

const CALLBACK = '.waitForTaskToken';
const ACTIVITY = 'arn:aws:states:*:*:activity:*';
const START_EXECUTION = 'arn:aws:states:::states:startExecution';

/** The cloud's integrations plus the service's own; `*.waitForTaskToken` wraps the base resource. */
export function serviceIntegrations(base: Integrations, hooks: ServiceHooks): Integrations {
  const own: Record<string, Integration> = {
    [ACTIVITY]: activity(hooks),
    [START_EXECUTION]: startExecution(hooks, 'request-response'),
    [`${START_EXECUTION}.sync`]: startExecution(hooks, 'sync'),
    [`${START_EXECUTION}.sync:2`]: startExecution(hooks, 'sync2'),
    'arn:aws:states:::aws-sdk:sfn:*': sdkSfn(hooks),
  };
  const all: Record<string, Integration> = { ...own, ...base };
  const find = matcher(all);
  all[`*${CALLBACK}`] = async (input, ctx) => {
    const baseResource = ctx.resource.slice(0, -CALLBACK.length);
    const integration = find(baseResource);
    if (integration === undefined) throw unknownResource(ctx.resource);
    // Registered before the call: the callee may answer the token before the call returns.
    const answer = hooks.tokens.wait(ctx);
    answer.catch(() => {});
    let submitted: Json;
    try {
      submitted = await integration(input, ctx);
    } catch (error) {
      // The task fails with the call's error: its token is spent, a late answer is TaskTimedOut.
      hooks.tokens.cancel(ctx.taskToken!);
      throw error;
    }
    ctx.submitted(submitted);
    releaseClockWhileWaiting(ctx);
    return answer;
  };
  return all;
}

/** Resolves a resource like the engine does (exact name, then `*` patterns). */
export function matcher(integrations: Integrations): (arn: string) => Integration | undefined {
  const patterns = Object.entries(integrations)
    .filter(([pattern]) => pattern.includes('*'))
    .map(([pattern, integration]) => ({ regex: new RegExp(`^${pattern.split('*').map(escape).join('.*')}$`), integration }));
  return (arn) => integrations[arn] ?? patterns.find((p) => p.regex.test(arn))?.integration;
}

function escape(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/** What AWS answers for a service resource it does not know, worded as Step Functions words it. */
export function unknownResource(resource: string): TaskError {
  return new TaskError('States.Runtime', `fogbank does not serve the resource '${resource}'.`);
}

/**
 * A task waiting for a token is not work in flight: let a virtual clock move on to the task's
 * timeout or heartbeat. Without either, time stands still until the token is answered, so a test
 * that answers it sees no jump.
 */
function releaseClockWhileWaiting(ctx: TaskContext): void {
  // Only a virtual clock holds time for work in flight; on the real clock the sleep below would
  // be a timer keeping the process alive for nothing.
  if (!('advance' in ctx.clock)) return;
  const seconds = Math.min(ctx.timeoutSeconds ?? Infinity, ctx.heartbeatSeconds ?? Infinity);
  if (seconds !== Infinity) void ctx.sleep(seconds * 1000 + 1);
}

function activity(hooks: ServiceHooks): Integration {
  return async (input, ctx) => {
    if (!hooks.activities.has(ctx.resource)) throw new TaskError('States.Runtime', `The activity ${ctx.resource} does not exist.`);
    const answer = hooks.tokens.wait(ctx);
    const withdraw = hooks.activities.schedule(ctx.resource, ctx.taskToken!, JSON.stringify(input), (worker) => ctx.started(worker));
    ctx.signal.addEventListener('abort', withdraw);
    releaseClockWhileWaiting(ctx);
    return answer;
  };
}

/**
 * The SDK integration with Step Functions itself: PascalCase request members in, PascalCase
 * response members out (Dates as epoch milliseconds), errors `Sfn.<Exception>`.
 */
function sdkSfn(hooks: ServiceHooks): Integration {
  return async (parameters, ctx) => {
    const action = ctx.resource.slice('arn:aws:states:::aws-sdk:sfn:'.length);
    if (!SDK_SFN_ACTIONS.has(action)) throw unknownResource(ctx.resource);
    const input: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(isObject(parameters) ? parameters : {})) input[key[0]!.toLowerCase() + key.slice(1)] = value;
    let output: unknown;
    try {
      output = await hooks.call(action, input);
    } catch (error) {
      if (!(error instanceof StepFunctionsError)) throw error;
      throw new TaskError(`Sfn.${error.name}Exception`, `${error.message} (Service: Sfn, Status Code: 400, Request ID: ${hooks.newRequestId()})`);
    }
    return pascal(output);
  };
}

function pascal(value: unknown): Json {
  if (value instanceof Date) return value.getTime();
  if (Array.isArray(value)) return value.map(pascal);
  if (value === null || typeof value !== 'object') return (value ?? null) as Json;
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key[0]!.toUpperCase() + key.slice(1)] = pascal(v);
  return out;
}

type StartMode = 'request-response' | 'sync' | 'sync2';

function startExecution(hooks: ServiceHooks, mode: StartMode): Integration {
  return async (parameters, ctx) => {
    const request = isObject(parameters) ? parameters : {};
    const requestId = hooks.newRequestId();
    // A .sync task has a token too (when the engine gives it one): SendTaskSuccess or
    // SendTaskFailure with it ends the task before the child does (recorded: test_sync_with_task_token).
    // Registered before the child starts, which may forward it at once.
    const answer = mode !== 'request-response' && ctx.taskToken !== undefined ? hooks.tokens.wait(ctx) : undefined;
    answer?.catch(() => {});
    let started: { executionArn: string; startDate: Date };
    try {
      started = await hooks.startExecution({
        stateMachineArn: String(request['StateMachineArn']),
        ...(typeof request['Name'] === 'string' ? { name: request['Name'] } : {}),
        input: childInput(request['Input']),
      });
    } catch (error) {
      if (ctx.taskToken !== undefined && answer !== undefined) hooks.tokens.cancel(ctx.taskToken);
      if (error instanceof StepFunctionsError) throw serviceError(error, requestId);
      throw error;
    }
    const body = `{"executionArn":${JSON.stringify(started.executionArn)},"startDate":${javaEpochSeconds(started.startDate.getTime())}}`;
    const response: JsonObject = {
      ExecutionArn: started.executionArn,
      ...jsonServiceMetadata({ requestId, contentLength: Buffer.byteLength(body), nowMs: ctx.clock.now() }),
      StartDate: started.startDate.getTime(),
    };
    if (mode === 'request-response') return response;
    ctx.submitted(response);
    // Stopping the parent's task stops the child, as AWS does for .sync.
    const stop = () => void hooks.stopExecution(started.executionArn).catch(() => {});
    ctx.signal.addEventListener('abort', stop);
    ctx.sleep(0).catch(() => {});
    try {
      const finished = hooks.waitForExecution(started.executionArn).then((done) => syncResult(done, mode));
      return answer === undefined ? await finished : await Promise.race([finished, answer]);
    } finally {
      ctx.signal.removeEventListener('abort', stop);
      // Whichever ended the task, the token is spent: a later answer is TaskTimedOut.
      if (ctx.taskToken !== undefined) hooks.tokens.cancel(ctx.taskToken);
    }
  };
}

/**
 * A timestamp as the service's JSON carries it: epoch seconds as a Java double
 * (`Double.toString`: `1.735689600123E9`, trailing zeros dropped), which sets the response's
 * Content-Length.
 */
export function javaEpochSeconds(ms: number): string {
  const digits = String(Math.trunc(ms / 1000)) + String(ms % 1000).padStart(3, '0');
  const intLength = String(Math.trunc(ms / 1000)).length;
  const mantissa = digits.replace(/0+$/, '');
  const fraction = mantissa.slice(1) === '' ? '0' : mantissa.slice(1);
  return `${mantissa[0]}.${fraction}E${intLength - 1}`;
}

/** `Input` of the child: JSON text as given, any other value serialised, none = `{}`. */
function childInput(input: Json | undefined): string {
  if (input === undefined || input === null) return '{}';
  return typeof input === 'string' ? input : JSON.stringify(input);
}

/** The `.sync` result: DescribeExecution in the Java SDK's shape (`.sync:2` with JSON Input/Output). */
function syncResult(done: DescribeExecutionOutput, mode: 'sync' | 'sync2'): Json {
  const json = (text: string): Json => (mode === 'sync2' ? (JSON.parse(text) as Json) : text);
  const out: JsonObject = {};
  if (done.status !== 'SUCCEEDED') {
    if (done.cause !== undefined) out['Cause'] = done.cause;
    if (done.error !== undefined) out['Error'] = done.error;
  }
  out['ExecutionArn'] = done.executionArn;
  out['Input'] = json(done.input);
  out['InputDetails'] = { Included: true };
  out['Name'] = done.name;
  if (done.output !== undefined) {
    out['Output'] = json(done.output);
    out['OutputDetails'] = { Included: true };
  }
  out['RedriveCount'] = 0;
  if (done.status === 'SUCCEEDED') {
    out['RedriveStatus'] = 'NOT_REDRIVABLE';
    out['RedriveStatusReason'] = 'Execution is SUCCEEDED and cannot be redriven';
  } else out['RedriveStatus'] = 'REDRIVABLE';
  out['StartDate'] = done.startDate.getTime();
  out['StateMachineArn'] = done.stateMachineArn;
  out['Status'] = done.status;
  out['StopDate'] = done.stopDate?.getTime() ?? null;
  if (done.status !== 'SUCCEEDED') throw new TaskError('States.TaskFailed', JSON.stringify(out));
  return out;
}

/** An API error of the nested call, as the optimised integration reports it. */
function serviceError(error: StepFunctionsError, requestId: string): TaskError {
  return new TaskError(
    `StepFunctions.${error.name}Exception`,
    `${error.message} (Service: AWSStepFunctions; Status Code: 400; Error Code: ${error.name}; Request ID: ${requestId}; Proxy: null)`,
  );
}

function isObject(value: Json): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
