/** A JSON value as it flows through a state machine. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** AWS's name for a JSON value's type, as used in its error messages. */
export function jsonTypeName(value: Json): 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as 'boolean' | 'number' | 'string' | 'object';
}

const NOT_PLAIN = Symbol('not plain JSON');
const MAX_FAST_DEPTH = 512;

/**
 * A deep copy of `value` as JSON would carry it (`JSON.parse(JSON.stringify(value))`), made
 * directly when the value is plain data (objects of Object.prototype or null, arrays, strings,
 * finite numbers, booleans, null): about three times faster than the round trip. Anything else
 * (a Date, a toJSON method, undefined, NaN, a class instance, deep nesting or a cycle) takes the
 * round trip itself, with its conversions and errors.
 */
export function copyAsJson(value: unknown): Json {
  try {
    return copyPlain(value, 0);
  } catch (thrown) {
    if (thrown !== NOT_PLAIN) throw thrown;
    const text = JSON.stringify(value);
    return text === undefined ? null : (JSON.parse(text) as Json);
  }
}

function copyPlain(value: unknown, depth: number): Json {
  if (typeof value !== 'object' || value === null) return copyLeaf(value);
  if (depth > MAX_FAST_DEPTH) throw NOT_PLAIN;
  // Leaves are copied in the loops, not by a call each: most of a payload's values are leaves.
  if (Array.isArray(value)) {
    const out = new Array<Json>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out[i] = typeof item === 'object' && item !== null ? copyPlain(item, depth + 1) : copyLeaf(item);
    }
    return out;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if ((proto !== Object.prototype && proto !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') throw NOT_PLAIN;
  const out: JsonObject = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) throw NOT_PLAIN;
    const copied = typeof item === 'object' && item !== null ? copyPlain(item, depth + 1) : copyLeaf(item);
    // A plain assignment to `__proto__` would set the copy's prototype instead of adding the key.
    if (key === '__proto__') Object.defineProperty(out, key, { value: copied, enumerable: true, writable: true, configurable: true });
    else out[key] = copied;
  }
  return out;
}

function copyLeaf(value: unknown): Json {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw NOT_PLAIN;
      // JSON writes -0 as 0.
      return value === 0 ? 0 : value;
    case 'object':
      // Only null reaches here.
      return null;
    default:
      throw NOT_PLAIN;
  }
}
