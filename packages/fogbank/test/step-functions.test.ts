import { virtualClock } from '@fogbank/asl';
import { StepFunctions } from 'fogbank';
import { describe, expect, test } from 'vitest';

const ACCOUNT = '123456789012';
const pass = { StartAt: 'P', States: { P: { Type: 'Pass', Result: { ok: true }, End: true } } };
const wait = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 10, End: true } } };

function service() {
  let n = 0;
  return new StepFunctions({ clock: virtualClock(Date.UTC(2025, 0, 1)), ids: () => `id-${++n}` });
}

describe('state machines', () => {
  test('create, describe, list, update and delete with ARNs as AWS builds them', async () => {
    const sfn = service();
    const { stateMachineArn } = await sfn.createStateMachine({ name: 'orders', definition: JSON.stringify(pass) });
    expect(stateMachineArn).toBe(`arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:orders`);
    const described = await sfn.describeStateMachine({ stateMachineArn });
    expect(described).toMatchObject({ name: 'orders', status: 'ACTIVE', type: 'STANDARD', definition: JSON.stringify(pass) });
    expect((await sfn.listStateMachines()).stateMachines.map((m) => m.name)).toEqual(['orders']);
    const { revisionId } = await sfn.updateStateMachine({ stateMachineArn, definition: wait });
    expect((await sfn.describeStateMachine({ stateMachineArn })).revisionId).toBe(revisionId);
    await sfn.deleteStateMachine({ stateMachineArn });
    await expect(sfn.describeStateMachine({ stateMachineArn })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[StateMachineDoesNotExist: State Machine Does Not Exist: 'arn:aws:states:us-east-1:123456789012:stateMachine:orders']`,
    );
  });

  test('creating again is idempotent for the same definition, StateMachineAlreadyExists otherwise', async () => {
    const sfn = service();
    const first = await sfn.createStateMachine({ name: 'm', definition: pass });
    expect(await sfn.createStateMachine({ name: 'm', definition: pass })).toEqual(first);
    await expect(sfn.createStateMachine({ name: 'm', definition: wait })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[StateMachineAlreadyExists: State Machine Already Exists: 'arn:aws:states:us-east-1:123456789012:stateMachine:m']`,
    );
  });

  test('an invalid definition is InvalidDefinition with every problem, as CreateStateMachine words it', async () => {
    const sfn = service();
    const definition = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } };
    await expect(sfn.createStateMachine({ name: 'bad', definition })).rejects.toThrowErrorMatchingInlineSnapshot(`[InvalidDefinition: Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next, MISSING_END_STATE: Workflow has no terminal state at null']`);
  });

  // Recorded: sfn_api_express invalid-definition cases (CreateStateMachine error responses).
  test.for([
    {
      name: 'an activity',
      resource: 'arn:aws:states:us-east-1:123456789012:activity:a',
      message: "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine does not support Activity ARN at /States/T/Resource'",
    },
    {
      name: '.sync',
      resource: 'arn:aws:states:::states:startExecution.sync',
      message: "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine does not support '.sync' service integration at /States/T/Resource'",
    },
    {
      name: '.waitForTaskToken',
      resource: 'arn:aws:states:::sns:publish.waitForTaskToken',
      message: "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' service integration  at /States/T/Resource'",
    },
  ])('Express refuses $name at CreateStateMachine', async ({ resource, message }) => {
    const definition = { StartAt: 'T', States: { T: { Type: 'Task', Resource: resource, End: true } } };
    await expect(service().createStateMachine({ name: 'x', type: 'EXPRESS', definition })).rejects.toMatchObject({ name: 'InvalidDefinition', message });
  });

  test('tags: on create, tagResource, untagResource, listTagsForResource; unknown resources', async () => {
    const sfn = service();
    const { stateMachineArn } = await sfn.createStateMachine({ name: 't', definition: pass, tags: [{ key: 'team', value: 'a' }] });
    await sfn.tagResource({ resourceArn: stateMachineArn, tags: [{ key: 'env', value: 'test' }] });
    await sfn.untagResource({ resourceArn: stateMachineArn, tagKeys: ['team'] });
    expect(await sfn.listTagsForResource({ resourceArn: stateMachineArn })).toEqual({ tags: [{ key: 'env', value: 'test' }] });
    await expect(sfn.listTagsForResource({ resourceArn: `${stateMachineArn}x` })).rejects.toMatchObject({ name: 'ResourceNotFound' });
  });

  test('describeStateMachineForExecution answers the definition the execution started with', async () => {
    const sfn = service();
    const { stateMachineArn } = await sfn.createStateMachine({ name: 'v', definition: pass });
    const { executionArn } = await sfn.startExecution({ stateMachineArn });
    await sfn.updateStateMachine({ stateMachineArn, definition: wait });
    expect(JSON.parse((await sfn.describeStateMachineForExecution({ executionArn })).definition)).toEqual(pass);
  });

  test('names are checked: InvalidName', async () => {
    await expect(service().createStateMachine({ name: 'a b', definition: pass })).rejects.toThrowErrorMatchingInlineSnapshot(`[InvalidName: Invalid Name: 'a b']`);
  });

  test('validateStateMachineDefinition answers OK or FAIL with diagnostics', async () => {
    const sfn = service();
    expect(await sfn.validateStateMachineDefinition({ definition: JSON.stringify(pass) })).toEqual({ result: 'OK', diagnostics: [], truncated: false });
    // Recorded: sfn_api_validation (ValidateStateMachineDefinition on a definition without StartAt).
    const failed = await sfn.validateStateMachineDefinition({ definition: JSON.stringify({ States: { P: pass.States.P } }) });
    expect(failed).toEqual({
      result: 'FAIL',
      diagnostics: [{ code: 'SCHEMA_VALIDATION_FAILED', location: '/', message: 'These fields are required: [StartAt]', severity: 'ERROR' }],
      truncated: false,
    });
  });
});

describe('call (for wire adapters)', () => {
  test('dispatches by operation name; unknown operations are refused', async () => {
    const sfn = service();
    const created = (await sfn.call('createStateMachine', { name: 'm', definition: JSON.stringify(pass) })) as { stateMachineArn: string };
    expect(await sfn.call('describeStateMachine', { stateMachineArn: created.stateMachineArn })).toMatchObject({ name: 'm' });
    await expect(sfn.call('redriveExecution', {})).rejects.toThrowErrorMatchingInlineSnapshot(
      `[UnknownOperationException: fogbank's Step Functions does not support the operation redriveExecution]`,
    );
    expect(new Set(StepFunctions.operations).size).toBe(StepFunctions.operations.length);
  });
});

describe('testState', () => {
  test('runs one state with the service integrations', async () => {
    const sfn = new StepFunctions({ integrations: { 'arn:aws:states:::lambda:invoke': () => ({ StatusCode: 200, Payload: 'hi' }) } });
    const result = await sfn.testState({
      definition: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, ResultSelector: { 'p.$': '$.Payload' }, End: true },
      roleArn: `arn:aws:iam::${ACCOUNT}:role/r`,
    });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { p: 'hi' } });
  });
});

describe('executions', () => {
  test('start, wait, describe, list and history of a Standard execution', async () => {
    const sfn = service();
    const { stateMachineArn } = await sfn.createStateMachine({ name: 'm', definition: pass });
    const { executionArn } = await sfn.startExecution({ stateMachineArn, name: 'run-1', input: '{"a":1}' });
    expect(executionArn).toBe(`arn:aws:states:us-east-1:${ACCOUNT}:execution:m:run-1`);
    const done = await sfn.waitForExecution(executionArn);
    expect(done).toMatchObject({ status: 'SUCCEEDED', input: '{"a":1}', output: '{"ok":true}', name: 'run-1', redriveCount: 0 });
    expect(await sfn.describeExecution({ executionArn })).toEqual(done);
    expect((await sfn.listExecutions({ stateMachineArn })).executions).toHaveLength(1);
    expect((await sfn.listExecutions({ stateMachineArn, statusFilter: 'FAILED' })).executions).toHaveLength(0);
    const history = await sfn.getExecutionHistory({ executionArn });
    expect(history.events.map((e) => e.type)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  });

  test('history paging, reverseOrder and includeExecutionData', async () => {
    const sfn = service();
    const { stateMachineArn } = await sfn.createStateMachine({ name: 'm', definition: pass });
    const { executionArn } = await sfn.startExecution({ stateMachineArn });
    await sfn.waitForExecution(executionArn);
    const first = await sfn.getExecutionHistory({ executionArn, maxResults: 3, reverseOrder: true });
    expect(first.events.map((e) => e.id)).toEqual([4, 3, 2]);
    const second = await sfn.getExecutionHistory({ executionArn, maxResults: 3, reverseOrder: true, nextToken: first.nextToken! });
    expect(second).toEqual({ events: [expect.objectContaining({ id: 1 })] });
    const bare = await sfn.getExecutionHistory({ executionArn, includeExecutionData: false });
    expect(bare.events[0]!['executionStartedEventDetails']).toEqual({ roleArn: `arn:aws:iam::${ACCOUNT}:role/fogbank` });
    await expect(sfn.getExecutionHistory({ executionArn, nextToken: 'bogus' })).rejects.toMatchObject({ name: 'InvalidToken' });
  });

  test('a Standard name is unique: same input while running is idempotent, otherwise ExecutionAlreadyExists', async () => {
    const sfn = service();
    const { stateMachineArn } = await sfn.createStateMachine({ name: 'm', definition: wait });
    const a = await sfn.startExecution({ stateMachineArn, name: 'x', input: '{}' });
    expect(await sfn.startExecution({ stateMachineArn, name: 'x', input: '{}' })).toEqual(a);
    await expect(sfn.startExecution({ stateMachineArn, name: 'x', input: '{"b":2}' })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[ExecutionAlreadyExists: Execution Already Exists: 'arn:aws:states:us-east-1:123456789012:execution:m:x']`,
    );
  });

  // Recorded: sfn_api invalid-input cases (StartExecution error responses).
  test.for([
    { raw: "{'not': 'json'", message: "Invalid State Machine Execution Input: 'Unexpected character (''' (code 39)): was expecting double-quote to start field name'" },
    { raw: 'not some json', message: "Invalid State Machine Execution Input: 'Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')'" },
    { raw: '', message: "Invalid State Machine Execution Input: 'Invalid execution input.'" },
  ])('input $raw is InvalidExecutionInput', async ({ raw, message }) => {
    const sfn = service();
    const { stateMachineArn } = await sfn.createStateMachine({ name: 'm', definition: pass });
    await expect(sfn.startExecution({ stateMachineArn, input: raw })).rejects.toMatchObject({ name: 'InvalidExecutionInput', message });
  });

  test('stopExecution aborts with the given error and cause', async () => {
    const sfn = new StepFunctions({ clock: virtualClock(Date.UTC(2025, 0, 1), { autoAdvance: false }) });
    const { stateMachineArn } = await sfn.createStateMachine({ name: 'm', definition: wait });
    const { executionArn } = await sfn.startExecution({ stateMachineArn });
    await sfn.stopExecution({ executionArn, error: 'Manual', cause: 'by test' });
    expect(await sfn.describeExecution({ executionArn })).toMatchObject({ status: 'ABORTED', error: 'Manual', cause: 'by test' });
  });

  test('Express: startSyncExecution with billingDetails; history calls answer InvalidArn', async () => {
    const sfn = service();
    const { stateMachineArn } = await sfn.createStateMachine({ name: 'fast', definition: pass, type: 'EXPRESS' });
    const out = await sfn.startSyncExecution({ stateMachineArn, name: 'e1' });
    expect(out).toMatchObject({ status: 'SUCCEEDED', output: '{"ok":true}', billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: 100 } });
    expect(out.executionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:express:fast:e1:/);
    await expect(sfn.getExecutionHistory({ executionArn: out.executionArn })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidArn: Invalid Arn: 'Resource type not valid in this context: express']`,
    );
    await expect(sfn.listExecutions({ stateMachineArn })).rejects.toMatchObject({ name: 'StateMachineTypeNotSupported' });
    const standard = await sfn.createStateMachine({ name: 'slow', definition: pass });
    await expect(sfn.startSyncExecution({ stateMachineArn: standard.stateMachineArn })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[StateMachineTypeNotSupported: This operation is not supported by this type of state machine]`,
    );
  });

  test('unknown executions: ExecutionDoesNotExist', async () => {
    const arn = `arn:aws:states:us-east-1:${ACCOUNT}:execution:m:nope`;
    await expect(service().describeExecution({ executionArn: arn })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[ExecutionDoesNotExist: Execution Does Not Exist: 'arn:aws:states:us-east-1:123456789012:execution:m:nope']`,
    );
  });
});
