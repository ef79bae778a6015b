import { isWireError, jsonObjectBody, JsonFault, reply, unexpectedFault, wireJson } from './http.js';
import type { HttpRequest, HttpResponse } from './http1.js';

/**
 * What the endpoint needs of a Step Functions service (fogbank's `StepFunctions`, which lives in
 * the `fogbank` package over the engine): each operation as a method taking and returning the
 * SDK's shapes, throwing errors that render themselves (`statusCode`, `toJSON()`).
 */
export type StepFunctionsApi = { readonly [operation in Operation]: (input: never) => Promise<unknown> };

/** The operations of `cloud.stepFunctions` the JSON 1.0 endpoint answers (`AWSStepFunctions.<Name>`). */
export const STEP_FUNCTIONS_OPERATIONS = [
  'createStateMachine', 'describeStateMachine', 'updateStateMachine', 'deleteStateMachine', 'listStateMachines',
  'validateStateMachineDefinition', 'testState', 'startExecution', 'startSyncExecution', 'describeExecution',
  'listExecutions', 'getExecutionHistory', 'stopExecution', 'sendTaskSuccess', 'sendTaskFailure', 'sendTaskHeartbeat',
  'createActivity', 'describeActivity', 'deleteActivity', 'listActivities', 'getActivityTask',
] as const;

type Operation = (typeof STEP_FUNCTIONS_OPERATIONS)[number];

/** The API model's required members, checked before the service sees the input. */
const REQUIRED: Partial<Record<Operation, readonly string[]>> = {
  createStateMachine: ['name', 'definition', 'roleArn'],
  describeStateMachine: ['stateMachineArn'],
  updateStateMachine: ['stateMachineArn'],
  deleteStateMachine: ['stateMachineArn'],
  validateStateMachineDefinition: ['definition'],
  testState: ['definition'],
  startExecution: ['stateMachineArn'],
  startSyncExecution: ['stateMachineArn'],
  describeExecution: ['executionArn'],
  getExecutionHistory: ['executionArn'],
  stopExecution: ['executionArn'],
  sendTaskSuccess: ['taskToken', 'output'],
  sendTaskFailure: ['taskToken'],
  sendTaskHeartbeat: ['taskToken'],
  createActivity: ['name'],
  describeActivity: ['activityArn'],
  deleteActivity: ['activityArn'],
  getActivityTask: ['activityArn'],
};

/**
 * AWS's request validation text for missing members ("1 validation error detected: Value null at
 * 'stateMachineArn' failed to satisfy constraint: Member must not be null"), or undefined.
 */
function missingMembers(op: Operation, input: Record<string, unknown>): string | undefined {
  const missing = (REQUIRED[op] ?? []).filter((member) => input[member] === undefined || input[member] === null);
  if (missing.length === 0) return undefined;
  const count = `${missing.length} validation error${missing.length === 1 ? '' : 's'} detected`;
  return `${count}: ${missing.map((m) => `Value null at '${m}' failed to satisfy constraint: Member must not be null`).join('; ')}`;
}

const JSON_10 = { 'content-type': 'application/x-amz-json-1.0' };

/**
 * Step Functions' JSON 1.0 protocol: `X-Amz-Target: AWSStepFunctions.StartExecution`, the
 * operation's input as the body, its output (timestamps in epoch seconds) or
 * `{ "__type", "message" }` with status 400 back.
 */
export async function stepFunctionsRequest(service: StepFunctionsApi, target: string, req: HttpRequest): Promise<HttpResponse> {
  const name = target.slice('AWSStepFunctions.'.length);
  const op = `${name.charAt(0).toLowerCase()}${name.slice(1)}` as Operation;
  if (!(STEP_FUNCTIONS_OPERATIONS as readonly string[]).includes(op)) {
    return reply(400, JSON_10, JSON.stringify({ __type: 'com.amazon.coral.service#UnknownOperationException', message: `fogbank does not serve ${target}` }));
  }
  const input = jsonObjectBody(req);
  if (input instanceof JsonFault) return fault(input);
  try {
    const invalid = missingMembers(op, input);
    if (invalid !== undefined) {
      return reply(400, JSON_10, JSON.stringify({ __type: 'com.amazonaws.swf.service.v2.model#ValidationException', message: invalid }));
    }
    const call = service[op] as (input: unknown) => Promise<unknown>;
    const output = await call.call(service, input);
    return reply(200, JSON_10, wireJson(output ?? {}));
  } catch (thrown) {
    if (isWireError(thrown)) return reply(thrown.statusCode, JSON_10, JSON.stringify(thrown.toJSON()));
    return fault(unexpectedFault(thrown));
  }
}

function fault({ status, type, message }: JsonFault): HttpResponse {
  return reply(status, JSON_10, JSON.stringify({ __type: type, message }));
}
