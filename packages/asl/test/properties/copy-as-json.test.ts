/**
 * The execution input's copy: exactly what `JSON.parse(JSON.stringify(value))` gives, for plain data
 * (taken directly) and for everything JSON converts or refuses (taken through the round trip).
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { copyAsJson } from '../../src/json.js';

const roundTrip = (value: unknown): unknown => {
  const text = JSON.stringify(value);
  return text === undefined ? null : JSON.parse(text);
};

class Point {
  constructor(readonly x: number) {}
}

// Values JSON converts: Dates, toJSON, undefined members, NaN, -0, holes, class instances.
const awkward = fc.oneof(
  fc.date({ noInvalidDate: true }),
  fc.constant(undefined),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0),
  fc.integer().map((x) => new Point(x)),
  fc.string().map((s) => ({ toJSON: () => `as ${s}` })),
  fc.constant([1, , 3]),
  fc.constant(Object.create(null) as object),
);

describe('copyAsJson', () => {
  test('equals the JSON round trip on any JSON value, and shares no object with it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const copy = copyAsJson(value);
        expect(copy).toStrictEqual(roundTrip(value));
        if (typeof value === 'object' && value !== null) expect(copy).not.toBe(value);
      }),
    );
  });

  // Found by the property above (1 run in ~40,000): the key was dropped, or set the copy's prototype.
  test('keeps an own "__proto__" key as a key', () => {
    for (const text of ['{"__proto__":""}', '{"a":1,"__proto__":{"b":[2]}}']) {
      const value = JSON.parse(text) as unknown;
      const copy = copyAsJson(value) as object;
      expect(JSON.stringify(copy)).toBe(text);
      expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    }
  });

  test('equals the JSON round trip when values JSON converts are mixed in', () => {
    const mixed = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), awkward, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 })),
    })).value;
    fc.assert(
      fc.property(mixed, (value) => {
        expect(copyAsJson(value)).toStrictEqual(roundTrip(value));
      }),
    );
  });

  test('a cycle fails as JSON.stringify does', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    expect(() => copyAsJson(cyclic)).toThrow(/circular structure/);
  });

  test('undefined and functions at the top become null, as an absent input does', () => {
    expect(copyAsJson(undefined)).toBeNull();
    expect(copyAsJson(() => 1)).toBeNull();
  });
});
