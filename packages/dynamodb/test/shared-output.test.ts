/**
 * `callShared` (for wire adapters that serialise an output at once) hands out the stored items
 * instead of copies; every other call still returns copies the caller may change freely.
 */
import { DynamoDB } from '@fogbank/dynamodb';
import { describe, expect, test } from 'vitest';

async function store() {
  const db = new DynamoDB();
  await db.createTable({
    TableName: 'shared',
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
  await db.putItem({ TableName: 'shared', Item: { pk: { S: 'a' }, sk: { N: '1' }, tags: { SS: ['x'] }, bin: { B: new Uint8Array([1, 2]) } } });
  return db;
}

const key = { pk: { S: 'a' }, sk: { N: '1' } };

describe('shared output', () => {
  test('callShared answers the same values as call, for every read operation', async () => {
    const db = await store();
    const reads: [string, unknown][] = [
      ['getItem', { TableName: 'shared', Key: key }],
      ['query', { TableName: 'shared', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'a' } } }],
      ['scan', { TableName: 'shared' }],
      ['batchGetItem', { RequestItems: { shared: { Keys: [key] } } }],
      ['transactGetItems', { TransactItems: [{ Get: { TableName: 'shared', Key: key } }] }],
    ];
    for (const [op, input] of reads) expect(await db.callShared(op, input)).toEqual(await db.call(op, input));
  });

  test('outputs of call stay copies after a shared call, also one that failed', async () => {
    const db = await store();
    await expect(db.callShared('getItem', { TableName: 'missing', Key: key })).rejects.toThrow('Requested resource not found');
    await db.callShared('getItem', { TableName: 'shared', Key: key });
    const first = await db.getItem({ TableName: 'shared', Key: key });
    (first.Item?.['tags']?.SS as string[]).push('changed');
    const page = await db.query({ TableName: 'shared', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'a' } } });
    (page.Items?.[0] as Record<string, unknown>)['extra'] = { S: 'changed' };
    expect((await db.getItem({ TableName: 'shared', Key: key })).Item).toEqual({ pk: { S: 'a' }, sk: { N: '1' }, tags: { SS: ['x'] }, bin: { B: new Uint8Array([1, 2]) } });
  });

  test('a shared item is the stored object: a later write replaces it and leaves it unchanged', async () => {
    const db = await store();
    const shared = ((await db.callShared('getItem', { TableName: 'shared', Key: key })) as { Item: unknown }).Item;
    const before = structuredClone(shared);
    await db.updateItem({ TableName: 'shared', Key: key, UpdateExpression: 'ADD tags :t SET n = :n', ExpressionAttributeValues: { ':t': { SS: ['y'] }, ':n': { N: '2' } } });
    expect(shared).toEqual(before);
    expect(((await db.callShared('getItem', { TableName: 'shared', Key: key })) as { Item: unknown }).Item).not.toBe(shared);
  });
});
