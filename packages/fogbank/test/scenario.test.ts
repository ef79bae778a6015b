/**
 * The scenario: a workflow that invokes a Lambda writing through the SDK's DocumentClient,
 * retries a flaky function, catches a failure into a compensation step, waits for a task token the
 * test sends, starts a child workflow with `.sync:2` and records the outcome in DynamoDB.
 */
import { fileURLToPath } from 'node:url';
import { virtualClock } from '@fogbank/asl';
import { createCloud, type Cloud } from 'fogbank';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

const FUNCTIONS = fileURLToPath(new URL('./fixtures/functions/', import.meta.url));
const ACCOUNT = '123456789012';
const fn = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;

const child = {
  StartAt: 'Label',
  States: { Label: { Type: 'Pass', Parameters: { 'label.$': "States.Format('ship-{}', $.orderId)" }, End: true } },
};

function orderFlow(childArn: string | undefined) {
  const tail = childArn === undefined ? { Next: 'Record' } : { Next: 'Approve' };
  const states: Record<string, unknown> = {
    SaveOrder: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'orders', 'Payload.$': '$' },
      ResultSelector: { 'saved.$': '$.Payload.saved', 'status.$': '$.StatusCode' },
      ResultPath: '$.save',
      Next: 'Flaky',
    },
    Flaky: {
      Type: 'Task',
      Resource: fn('flaky'),
      Retry: [{ ErrorEquals: ['FlakyError'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
      ResultPath: '$.flaky',
      Next: 'Charge',
    },
    Charge: {
      Type: 'Task',
      Resource: fn('charge'),
      Catch: [{ ErrorEquals: ['PaymentDeclined'], ResultPath: '$.declined', Next: 'Refund' }],
      ResultPath: '$.charge',
      ...tail,
    },
    Refund: { Type: 'Task', Resource: fn('refund'), ResultPath: '$.refund', ...tail },
    Record: {
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:updateItem',
      Parameters: {
        TableName: 'orders',
        Key: { id: { 'S.$': '$.orderId' } },
        UpdateExpression: 'SET #s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': { S: 'DONE' } },
        ReturnValues: 'ALL_NEW',
      },
      ResultSelector: { 'status.$': '$.Attributes.status.S' },
      ResultPath: '$.record',
      End: true,
    },
  };
  if (childArn !== undefined) {
    states['Approve'] = {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'notify', Payload: { 'token.$': '$$.Task.Token', 'orderId.$': '$.orderId' } },
      TimeoutSeconds: 3600,
      ResultPath: '$.approval',
      Next: 'Ship',
    };
    states['Ship'] = {
      Type: 'Task',
      Resource: 'arn:aws:states:::states:startExecution.sync:2',
      Parameters: { StateMachineArn: childArn, Input: { 'orderId.$': '$.orderId' } },
      ResultSelector: { 'label.$': '$.Output.label', 'status.$': '$.Status' },
      ResultPath: '$.shipping',
      Next: 'Record',
    };
  }
  return { StartAt: 'SaveOrder', States: states };
}

let cloud: Cloud;

beforeEach(async () => {
  let n = 0;
  cloud = await createCloud({ accountId: ACCOUNT, clock: virtualClock(Date.UTC(2025, 0, 1)), ids: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` });
  for (const name of ['orders', 'audit']) {
    await cloud.dynamodb.createTable({
      TableName: name,
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      ...(name === 'orders' ? { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } } : {}),
    });
  }
  for (const name of ['orders', 'flaky', 'charge', 'refund', 'notify', 'audit', 'approver']) {
    await cloud.lambda.createFunction({
      FunctionName: name,
      Handler: 'index.handler',
      Runtime: 'nodejs20.x',
      Code: { Directory: `${FUNCTIONS}${name}` },
      Timeout: 10,
      Environment: { Variables: { TABLE: 'orders' } },
    });
  }
});

afterEach(async () => {
  await cloud.close();
});

describe('an order workflow through Lambda, DynamoDB, a callback and a child workflow', () => {
  test('Standard: every integration, the retries, the compensation and the token', async () => {
    const sfn = cloud.stepFunctions;
    const { stateMachineArn: childArn } = await sfn.createStateMachine({ name: 'shipping', definition: child });
    const { stateMachineArn } = await sfn.createStateMachine({ name: 'orders', definition: orderFlow(childArn) });
    const { executionArn } = await sfn.startExecution({ stateMachineArn, name: 'order-1', input: JSON.stringify({ orderId: 'o-1', total: 250 }) });

    const token = await sfn.waitForTaskToken(executionArn);
    await sfn.sendTaskSuccess({ taskToken: token, output: JSON.stringify({ approvedBy: 'test' }) });
    const done = await sfn.waitForExecution(executionArn);

    expect(done.status).toBe('SUCCEEDED');
    const output = JSON.parse(done.output!);
    expect(output).toMatchObject({
      save: { saved: true, status: 200 },
      flaky: { attempts: 3 },
      refund: { refunded: 'o-1' },
      approval: { approvedBy: 'test' },
      shipping: { label: 'ship-o-1', status: 'SUCCEEDED' },
      record: { status: 'DONE' },
    });
    // The Catch hands the function's error document (Node.js runtime shape) to the compensation.
    expect(output.declined.Error).toBe('PaymentDeclined');
    expect(JSON.parse(output.declined.Cause)).toMatchObject({ errorType: 'PaymentDeclined', errorMessage: 'card declined for 250' });

    const { events } = await sfn.getExecutionHistory({ executionArn, maxResults: 1000 });
    const types = events.map((e) => e.type);
    expect(types.filter((t) => t === 'LambdaFunctionFailed')).toHaveLength(3); // two flaky attempts, one declined charge
    expect(types).toContain('TaskSubmitted');
    const item = await cloud.dynamodb.getItem({ TableName: 'orders', Key: { id: { S: 'o-1' } } });
    expect(item.Item).toEqual({ id: { S: 'o-1' }, total: { N: '250' }, status: { S: 'DONE' } });
    const children = await sfn.listExecutions({ stateMachineArn: childArn });
    expect(children.executions.map((e) => e.status)).toEqual(['SUCCEEDED']);
  });

  test('Express: the same workflow without the callback and the child, through startSyncExecution', async () => {
    const sfn = cloud.stepFunctions;
    const { stateMachineArn } = await sfn.createStateMachine({ name: 'orders-fast', definition: orderFlow(undefined), type: 'EXPRESS' });
    const out = await sfn.startSyncExecution({ stateMachineArn, input: JSON.stringify({ orderId: 'o-2', total: 20 }) });
    expect(out.status).toBe('SUCCEEDED');
    expect(JSON.parse(out.output!)).toMatchObject({ charge: { charged: 20 }, record: { status: 'DONE' } });
    expect(out.billingDetails.billedMemoryUsedInMB).toBe(64);
  });

  test('a handler answers its own task token with the SDK, through the cloud endpoint', async () => {
    const sfn = cloud.stepFunctions;
    const definition = {
      StartAt: 'Approve',
      States: {
        Approve: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: 'approver', Payload: { 'token.$': '$$.Task.Token', 'orderId.$': '$.orderId' } },
          End: true,
        },
      },
    };
    const { stateMachineArn } = await sfn.createStateMachine({ name: 'approval', definition });
    const { executionArn } = await sfn.startExecution({ stateMachineArn, input: JSON.stringify({ orderId: 'o-9' }) });
    expect(await sfn.waitForExecution(executionArn)).toMatchObject({ status: 'SUCCEEDED', output: JSON.stringify({ approved: 'o-9' }) });
  });

  test('handlers get the endpoint, per-service variables, region and dummy credentials', async () => {
    await cloud.lambda.createFunction({ FunctionName: 'env', Handler: 'index.handler', Runtime: 'nodejs20.x', Code: { Directory: `${FUNCTIONS}env` } });
    const res = await cloud.lambda.invoke({ FunctionName: 'env' });
    const url = cloud.endpoint!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(JSON.parse(res.Payload.transformToString())).toEqual({
      AWS_ENDPOINT_URL: url,
      AWS_ENDPOINT_URL_DYNAMODB: url,
      AWS_ENDPOINT_URL_SFN: url,
      AWS_REGION: 'us-east-1',
      hasCredentials: true,
    });
  });

  test('a stream-triggered function copies new orders into the audit table', async () => {
    const table = await cloud.dynamodb.describeTable({ TableName: 'orders' });
    await cloud.lambda.createEventSourceMapping({ EventSourceArn: table.Table.LatestStreamArn!, FunctionName: 'audit', StartingPosition: 'LATEST', BatchSize: 10 });
    await cloud.dynamodb.putItem({ TableName: 'orders', Item: { id: { S: 'a' } } });
    await cloud.dynamodb.putItem({ TableName: 'orders', Item: { id: { S: 'b' } } });
    await cloud.dynamodb.putItem({ TableName: 'orders', Item: { id: { S: 'a' }, v: { N: '2' } } });
    await cloud.lambda.eventSourceMappingsSettled();
    const audit = await cloud.dynamodb.scan({ TableName: 'audit' });
    expect(audit.Items!.map((i) => i['id']!.S).sort()).toEqual(['a', 'b']);
  });
});
