/**
 * Turns what jsonata returns into the JSON value a state passes on.
 *
 * jsonata answers with JavaScript values that JSON cannot hold as such: sequences (arrays
 * carrying `sequence`/`keepSingleton` flags), non-finite numbers, functions. AWS serialises the
 * result, so:
 * - a sequence becomes a plain array;
 * - `Infinity`, `-Infinity` and `NaN` become the strings `"Infinity"`, `"-Infinity"` and `"NaN"`
 *   (recorded: `[1/0]` is `["Infinity"]`, `{'k': 1/0}` is `{"k":"Infinity"}`);
 * - `-0` becomes `0`;
 * - an `undefined` object value is dropped and an `undefined` array item becomes `null`, as
 *   `JSON.stringify` does (jsonata's own constructors already skip them);
 * - a function anywhere is "an unsupported result type".
 *
 * Values are shared, not copied, where nothing changes: results alias the state input and the
 * variables, which the engine treats as immutable.
 */
import type { Json, JsonObject } from '../json.js';

/** Thrown by {@link toJson} when the value holds a function; callers turn it into AWS's message. */
export const UNSUPPORTED_RESULT: unique symbol = Symbol('unsupported JSONata result');

// Flags jsonata sets on the arrays it builds; any of them means "copy into a plain array".
const SEQUENCE_FLAGS = ['sequence', 'keepSingleton', 'outerWrapper', 'tupleStream', 'cons'] as const;

/**
 * The JSON form of a jsonata result, or `undefined` when the expression returned nothing.
 * @throws {@link UNSUPPORTED_RESULT} when the value is or holds a function.
 */
export function toJson(value: unknown): Json | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return numberToJson(value);
    case 'undefined':
      return undefined;
    case 'object':
      if (value === null) return null;
      if (Array.isArray(value)) return arrayToJson(value);
      return objectToJson(value as Record<string, unknown>);
    default:
      throw UNSUPPORTED_RESULT;
  }
}

function numberToJson(value: number): Json {
  if (Number.isFinite(value)) return value === 0 ? 0 : value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

function isFlagged(array: unknown[]): boolean {
  const flags = array as unknown as Record<string, unknown>;
  for (const flag of SEQUENCE_FLAGS) if (flags[flag] !== undefined) return true;
  return false;
}

function arrayToJson(array: unknown[]): Json[] {
  let copy: Json[] | undefined = isFlagged(array) ? [] : undefined;
  for (let i = 0; i < array.length; i++) {
    const item = array[i];
    const converted = toJson(item) ?? null;
    if (copy === undefined && converted !== item) copy = array.slice(0, i) as Json[];
    if (copy !== undefined) copy.push(converted);
  }
  return copy ?? (array as Json[]);
}

// A lambda carries its closure environment, a built-in its implementation: data parsed from JSON
// can carry the marker keys but never a function, so user data is never mistaken for a function.
function isJsonataFunction(object: Record<string, unknown>): boolean {
  if (object['_jsonata_lambda'] === true) {
    const environment = object['environment'] as { lookup?: unknown } | undefined;
    return typeof environment?.lookup === 'function';
  }
  return object['_jsonata_function'] === true && typeof object['implementation'] === 'function';
}

function objectToJson(object: Record<string, unknown>): JsonObject {
  if (isJsonataFunction(object)) throw UNSUPPORTED_RESULT;
  let copy: JsonObject | undefined;
  const keys = Object.keys(object);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const item = object[key];
    const converted = toJson(item);
    if (copy === undefined && converted !== item) {
      copy = {};
      for (let j = 0; j < i; j++) {
        const earlier = keys[j] as string;
        copy[earlier] = object[earlier] as Json;
      }
    }
    if (copy !== undefined && converted !== undefined) copy[key] = converted;
  }
  return copy ?? (object as JsonObject);
}
