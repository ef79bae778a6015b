import { runtimeError, type StatesError } from '../errors.js';
import type { EvalEnv } from '../eval-env.js';
import type { Json } from '../json.js';
import type { CompiledPath } from '../path/index.js';

/**
 * AWS's causes for paths that find nothing. Both are decorated `States.Runtime` failures, which
 * no Catch can handle.
 */

/**
 * A `.$` field (or `ErrorPath`/`CausePath`, or a path argument of an intrinsic) found nothing:
 * "The JSONPath '$.x' specified for the field 'value.$' could not be found in the input '{"a":1}'".
 * AWS quotes the input as compact JSON.
 */
export function fieldNotFound(path: string, field: string, input: Json): StatesError {
  return runtimeError(`The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${JSON.stringify(input)}'`);
}

/**
 * `InputPath`, `OutputPath`, `TimeoutSecondsPath`, ... found nothing:
 * "Invalid path '$.x' : No results for path: $['x']" (Jayway's words after the colon).
 */
export function invalidPath(path: CompiledPath, input: Json, env: EvalEnv): StatesError {
  return runtimeError(`Invalid path '${path.text}' : ${path.explainMiss(input, env)}`);
}
