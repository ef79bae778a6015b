import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { certainlyUnderQuota, MAX_PAYLOAD_BYTES } from '../../src/engine/limits.js';

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

  test('a long string or a wide value is measured exactly instead', () => {
    expect(certainlyUnderQuota('x'.repeat(50_000))).toBe(false);
    expect(certainlyUnderQuota(Array.from({ length: 1000 }, (_, i) => i))).toBe(false);
    expect(certainlyUnderQuota({ count: 1, limit: 10 })).toBe(true);
  });
});
