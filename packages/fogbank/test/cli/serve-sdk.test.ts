/**
 * The official `@aws-sdk/client-sfn` and `@aws-sdk/client-lambda`, unchanged, against
 * `fogbank serve`: create, start, describe, history, callbacks, invoke with log tail, errors.
 */
import { CreateStateMachineCommand, DescribeExecutionCommand, ExecutionDoesNotExist, GetExecutionHistoryCommand, SFNClient, SendTaskSuccessCommand, StartExecutionCommand, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { GetFunctionConfigurationCommand, InvokeCommand, LambdaClient, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { ConditionalCheckFailedException, CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig, serveConfig } from '../../src/cli/index.js';
import { fixtures } from './memory-io.js';

const credentials = { accessKeyId: 'fogbank', secretAccessKey: 'fogbank' };
let sfn: SFNClient;
let lambda: LambdaClient;
let close: () => Promise<void>;
let pendingToken: () => Promise<string>;
let endpoint: string;

beforeAll(async () => {
  const served = await serveConfig({ config: await loadConfig(fixtures, undefined), port: 0 });
  close = served.close;
  endpoint = served.summary.endpoint;
  pendingToken = () => served.cloud.stepFunctions.waitForTaskToken();
  sfn = new SFNClient({ endpoint: served.summary.endpoint, region: 'us-east-1', credentials });
  lambda = new LambdaClient({ endpoint: served.summary.endpoint, region: 'us-east-1', credentials });
});
afterAll(async () => {
  sfn.destroy();
  lambda.destroy();
  await close();
});

describe('AWS SDK v3 clients against fogbank serve', () => {
  test('Step Functions: create, start, a callback answered with SendTaskSuccess, describe, history; AWS\'s exception classes', async () => {
    const definition = JSON.stringify({
      StartAt: 'Approve',
      States: {
        Approve: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { FunctionName: 'echo', Payload: { 'token.$': '$$.Task.Token' } }, Next: 'Done' },
        Done: { Type: 'Pass', End: true },
      },
    });
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'sdk', definition, roleArn: 'arn:aws:iam::123456789012:role/r' }));
    const { executionArn, startDate } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"order":1}' }));
    expect(startDate).toBeInstanceOf(Date);
    await sfn.send(new SendTaskSuccessCommand({ taskToken: await pendingToken(), output: '{"approved":true}' }));
    await expect.poll(async () => (await sfn.send(new DescribeExecutionCommand({ executionArn }))).status, { timeout: 10_000 }).toBe('SUCCEEDED');
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(JSON.parse(described.output!)).toEqual({ approved: true });
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events!.map((e) => e.type)).toContain('TaskSubmitted');
    expect(events!.at(-1)!.type).toBe('ExecutionSucceeded');
    await expect(sfn.send(new DescribeExecutionCommand({ executionArn: `${executionArn}x` }))).rejects.toBeInstanceOf(ExecutionDoesNotExist);
  });

  test('StartSyncExecution of an Express machine, with the client\'s sync- host prefix turned off', async () => {
    const definition = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'sum.$': 'States.MathAdd($.a, $.b)' }, End: true } } });
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'sdk-express', definition, roleArn: 'arn:aws:iam::123456789012:role/r', type: 'EXPRESS' }));
    const sync = new SFNClient({ endpoint, region: 'us-east-1', credentials, disableHostPrefix: true });
    const result = await sync.send(new StartSyncExecutionCommand({ stateMachineArn, input: '{"a":1,"b":2}' }));
    sync.destroy();
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: '{"sum":3}', billingDetails: { billedDurationInMilliseconds: 100, billedMemoryUsedInMB: 64 } });
    expect(result.stopDate).toBeInstanceOf(Date);
  });

  test('DynamoDB: create a table, put, get, and a failed condition as AWS\'s exception class, on the same port', async () => {
    const dynamodb = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
    try {
      await dynamodb.send(
        new CreateTableCommand({
          TableName: 'served',
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        }),
      );
      await dynamodb.send(new PutItemCommand({ TableName: 'served', Item: { pk: { S: 'a' }, n: { N: '1' } } }));
      expect((await dynamodb.send(new GetItemCommand({ TableName: 'served', Key: { pk: { S: 'a' } } }))).Item).toEqual({ pk: { S: 'a' }, n: { N: '1' } });
      const conditional = dynamodb.send(
        new PutItemCommand({ TableName: 'served', Item: { pk: { S: 'a' } }, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      await expect(conditional).rejects.toBeInstanceOf(ConditionalCheckFailedException);
      await expect(conditional).rejects.toThrow('The conditional request failed');
    } finally {
      dynamodb.destroy();
    }
  });

  test('Lambda: Invoke with LogType Tail and a FunctionError, configuration, ResourceNotFoundException', async () => {
    const ok = await lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{"a":1}'), LogType: 'Tail' }));
    expect(ok.StatusCode).toBe(200);
    expect(JSON.parse(Buffer.from(ok.Payload!).toString())).toEqual({ echoed: { a: 1 } });
    expect(Buffer.from(ok.LogResult!, 'base64').toString()).toContain('REPORT RequestId: ');
    const failed = await lambda.send(new InvokeCommand({ FunctionName: 'boom', Payload: Buffer.from('{}') }));
    expect(failed.FunctionError).toBe('Unhandled');
    expect(JSON.parse(Buffer.from(failed.Payload!).toString())).toMatchObject({ errorType: 'TypeError', errorMessage: 'boom' });
    expect(await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'boom' }))).toMatchObject({ FunctionName: 'boom', MemorySize: 256 });
    await expect(lambda.send(new InvokeCommand({ FunctionName: 'nope' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
