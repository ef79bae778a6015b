import { runtimeError, StatesError } from '../errors.js';
import type { Json } from '../json.js';
import { bindings, type JsonataFields } from '../engine/jsonata-fields.js';
import type { JsonataBindings } from '../jsonata/index.js';
import { envFor, type Frame, type Visit } from '../engine/runtime.js';
import type { CompiledFail, ValueSelector } from '../engine/types.js';

/** Fail: ends the run with `Error` and `Cause` (static, or read by `ErrorPath`/`CausePath`). */
export function runFail(frame: Frame, visit: Visit, state: CompiledFail, raw: Json): Promise<never> | never {
  const env = envFor(frame, visit);
  if (state.jsonata !== null) return failJsonata(state.jsonata, bindings(frame, env, raw));
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

async function failJsonata(fields: JsonataFields, b: JsonataBindings): Promise<never> {
  const error = fields.error === null ? undefined : await fields.error.evaluate(b, { expect: 'string' });
  const cause = fields.cause === null ? undefined : await fields.cause.evaluate(b, { expect: 'string' });
  throw new StatesError(typeof error === 'string' ? error : '', typeof cause === 'string' ? cause : undefined);
}
