import { runtimeError, StatesError } from '../errors.js';
import type { Json } from '../json.js';
import { envFor, type Frame, type Visit } from '../engine/runtime.js';
import type { CompiledFail, ValueSelector } from '../engine/types.js';

/** Fail: ends the run with `Error` and `Cause` (static, or read by `ErrorPath`/`CausePath`). */
export function runFail(frame: Frame, visit: Visit, state: CompiledFail, raw: Json): never {
  const env = envFor(frame, visit);
  const error = state.errorPath === null ? state.error : read(state.errorPath, 'ErrorPath', raw, env);
  const cause = state.causePath === null ? state.cause : read(state.causePath, 'CausePath', raw, env);
  throw new StatesError(error ?? '', cause ?? undefined);
}

function read(
  path: { readonly text: string; readonly select: ValueSelector },
  field: string,
  raw: Json,
  env: Parameters<ValueSelector>[1],
): string | null {
  const value = path.select(raw, env);
  if (value === undefined) {
    throw runtimeError(
      `The JSONPath '${path.text}' specified for the field '${field}' could not be found in the input '${JSON.stringify(raw)}'`,
    );
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}
