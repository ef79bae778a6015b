/**
 * DynamoDB stream -> Lambda event source mappings: batches, starting positions, retries and
 * bisection (https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-eventsourcemapping.html).
 */
import { fileURLToPath } from 'node:url';
import { virtualClock } from '@fogbank/asl';
import { createCloud, type Cloud } from 'fogbank';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

const FUNCTIONS = fileURLToPath(new URL('./fixtures/functions/', import.meta.url));
let cloud: Cloud;
let streamArn: string;
let invocations: string[];

beforeEach(async () => {
  cloud = await createCloud({ clock: virtualClock(Date.UTC(2025, 0, 1)), server: false, lambda: { mode: 'inline' } });
  const { TableDescription } = await cloud.dynamodb.createTable({
    TableName: 'events',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
  });
  streamArn = TableDescription.LatestStreamArn!;
  invocations = [];
  cloud.lambda.onEvent((e) => {
    if (e.type === 'InvocationCompleted') invocations.push(e.requestId);
  });
  await cloud.lambda.createFunction({ FunctionName: 'picky', Handler: 'index.handler', Runtime: 'nodejs20.x', Code: { Directory: `${FUNCTIONS}picky` } });
});
afterEach(() => cloud.close());

const put = (id: string) => cloud.dynamodb.putItem({ TableName: 'events', Item: { id: { S: id } } });

/** The batches the function saw, in invocation order (its log lines carry the request id). */
async function batches(): Promise<string[]> {
  const { events } = await cloud.lambda.logs.filterLogEvents({ logGroupName: '/aws/lambda/picky' });
  const lines = events.map((e) => e.message).filter((m) => m.includes('\tINFO\tbatch '));
  return invocations.map((id) => {
    const line = lines.find((m) => m.includes(id))!;
    return line.slice(line.indexOf('batch ') + 6).trim();
  });
}

describe('event source mappings', () => {
  test('records written together arrive in order, in batches of BatchSize', async () => {
    const mapping = await cloud.lambda.createEventSourceMapping({ EventSourceArn: streamArn, FunctionName: 'picky', StartingPosition: 'LATEST', BatchSize: 2 });
    expect(mapping).toMatchObject({ BatchSize: 2, State: 'Enabled', MaximumRetryAttempts: -1, FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:picky' });
    for (const id of ['a', 'b', 'c']) await put(id);
    await cloud.lambda.eventSourceMappingsSettled();
    expect(await batches()).toEqual(['a,b', 'c']);
    expect((await cloud.lambda.getEventSourceMapping({ UUID: mapping.UUID })).LastProcessingResult).toBe('OK');
  });

  test('TRIM_HORIZON delivers the records already in the stream; LATEST only new ones', async () => {
    await put('old');
    await cloud.lambda.createEventSourceMapping({ EventSourceArn: streamArn, FunctionName: 'picky', StartingPosition: 'TRIM_HORIZON', BatchSize: 10 });
    await cloud.lambda.eventSourceMappingsSettled();
    expect(await batches()).toEqual(['old']);
  });

  test('a failing batch is retried MaximumRetryAttempts times, then dropped', async () => {
    await cloud.lambda.createEventSourceMapping({ EventSourceArn: streamArn, FunctionName: 'picky', StartingPosition: 'LATEST', BatchSize: 10, MaximumRetryAttempts: 2 });
    await put('ok');
    await put('poison');
    await cloud.lambda.eventSourceMappingsSettled();
    expect(await batches()).toEqual(['ok,poison', 'ok,poison', 'ok,poison']);
  });

  test('BisectBatchOnFunctionError splits a failing batch until the bad record is alone', async () => {
    await cloud.lambda.createEventSourceMapping({
      EventSourceArn: streamArn,
      FunctionName: 'picky',
      StartingPosition: 'LATEST',
      BatchSize: 10,
      MaximumRetryAttempts: 0,
      BisectBatchOnFunctionError: true,
    });
    for (const id of ['a', 'poison', 'c', 'd']) await put(id);
    await cloud.lambda.eventSourceMappingsSettled();
    expect(await batches()).toEqual(['a,poison,c,d', 'a,poison', 'a', 'poison', 'c,d']);
  });

  test('only DynamoDB streams are mapped; unknown mappings are ResourceNotFoundException', async () => {
    await expect(
      cloud.lambda.createEventSourceMapping({ EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:q', FunctionName: 'picky', StartingPosition: 'LATEST' }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`[InvalidParameterValueException: fogbank maps DynamoDB streams only; unsupported event source: arn:aws:sqs:us-east-1:123456789012:q]`);
    await expect(cloud.lambda.getEventSourceMapping({ UUID: 'nope' })).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
