/**
 * `variableReferences` as DescribeStateMachine returns it: for each state (nested states of
 * Parallel branches and Map processors included, by their own name) the workflow variables it
 * reads. Recorded cases (sfn_api_variable_references) fix the shape: states that read none are
 * absent, and a machine where no state reads any gives `null`. Names the state only assigns do
 * not count, nor `$$` (the context object), nor text that only looks like a path (`"$x"` under
 * a key without `.$`).
 */
import { IntrinsicSyntaxError, parseIntrinsic, isIntrinsicCall, type IntrinsicCall } from './intrinsics/parse.js';
import { compileJsonataTemplate, JsonataSyntaxError } from './jsonata/index.js';
import { isJsonObject, type Json, type JsonObject } from './json.js';
import { parsePath, PathSyntaxError } from './path/parse.js';

/** State name -> the variables it reads, sorted; `null` when no state reads any. */
export type VariableReferences = Readonly<Record<string, readonly string[]>> | null;

// Fields holding a nested machine: its states are reported under their own names.
const NESTED = new Set(['Branches', 'ItemProcessor', 'Iterator']);

/**
 * The per-state variable references of a definition (JSON text or object), as
 * DescribeStateMachine reports them. The names of each state are sorted (AWS's order is not
 * recorded: the corpus sorted them before storing).
 *
 * @example
 * variableReferences({ StartAt: 'A', States: {
 *   A: { Type: 'Pass', Assign: { x: 1 }, Next: 'B' },
 *   B: { Type: 'Pass', OutputPath: '$x', End: true } } });
 * // { B: ['x'] }
 */
export function variableReferences(definition: string | object): VariableReferences {
  const root = (typeof definition === 'string' ? JSON.parse(definition) : definition) as Json;
  const out: Record<string, string[]> = {};
  if (isJsonObject(root)) visitMachine(root, root['QueryLanguage'] === 'JSONata', out);
  return Object.keys(out).length === 0 ? null : out;
}

function visitMachine(machine: JsonObject, jsonata: boolean, out: Record<string, string[]>): void {
  const states = machine['States'];
  if (!isJsonObject(states)) return;
  for (const [name, state] of Object.entries(states)) {
    if (!isJsonObject(state)) continue;
    const declared = state['QueryLanguage'];
    const stateJsonata = declared === undefined ? jsonata : declared !== 'JSONPath';
    const names = new Set<string>();
    if (stateJsonata) jsonataNames(state, names);
    else jsonPathNames(state, names);
    if (names.size > 0) out[name] = [...names].sort();
    // Nested machines inherit the top-level language, not the enclosing state's.
    for (const branch of Array.isArray(state['Branches']) ? state['Branches'] : []) {
      if (isJsonObject(branch)) visitMachine(branch, jsonata, out);
    }
    const processor = state['ItemProcessor'] ?? state['Iterator'];
    if (isJsonObject(processor)) visitMachine(processor, jsonata, out);
  }
}

/** Every `{% %}` expression of a JSONata state (any field, any depth), read by jsonata's parser. */
function jsonataNames(state: JsonObject, names: Set<string>): void {
  for (const [key, value] of Object.entries(state)) {
    if (NESTED.has(key)) continue;
    try {
      for (const name of compileJsonataTemplate(value, key).variableNames) names.add(name);
    } catch (error) {
      // A definition that does not parse never gets this far through StateMachine.from.
      if (!(error instanceof JsonataSyntaxError)) throw error;
    }
  }
}

// JSONPath fields whose value is a path; a `$name` root is a variable reference.
const PATH_FIELDS = new Set([
  'InputPath', 'OutputPath', 'ItemsPath', 'SecondsPath', 'TimestampPath', 'TimeoutSecondsPath', 'HeartbeatSecondsPath',
  'MaxConcurrencyPath', 'ToleratedFailureCountPath', 'ToleratedFailurePercentagePath', 'ErrorPath', 'CausePath',
]);
const TEMPLATE_FIELDS = ['Parameters', 'ResultSelector', 'ItemSelector', 'Assign', 'Credentials'];

function jsonPathNames(state: JsonObject, names: Set<string>): void {
  for (const key of PATH_FIELDS) selectorNames(state[key], names);
  for (const key of TEMPLATE_FIELDS) templateNames(state[key], names);
  if (Array.isArray(state['Choices'])) for (const rule of state['Choices']) ruleNames(rule, names);
  if (Array.isArray(state['Catch'])) {
    for (const catcher of state['Catch']) if (isJsonObject(catcher)) templateNames(catcher['Assign'], names);
  }
  const reader = state['ItemReader'];
  if (isJsonObject(reader)) {
    templateNames(reader['Parameters'], names);
    if (isJsonObject(reader['ReaderConfig'])) selectorNames(reader['ReaderConfig']['MaxItemsPath'], names);
  }
  const batcher = state['ItemBatcher'];
  if (isJsonObject(batcher)) {
    templateNames(batcher['BatchInput'], names);
    selectorNames(batcher['MaxItemsPerBatchPath'], names);
    selectorNames(batcher['MaxInputBytesPerBatchPath'], names);
  }
  const writer = state['ResultWriter'];
  if (isJsonObject(writer)) templateNames(writer['Parameters'], names);
}

/** A Choice rule: `Variable` and every `...Path` operand, in nested `And`/`Or`/`Not` too. */
function ruleNames(rule: Json, names: Set<string>): void {
  if (!isJsonObject(rule)) return;
  for (const [key, value] of Object.entries(rule)) {
    if (key === 'Variable' || key.endsWith('Path')) selectorNames(value, names);
    else if (key === 'And' || key === 'Or') (Array.isArray(value) ? value : []).forEach((r) => ruleNames(r, names));
    else if (key === 'Not') ruleNames(value, names);
    else if (key === 'Assign') templateNames(value, names);
  }
}

/** A payload template: only `.$` keys are evaluated; everything else is a literal. */
function templateNames(template: Json | undefined, names: Set<string>): void {
  if (Array.isArray(template)) template.forEach((item) => templateNames(item, names));
  if (!isJsonObject(template)) return;
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$')) selectorNames(value, names);
    else templateNames(value, names);
  }
}

/** A path or an intrinsic call. */
function selectorNames(value: Json | undefined, names: Set<string>): void {
  if (typeof value !== 'string') return;
  if (isIntrinsicCall(value)) {
    try {
      callNames(parseIntrinsic(value), names);
    } catch (error) {
      // Malformed calls are validate()'s to report; they reference nothing here.
      if (!(error instanceof IntrinsicSyntaxError)) throw error;
    }
    return;
  }
  pathName(value, names);
}

function callNames(call: IntrinsicCall, names: Set<string>): void {
  for (const arg of call.args) {
    if (arg.kind === 'path') pathName(arg.text, names);
    else if (arg.kind === 'call') callNames(arg.call, names);
  }
}

function pathName(text: string, names: Set<string>): void {
  try {
    const root = parsePath(text).root;
    if (root.kind === 'variable') names.add(root.name);
  } catch (error) {
    if (!(error instanceof PathSyntaxError)) throw error;
  }
}
