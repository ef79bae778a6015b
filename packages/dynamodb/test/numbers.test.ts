/**
 * DynamoDB numbers: laws over random decimals of up to 38 digits. Ordering agrees with exact
 * integer arithmetic (including the double fast path), sums are exact, and the canonical text
 * round-trips. Source: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number
 */
import fc from 'fast-check';
import { DynamoDB } from '@fogbank/dynamodb';
import { describe, expect, test } from 'vitest';

// A decimal as digits and a power of ten, rendered in several spellings DynamoDB accepts.
const decimal = fc
  .record({
    negative: fc.boolean(),
    digits: fc.oneof(fc.stringMatching(/^[1-9]\d{0,14}$/), fc.stringMatching(/^[1-9]\d{15,37}$/)),
    exponent: fc.integer({ min: -60, max: 60 }),
  })
  .map(({ negative, digits, exponent }) => ({ negative, digits, exponent, text: `${negative ? '-' : ''}${digits}e${exponent}` }));

/** Exact comparison by scaling both to a common exponent with BigInt. */
function exactCompare(a: { negative: boolean; digits: string; exponent: number }, b: typeof a): number {
  const e = Math.min(a.exponent, b.exponent);
  const x = BigInt(a.digits) * 10n ** BigInt(a.exponent - e) * (a.negative ? -1n : 1n);
  const y = BigInt(b.digits) * 10n ** BigInt(b.exponent - e) * (b.negative ? -1n : 1n);
  return x < y ? -1 : x > y ? 1 : 0;
}

async function table() {
  const db = new DynamoDB();
  await db.createTable({
    TableName: 'nums',
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'n', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'n', AttributeType: 'N' },
    ],
  });
  return db;
}

describe('numbers', () => {
  test('sort-key order agrees with exact decimal order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(decimal, { minLength: 2, maxLength: 12, selector: (d) => `${d.negative}${d.digits}e${d.exponent}` }), async (values) => {
        const db = await table();
        const distinct = values.filter((v, i) => values.findIndex((w) => exactCompare(v, w) === 0) === i);
        for (const v of distinct) await db.putItem({ TableName: 'nums', Item: { pk: { S: 'p' }, n: { N: v.text } } });
        const out = await db.query({ TableName: 'nums', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } } });
        const expected = [...distinct].sort(exactCompare);
        expect(out.Items?.length).toBe(expected.length);
        const got = (out.Items ?? []).map((i) => i.n?.N as string);
        // Each stored value must be the canonical spelling of the expected one, in order.
        got.forEach((n, i) => {
          const e = expected[i] as (typeof expected)[number];
          const [intPart, frac = ''] = n.replace('-', '').split('.');
          const digits = `${intPart}${frac}`.replace(/^0+/, '');
          const scaled = BigInt(digits) * (n.startsWith('-') ? -1n : 1n);
          const exp = -frac.length;
          expect(exactCompare({ negative: scaled < 0n, digits: (scaled < 0n ? -scaled : scaled).toString(), exponent: exp }, e)).toBe(0);
        });
      }),
      { numRuns: 60 },
    );
  });

  test('ADD is exact: the sum of random decimals matches BigInt arithmetic', async () => {
    const small = fc.record({ negative: fc.boolean(), digits: fc.stringMatching(/^[1-9]\d{0,9}$/), exponent: fc.integer({ min: -8, max: 8 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(small, { minLength: 1, maxLength: 6 }), async (terms) => {
        const db = await table();
        for (const t of terms)
          await db.updateItem({ TableName: 'nums', Key: { pk: { S: 'sum' }, n: { N: '0' } }, UpdateExpression: 'ADD acc :t', ExpressionAttributeValues: { ':t': { N: `${t.negative ? '-' : ''}${t.digits}e${t.exponent}` } } });
        const got = (await db.getItem({ TableName: 'nums', Key: { pk: { S: 'sum' }, n: { N: '0' } } })).Item?.acc?.N as string;
        const scale = 10n ** 16n;
        const exact = terms.reduce((acc, t) => acc + (BigInt(t.digits) * scale * 10n ** BigInt(t.exponent + 8)) / 10n ** 8n * (t.negative ? -1n : 1n), 0n);
        const [i, f = ''] = got.replace('-', '').split('.');
        const value = (BigInt(i as string) * scale + BigInt((f + '0'.repeat(16)).slice(0, 16))) * (got.startsWith('-') ? -1n : 1n);
        expect(value).toBe(exact);
      }),
      { numRuns: 60 },
    );
  });

  test('canonical output', async () => {
    const db = await table();
    for (const [input, canonical] of [
      ['1e2', '100'],
      ['0001.2300', '1.23'],
      ['-0', '0'],
      ['1E-130', `0.${'0'.repeat(129)}1`],
      ['9.9999999999999999999999999999999999999E+125', `99999999999999999999999999999999999999${'0'.repeat(88)}`],
    ] as const) {
      await db.putItem({ TableName: 'nums', Item: { pk: { S: input }, n: { N: input } } });
      expect((await db.getItem({ TableName: 'nums', Key: { pk: { S: input }, n: { N: canonical } } })).Item?.n).toEqual({ N: canonical });
    }
  });

  test.for([
    { input: '1E-131', message: 'Number underflow. Attempting to store a number with magnitude smaller than supported range' },
    { input: 'abc', message: 'A value provided cannot be converted into a number' },
    { input: '', message: 'A value provided cannot be converted into a number' },
  ])('rejects $input', async ({ input, message }) => {
    const db = await table();
    await expect(db.putItem({ TableName: 'nums', Item: { pk: { S: 'x' }, n: { N: '1' }, v: { N: input } } })).rejects.toThrow(message);
  });
});
