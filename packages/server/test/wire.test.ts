/**
 * The wire protocol itself: AWS's error rendering (`__type` namespaces, status), the
 * x-amz-crc32 checksum the SDK verifies, malformed bodies answered with SerializationException
 * instead of a crash, and the DynamoDB Streams target prefix.
 */
import { crc32 } from 'node:zlib';
import { DynamoDB } from '@fogbank/dynamodb';
import { startServer, type RunningServer } from '@fogbank/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

let server: RunningServer;
const post = async (target: string | undefined, body: string) => {
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.0' };
  if (target !== undefined) headers['x-amz-target'] = target;
  const res = await fetch(server.url, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, crc: res.headers.get('x-amz-crc32'), text, json: JSON.parse(text) as Record<string, unknown> };
};

beforeAll(async () => {
  server = await startServer({ port: 0, dynamodb: new DynamoDB() });
});
afterAll(() => server.close());

describe('DynamoDB JSON 1.0 wire protocol', () => {
  test('binds to 127.0.0.1 by default', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('a ValidationException is filed under coral.validate, as AWS renders it', async () => {
    const r = await post('DynamoDB_20120810.DescribeTable', '{"TableName":"ab"}');
    expect(r.status).toBe(400);
    expect(r.json).toEqual({
      __type: 'com.amazon.coral.validate#ValidationException',
      message: "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3",
    });
  });

  test('service errors use the dynamodb namespace', async () => {
    const r = await post('DynamoDB_20120810.GetItem', '{"TableName":"missing","Key":{"id":{"S":"a"}}}');
    expect(r.json).toEqual({ __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException', message: 'Requested resource not found' });
  });

  test('x-amz-crc32 is the CRC32 of the body', async () => {
    const r = await post('DynamoDB_20120810.ListTables', '{}');
    expect(r.status).toBe(200);
    expect(r.crc).toBe(String(crc32(Buffer.from(r.text))));
  });

  test.for([
    { name: 'invalid JSON', body: '{"TableName":' },
    { name: 'a JSON null body', body: 'null' },
    { name: 'a JSON array body', body: '[1]' },
  ])('$name is a SerializationException, not a crash', async ({ body }) => {
    const r = await post('DynamoDB_20120810.PutItem', body);
    expect(r.status).toBe(400);
    expect(r.json.__type).toBe('com.amazon.coral.service#SerializationException');
  });

  test('a member of the wrong JSON type is a SerializationException', async () => {
    await post('DynamoDB_20120810.CreateTable', JSON.stringify({ TableName: 'wire', BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] }));
    const r = await post('DynamoDB_20120810.PutItem', '{"TableName":"wire","Item":{"id":{"S":5}}}');
    expect(r.status).toBe(400);
    expect(r.json.__type).toBe('com.amazon.coral.service#SerializationException');
  });

  test('an unknown target is UnknownOperationException', async () => {
    const r = await post('DynamoDB_20120810.Frobnicate', '{}');
    expect(r.status).toBe(400);
    expect(r.json.__type).toBe('com.amazon.coral.service#UnknownOperationException');
  });

  test('binary values travel as base64', async () => {
    await post('DynamoDB_20120810.CreateTable', JSON.stringify({ TableName: 'bin', BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'B' }] }));
    await post('DynamoDB_20120810.PutItem', '{"TableName":"bin","Item":{"id":{"B":"AAEC"},"bs":{"BS":["AQ==","Ag=="]}}}');
    const r = await post('DynamoDB_20120810.GetItem', '{"TableName":"bin","Key":{"id":{"B":"AAEC"}}}');
    expect(r.json).toEqual({ Item: { id: { B: 'AAEC' }, bs: { BS: ['AQ==', 'Ag=='] } } });
  });

  test('items read again after a write answer the new values, whole or projected', async () => {
    await post('DynamoDB_20120810.CreateTable', JSON.stringify({ TableName: 'reread', BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] }));
    await post('DynamoDB_20120810.PutItem', '{"TableName":"reread","Item":{"id":{"S":"a"},"n":{"N":"1"},"b":{"B":"AAE="}}}');
    const key = '{"TableName":"reread","Key":{"id":{"S":"a"}}';
    expect((await post('DynamoDB_20120810.GetItem', `${key}}`)).json).toEqual({ Item: { id: { S: 'a' }, n: { N: '1' }, b: { B: 'AAE=' } } });
    await post('DynamoDB_20120810.UpdateItem', `${key},"UpdateExpression":"SET n = n + :one","ExpressionAttributeValues":{":one":{"N":"1"}}}`);
    expect((await post('DynamoDB_20120810.GetItem', `${key}}`)).json).toEqual({ Item: { id: { S: 'a' }, n: { N: '2' }, b: { B: 'AAE=' } } });
    expect((await post('DynamoDB_20120810.GetItem', `${key},"ProjectionExpression":"n"}`)).json).toEqual({ Item: { n: { N: '2' } } });
    const scan = await post('DynamoDB_20120810.Scan', '{"TableName":"reread"}');
    expect(scan.json).toEqual({ Items: [{ id: { S: 'a' }, n: { N: '2' }, b: { B: 'AAE=' } }], Count: 1, ScannedCount: 1 });
    expect(scan.crc).toBe(String(crc32(Buffer.from(scan.text))));
    const batch = await post('DynamoDB_20120810.BatchGetItem', '{"RequestItems":{"reread":{"Keys":[{"id":{"S":"a"}}],"ProjectionExpression":"id"}}}');
    expect(batch.json).toEqual({ Responses: { reread: [{ id: { S: 'a' } }] }, UnprocessedKeys: {} });
  });

  test('DynamoDB Streams operations answer on the same port', async () => {
    await post('DynamoDB_20120810.CreateTable', JSON.stringify({ TableName: 'streamed', BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } }));
    await post('DynamoDB_20120810.PutItem', '{"TableName":"streamed","Item":{"id":{"S":"a"}}}');
    const list = await post('DynamoDBStreams_20120810.ListStreams', '{"TableName":"streamed"}');
    const arn = (list.json.Streams as { StreamArn: string }[])[0]?.StreamArn as string;
    const desc = await post('DynamoDBStreams_20120810.DescribeStream', JSON.stringify({ StreamArn: arn }));
    const shard = ((desc.json.StreamDescription as { Shards: { ShardId: string }[] }).Shards[0] as { ShardId: string }).ShardId;
    const it = await post('DynamoDBStreams_20120810.GetShardIterator', JSON.stringify({ StreamArn: arn, ShardId: shard, ShardIteratorType: 'TRIM_HORIZON' }));
    const records = await post('DynamoDBStreams_20120810.GetRecords', JSON.stringify({ ShardIterator: it.json.ShardIterator }));
    expect(records.json.Records).toMatchObject([{ eventName: 'INSERT', eventSource: 'aws:dynamodb', dynamodb: { Keys: { id: { S: 'a' } }, NewImage: { id: { S: 'a' } }, StreamViewType: 'NEW_AND_OLD_IMAGES' } }]);
  });
});
