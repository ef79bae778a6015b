import type { EvalEnv } from '../eval-env.js';
import type { Json } from '../json.js';
import { compileIntrinsic, isIntrinsicCall } from '../intrinsics/index.js';
import { compilePath, invalidPath } from '../path/index.js';

/**
 * The JSONPath data flow of a state, each piece compiled once per state:
 * InputPath -> Parameters -> (work) -> ResultSelector -> ResultPath -> OutputPath.
 * Run-time failures throw `StatesError` with AWS's names and causes.
 */

export { compileResultPath, resultPathGrowth } from './result-path.js';
export { compileTemplate } from './template.js';
export { fieldNotFound, invalidPath } from '../path/index.js';
export type { IntrinsicEnv } from '../intrinsics/index.js';

type Selector = (input: Json, env: EvalEnv) => Json;

const identity: Selector = (input) => input;
// `null` InputPath/OutputPath: AWS passes an empty object on (a fresh one, since callers may mutate).
const empty: Selector = () => ({});

/**
 * `InputPath`: absent or `"$"` passes the input on, `null` gives `{}`, an indefinite path
 * (wildcard, filter, slice, ...) gives the array of its matches. A definite path that finds
 * nothing fails with a decorated, uncatchable `States.Runtime`:
 * "Invalid path '$.x' : No results for path: $['x']".
 *
 * @example
 * compileInputPath('$.order')({ order: { id: 1 } }, env); // { id: 1 }
 */
export function compileInputPath(text: string | null | undefined): Selector {
  return compileFilterPath(text);
}

/** `OutputPath`: the same rules and messages as {@link compileInputPath}. */
export function compileOutputPath(text: string | null | undefined): Selector {
  return compileFilterPath(text);
}

function compileFilterPath(text: string | null | undefined): Selector {
  if (text === undefined || text === '$') return identity;
  if (text === null) return empty;
  const path = compilePath(text);
  const select = path.select;
  if (!path.definite) return select as Selector;
  return (input, env) => {
    const v = select(input, env);
    if (v === undefined) throw invalidPath(path, input, env);
    return v;
  };
}

/**
 * A `*Path` field's value (`SecondsPath`, `TimestampPath`, `ErrorPath`, `CausePath`, `ItemsPath`,
 * `TimeoutSecondsPath`, ...): a path or an intrinsic call. Returns `undefined` when a definite
 * path finds nothing, so the caller can word AWS's message for its own field.
 */
export function compileValueSelector(text: string): (input: Json, env: EvalEnv) => Json | undefined {
  if (isIntrinsicCall(text)) return compileIntrinsic(text, text);
  return compilePath(text).select;
}
