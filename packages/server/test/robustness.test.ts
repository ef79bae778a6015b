/**
 * No request can crash or stall the server: random bodies for every operation get an AWS-shaped
 * answer (200, or 400 with `__type` and a message), and the server keeps answering.
 */
import fc from 'fast-check';
import { DynamoDB } from '@fogbank/dynamodb';
import { startServer, type RunningServer } from '@fogbank/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

let server: RunningServer;
beforeAll(async () => {
  const db = new DynamoDB();
  await db.createTable({
    TableName: 'fuzz',
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'N' },
    ],
  });
  server = await startServer({ port: 0, dynamodb: db });
});
afterAll(() => server.close());

const OPS = [
  'PutItem', 'GetItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan', 'BatchGetItem', 'BatchWriteItem', 'TransactWriteItems',
  'TransactGetItems', 'CreateTable', 'DescribeTable', 'UpdateTable', 'ListTables', 'ExecuteStatement', 'TagResource', 'UpdateTimeToLive',
];

const attributeValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.record({ S: fc.string() }),
    fc.record({ N: fc.oneof(fc.constantFrom('1', '-0.5', '1e200', 'abc', ''), fc.string()) }),
    fc.record({ SS: fc.array(fc.string()) }),
    fc.record({ NULL: fc.jsonValue() }),
    fc.record({ L: fc.array(tie('value'), { maxLength: 3 }) }),
    fc.record({ M: fc.dictionary(fc.string(), tie('value'), { maxKeys: 3 }) }),
    fc.jsonValue(),
  ),
})).value;

const expression = fc.oneof(
  fc.string(),
  fc.constantFrom('pk = :v', 'SET a = :v', 'a IN (:v)', '((a = :v))', 'size(a) > :v', 'pk = :v AND sk BETWEEN :v AND :w', '#n = :v', 'REMOVE a[1]', 'ADD s :v'),
);

const body = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      TableName: fc.oneof(fc.constant('fuzz'), fc.string(), fc.jsonValue()),
      Item: fc.dictionary(fc.constantFrom('pk', 'sk', 'a', 's'), attributeValue),
      Key: fc.dictionary(fc.constantFrom('pk', 'sk', 'x'), attributeValue),
      ConditionExpression: expression,
      UpdateExpression: expression,
      KeyConditionExpression: expression,
      FilterExpression: expression,
      ExpressionAttributeNames: fc.dictionary(fc.constantFrom('#n', 'n', '#m'), fc.oneof(fc.string(), fc.jsonValue())),
      ExpressionAttributeValues: fc.dictionary(fc.constantFrom(':v', ':w', 'v'), attributeValue),
      Limit: fc.oneof(fc.integer(), fc.jsonValue()),
      ExclusiveStartKey: fc.dictionary(fc.constantFrom('pk', 'sk'), attributeValue),
      RequestItems: fc.dictionary(fc.constantFrom('fuzz', 'x'), fc.jsonValue()),
      TransactItems: fc.array(fc.jsonValue(), { maxLength: 3 }),
      Statement: fc.oneof(fc.string(), fc.constantFrom('SELECT * FROM fuzz', "INSERT INTO fuzz VALUE {'pk': 'a'}", 'UPDATE fuzz SET a = 1')),
      Tags: fc.array(fc.record({ Key: fc.jsonValue() }, { requiredKeys: [] })),
    },
    { requiredKeys: [] },
  ),
);

describe('robustness', () => {
  test('random requests get AWS-shaped answers and never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...OPS), body, async (op, payload) => {
        const res = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${op}` },
          body: JSON.stringify(payload) ?? 'null',
        });
        const json = (await res.json()) as Record<string, unknown>;
        if (res.status !== 200) {
          expect(res.status, JSON.stringify({ op, payload, json })).toBe(400);
          expect(typeof json.__type).toBe('string');
        }
      }),
      { numRuns: 400 },
    );
    const alive = await fetch(server.url, { method: 'POST', headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables' }, body: '{}' });
    expect(alive.status).toBe(200);
  });
});
