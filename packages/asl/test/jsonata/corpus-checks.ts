/**
 * Turns recorded AWS executions and TestState calls (`../shared/conformance/sfn`) into checks of
 * single JSONata field evaluations that need no engine: the state's input, the variables and the
 * task result are all in the recorded history, so `Output`, `Assign`, `Arguments`, `Items`,
 * Choice `Condition`s, Fail `Error`/`Cause` and `EvaluationFailed` causes can be recomputed here.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Json, JsonObject } from '../../src/json.js';

export const CORPUS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/conformance/sfn');
export const CORPUS_AVAILABLE = existsSync(path.join(CORPUS_DIR, 'index.json'));

/** One evaluation to redo and what AWS answered. */
export interface Check {
  readonly caseId: string;
  readonly category: string;
  readonly state: string;
  /** What is evaluated: `Output`, `Assign`, `Arguments`, `Items`, `Condition`, `Fail`, `EvaluationFailed`. */
  readonly what: string;
  /** The field value as written (for Choice: the whole state, for Fail: `{Error, Cause}`). */
  readonly value: Json;
  readonly field: string;
  readonly input: Json;
  readonly variables: Record<string, Json>;
  readonly result?: Json | undefined;
  readonly errorOutput?: Json | undefined;
  readonly context: JsonObject;
  /** The recorded value (`Items`: the item count; `Condition`: the next state's name). */
  readonly expected?: Json | undefined;
  /** The recorded cause, without the "An error occurred while executing the state ..." prefix. */
  readonly expectedCause?: string | undefined;
  readonly masks: readonly { value: string; placeholder: string }[];
}

interface Case {
  readonly id: string;
  readonly category: string;
  readonly kind: string;
  readonly definition: JsonObject;
  readonly input?: Json;
  readonly expected: JsonObject;
  readonly testStateRequest?: JsonObject;
  readonly masks?: { value: string; placeholder: string }[];
}

const PREFIX = /^An error occurred while executing the state '.*?' \(entered at the event id #\d+\)\. /;
const asObject = (v: Json | undefined): JsonObject => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {});

function isJsonataState(definition: JsonObject, state: JsonObject): boolean {
  return (state['QueryLanguage'] ?? definition['QueryLanguage']) === 'JSONata';
}

/** The `context` object a recorded output shows, so `$states.context` can be fed the recorded one. */
function recordedContext(output: Json | undefined): JsonObject {
  const o = asObject(output);
  for (const key of ['context', 'ja_states_context']) if (o[key] !== undefined) return asObject(o[key]);
  return {};
}

export function loadCases(): Case[] {
  const index = JSON.parse(readFileSync(path.join(CORPUS_DIR, 'index.json'), 'utf8')) as { cases: { file: string }[] };
  const cases: Case[] = [];
  for (const entry of index.cases) {
    const file = path.join(CORPUS_DIR, entry.file.startsWith('cases/') ? entry.file : `cases/${entry.file}`);
    const text = readFileSync(file, 'utf8');
    if (!text.includes('{%')) continue;
    cases.push(JSON.parse(text) as Case);
  }
  return cases;
}

interface Active {
  name: string;
  def: JsonObject;
  input: Json;
  vars: Record<string, Json>;
  result?: Json;
  failed: boolean;
  context: JsonObject;
}

function details(event: JsonObject): JsonObject {
  for (const [key, value] of Object.entries(event)) if (key.endsWith('EventDetails')) return asObject(value);
  return {};
}

/** Checks from one execution's recorded history (top-level states only; nested scopes are skipped). */
export function executionChecks(c: Case): Check[] {
  const checks: Check[] = [];
  const events = (c.expected['events'] ?? []) as JsonObject[];
  const states = asObject(c.definition['States']);
  const vars: Record<string, Json> = {};
  const masks = c.masks ?? [];
  let active: Active | undefined;
  let pendingChoice: { check: Omit<Check, 'expected'> } | undefined;
  const base = (a: Active, what: string, value: Json, field: string, extra: Partial<Check> = {}): Check => ({
    caseId: c.id, category: c.category, state: a.name, what, value, field, input: a.input, variables: a.vars,
    result: a.result, context: a.context, masks, ...extra,
  });

  for (const event of events) {
    const type = event['type'] as string;
    const d = details(event);
    if (type.endsWith('StateEntered')) {
      const name = d['name'] as string;
      if (pendingChoice !== undefined) {
        checks.push({ ...pendingChoice.check, expected: name });
        pendingChoice = undefined;
      }
      const def = states[name];
      active = def === undefined ? active : { name, def: asObject(def), input: d['input'] ?? null, vars: { ...vars }, failed: false, context: {} };
      if (def !== undefined && active !== undefined && isJsonataState(c.definition, active.def)) {
        const expectedOutput = (c.expected['output'] ?? null) as Json;
        active.context = recordedContext(expectedOutput);
      }
      continue;
    }
    if (active === undefined || !isJsonataState(c.definition, active.def)) {
      if (type.endsWith('StateExited') && states[d['name'] as string] !== undefined) Object.assign(vars, asObject(d['assignedVariables']));
      continue;
    }
    const a = active;
    if (type === 'LambdaFunctionSucceeded' || type === 'TaskSucceeded') a.result = d['output'] ?? null;
    if (type.endsWith('Failed') && type !== 'EvaluationFailed' && type !== 'ExecutionFailed') a.failed = true;
    if ((type === 'LambdaFunctionScheduled' || type === 'TaskScheduled') && a.def['Arguments'] !== undefined) {
      const recorded = type === 'LambdaFunctionScheduled' ? d['input'] : d['parameters'];
      checks.push(base(a, 'Arguments', a.def['Arguments'] as Json, 'Arguments', { expected: recorded }));
    }
    if (type === 'MapStateStarted' && typeof a.def['Items'] === 'string') {
      checks.push(base(a, 'Items', a.def['Items'] as Json, 'Items', { expected: d['length'] ?? null }));
    }
    if (type === 'EvaluationFailed' && d['state'] === a.name) {
      const cause = d['cause'] as string;
      if (cause.includes('The JSONata expression')) {
        const location = d['location'] as string;
        const root = /^(Choices|Catch)\[\d+\]\//.test(location) ? location.split('/').slice(0, 2).join('/') : location.split('/')[0] as string;
        const value = lookupField(a.def, root);
        if (value !== undefined && !root.startsWith('Catch')) {
          checks.push(base(a, root.endsWith('Condition') ? 'Condition' : root === 'Items' ? 'Items' : 'EvaluationFailed', value, root, {
            expectedCause: cause.replace(PREFIX, ''),
          }));
        }
      }
    }
    if (type === 'ExecutionFailed' && a.def['Type'] === 'Fail') {
      checks.push(base(a, 'Fail', { Error: a.def['Error'] ?? null, Cause: a.def['Cause'] ?? null }, 'Fail', {
        expected: { Error: d['error'] ?? null, Cause: d['cause'] ?? null },
      }));
    }
    if (type.endsWith('StateExited') && d['name'] === a.name) {
      const kind = a.def['Type'];
      const usesResult = (v: Json) => JSON.stringify(v).includes('$states.result');
      const resultKnown = kind === 'Pass' || kind === 'Task' || kind === 'Choice' || kind === 'Wait';
      if (!a.failed && kind === 'Choice') {
        pendingChoice = { check: base(a, 'Condition', a.def, 'Choices') };
      } else if (!a.failed) {
        const output = a.def['Output'];
        if (output !== undefined && (resultKnown || !usesResult(output))) {
          checks.push(base(a, 'Output', output, 'Output', { expected: d['output'] ?? null }));
        }
        const assign = a.def['Assign'];
        if (assign !== undefined && (resultKnown || !usesResult(assign))) {
          checks.push(base(a, 'Assign', assign, 'Assign', { expected: d['assignedVariables'] ?? {} }));
        }
      }
      Object.assign(vars, asObject(d['assignedVariables']));
      active = undefined;
    }
  }
  return checks;
}

function lookupField(state: JsonObject, root: string): Json | undefined {
  let value: Json | undefined = state;
  for (const segment of root.split('/')) {
    const m = /^(\w+)\[(\d+)\]$/.exec(segment);
    value = m ? (asObject(value)[m[1] as string] as Json[] | undefined)?.[Number(m[2])] : asObject(value)[segment];
  }
  return value;
}

/** Checks from a TestState call: the one state, the request's variables and mock. */
export function testStateChecks(c: Case): Check[] {
  const request = c.testStateRequest ?? {};
  const expected = c.expected;
  if (expected['apiError'] !== undefined) return [];
  const definition = c.definition;
  const state = asObject(definition['Type'] !== undefined ? definition : asObject(definition['States'])[(request['stateName'] ?? definition['StartAt']) as string]);
  if (!isJsonataState(definition, state) && definition['Type'] === undefined && state['QueryLanguage'] !== 'JSONata') return [];
  const mock = asObject(request['mock']);
  const result = typeof mock['result'] === 'string' ? (JSON.parse(mock['result']) as Json) : undefined;
  const base: Omit<Check, 'what' | 'value' | 'field'> = {
    caseId: c.id, category: c.category, state: state['Type'] as string, input: c.input ?? null,
    variables: asObject(request['variables']) as Record<string, Json>, result, context: recordedContext(expected['output']),
    masks: c.masks ?? [],
  };
  const status = expected['status'];
  const type = state['Type'];
  if (status === 'SUCCEEDED' && state['Output'] !== undefined && type !== 'Choice' && (type === 'Pass' || result !== undefined)) {
    return [{ ...base, what: 'Output', value: state['Output'] as Json, field: 'Output', expected: expected['output'] }];
  }
  if (status === 'SUCCEEDED' && type === 'Choice') {
    return [{ ...base, what: 'Condition', value: state, field: 'Choices', expected: expected['nextState'] }];
  }
  if (status === 'FAILED' && type === 'Fail') {
    return [{ ...base, what: 'Fail', value: { Error: state['Error'] ?? null, Cause: state['Cause'] ?? null }, field: 'Fail', expected: { Error: expected['error'] ?? null, Cause: expected['cause'] ?? null } }];
  }
  if (status === 'CAUGHT_ERROR' && mock['errorOutput'] !== undefined) {
    const error = asObject(mock['errorOutput']);
    const catchers = (state['Catch'] ?? []) as JsonObject[];
    const index = catchers.findIndex((k) => (k['ErrorEquals'] as string[]).some((e) => e === error['error'] || e === 'States.ALL'));
    const catcher = catchers[index];
    if (catcher?.['Output'] === undefined) return [];
    return [{ ...base, result: undefined, errorOutput: { Error: error['error'] ?? null, Cause: error['cause'] ?? null }, what: 'Output', value: catcher['Output'] as Json, field: `Catch[${index}]/Output`, expected: expected['output'] }];
  }
  return [];
}

/**
 * Whether an actual value matches a masked recorded one: the case's masks are applied to the
 * actual value, and each `<placeholder>` left in a recorded string matches any text.
 */
export function matchesRecorded(actual: Json | undefined, expected: Json | undefined, masks: Check['masks']): boolean {
  let text = JSON.stringify(actual ?? null);
  for (const { value, placeholder } of masks) text = text.split(value).join(placeholder);
  text = text.replace(/arn:aws:/g, 'arn:<partition>:').replace(/us-east-1/g, '<region>');
  return same(JSON.parse(text) as Json, expected ?? null);
}

function same(actual: Json, expected: Json): boolean {
  if (typeof expected === 'string' && typeof actual === 'string') {
    if (actual === expected) return true;
    const pattern = expected.split(/<[^<>]+>/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    return new RegExp(`^${pattern}$`, 's').test(actual) || (expected === 'date' && !Number.isNaN(Date.parse(actual)));
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => same(actual[i] as Json, e));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const keys = Object.keys(expected);
    return keys.length === Object.keys(actual).length && keys.every((k) => k in actual && same(actual[k] as Json, expected[k] as Json));
  }
  return actual === expected;
}
