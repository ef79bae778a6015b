import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { certainlyUnderQuota, jsonByteLength, MAX_PAYLOAD_BYTES, quotaBound } from '../../src/engine/limits.js';

describe('certainlyUnderQuota', () => {
  test('never says "under" for a value whose JSON is over the quota', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        if (certainlyUnderQuota(value as never)) {
          expect(Buffer.byteLength(JSON.stringify(value), 'utf8')).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
        }
      }),
    );
  });

  test('quotaBound is never below the exact size', () => {
    const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });
    const values = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        anyUnits,
        fc.double(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 5 }),
        fc.dictionary(anyUnits, tie('value'), { maxKeys: 5 }),
      ),
    })).value;
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), values), (value) => {
        const bound = quotaBound(value as never);
        if (bound !== Infinity) expect(bound).toBeGreaterThanOrEqual(jsonByteLength(value as never));
      }),
      { numRuns: 2000 },
    );
  });

  test('the longest numbers JavaScript writes are within the bound (found by the property above)', () => {
    for (const n of [-0.0000010314428692551271, -1.0000000000000002e-308, -123456789012345680000]) {
      expect(quotaBound(n)).toBeGreaterThanOrEqual(jsonByteLength(n));
    }
  });

  test('a long string or a wide value is measured exactly instead', () => {
    expect(certainlyUnderQuota('x'.repeat(50_000))).toBe(false);
    expect(certainlyUnderQuota(Array.from({ length: 1000 }, (_, i) => i))).toBe(false);
    expect(certainlyUnderQuota({ count: 1, limit: 10 })).toBe(true);
  });
});

describe('jsonByteLength', () => {
  const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');
  // Every UTF-16 unit, lone surrogates and control characters included.
  const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) });
  const numbers = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, 1e21, -1e21, 1e20, 9007199254740993, 5e-324, 0.1));

  test('is the UTF-8 length of JSON.stringify on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(jsonByteLength(value as never)).toBe(bytesOf(value));
      }),
    );
  });

  test('counts escapes, surrogate pairs, lone surrogates and every number form as JSON.stringify writes them', () => {
    const values = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, anyUnits, numbers, fc.boolean(), fc.constant(null), tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(anyUnits, tie('value'), { maxKeys: 4 }),
    })).value;
    fc.assert(
      fc.property(values, (value) => {
        expect(jsonByteLength(value as never)).toBe(bytesOf(value));
      }),
      { numRuns: 500 },
    );
    const ownProto = JSON.parse('{"__proto__":{"a":[1,-2.5e-7,true]}}');
    expect(jsonByteLength(ownProto)).toBe(bytesOf(ownProto));
    expect(jsonByteLength('\u0000\b\t\n\f\r"\\\u007f\u00e9\u20ac\ud83d\ude00\ud800')).toBe(bytesOf('\u0000\b\t\n\f\r"\\\u007f\u00e9\u20ac\ud83d\ude00\ud800'));
  });

  test('counts the digits of integers on both sides of every power of ten', () => {
    const around = Array.from({ length: 23 }, (_, k) => 10 ** k).flatMap((p) => [p - 1, p, p + 1, -p, 1 - p]);
    for (const n of around) expect(jsonByteLength(n), String(n)).toBe(bytesOf(n));
  });

  test('stops past the limit with a number above it', () => {
    const big = Array.from({ length: 100_000 }, (_, i) => ({ id: i }));
    expect(jsonByteLength(big, 1000)).toBeGreaterThan(1000);
    expect(jsonByteLength(big, 1000)).toBeLessThan(bytesOf(big));
  });
});
