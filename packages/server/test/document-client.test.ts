/**
 * The AWS SDK's DocumentClient (@aws-sdk/lib-dynamodb) against startServer: native JavaScript
 * values in and out, conditions, queries, transactions and errors as the SDK surfaces them.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { DynamoDB } from '@fogbank/dynamodb';
import { startServer, type RunningServer } from '@fogbank/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

let server: RunningServer;
let doc: DynamoDBDocumentClient;
let base: DynamoDBClient;

beforeAll(async () => {
  const db = new DynamoDB();
  await db.createTable({
    TableName: 'orders',
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [
      { AttributeName: 'customer', KeyType: 'HASH' },
      { AttributeName: 'order', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'customer', AttributeType: 'S' },
      { AttributeName: 'order', AttributeType: 'N' },
    ],
  });
  server = await startServer({ port: 0, dynamodb: db });
  base = new DynamoDBClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
  doc = DynamoDBDocumentClient.from(base);
});
afterAll(async () => {
  base.destroy();
  await server.close();
});

describe('DocumentClient over HTTP', () => {
  test('put and get native values', async () => {
    const item = { customer: 'c1', order: 1, amount: 12.5, lines: [{ sku: 'a', qty: 2 }], tags: new Set(['new']), paid: false, note: null, empty: '' };
    await doc.send(new PutCommand({ TableName: 'orders', Item: item }));
    const { Item } = await doc.send(new GetCommand({ TableName: 'orders', Key: { customer: 'c1', order: 1 } }));
    expect(Item).toEqual(item);
  });

  test('batch write, then query a page in order', async () => {
    await doc.send(
      new BatchWriteCommand({ RequestItems: { orders: [2, 3, 10].map((order) => ({ PutRequest: { Item: { customer: 'c1', order, amount: order } } })) } }),
    );
    const out = await doc.send(
      new QueryCommand({ TableName: 'orders', KeyConditionExpression: 'customer = :c AND #o > :min', ExpressionAttributeNames: { '#o': 'order' }, ExpressionAttributeValues: { ':c': 'c1', ':min': 1 }, Limit: 2 }),
    );
    expect(out.Items?.map((i) => i.order)).toEqual([2, 3]);
    expect(out.LastEvaluatedKey).toEqual({ customer: 'c1', order: 3 });
  });

  test('a conditional update that fails is ConditionalCheckFailedException', async () => {
    const update = (expected: number) =>
      doc.send(
        new UpdateCommand({
          TableName: 'orders',
          Key: { customer: 'c1', order: 1 },
          UpdateExpression: 'SET amount = amount + :d',
          ConditionExpression: 'amount = :expected',
          ExpressionAttributeValues: { ':d': 0.1, ':expected': expected },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
    expect((await update(12.5)).Attributes).toEqual({ amount: 12.6 });
    await expect(update(12.5)).rejects.toMatchObject({ name: 'ConditionalCheckFailedException', message: 'The conditional request failed' });
  });

  test('a cancelled transaction carries its reasons', async () => {
    const error = await doc
      .send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: 'orders', Item: { customer: 'c2', order: 1 } } },
            { ConditionCheck: { TableName: 'orders', Key: { customer: 'c1', order: 1 }, ConditionExpression: 'paid = :t', ExpressionAttributeValues: { ':t': true } } },
          ],
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'TransactionCanceledException',
      message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]',
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }],
    });
    expect((await doc.send(new GetCommand({ TableName: 'orders', Key: { customer: 'c2', order: 1 } }))).Item).toBeUndefined();
  });
});
