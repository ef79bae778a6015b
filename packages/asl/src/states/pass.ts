import type { Json } from '../json.js';
import { assignOf, bindings, type JsonataFields } from '../engine/jsonata-fields.js';
import { envFor, type Frame, type Visit } from '../engine/runtime.js';
import type { CompiledPass } from '../engine/types.js';

/**
 * Pass: InputPath -> (Result | Parameters | input) -> Assign -> ResultPath -> OutputPath.
 * `Result` wins whatever its value, `null`, `false`, `0` and `""` included.
 */
export function runPass(frame: Frame, visit: Visit, state: CompiledPass, raw: Json): Json | Promise<Json> {
  if (state.jsonata !== null) return runJsonataOutput(frame, visit, state.jsonata, raw);
  const env = envFor(frame, visit);
  const effective = state.inputPath === null ? raw : state.inputPath(raw, env);
  const result = state.result !== null ? state.result.value : state.parameters === null ? effective : state.parameters(effective, env);
  if (state.assign !== null) visit.assigned = state.assign(result, env) as typeof visit.assigned;
  const merged = state.resultPath(raw, result);
  return state.outputPath === null ? merged : state.outputPath(merged, env);
}

/**
 * A JSONata Pass or Succeed: `Assign` and `Output` over `$states.input`, both reading the
 * variables as they were on entry (the engine applies the assignment on exit).
 */
export async function runJsonataOutput(frame: Frame, visit: Visit, fields: JsonataFields, raw: Json): Promise<Json> {
  const b = bindings(frame, envFor(frame, visit), raw);
  visit.assigned = await assignOf(fields.assign, b);
  return fields.output === null ? raw : fields.output.evaluate(b);
}
