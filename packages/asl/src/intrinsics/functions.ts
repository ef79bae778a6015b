import { createHash, randomUUID } from 'node:crypto';
import { runtimeError, type StatesError } from '../errors.js';
import type { EvalEnv } from '../eval-env.js';
import { jsonTypeName, type Json, type JsonObject } from '../json.js';
import { formatValue, javaRandomInt, javaRound, splitFormat } from './java.js';

/**
 * The 18 intrinsic functions with AWS's recorded behaviour (see docs/compatibility/asl.md):
 * `MathAdd` rounds each argument the Java way first, `StringSplit` splits on every character of
 * the delimiter and drops empty pieces, `Format` renders objects as `{k=v}`, `StringToJson`
 * of a blank string is `null`. Failures are decorated `States.Runtime` errors: AWS documents
 * `States.IntrinsicFailure` as reserved and reports intrinsic failures as `States.Runtime`.
 */

/**
 * What intrinsics read besides their arguments. `random` (in `[0, 1)`, like `Math.random`)
 * feeds `States.MathRandom` without a seed and `States.UUID`; the engine passes its injected
 * generator here so runs are reproducible. Without it, `Math.random` and `crypto.randomUUID`.
 */
export interface IntrinsicEnv extends EvalEnv {
  readonly random?: () => number;
}

export type IntrinsicFn = (args: Json[], env: IntrinsicEnv) => Json;

interface FunctionSpec {
  readonly min: number;
  readonly max: number;
  readonly run: IntrinsicFn;
}

const MAX_STRING = 10_000;
const MAX_RANGE = 1000;

function fail(name: string, message: string): StatesError {
  return runtimeError(`Invalid arguments in ${name}: ${message}`);
}

function expectArray(name: string, value: Json, what: string): Json[] {
  if (!Array.isArray(value)) throw fail(name, `${what} must be an array, but was ${jsonTypeName(value)}`);
  return value;
}

function expectString(name: string, value: Json, what: string, maxLength = Infinity): string {
  if (typeof value !== 'string') throw fail(name, `${what} must be a string, but was ${jsonTypeName(value)}`);
  if (value.length > maxLength) throw fail(name, `${what} must be at most ${maxLength} characters long, but has ${value.length}`);
  return value;
}

function expectNumber(name: string, value: Json, what: string): number {
  if (typeof value !== 'number') throw fail(name, `${what} must be a number, but was ${jsonTypeName(value)}`);
  return value;
}

function expectInteger(name: string, value: Json, what: string): number {
  const n = expectNumber(name, value, what);
  if (!Number.isInteger(n)) throw fail(name, `${what} must be an integer, but was ${n}`);
  return n;
}

/** Structural equality of JSON values (types must match). */
export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i]!, b[i]!)) return false;
    return true;
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (!Object.prototype.hasOwnProperty.call(b, k) || !deepEqual(a[k]!, b[k]!)) return false;
  return true;
}

const HASHES: Record<string, string> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  'States.Format': {
    min: 1,
    max: Infinity,
    run: ([template, ...values]) => {
      const parts = splitFormat(expectString('States.Format', template!, 'the first argument'));
      return renderFormat(parts, values);
    },
  },
  'States.StringToJson': {
    min: 1,
    max: 1,
    run: ([text]) => {
      const s = expectString('States.StringToJson', text!, 'the argument');
      if (s.trim() === '') return null;
      let parsed: Json;
      try {
        parsed = JSON.parse(s) as Json;
      } catch {
        throw fail('States.StringToJson', `the argument is not valid JSON: ${s}`);
      }
      return Object.is(parsed, -0) ? 0 : parsed;
    },
  },
  'States.JsonToString': { min: 1, max: 1, run: ([value]) => JSON.stringify(value) },
  'States.Array': { min: 0, max: Infinity, run: (args) => args },
  'States.ArrayPartition': {
    min: 2,
    max: 2,
    run: ([array, size]) => {
      const items = expectArray('States.ArrayPartition', array!, 'the first argument');
      const n = expectInteger('States.ArrayPartition', size!, 'the chunk size');
      if (n <= 0) throw fail('States.ArrayPartition', `the chunk size must be greater than 0, but was ${n}`);
      const chunks: Json[] = [];
      for (let i = 0; i < items.length; i += n) chunks.push(items.slice(i, i + n));
      return chunks;
    },
  },
  'States.ArrayContains': {
    min: 2,
    max: 2,
    run: ([array, value]) => expectArray('States.ArrayContains', array!, 'the first argument').some((item) => deepEqual(item, value!)),
  },
  'States.ArrayRange': {
    min: 3,
    max: 3,
    run: ([first, last, step]) => {
      const start = expectInteger('States.ArrayRange', first!, 'the start');
      const end = expectInteger('States.ArrayRange', last!, 'the end');
      const by = expectInteger('States.ArrayRange', step!, 'the step');
      if (by === 0) throw fail('States.ArrayRange', 'the step must not be 0');
      const count = end === start ? 1 : Math.sign(end - start) === Math.sign(by) ? Math.floor((end - start) / by) + 1 : 0;
      if (count > MAX_RANGE) throw fail('States.ArrayRange', `the range would have ${count} items, more than the limit of ${MAX_RANGE}`);
      const out: Json[] = new Array<Json>(count);
      for (let i = 0; i < count; i++) out[i] = start + i * by;
      return out;
    },
  },
  'States.ArrayGetItem': {
    min: 2,
    max: 2,
    run: ([array, index]) => {
      const items = expectArray('States.ArrayGetItem', array!, 'the first argument');
      const i = expectInteger('States.ArrayGetItem', index!, 'the index');
      if (i < 0 || i >= items.length) throw fail('States.ArrayGetItem', `the index ${i} is out of bounds for an array of ${items.length} items`);
      return items[i]!;
    },
  },
  'States.ArrayLength': { min: 1, max: 1, run: ([array]) => expectArray('States.ArrayLength', array!, 'the argument').length },
  'States.ArrayUnique': {
    min: 1,
    max: 1,
    run: ([array]) => {
      const out: Json[] = [];
      for (const item of expectArray('States.ArrayUnique', array!, 'the argument')) if (!out.some((seen) => deepEqual(seen, item))) out.push(item);
      return out;
    },
  },
  'States.Base64Encode': {
    min: 1,
    max: 1,
    run: ([text]) => Buffer.from(expectString('States.Base64Encode', text!, 'the argument', MAX_STRING), 'utf8').toString('base64'),
  },
  'States.Base64Decode': {
    min: 1,
    max: 1,
    run: ([text]) => {
      const s = expectString('States.Base64Decode', text!, 'the argument', MAX_STRING);
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 === 1) throw fail('States.Base64Decode', `the argument is not valid Base64: ${s}`);
      return Buffer.from(s, 'base64').toString('utf8');
    },
  },
  'States.Hash': {
    min: 2,
    max: 2,
    run: ([data, algorithm]) => {
      const s = expectString('States.Hash', data!, 'the data', MAX_STRING);
      const name = expectString('States.Hash', algorithm!, 'the algorithm');
      const node = HASHES[name];
      if (node === undefined) throw fail('States.Hash', `the algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, but was ${name}`);
      return createHash(node).update(s, 'utf8').digest('hex');
    },
  },
  'States.JsonMerge': {
    min: 3,
    max: 3,
    run: ([left, right, deep]) => {
      const a = expectObject('States.JsonMerge', left!, 'the first argument');
      const b = expectObject('States.JsonMerge', right!, 'the second argument');
      if (typeof deep !== 'boolean') throw fail('States.JsonMerge', `the third argument must be a boolean, but was ${jsonTypeName(deep!)}`);
      if (deep) throw fail('States.JsonMerge', 'deep merging is not supported; the third argument must be false');
      return { ...a, ...b };
    },
  },
  'States.MathRandom': {
    min: 2,
    max: 3,
    run: ([first, last, seed], env) => {
      const start = javaRound(expectNumber('States.MathRandom', first!, 'the start'));
      const end = javaRound(expectNumber('States.MathRandom', last!, 'the end'));
      if (end <= start) throw fail('States.MathRandom', `the end (${end}) must be greater than the start (${start})`);
      if (seed !== undefined) return start + javaRandomInt(javaRound(expectNumber('States.MathRandom', seed, 'the seed')), end - start);
      return start + Math.floor((env.random ?? Math.random)() * (end - start));
    },
  },
  'States.MathAdd': {
    min: 2,
    max: 2,
    run: ([a, b]) => {
      const sum = javaRound(expectNumber('States.MathAdd', a!, 'the first argument')) + javaRound(expectNumber('States.MathAdd', b!, 'the second argument'));
      if (sum > 2147483647 || sum < -2147483648) throw fail('States.MathAdd', `the result ${sum} is outside the 32-bit integer range`);
      return sum;
    },
  },
  'States.StringSplit': {
    min: 2,
    max: 2,
    run: ([text, delimiters]) => {
      const s = expectString('States.StringSplit', text!, 'the first argument');
      const d = expectString('States.StringSplit', delimiters!, 'the delimiter');
      const out: Json[] = [];
      let piece = '';
      for (const ch of s) {
        if (d.includes(ch)) {
          if (piece !== '') out.push(piece);
          piece = '';
        } else piece += ch;
      }
      if (piece !== '') out.push(piece);
      return out;
    },
  },
  'States.UUID': { min: 0, max: 0, run: (_args, env) => (env.random === undefined ? randomUUID() : uuidFrom(env.random)) },
};

function expectObject(name: string, value: Json, what: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail(name, `${what} must be an object, but was ${jsonTypeName(value)}`);
  return value;
}

function renderFormat(parts: readonly string[], values: readonly Json[]): string {
  const holes = parts.length - 1;
  if (values.length !== holes) {
    throw fail('States.Format', `the template has ${holes} placeholder${holes === 1 ? '' : 's'} but ${values.length} value${values.length === 1 ? ' was' : 's were'} given`);
  }
  let out = parts[0]!;
  for (let i = 0; i < holes; i++) out += formatValue(values[i]!) + parts[i + 1]!;
  return out;
}

/** Compiles `States.Format` with a literal template: the template is split once. */
export function compileFormat(rawTemplate: string): IntrinsicFn {
  const parts = splitFormat(rawTemplate);
  return ([, ...values]) => renderFormat(parts, values);
}

/** A version 4 UUID from an injected generator. */
function uuidFrom(random: () => number): string {
  const bytes = new Array<number>(16);
  for (let i = 0; i < 16; i++) bytes[i] = Math.floor(random() * 256) & 0xff;
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
