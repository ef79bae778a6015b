/**
 * TestState: run one state of a definition in isolation, as AWS's TestState API does, with mocked
 * invocations, a mocked context object and variables, and AWS's inspection data.
 */
import { realClock } from '../clock.js';
import { compileMachine } from '../engine/compile.js';
import { resolveIntegrations } from '../engine/integrations.js';
import { resolveResource } from '../engine/resources.js';
import { Cancellation, newFrame, Scope, type Frame, type Runtime, type Visit } from '../engine/runtime.js';
import { History } from '../history.js';
import { isJsonObject, type Json, type JsonObject } from '../json.js';
import { formatTimestamp } from '../timestamp.js';
import { checkContext } from './context.js';
import { validationError } from './errors.js';
import { checkMock } from './mock.js';
import { readerItems } from './reader-data.js';
import { checkConfiguration, checkInspectionLevel, jsonField, selectState, TESTED_STATE } from './request.js';
import { capturingIntegrations, ENTERED_EVENT_ID, runState, type StateRun } from './run.js';
import type { TestStateOptions, TestStateRequest, TestStateResult } from './types.js';

export { TestStateError, type TestStateErrorName } from './errors.js';
export type { TestStateMock, TestStateConfiguration } from './mock.js';
export type { FieldValidationMode } from './api-models.js';
export type { InspectionLevel } from './request.js';
export type { TestStateRequest, TestStateOptions, TestStateResult, InspectionData, InspectionErrorDetails } from './types.js';

/**
 * Tests one state (AWS's TestState API): runs it once on `input` and returns its outcome,
 * `SUCCEEDED`, `FAILED`, `RETRIABLE` (a retrier would retry) or `CAUGHT_ERROR` (a catcher took
 * the error), with the output, error, cause and next state, and at `DEBUG`/`TRACE` the
 * `inspectionData` of every step of its input and output processing.
 *
 * A Task calls its integration from `options.integrations` unless `mock` gives its result or
 * error; Map and Parallel states need a mock (they are not run), Pass, Fail and Succeed refuse one.
 *
 * @throws TestStateError when AWS rejects the request: `name` is `ValidationException` or
 *   `InvalidDefinition`, `message` AWS's text.
 *
 * @example
 * const { status, output, inspectionData } = await testState({
 *   definition: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'Payload.$': '$' }, ResultSelector: { 'v.$': '$.Payload' }, End: true },
 *   input: { n: 1 },
 *   mock: { result: '{"Payload": 42}' },
 *   inspectionLevel: 'DEBUG',
 * });
 * // 'SUCCEEDED', { v: 42 }, { input: { n: 1 }, afterParameters: { Payload: { n: 1 } }, result: { Payload: 42 }, ... }
 */
export async function testState(request: TestStateRequest, options: TestStateOptions = {}): Promise<TestStateResult> {
  const level = checkInspectionLevel(request.inspectionLevel);
  const config = request.stateConfiguration ?? {};
  checkConfiguration(config);
  const selected = selectState(request.definition, request.stateName);
  const mock = checkMock(selected.raw, request.mock, config, { revealSecrets: request.revealSecrets === true, roleArn: request.roleArn });
  const type = String(selected.raw['Type']);
  const resource = type === 'Task' && typeof selected.raw['Resource'] === 'string' ? resolveResource(selected.raw['Resource']) : null;
  const context =
    request.context === undefined
      ? undefined
      : checkContext(
          jsonField(request.context, () => validationError('Invalid Context object provided: Context object must be valid JSON')),
          type,
          resource,
        );
  const variables = request.variables === undefined ? {} : jsonField(request.variables, () => validationError('Variables must be valid JSON.'));
  if (!isJsonObject(variables)) throw validationError('Variables must be a JSON object.');
  const items = readerItems(selected.raw, config.mapItemReaderData);
  // The input is a value, as for `machine.start(input)` (the wire's JSON text is the server's business).
  const input = copyJson(request.input === undefined ? {} : request.input);

  const machine = compileMachine(selected.machine);
  const state = machine.states.get(TESTED_STATE)!;
  const call: StateRun['call'] = {};
  const frame = frameFor(request, options, input, variables, context, capturingIntegrations(resolveIntegrations(options.integrations), mock, call));
  const visit: Visit = {
    state,
    enteredEventId: ENTERED_EVENT_ID,
    enteredTime: frame.rt.clock.now(),
    retryCount: config.retrierRetryCount ?? 0,
    next: state.next,
    assigned: null,
    outputBound: Infinity,
  };
  const { result, inspection } = await runState({ frame, visit, state, input, mock, config, variables, readerItems: items, call });
  return level === 'INFO' ? result : { ...result, inspectionData: inspection };
}

/**
 * The one-off run the state is tested in: Express-like (no history), named like AWS's, with the
 * variables given as its top-level scope and the context object given, if any.
 */
function frameFor(
  request: TestStateRequest,
  options: TestStateOptions,
  input: Json,
  variables: JsonObject,
  context: JsonObject | undefined,
  integrations: Runtime['integrations'],
): Frame {
  const clock = options.clock ?? realClock;
  const ids = options.ids ?? (() => crypto.randomUUID());
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const machineName = `TestState-${ids()}`;
  const executionName = ids();
  const stateMachineArn = `arn:aws:states:${region}:${accountId}:stateMachine:${machineName}`;
  const executionArn = `arn:aws:states:${region}:${accountId}:express:${machineName}:${executionName}`;
  const cancellation = new Cancellation();
  // AWS's TestState context: no RedriveCount, and a null RoleArn when the request has no role.
  const execution = { Id: executionArn, Input: input, Name: executionName, RoleArn: request.roleArn ?? null, StartTime: formatTimestamp(clock.now()) };
  const stateMachine = { Id: stateMachineArn, Name: machineName };
  const rt: Runtime = {
    type: 'EXPRESS',
    history: new History(clock, false),
    recording: false,
    clock,
    region,
    integrations,
    newId: ids,
    random: options.random ?? Math.random,
    executionArn,
    stateMachineArn,
    execution,
    stateMachine,
    baseContext: { Execution: execution, StateMachine: stateMachine },
    cancellation,
  };
  const scope = new Scope(null);
  scope.assign(variables);
  const frame = newFrame(rt, 0, scope, cancellation);
  return context === undefined ? frame : { ...frame, context };
}

function copyJson(value: unknown): Json {
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as Json);
}
