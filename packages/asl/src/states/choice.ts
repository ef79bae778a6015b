import { runtimeError } from '../errors.js';
import type { Json, JsonObject } from '../json.js';
import { assignOf, bindings, type JsonataFields } from '../engine/jsonata-fields.js';
import type { JsonataBindings } from '../jsonata/index.js';
import { envFor, type Frame, type Visit } from '../engine/runtime.js';
import type { CompiledChoice } from '../engine/types.js';

/**
 * Choice: the first rule that holds picks `Next` (and its `Assign`); otherwise `Default` with
 * the state-level `Assign`; with no `Default`, the uncatchable `States.Runtime` AWS reports.
 */
export function runChoice(frame: Frame, visit: Visit, state: CompiledChoice, raw: Json): Json | Promise<Json> {
  const env = envFor(frame, visit);
  if (state.jsonata !== null) return choiceJsonata(frame, visit, state, state.jsonata, bindings(frame, env, raw));
  const effective = state.inputPath === null ? raw : state.inputPath(raw, env);
  const rules = state.rules;
  let assign = state.assign;
  let next = state.default;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (rule.condition(effective, env)) {
      next = rule.next;
      if (rule.assign !== null) assign = rule.assign;
      break;
    }
  }
  if (next === null) {
    // The spec names States.NoChoiceMatched; AWS reports it as a States.Runtime (docs), with this cause.
    throw runtimeError('Failed to transition out of the state. The state does not point to a next state.');
  }
  visit.next = next;
  if (assign !== null) visit.assigned = assign(effective, env) as JsonObject;
  return state.outputPath === null ? effective : state.outputPath(effective, env);
}

/** JSONata rules: the first `Condition` that holds picks `Next` and its own `Output`/`Assign`. */
async function choiceJsonata(frame: Frame, visit: Visit, state: CompiledChoice, fields: JsonataFields, b: JsonataBindings): Promise<Json> {
  let output = fields.output;
  let assign = fields.assign;
  let next = state.default;
  for (let i = 0; i < fields.rules.length; i++) {
    const rule = fields.rules[i]!;
    if (await rule.condition.evaluate(b)) {
      next = state.rules[i]!.next;
      output = rule.output;
      assign = rule.assign;
      break;
    }
  }
  if (next === null) throw runtimeError('Failed to transition out of the state. The state does not point to a next state.');
  visit.next = next;
  visit.assigned = await assignOf(assign, b);
  return output === null ? b.input : output.evaluate(b);
}
