/**
 * Each Task integration of the cloud on its own: results, history events and AWS's error names
 * and causes (recorded shapes: ../shared/conformance/sfn services/ and error_handling/ cases).
 */
import { fileURLToPath } from 'node:url';
import { virtualClock, type HistoryEvent } from '@fogbank/asl';
import { createCloud, StepFunctions, type Cloud } from 'fogbank';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const FUNCTIONS = fileURLToPath(new URL('./fixtures/functions/', import.meta.url));
const ACCOUNT = '123456789012';
let cloud: Cloud;
let n = 0;

beforeAll(async () => {
  cloud = await createCloud({ accountId: ACCOUNT, clock: virtualClock(Date.UTC(2025, 0, 1)), server: false, lambda: { mode: 'inline' } });
  for (const name of ['boom', 'echo']) {
    await cloud.lambda.createFunction({ FunctionName: name, Handler: 'index.handler', Runtime: 'nodejs20.x', Code: { Directory: `${FUNCTIONS}${name}` } });
  }
  await cloud.dynamodb.createTable({
    TableName: 'items',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
});
afterAll(() => cloud.close());

const task = (state: Record<string, unknown>) => ({ StartAt: 'T', States: { T: { Type: 'Task', End: true, ...state } } });

/** Runs a one-state machine and answers its outcome and history. */
async function runTask(state: Record<string, unknown>, input: unknown = {}, type: 'STANDARD' | 'EXPRESS' = 'STANDARD') {
  const sfn = cloud.stepFunctions;
  const { stateMachineArn } = await sfn.createStateMachine({ name: `m${++n}`, type, definition: { StartAt: 'T', States: { T: { Type: 'Task', End: true, ...state } } } });
  const { executionArn } = await sfn.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  const done = await sfn.waitForExecution(executionArn);
  const events: HistoryEvent[] = type === 'STANDARD' ? (await sfn.getExecutionHistory({ executionArn, maxResults: 1000 })).events : [];
  return { done, events, types: events.map((e) => e.type), executionArn };
}

describe('Lambda', () => {
  test('a function ARN records LambdaFunction* events and answers the response', async () => {
    const { done, types } = await runTask({ Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:echo` }, { a: 1 });
    expect(JSON.parse(done.output!)).toEqual({ a: 1 });
    expect(types).toEqual(['ExecutionStarted', 'TaskStateEntered', 'LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
  });

  test('a function error is the errorType, with the runtime error document as cause', async () => {
    const { done } = await runTask({ Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:boom` });
    expect(done.error).toBe('OrderRejected');
    expect(JSON.parse(done.cause!)).toMatchObject({ errorType: 'OrderRejected', errorMessage: 'no stock' });
  });

  test('lambda:invoke answers the whole Invoke envelope', async () => {
    const { done } = await runTask({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'echo', Payload: { b: 2 } } });
    const output = JSON.parse(done.output!);
    expect(output).toMatchObject({ ExecutedVersion: '$LATEST', Payload: { b: 2 }, StatusCode: 200, SdkHttpMetadata: { HttpStatusCode: 200 } });
    expect(Object.keys(output)).toEqual(['ExecutedVersion', 'Payload', 'SdkHttpMetadata', 'SdkResponseMetadata', 'StatusCode']);
  });

  // Recorded: error_handling/test_task_service_lambda test_no_such_function.
  test('an unknown function is Lambda.ResourceNotFoundException with the Java SDK cause', async () => {
    const { done } = await runTask({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'nope', Payload: {} } });
    expect(done.error).toBe('Lambda.ResourceNotFoundException');
    expect(done.cause).toMatch(
      /^Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope:\$LATEST \(Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: [\w-]+; Proxy: null\)$/,
    );
  });
});

describe('DynamoDB', () => {
  test('putItem and getItem add the SDK metadata; the aws-sdk integration answers the bare result', async () => {
    await runTask({ Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 'items', Item: { id: { S: 'a' }, v: { N: '1' } } } });
    const { done } = await runTask({ Resource: 'arn:aws:states:::dynamodb:getItem', Parameters: { TableName: 'items', Key: { id: { S: 'a' } } } });
    expect(JSON.parse(done.output!)).toMatchObject({ Item: { id: { S: 'a' }, v: { N: '1' } }, SdkHttpMetadata: { HttpStatusCode: 200 } });
    const sdk = await runTask({ Resource: 'arn:aws:states:::aws-sdk:dynamodb:getItem', Parameters: { TableName: 'items', Key: { id: { S: 'a' } } } });
    expect(JSON.parse(sdk.done.output!)).toEqual({ Item: { id: { S: 'a' }, v: { N: '1' } } });
  });

  test('a failed condition is DynamoDB.ConditionalCheckFailedException', async () => {
    const { done } = await runTask({
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Parameters: { TableName: 'items', Item: { id: { S: 'a' } }, ConditionExpression: 'attribute_not_exists(id)' },
    });
    expect(done.error).toBe('DynamoDB.ConditionalCheckFailedException');
    expect(done.cause).toMatch(/^The conditional request failed \(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException; Request ID: [\w-]+; Proxy: null\)$/);
  });

  // Recorded: error_handling/test_aws_sdk test_dynamodb_put_item_no_such_table.
  test('the aws-sdk integration names errors DynamoDb.* with the SDK v2 cause', async () => {
    const { done } = await runTask({ Resource: 'arn:aws:states:::aws-sdk:dynamodb:putItem', Parameters: { TableName: 'nope', Item: { id: { S: 'a' } } } });
    expect(done.error).toBe('DynamoDb.ResourceNotFoundException');
    expect(done.cause).toMatch(/^Requested resource not found \(Service: DynamoDb, Status Code: 400, Request ID: [\w-]+\)$/);
  });
});

describe('callbacks', () => {
  const callback = { Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { FunctionName: 'echo', Payload: { 'token.$': '$$.Task.Token' } } };

  test('sendTaskFailure fails the task; a late answer is TaskTimedOut, an unknown token InvalidToken', async () => {
    const sfn = cloud.stepFunctions;
    const { stateMachineArn } = await sfn.createStateMachine({ name: `m${++n}`, definition: { StartAt: 'T', States: { T: { Type: 'Task', End: true, ...callback } } } });
    const { executionArn } = await sfn.startExecution({ stateMachineArn });
    const token = await sfn.waitForTaskToken(executionArn);
    await sfn.sendTaskFailure({ taskToken: token, error: 'Denied', cause: 'by the approver' });
    expect(await sfn.waitForExecution(executionArn)).toMatchObject({ status: 'FAILED', error: 'Denied', cause: 'by the approver' });
    await expect(sfn.sendTaskSuccess({ taskToken: token, output: '{}' })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[TaskTimedOut: Task Timed Out: 'Provided task does not exist anymore']`,
    );
    await expect(sfn.sendTaskHeartbeat({ taskToken: 'not-a-token' })).rejects.toThrowErrorMatchingInlineSnapshot(`[InvalidToken: Invalid Token: 'Invalid token']`);
  });

  test('when the submitting call fails, the task fails with its error and the token is spent', async () => {
    const sfn = cloud.stepFunctions;
    const failing = { ...callback, Parameters: { FunctionName: 'boom', Payload: { 'token.$': '$$.Task.Token' } } };
    const { done, executionArn } = await runTask(failing);
    expect(done.error).toBe('OrderRejected');
    expect(sfn.pendingTaskTokens(executionArn)).toEqual([]);
  });

  test('without heartbeats the task times out (TaskTimedOut), in simulated time', async () => {
    const { done, types } = await runTask({ ...callback, HeartbeatSeconds: 30 });
    // The error name is the engine's (@fogbank/asl); AWS's docs name heartbeat expiry States.HeartbeatTimeout.
    expect(done.status).toBe('FAILED');
    expect(types.slice(-3)).toEqual(['TaskSubmitted', 'TaskTimedOut', 'ExecutionFailed']);
  });
});

describe('activities and nested executions', () => {
  test('a worker polls with getActivityTask and answers with the token', async () => {
    const sfn = cloud.stepFunctions;
    const { activityArn } = await sfn.createActivity({ name: 'review' });
    const { stateMachineArn } = await sfn.createStateMachine({ name: `m${++n}`, definition: { StartAt: 'T', States: { T: { Type: 'Task', Resource: activityArn, End: true } } } });
    const { executionArn } = await sfn.startExecution({ stateMachineArn, input: '{"doc":1}' });
    const task = await sfn.getActivityTask({ activityArn, workerName: 'w1' });
    expect(task.input).toBe('{"doc":1}');
    await sfn.sendTaskSuccess({ taskToken: task.taskToken!, output: '{"ok":true}' });
    expect(await sfn.waitForExecution(executionArn)).toMatchObject({ status: 'SUCCEEDED', output: '{"ok":true}' });
  });

  test('closing the service ends a waiting long poll empty', async () => {
    const sfn = new StepFunctions({ clock: virtualClock(Date.UTC(2025, 0, 1), { autoAdvance: false }) });
    const { activityArn } = await sfn.createActivity({ name: 'idle' });
    const poll = sfn.getActivityTask({ activityArn });
    await sfn.close();
    expect(await poll).toEqual({});
  });

  test('a failing child fails a .sync parent with States.TaskFailed and the child described in the cause', async () => {
    const sfn = cloud.stepFunctions;
    const child = await sfn.createStateMachine({ name: `child${++n}`, definition: { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Nope', Cause: 'child failed' } } } });
    const { done } = await runTask({ Resource: 'arn:aws:states:::states:startExecution.sync', Parameters: { StateMachineArn: child.stateMachineArn, Input: { x: 1 } } });
    expect(done.error).toBe('States.TaskFailed');
    expect(JSON.parse(done.cause!)).toMatchObject({ Error: 'Nope', Cause: 'child failed', Status: 'FAILED', Input: '{"x":1}' });
  });

  // Recorded: callback/test_callback test_sync_with_task_token (the child forwards the token through SQS).
  test('a .sync task has a token: SendTaskSuccess with it ends the task before the child, and spends it', async () => {
    const sfn = cloud.stepFunctions;
    const child = await sfn.createStateMachine({ name: `child${++n}`, definition: { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } } });
    const { stateMachineArn } = await sfn.createStateMachine({
      name: `m${++n}`,
      definition: task({ Resource: 'arn:aws:states:::states:startExecution.sync', Parameters: { StateMachineArn: child.stateMachineArn, Input: { 'token.$': '$$.Task.Token' } } }),
    });
    const { executionArn } = await sfn.startExecution({ stateMachineArn, input: '{}' });
    const token = await sfn.waitForTaskToken(executionArn);
    await sfn.sendTaskSuccess({ taskToken: token, output: '"early"' });
    expect(await sfn.waitForExecution(executionArn)).toMatchObject({ status: 'SUCCEEDED', output: '"early"' });
    await expect(sfn.sendTaskSuccess({ taskToken: token, output: '"late"' })).rejects.toThrow(expect.objectContaining({ name: 'TaskTimedOut' }));
  });

  test('a resource fogbank does not serve fails the execution, saying so', async () => {
    const { done } = await runTask({ Resource: 'arn:aws:states:::events:putEvents', Parameters: { Entries: [] } });
    expect(done.error).toBe('States.Runtime');
    expect(done.cause).toContain("fogbank has no integration for the resource 'arn:aws:states:::events:putEvents'");
  });
});
