/**
 * DynamoDB's ordering and paging: numbers as decimals, strings and binaries by UTF-8 bytes,
 * 1 MB pages, parallel scan segments that partition the table, and indexes that follow writes.
 * Sources: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html#Scan.ParallelScan
 */
import { DynamoDB, type AttributeMap } from '@fogbank/dynamodb';
import { beforeEach, describe, expect, test } from 'vitest';

let db: DynamoDB;
const table = async (name: string, type: 'S' | 'N' | 'B') =>
  db.createTable({
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: type },
    ],
  });
const sortKeys = async (name: string) =>
  (await db.query({ TableName: name, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } } })).Items?.map((i) => i.sk);

beforeEach(() => {
  db = new DynamoDB();
});

describe('ordering', () => {
  test('numbers sort as decimals, not as strings or doubles', async () => {
    await table('nums', 'N');
    for (const n of ['10', '9', '-1', '1e2', '0.1', '-0.5', '99999999999999999999999999999999999999', '1.0000000000000000000000000000000000001'])
      await db.putItem({ TableName: 'nums', Item: { pk: { S: 'p' }, sk: { N: n } } });
    expect(await sortKeys('nums')).toEqual(
      ['-1', '-0.5', '0.1', '1.0000000000000000000000000000000000001', '9', '10', '100', '99999999999999999999999999999999999999'].map((N) => ({ N })),
    );
  });

  test('strings sort by UTF-8 bytes (an astral character after U+FFFD)', async () => {
    await table('strs', 'S');
    for (const s of ['b', 'a', 'B', '\u{1F600}', '\uFFFD', 'aa']) await db.putItem({ TableName: 'strs', Item: { pk: { S: 'p' }, sk: { S: s } } });
    expect(await sortKeys('strs')).toEqual(['B', 'a', 'aa', 'b', '\uFFFD', '\u{1F600}'].map((S) => ({ S })));
  });

  test('binaries sort as unsigned bytes', async () => {
    await table('bins', 'B');
    for (const b of [[0xff], [0x00, 0x01], [0x7f], [0x80]]) await db.putItem({ TableName: 'bins', Item: { pk: { S: 'p' }, sk: { B: new Uint8Array(b) } } });
    expect((await sortKeys('bins'))?.map((v) => [...(v?.B ?? [])])).toEqual([[0x00, 0x01], [0x7f], [0x80], [0xff]]);
  });

  test('begins_with on a sort key', async () => {
    await table('pref', 'S');
    for (const s of ['a#1', 'a#2', 'b#1', 'a']) await db.putItem({ TableName: 'pref', Item: { pk: { S: 'p' }, sk: { S: s } } });
    const out = await db.query({ TableName: 'pref', KeyConditionExpression: 'pk = :p AND begins_with(sk, :a)', ExpressionAttributeValues: { ':p': { S: 'p' }, ':a': { S: 'a#' } } });
    expect(out.Items?.map((i) => i.sk?.S)).toEqual(['a#1', 'a#2']);
  });
});

describe('paging', () => {
  test('a page stops at 1 MB and LastEvaluatedKey resumes it', async () => {
    await table('big', 'N');
    const blob = 'x'.repeat(100 * 1024);
    for (let i = 0; i < 25; i++) await db.putItem({ TableName: 'big', Item: { pk: { S: 'p' }, sk: { N: String(i) }, blob: { S: blob } } });
    const seen: string[] = [];
    let start: AttributeMap | undefined;
    let pages = 0;
    do {
      const out = await db.query({ TableName: 'big', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } }, ...(start ? { ExclusiveStartKey: start } : {}) });
      pages++;
      expect(out.Count).toBeLessThanOrEqual(11);
      seen.push(...(out.Items ?? []).map((i) => i.sk?.N as string));
      start = out.LastEvaluatedKey;
    } while (start);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => String(i)));
  });

  test('parallel scan segments partition the table', async () => {
    await db.createTable({ TableName: 'seg', BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] });
    for (let i = 0; i < 200; i++) await db.putItem({ TableName: 'seg', Item: { id: { S: `item${i}` } } });
    const all: string[] = [];
    for (let segment = 0; segment < 4; segment++) {
      let start: AttributeMap | undefined;
      do {
        const out = await db.scan({ TableName: 'seg', Segment: segment, TotalSegments: 4, Limit: 7, ...(start ? { ExclusiveStartKey: start } : {}) });
        all.push(...(out.Items ?? []).map((i) => i.id?.S as string));
        start = out.LastEvaluatedKey;
      } while (start);
    }
    expect(all.length).toBe(200);
    expect(new Set(all).size).toBe(200);
  });
});

describe('indexes', () => {
  beforeEach(async () => {
    await db.createTable({
      TableName: 'orders',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [
        { AttributeName: 'id', AttributeType: 'S' },
        { AttributeName: 'customer', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexes: [{ IndexName: 'byCustomer', KeySchema: [{ AttributeName: 'customer', KeyType: 'HASH' }], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['total'] } }],
    });
  });

  test('a GSI follows puts, updates and deletes, with its projection', async () => {
    await db.putItem({ TableName: 'orders', Item: { id: { S: 'o1' }, customer: { S: 'c1' }, total: { N: '5' }, secret: { S: 'x' } } });
    await db.putItem({ TableName: 'orders', Item: { id: { S: 'o2' }, customer: { S: 'c1' } } });
    await db.updateItem({ TableName: 'orders', Key: { id: { S: 'o2' } }, UpdateExpression: 'SET customer = :c', ExpressionAttributeValues: { ':c': { S: 'c2' } } });
    await db.putItem({ TableName: 'orders', Item: { id: { S: 'o3' } } });
    const q = (c: string) => db.query({ TableName: 'orders', IndexName: 'byCustomer', KeyConditionExpression: 'customer = :c', ExpressionAttributeValues: { ':c': { S: c } } });
    expect((await q('c1')).Items).toEqual([{ id: { S: 'o1' }, customer: { S: 'c1' }, total: { N: '5' } }]);
    expect((await q('c2')).Items).toEqual([{ id: { S: 'o2' }, customer: { S: 'c2' } }]);
    await db.deleteItem({ TableName: 'orders', Key: { id: { S: 'o1' } } });
    expect((await q('c1')).Count).toBe(0);
  });

  test('reads through a GSI are charged to the index', async () => {
    await db.putItem({ TableName: 'orders', Item: { id: { S: 'o1' }, customer: { S: 'c1' } } });
    const out = await db.query({ TableName: 'orders', IndexName: 'byCustomer', KeyConditionExpression: 'customer = :c', ExpressionAttributeValues: { ':c': { S: 'c1' } }, ReturnConsumedCapacity: 'INDEXES' });
    expect(out.ConsumedCapacity).toEqual({
      TableName: 'orders',
      CapacityUnits: 0.5,
      ReadCapacityUnits: 0.5,
      Table: { CapacityUnits: 0, ReadCapacityUnits: 0 },
      GlobalSecondaryIndexes: { byCustomer: { CapacityUnits: 0.5, ReadCapacityUnits: 0.5 } },
    });
  });

  test('a GSI index key of the wrong type is rejected', async () => {
    await expect(db.putItem({ TableName: 'orders', Item: { id: { S: 'o1' }, customer: { N: '1' } } })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[ValidationException: One or more parameter values were invalid: Type mismatch for Index Key customer Expected: S Actual: N IndexName: byCustomer]`,
    );
  });

  test('updateTable adds a GSI and backfills it, and removes one', async () => {
    await db.putItem({ TableName: 'orders', Item: { id: { S: 'o1' }, status: { S: 'open' } } });
    await db.updateTable({
      TableName: 'orders',
      AttributeDefinitions: [{ AttributeName: 'status', AttributeType: 'S' }],
      GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'byStatus', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } }],
    });
    const out = await db.query({ TableName: 'orders', IndexName: 'byStatus', KeyConditionExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': { S: 'open' } } });
    expect(out.Items).toEqual([{ id: { S: 'o1' }, status: { S: 'open' } }]);
    await db.updateTable({ TableName: 'orders', GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'byStatus' } }] });
    await expect(db.query({ TableName: 'orders', IndexName: 'byStatus', KeyConditionExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': { S: 'open' } } })).rejects.toThrow(
      'The table does not have the specified index: byStatus',
    );
  });
});
