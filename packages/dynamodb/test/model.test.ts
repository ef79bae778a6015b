/**
 * Model-based law: random sequences of writes, conditional writes, updates, deletes,
 * transactions and paginated table and GSI queries agree with a small reference model (a map of partitions,
 * each a map of sort key to item, sorted on read) on every read.
 */
import fc from 'fast-check';
import { DynamoDB, type AttributeMap } from '@fogbank/dynamodb';
import { describe, test, expect } from 'vitest';

/** pk -> sk -> { v, g } where g is the GSI partition key (absent: not in the index). */
type Row = { v: number; g: string | undefined };
type Model = Map<string, Map<number, Row>>;

const pk = fc.constantFrom('a', 'b', 'c');
// Sort keys with exact binary representations so the model may sort them as doubles.
const sk = fc.constantFrom(-10, -1.5, 0, 0.25, 1, 2, 9, 10, 100, 1e6);
const value = fc.integer({ min: -5, max: 5 });

type Op =
  | { kind: 'put'; pk: string; sk: number; v: number; g: string | undefined }
  | { kind: 'queryIndex'; g: string; limit: number }
  | { kind: 'putIfAbsent'; pk: string; sk: number; v: number }
  | { kind: 'add'; pk: string; sk: number; v: number }
  | { kind: 'delete'; pk: string; sk: number }
  | { kind: 'deleteIfPositive'; pk: string; sk: number }
  | { kind: 'transfer'; pk: string; from: number; to: number; v: number }
  | { kind: 'query'; pk: string; limit: number; forward: boolean; min: number | undefined };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), pk, sk, v: value, g: fc.option(fc.constantFrom('x', 'y'), { nil: undefined }) }),
  fc.record({ kind: fc.constant('queryIndex' as const), g: fc.constantFrom('x', 'y'), limit: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('putIfAbsent' as const), pk, sk, v: value }),
  fc.record({ kind: fc.constant('add' as const), pk, sk, v: value }),
  fc.record({ kind: fc.constant('delete' as const), pk, sk }),
  fc.record({ kind: fc.constant('deleteIfPositive' as const), pk, sk }),
  fc.record({ kind: fc.constant('transfer' as const), pk, from: sk, to: sk, v: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('query' as const), pk, limit: fc.integer({ min: 1, max: 4 }), forward: fc.boolean(), min: fc.option(sk, { nil: undefined }) }),
);

const key = (p: string, s: number): AttributeMap => ({ pk: { S: p }, sk: { N: String(s) } });
const partition = (m: Model, p: string) => m.get(p) ?? (m.set(p, new Map()).get(p) as Map<number, Row>);

async function run(db: DynamoDB, model: Model, o: Op): Promise<void> {
  const T = 'model';
  switch (o.kind) {
    case 'put':
      await db.putItem({ TableName: T, Item: { ...key(o.pk, o.sk), v: { N: String(o.v) }, ...(o.g === undefined ? {} : { g: { S: o.g } }) } });
      partition(model, o.pk).set(o.sk, { v: o.v, g: o.g });
      return;
    case 'queryIndex': {
      const got: string[] = [];
      let start: AttributeMap | undefined;
      do {
        const out = await db.query({ TableName: T, IndexName: 'byG', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': { S: o.g } }, Limit: o.limit, ...(start ? { ExclusiveStartKey: start } : {}) });
        for (const item of out.Items ?? []) got.push(`${item.pk?.S}/${item.sk?.N}/${item.v?.N}`);
        start = out.LastEvaluatedKey;
      } while (start);
      const expected: string[] = [];
      for (const [p, rows] of model) for (const [s, row] of rows) if (row.g === o.g) expected.push(`${p}/${s}/${row.v}`);
      expect(got.sort()).toEqual(expected.sort());
      return;
    }
    case 'putIfAbsent': {
      const ok = await db.putItem({ TableName: T, Item: { ...key(o.pk, o.sk), v: { N: String(o.v) } }, ConditionExpression: 'attribute_not_exists(pk)' }).then(
        () => true,
        (e: Error) => (e.name === 'ConditionalCheckFailedException' ? false : Promise.reject(e)),
      );
      const p = partition(model, o.pk);
      expect(ok).toBe(!p.has(o.sk));
      if (ok) p.set(o.sk, { v: o.v, g: undefined });
      return;
    }
    case 'add': {
      const out = await db.updateItem({ TableName: T, Key: key(o.pk, o.sk), UpdateExpression: 'ADD v :d', ExpressionAttributeValues: { ':d': { N: String(o.v) } }, ReturnValues: 'UPDATED_NEW' });
      const p = partition(model, o.pk);
      const row = p.get(o.sk) ?? { v: 0, g: undefined };
      p.set(o.sk, { ...row, v: row.v + o.v });
      expect(out.Attributes).toEqual({ v: { N: String(row.v + o.v) } });
      return;
    }
    case 'delete': {
      const out = await db.deleteItem({ TableName: T, Key: key(o.pk, o.sk), ReturnValues: 'ALL_OLD' });
      const p = partition(model, o.pk);
      expect(out.Attributes?.v).toEqual(p.has(o.sk) ? { N: String(p.get(o.sk)?.v) } : undefined);
      p.delete(o.sk);
      return;
    }
    case 'deleteIfPositive': {
      const p = partition(model, o.pk);
      const expected = (p.get(o.sk)?.v ?? 0) > 0;
      const ok = await db.deleteItem({ TableName: T, Key: key(o.pk, o.sk), ConditionExpression: 'v > :zero', ExpressionAttributeValues: { ':zero': { N: '0' } } }).then(
        () => true,
        (e: Error) => (e.name === 'ConditionalCheckFailedException' ? false : Promise.reject(e)),
      );
      expect(ok).toBe(expected);
      if (ok) p.delete(o.sk);
      return;
    }
    case 'transfer': {
      const p = partition(model, o.pk);
      const request = {
        TransactItems: [
          { Update: { TableName: T, Key: key(o.pk, o.from), UpdateExpression: 'SET v = v - :d', ConditionExpression: 'v >= :d', ExpressionAttributeValues: { ':d': { N: String(o.v) } } } },
          { Update: { TableName: T, Key: key(o.pk, o.to), UpdateExpression: 'ADD v :d', ExpressionAttributeValues: { ':d': { N: String(o.v) } } } },
        ],
      };
      const outcome = await db.transactWriteItems(request).then(
        () => 'ok',
        (e: Error) => e.name,
      );
      if (o.from === o.to) {
        expect(outcome).toBe('ValidationException');
        return;
      }
      const from = p.get(o.from);
      const allowed = from !== undefined && from.v >= o.v;
      expect(outcome).toBe(allowed ? 'ok' : 'TransactionCanceledException');
      if (allowed) {
        p.set(o.from, { ...from, v: from.v - o.v });
        const to = p.get(o.to) ?? { v: 0, g: undefined };
        p.set(o.to, { ...to, v: to.v + o.v });
      }
      return;
    }
    case 'query': {
      const p = partition(model, o.pk);
      let expected = [...p.entries()].filter(([s]) => o.min === undefined || s >= o.min).map(([s, row]): [number, number] => [s, row.v]).sort(([a], [b]) => a - b);
      if (!o.forward) expected = expected.reverse();
      const got: [number, number][] = [];
      let start: AttributeMap | undefined;
      let pages = 0;
      do {
        const out = await db.query({
          TableName: T,
          KeyConditionExpression: o.min === undefined ? 'pk = :p' : 'pk = :p AND sk >= :m',
          ExpressionAttributeValues: o.min === undefined ? { ':p': { S: o.pk } } : { ':p': { S: o.pk }, ':m': { N: String(o.min) } },
          Limit: o.limit,
          ScanIndexForward: o.forward,
          ...(start ? { ExclusiveStartKey: start } : {}),
        });
        expect(out.Count).toBeLessThanOrEqual(o.limit);
        for (const item of out.Items ?? []) got.push([Number(item.sk?.N), Number(item.v?.N)]);
        start = out.LastEvaluatedKey;
        pages++;
      } while (start && pages < 100);
      expect(got).toEqual(expected);
      return;
    }
  }
}

describe('model-based', () => {
  test('the store agrees with a reference model on every read', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), async (ops) => {
        const db = new DynamoDB();
        await db.createTable({
          TableName: 'model',
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'N' },
            { AttributeName: 'g', AttributeType: 'S' },
          ],
          GlobalSecondaryIndexes: [{ IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
        });
        const model: Model = new Map();
        for (const o of ops) await run(db, model, o);
        const scanned = (await db.scan({ TableName: 'model' })).Items ?? [];
        const total = [...model.values()].reduce((n, p) => n + p.size, 0);
        expect(scanned.length).toBe(total);
      }),
      { numRuns: 150 },
    );
  });
});
