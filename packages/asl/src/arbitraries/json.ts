import fc from 'fast-check';
import type { Json, JsonObject } from '../json.js';

/** Options of {@link jsonValue}. */
export interface JsonValueOptions {
  /**
   * How deep arrays and objects nest.
   * @default 3
   */
  readonly maxDepth?: number;
  /**
   * Most entries of one array or object.
   * @default 5
   */
  readonly maxLength?: number;
}

/**
 * Any JSON value (what `JSON.parse` can return): `null`, booleans, finite numbers (integers and
 * doubles), strings (ASCII and Unicode), arrays and objects. Never `undefined`, `NaN` or `-0`,
 * which JSON text and execution payloads cannot carry.
 *
 * @example
 * fc.assert(fc.property(jsonValue(), (v) => JSON.parse(JSON.stringify(v)) !== undefined));
 */
export function jsonValue(options: JsonValueOptions = {}): fc.Arbitrary<Json> {
  const maxDepth = options.maxDepth ?? 3;
  const maxLength = options.maxLength ?? 5;
  const leaf: fc.Arbitrary<Json> = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -1_000_000, max: 1_000_000 }),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }).map((n) => (Object.is(n, -0) ? 0 : n)),
    fc.string({ maxLength: 12 }),
    fc.string({ maxLength: 6, unit: 'grapheme' }),
  );
  const { value } = fc.letrec<{ value: Json }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth, withCrossShrink: true },
      leaf,
      fc.array(tie('value'), { maxLength }),
      fc.dictionary(jsonKey(), tie('value'), { maxKeys: maxLength, noNullPrototype: true }),
    ),
  }));
  return value;
}

/** A JSON object (the usual shape of an execution input). */
export function jsonObject(options: JsonValueOptions = {}): fc.Arbitrary<JsonObject> {
  const maxLength = options.maxLength ?? 5;
  const inner: JsonValueOptions = { ...options, maxDepth: Math.max(0, (options.maxDepth ?? 3) - 1) };
  return fc.dictionary(jsonKey(), jsonValue(inner), { maxKeys: maxLength, noNullPrototype: true });
}

/**
 * Object keys as people write them, plus the awkward ones a path must quote (spaces, dots,
 * quotes, brackets, an empty key).
 */
export function jsonKey(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,7}$/) },
    { weight: 1, arbitrary: fc.constantFrom('', 'a b', 'a.b', "it's", '[0]', '$', 'ключ', '*') },
  );
}

/**
 * Execution inputs shaped for the definitions of {@link definition}: an object whose fields
 * (`n`, `s`, `flag`, `ts`, `items`, `obj`) have the types the generated paths, Choice rules and
 * intrinsics expect, each sometimes (one time in five) missing or of another type, so both the happy paths and the
 * `States.Runtime` failures get exercised. Use {@link jsonValue} for inputs of any shape.
 */
export function executionInput(): fc.Arbitrary<JsonObject> {
  const number = fc.oneof(fc.integer({ min: -100, max: 100 }), fc.double({ min: -100, max: 100, noNaN: true }).map((n) => (Object.is(n, -0) ? 0 : n)));
  const string = fc.oneof(fc.constantFrom('a', 'b,c', 'hello world', ''), fc.string({ maxLength: 8 }));
  const timestamp = fc
    .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2026-12-31T23:59:59Z'), noInvalidDate: true })
    .map((d) => d.toISOString());
  const small = jsonValue({ maxDepth: 1, maxLength: 3 });
  const model = {
    n: fc.oneof({ weight: 4, arbitrary: number }, { weight: 1, arbitrary: small }),
    s: fc.oneof({ weight: 4, arbitrary: string }, { weight: 1, arbitrary: small }),
    flag: fc.oneof({ weight: 4, arbitrary: fc.boolean() }, { weight: 1, arbitrary: small }),
    ts: fc.oneof({ weight: 4, arbitrary: timestamp }, { weight: 1, arbitrary: string }),
    items: fc.oneof({ weight: 4, arbitrary: fc.array(small, { maxLength: 4 }) }, { weight: 1, arbitrary: small }),
    obj: fc.record({ n: number, s: string }, { requiredKeys: [] }),
  };
  // Each field is present four times in five: often enough for paths to find something.
  const absent = Symbol('absent');
  const keys = Object.keys(model) as (keyof typeof model)[];
  return fc
    .tuple(...keys.map((k) => fc.oneof({ weight: 1, arbitrary: fc.constant(absent) }, { weight: 4, arbitrary: model[k] as fc.Arbitrary<Json> })))
    .map((values) => {
      const out: JsonObject = {};
      values.forEach((v, i) => {
        if (v !== absent) out[keys[i]!] = v as Json;
      });
      return out;
    });
}
