/**
 * AttributeValues: validation as DynamoDB does it on the way in, deep copies so callers never
 * share the store's objects, equality, DynamoDB's ordering (numbers as decimals, strings and
 * binary by bytes) and AWS's item-size arithmetic.
 */
import { canonicalNumber, compareDecimal, parseDecimal, type Decimal } from './decimal.js';
import { serialization, validation } from './errors.js';

/** An AttributeValue as the AWS SDK v3 shapes it (exactly one member set). */
export interface AttributeValue {
  S?: string;
  N?: string;
  B?: Uint8Array;
  SS?: string[];
  NS?: string[];
  BS?: Uint8Array[];
  M?: Record<string, AttributeValue>;
  L?: AttributeValue[];
  NULL?: boolean;
  BOOL?: boolean;
}

/** An item or key: attribute name to value. */
export type AttributeMap = Record<string, AttributeValue>;

export type ValueType = 'S' | 'N' | 'B' | 'SS' | 'NS' | 'BS' | 'M' | 'L' | 'NULL' | 'BOOL';
export const VALUE_TYPES: readonly ValueType[] = ['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL'];
const TYPE_SET = new Set<string>(VALUE_TYPES);

/** The type tag of a validated value. */
export function typeOf(v: AttributeValue): ValueType {
  for (const k in v) if (TYPE_SET.has(k) && (v as Record<string, unknown>)[k] !== undefined) return k as ValueType;
  return 'NULL';
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

function toBytes(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return new Uint8Array(v);
  if (typeof v === 'string') return new Uint8Array(Buffer.from(v, 'base64'));
  throw serialization('Start of structure or map found where not expected.');
}

const base64 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');

/**
 * Validates a value received from a caller and returns the store's own normalised copy
 * (numbers in canonical form). Throws AWS's ValidationException texts.
 */
export function importValue(raw: unknown): AttributeValue {
  if (!isObject(raw)) throw serialization('Unexpected value type in payload');
  let found: ValueType | undefined;
  for (const key in raw) {
    if (raw[key] === undefined || raw[key] === null) continue;
    if (!TYPE_SET.has(key)) continue;
    if (found !== undefined)
      throw validation(
        'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes',
      );
    found = key as ValueType;
  }
  if (found === undefined)
    throw validation('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  const v = raw[found];
  switch (found) {
    case 'S':
      if (typeof v !== 'string') throw serialization('Unexpected value type in payload');
      return { S: v };
    case 'N':
      if (typeof v !== 'string') throw serialization('Unexpected value type in payload');
      return { N: canonicalNumber(v) };
    case 'B':
      return { B: toBytes(v) };
    case 'BOOL':
      if (typeof v !== 'boolean') throw serialization('Unexpected value type in payload');
      return { BOOL: v };
    case 'NULL':
      if (v !== true)
        throw validation('One or more parameter values were invalid: Null attribute value types must have the value of true');
      return { NULL: true };
    case 'SS': {
      if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw serialization('Unexpected value type in payload');
      if (v.length === 0) throw validation('One or more parameter values were invalid: An string set  may not be empty');
      if (new Set(v).size !== v.length)
        throw validation(`One or more parameter values were invalid: Input collection [${v.join(', ')}] contains duplicates.`);
      return { SS: [...(v as string[])] };
    }
    case 'NS': {
      if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw serialization('Unexpected value type in payload');
      if (v.length === 0) throw validation('One or more parameter values were invalid: An number set  may not be empty');
      const ns = (v as string[]).map(canonicalNumber);
      if (new Set(ns).size !== ns.length) throw validation('Input collection contains duplicates');
      return { NS: ns };
    }
    case 'BS': {
      if (!Array.isArray(v)) throw serialization('Unexpected value type in payload');
      if (v.length === 0) throw validation('One or more parameter values were invalid: Binary sets should not be empty');
      const bs = v.map(toBytes);
      const texts = bs.map(base64);
      if (new Set(texts).size !== texts.length)
        throw validation(
          `One or more parameter values were invalid: Input collection [${texts.join(', ')}]of type BS contains duplicates.`,
        );
      return { BS: bs };
    }
    case 'L':
      if (!Array.isArray(v)) throw serialization('Unexpected value type in payload');
      return { L: v.map(importValue) };
    case 'M': {
      if (!isObject(v)) throw serialization('Unexpected value type in payload');
      return { M: importMap(v) };
    }
  }
}

/**
 * Refuses the attribute name `__proto__`. DynamoDB accepts it, but fogbank keeps items as
 * JavaScript objects, where that key is the prototype: reading it from an item without it finds
 * Object.prototype, and writing it replaces the prototype. Every place a name enters the store
 * (items and map values, expression attribute names, key schemas, projections, TTL, PartiQL)
 * checks it, so such a request fails with this error instead of corrupting an item.
 */
export function checkAttributeName(name: string): void {
  if (name === '__proto__') {
    throw validation('fogbank does not support the attribute name __proto__ (in JavaScript it names an object\'s prototype); DynamoDB accepts it');
  }
}

/** Validates and copies an attribute map (an item, a key, a map value). */
export function importMap(raw: unknown): AttributeMap {
  if (!isObject(raw)) throw serialization('Unexpected value type in payload');
  const out: AttributeMap = {};
  for (const name in raw) {
    if (raw[name] === undefined) continue;
    checkAttributeName(name);
    out[name] = importValue(raw[name]);
  }
  return out;
}

/**
 * A deep copy of a stored value, for handing to callers. A stored value has exactly one type key;
 * each is copied by a literal of its own (a spread of values of ten shapes was half a Scan's time).
 */
export function cloneValue(v: AttributeValue): AttributeValue {
  if (v.S !== undefined) return { S: v.S };
  if (v.N !== undefined) return { N: v.N };
  if (v.M !== undefined) return { M: cloneMap(v.M) };
  if (v.L !== undefined) return { L: v.L.map(cloneValue) };
  if (v.SS !== undefined) return { SS: v.SS.slice() };
  if (v.NS !== undefined) return { NS: v.NS.slice() };
  if (v.BOOL !== undefined) return { BOOL: v.BOOL };
  if (v.NULL !== undefined) return { NULL: v.NULL };
  if (v.BS !== undefined) return { BS: v.BS.map((b) => new Uint8Array(b)) };
  return { B: new Uint8Array(v.B!) };
}

/** A deep copy of an item. */
export function cloneMap(m: AttributeMap): AttributeMap {
  const out: AttributeMap = {};
  for (const k in m) out[k] = cloneValue(m[k] as AttributeValue);
  return out;
}

/** Compares strings by their UTF-8 bytes, as DynamoDB orders them (JS compares UTF-16 units). */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates encode code points above U+FFFF, which sort after U+E000..U+FFFF in UTF-8.
    if (x >= 0xd800) x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
    if (y >= 0xd800) y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    return x - y;
  }
  return a.length - b.length;
}

/** Compares binaries as unsigned bytes. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(a, b);
}

const decimalCache = new Map<string, Decimal>();
/** The decimal of a canonical number string (memoised: key and filter comparisons repeat them). */
export function decimalOf(n: string): Decimal {
  let d = decimalCache.get(n);
  if (d === undefined) {
    d = parseDecimal(n) as Decimal;
    if (decimalCache.size > 100_000) decimalCache.clear();
    decimalCache.set(n, d);
  }
  return d;
}

/** Orders two scalars of the same type (N, S or B); undefined when they are not comparable. */
export function compareScalars(a: AttributeValue, b: AttributeValue): number | undefined {
  if (a.N !== undefined && b.N !== undefined) return compareDecimal(decimalOf(a.N), decimalOf(b.N));
  if (a.S !== undefined && b.S !== undefined) return compareUtf8(a.S, b.S);
  if (a.B !== undefined && b.B !== undefined) return compareBytes(a.B, b.B);
  return undefined;
}

function setEquals<T>(a: readonly T[], b: readonly T[], key: (x: T) => string): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a.map(key));
  return b.every((x) => s.has(key(x)));
}

/** DynamoDB equality: same type and value; sets compare as sets, numbers as decimals. */
export function valuesEqual(a: AttributeValue, b: AttributeValue): boolean {
  const t = typeOf(a);
  if (t !== typeOf(b)) return false;
  switch (t) {
    case 'S':
      return a.S === b.S;
    case 'N':
      return compareDecimal(decimalOf(a.N as string), decimalOf(b.N as string)) === 0;
    case 'B':
      return compareBytes(a.B as Uint8Array, b.B as Uint8Array) === 0;
    case 'BOOL':
      return a.BOOL === b.BOOL;
    case 'NULL':
      return true;
    case 'SS':
      return setEquals(a.SS as string[], b.SS as string[], (x) => x);
    case 'NS':
      return setEquals(a.NS as string[], b.NS as string[], (x) => x);
    case 'BS':
      return setEquals(a.BS as Uint8Array[], b.BS as Uint8Array[], base64);
    case 'L': {
      const x = a.L as AttributeValue[];
      const y = b.L as AttributeValue[];
      return x.length === y.length && x.every((v, i) => valuesEqual(v, y[i] as AttributeValue));
    }
    case 'M': {
      const x = a.M as AttributeMap;
      const y = b.M as AttributeMap;
      const kx = Object.keys(x);
      if (kx.length !== Object.keys(y).length) return false;
      return kx.every((k) => y[k] !== undefined && valuesEqual(x[k] as AttributeValue, y[k] as AttributeValue));
    }
  }
}

const utf8Length = (s: string): number => Buffer.byteLength(s, 'utf8');

function numberSize(n: string): number {
  const d = decimalOf(n);
  // AWS: "1 byte per two significant digits, plus 1 byte".
  return Math.ceil(Math.max(d.digits, 1) / 2) + 1;
}

/**
 * The size of a value as AWS counts it for the 400 KB limit and capacity units
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html).
 */
export function valueSize(v: AttributeValue): number {
  if (v.S !== undefined) return utf8Length(v.S);
  if (v.N !== undefined) return numberSize(v.N);
  if (v.B !== undefined) return v.B.byteLength;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.SS !== undefined) return v.SS.reduce((n, s) => n + utf8Length(s), 0);
  if (v.NS !== undefined) return v.NS.reduce((n, s) => n + numberSize(s), 0);
  if (v.BS !== undefined) return v.BS.reduce((n, b) => n + b.byteLength, 0);
  if (v.L !== undefined) return 3 + v.L.reduce((n, e) => n + 1 + valueSize(e), 0);
  if (v.M !== undefined) {
    let n = 3;
    for (const k in v.M) n += 1 + utf8Length(k) + valueSize(v.M[k] as AttributeValue);
    return n;
  }
  return 0;
}

/** Sum of attribute name lengths and value sizes. */
export function itemSize(item: AttributeMap): number {
  let n = 0;
  for (const k in item) n += utf8Length(k) + valueSize(item[k] as AttributeValue);
  return n;
}

/** A string that identifies a key value (equal numbers give equal strings). */
export function keyString(v: AttributeValue): string {
  if (v.S !== undefined) return `S${v.S}`;
  if (v.N !== undefined) return `N${v.N}`;
  if (v.B !== undefined) return `B${base64(v.B)}`;
  return `?${JSON.stringify(v)}`;
}

/** How AWS prints a value inside messages: `{N:5}`, `{S:abc}`. */
export function describeValue(v: AttributeValue): string {
  const t = typeOf(v);
  const raw = (v as Record<string, unknown>)[t];
  const inner =
    t === 'B' ? base64(v.B as Uint8Array) : t === 'BS' ? `[${(v.BS as Uint8Array[]).map(base64).join(', ')}]` : typeof raw === 'string' ? raw : JSON.stringify(raw);
  return `{${t}:${inner}}`;
}

export { base64 };
