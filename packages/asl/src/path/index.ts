import { runtimeError, type StatesError } from '../errors.js';
import type { EvalEnv } from '../eval-env.js';
import type { Json } from '../json.js';
import { compileParsed } from './compile.js';
import { explainMiss, normalizedPath } from './explain.js';
import { parsePath, PathSyntaxError } from './parse.js';

export { PathSyntaxError } from './parse.js';
export { jsonEquals } from './filter.js';
export { fieldNotFound } from './explain.js';

/** A JSONPath compiled once into closures; `select` never re-parses. */
export interface CompiledPath {
  /** The path as written. */
  readonly text: string;
  /**
   * Selects at most one value: no `*`, `..`, filters, slices or index/name lists (except
   * Jayway's trailing `['a','b']`, which merges into one object).
   */
  readonly definite: boolean;
  /**
   * A reference path in AWS's sense: only names and indexes in dot and bracket notation
   * (what `ResultPath`, `ItemsPath`, Choice `Variable` and the `*Path` fields require).
   */
  readonly reference: boolean;
  /**
   * Reads the path. `$` is `input`, `$$` is `env.context`, `$name` is the variable `name`.
   * A definite path returns the value, or `undefined` when absent; an indefinite path returns
   * the array of its matches (`[]` when none).
   */
  select(input: Json, env: EvalEnv): Json | undefined;
  /**
   * Why a definite path found nothing, in Jayway's words as AWS quotes them after
   * `Invalid path '<text>' : `, e.g. `No results for path: $['a']` or `Missing property in path $['a']`.
   * Call it only after `select` returned `undefined` (it walks the document again).
   */
  explainMiss(input: Json, env: EvalEnv): string;
  /** Jayway's normalised form, e.g. `$['a'][0]`. */
  readonly normalized: string;
}

/**
 * Compiles a JSONPath as AWS Step Functions accepts it (Jayway syntax): `$.a.b`, `$['a b']`,
 * `$.a[0]`, `$.a[-1]`, `$.a[*]`, `$..name`, `$.a[1:3]`, `$.a[0,2]`, `$.a[?(@.price > 10)]`,
 * and the roots `$`, `$$` (context object) and `$name` (a variable).
 *
 * @throws {@link PathSyntaxError} when the text is not a path.
 * @example
 * const path = compilePath('$.order.items[0].sku');
 * path.select({ order: { items: [{ sku: 'A1' }] } }, env); // 'A1'
 */
export function compilePath(text: string): CompiledPath {
  if (typeof text !== 'string') throw new PathSyntaxError(`A JSONPath must be a string, but was ${JSON.stringify(text)}.`);
  const parsed = parsePath(text);
  const { definite, select } = compileParsed(parsed);
  const reference = parsed.segments.every((s) => s.kind === 'name' || s.kind === 'index');
  return Object.freeze({
    text,
    definite,
    reference,
    select,
    normalized: normalizedPath(parsed),
    explainMiss: (input: Json, env: EvalEnv) => explainMiss(parsed, input, env),
  });
}

/** Whether `text` compiles as a path (for validators). */
export function isValidPath(text: string): boolean {
  try {
    compilePath(text);
    return true;
  } catch (e) {
    if (e instanceof PathSyntaxError) return false;
    throw e;
  }
}

/**
 * AWS's cause when `InputPath`, `OutputPath`, `TimeoutSecondsPath`, ... finds nothing, a
 * decorated `States.Runtime`: "Invalid path '$.x' : No results for path: $['x']".
 */
export function invalidPath(path: CompiledPath, input: Json, env: EvalEnv): StatesError {
  return runtimeError(`Invalid path '${path.text}' : ${path.explainMiss(input, env)}`);
}
