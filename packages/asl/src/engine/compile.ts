import { compileChoiceRule } from '../choice/index.js';
import { isJsonObject, type Json, type JsonObject } from '../json.js';
import {
  compileInputPath,
  compileOutputPath,
  compileResultPath,
  compileTemplate,
  compileValueSelector,
  resultPathGrowth,
} from '../payload/index.js';
import { compileJsonataFields } from './jsonata-fields.js';
import { jsonByteLength } from './limits.js';
import { resolveResource } from './resources.js';
import type {
  CompiledCatcher,
  CompiledChoiceRule,
  CompiledMachine,
  CompiledRetrier,
  CompiledState,
  IntegerSpec,
  Selector,
  TimeoutSpec,
  ValueSelector,
} from './types.js';

/**
 * Turns a validated definition (or a Parallel branch, or a Map processor) into frozen plain
 * objects: `Next` resolved to references, defaults filled in, every path, template and Choice rule
 * pre-compiled. The run loop never reads the raw JSON again.
 */
export function compileMachine(definition: JsonObject, inherited: QueryLanguage = 'JSONPath'): CompiledMachine {
  // Branches and item processors inherit the language of the machine they are in.
  const language: QueryLanguage = definition['QueryLanguage'] === 'JSONata' ? 'JSONata' : definition['QueryLanguage'] === 'JSONPath' ? 'JSONPath' : inherited;
  const rawStates = definition['States'] as JsonObject;
  const names = Object.keys(rawStates);
  // Pass 1: one mutable record per state; pass 2 links the transitions to those records.
  const records = new Map<string, Record<string, unknown>>();
  for (const name of names) records.set(name, { name });
  const lookup = (target: Json | undefined): CompiledState | null =>
    typeof target === 'string' ? ((records.get(target) as unknown as CompiledState | undefined) ?? null) : null;

  for (const name of names) {
    const raw = rawStates[name] as JsonObject;
    Object.assign(records.get(name)!, compileState(name, raw, lookup, language));
  }
  for (const record of records.values()) Object.freeze(record);
  const states = new Map<string, CompiledState>();
  for (const [name, record] of records) states.set(name, record as unknown as CompiledState);
  // Whether a state of this machine (not of a nested one) assigns variables: an iteration or branch
  // whose machine assigns none can read its parent's scope directly instead of opening its own.
  const assigns = names.some((name) => mentionsAssign(rawStates[name] as JsonObject));
  const synchronous = [...states.values()].every(runsSynchronously);
  return Object.freeze({ startAt: states.get(definition['StartAt'] as string)!, states, assigns, synchronous });
}

/** JSONPath Pass, Choice and Succeed: never await, never catch. */
export function runsSynchronously(state: CompiledState): boolean {
  return state.jsonata === null && (state.type === 'Pass' || state.type === 'Choice' || state.type === 'Succeed');
}

/**
 * Whether an `Assign` key appears anywhere in a state outside its nested machines: on the state,
 * a Choice rule or a catcher. A payload that merely has such a key only costs a scope of its own.
 */
function mentionsAssign(value: Json): boolean {
  if (Array.isArray(value)) return value.some(mentionsAssign);
  if (!isJsonObject(value)) return false;
  for (const key of Object.keys(value)) {
    if (key === 'Assign') return true;
    if (key === 'Branches' || key === 'ItemProcessor' || key === 'Iterator') continue;
    if (mentionsAssign(value[key]!)) return true;
  }
  return false;
}

type Lookup = (target: Json | undefined) => CompiledState | null;
type QueryLanguage = 'JSONPath' | 'JSONata';

function compileState(name: string, written: JsonObject, lookup: Lookup, machineLanguage: QueryLanguage): Record<string, unknown> {
  const language = written['QueryLanguage'] === 'JSONata' ? 'JSONata' : written['QueryLanguage'] === 'JSONPath' ? 'JSONPath' : machineLanguage;
  const jsonPath = language === 'JSONPath';
  // A JSONata state compiles its structure below (no JSONPath step) and its fields as JSONata.
  const raw = jsonPath ? written : structureOf(written);
  const usesContext = !jsonPath || JSON.stringify(raw).includes('$$');
  const base = {
    jsonata: jsonPath ? null : compileJsonataFields(written),
    name,
    type: raw['Type'],
    next: raw['End'] === true ? null : lookup(raw['Next']),
    usesContext,
    readsEnteredTime: usesContext || raw['Type'] === 'Map' || raw['Type'] === 'Task',
    inputPath: optionalPath(raw, 'InputPath', compileInputPath),
    outputPath: optionalPath(raw, 'OutputPath', compileOutputPath),
    assign: isJsonObject(raw['Assign']) ? compileTemplate(raw['Assign']) : null,
  };
  switch (raw['Type']) {
    case 'Pass':
      return {
        ...base,
        result: 'Result' in raw ? { value: raw['Result']! } : null,
        parameters: template(raw, 'Parameters'),
        resultPath: resultPath(raw),
        outputGrowth:
          jsonPath && 'Result' in raw && (raw['OutputPath'] === undefined || raw['OutputPath'] === '$')
            ? resultPathGrowth(raw['ResultPath'], jsonByteLength(raw['Result']!))
            : null,
      };
    case 'Choice':
      return {
        ...base,
        next: null,
        rules: (raw['Choices'] as JsonObject[]).map(
          (rule): CompiledChoiceRule => ({
            condition: jsonPath ? compileChoiceRule(rule) : JSONATA_CONDITION,
            next: lookup(rule['Next'])!,
            assign: isJsonObject(rule['Assign']) ? compileTemplate(rule['Assign']) : null,
          }),
        ),
        default: lookup(raw['Default']),
      };
    case 'Wait':
      return {
        ...base,
        seconds: typeof raw['Seconds'] === 'number' ? raw['Seconds'] : null,
        timestamp: typeof raw['Timestamp'] === 'string' ? raw['Timestamp'] : null,
        secondsPath: valuePath(raw, 'SecondsPath'),
        timestampPath: valuePath(raw, 'TimestampPath'),
      };
    case 'Succeed':
      return { ...base, next: null };
    case 'Fail':
      return {
        ...base,
        next: null,
        error: typeof raw['Error'] === 'string' ? raw['Error'] : null,
        cause: typeof raw['Cause'] === 'string' ? raw['Cause'] : null,
        errorPath: valuePath(raw, 'ErrorPath'),
        causePath: valuePath(raw, 'CausePath'),
      };
    case 'Task':
      return {
        ...base,
        resourceInfo: resolveResource(raw['Resource'] as string),
        parameters: template(raw, 'Parameters'),
        resultSelector: template(raw, 'ResultSelector'),
        resultPath: resultPath(raw),
        timeout: timeoutSpec(raw, 'TimeoutSeconds'),
        heartbeat: timeoutSpec(raw, 'HeartbeatSeconds'),
        credentials: isJsonObject(raw['Credentials']) ? compileTemplate(raw['Credentials']) : null,
        retry: retriers(raw),
        catch: catchers(raw, lookup),
      };
    case 'Parallel':
      return {
        ...base,
        branches: (raw['Branches'] as JsonObject[]).map((branch) => compileMachine(branch, machineLanguage)),
        parameters: template(raw, 'Parameters'),
        resultSelector: template(raw, 'ResultSelector'),
        resultPath: resultPath(raw),
        retry: retriers(raw),
        catch: catchers(raw, lookup),
      };
    case 'Map': {
      const processor = (raw['ItemProcessor'] ?? raw['Iterator']) as JsonObject;
      const config = isJsonObject(processor['ProcessorConfig']) ? processor['ProcessorConfig'] : {};
      return {
        ...base,
        processor: compileMachine(processor, machineLanguage),
        mode: config['Mode'] === 'DISTRIBUTED' ? 'DISTRIBUTED' : 'INLINE',
        label: typeof raw['Label'] === 'string' ? raw['Label'] : null,
        itemsPath: valuePath(raw, 'ItemsPath'),
        itemSelector: template(raw, 'ItemSelector') ?? template(raw, 'Parameters'),
        itemContextShared: readsContextInside(raw['ItemSelector'] ?? raw['Parameters'] ?? null),
        maxConcurrency: integerSpec(raw, 'MaxConcurrency'),
        toleratedFailureCount: integerSpec(raw, 'ToleratedFailureCount'),
        toleratedFailurePercentage: integerSpec(raw, 'ToleratedFailurePercentage'),
        resultSelector: template(raw, 'ResultSelector'),
        resultPath: resultPath(raw),
        retry: retriers(raw),
        catch: catchers(raw, lookup),
      };
    }
    default:
      throw new Error(`State '${name}' has an unknown Type: validation should have rejected it`);
  }
}

/** What a JSONata state shares with a JSONPath one: its structure, none of its JSONPath steps. */
const STRUCTURE = ['Type', 'Next', 'End', 'Default', 'Resource', 'Retry', 'Branches', 'ItemProcessor', 'Iterator', 'Label'];

function structureOf(raw: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of STRUCTURE) if (key in raw) out[key] = raw[key]!;
  // Choice rules and catchers keep only their transitions (their expressions are JSONata fields).
  if (Array.isArray(raw['Choices'])) out['Choices'] = (raw['Choices'] as JsonObject[]).map((rule) => ({ Next: rule['Next']! }));
  if (Array.isArray(raw['Catch'])) {
    out['Catch'] = (raw['Catch'] as JsonObject[]).map((c) => ({ ErrorEquals: c['ErrorEquals']!, Next: c['Next']! }));
  }
  return out;
}

/** A JSONata rule's condition lives in `jsonata.rules`; this one is never called. */
const JSONATA_CONDITION = (): boolean => false;

function optionalPath(raw: JsonObject, field: string, compile: (text: string | null) => Selector): Selector | null {
  // Absent means "$" (the identity), which needs no step at all.
  if (!(field in raw)) return null;
  const text = raw[field];
  return compile(typeof text === 'string' ? text : null);
}

// What may follow `$$` in an ItemSelector whose items share one context object: a leaf of the
// item, or a part of the context that is the same for every item.
const CONTEXT_INSIDE = /^\.(?:Execution|StateMachine|State|Map\.Item\.(?:Value|Index))(?![\w$])/;

/**
 * Whether every `$$` in a JSONPath template's paths and intrinsic calls reads inside
 * {@link CONTEXT_INSIDE}. Anything else (`$$`, `$$.Map`, `$$.Map.Item`, wildcards, brackets) could
 * put a per-item container into the item's input.
 */
function readsContextInside(template: Json): boolean {
  if (Array.isArray(template)) return template.every(readsContextInside);
  if (!isJsonObject(template)) return true;
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && typeof value === 'string') {
      for (let at = value.indexOf('$$'); at >= 0; at = value.indexOf('$$', at + 2)) {
        if (!CONTEXT_INSIDE.test(value.slice(at + 2))) return false;
      }
    } else if (!readsContextInside(value)) return false;
  }
  return true;
}

function template(raw: JsonObject, field: string): Selector | null {
  return field in raw ? compileTemplate(raw[field]!) : null;
}

function resultPath(raw: JsonObject) {
  if (!('ResultPath' in raw)) return compileResultPath(undefined);
  const text = raw['ResultPath'];
  return compileResultPath(typeof text === 'string' ? text : null);
}

function valuePath(raw: JsonObject, field: string): { text: string; select: ValueSelector } | null {
  const text = raw[field];
  return typeof text === 'string' ? { text, select: compileValueSelector(text) } : null;
}

function timeoutSpec(raw: JsonObject, field: 'TimeoutSeconds' | 'HeartbeatSeconds'): TimeoutSpec {
  const value = raw[field];
  const text = raw[`${field}Path`];
  // A missing path is AWS's "Invalid path '$.x' : No results for path: $['x']", as for InputPath.
  const path = typeof text === 'string' ? { text, select: compileInputPath(text) } : null;
  return { seconds: typeof value === 'number' ? value : null, path };
}

function integerSpec(raw: JsonObject, field: string): IntegerSpec {
  const value = raw[field];
  return { value: typeof value === 'number' ? value : null, path: valuePath(raw, `${field}Path`) };
}

function retriers(raw: JsonObject): CompiledRetrier[] {
  const list = Array.isArray(raw['Retry']) ? (raw['Retry'] as JsonObject[]) : [];
  return list.map((r) => ({
    errorEquals: r['ErrorEquals'] as string[],
    intervalSeconds: typeof r['IntervalSeconds'] === 'number' ? r['IntervalSeconds'] : 1,
    maxAttempts: typeof r['MaxAttempts'] === 'number' ? r['MaxAttempts'] : 3,
    backoffRate: typeof r['BackoffRate'] === 'number' ? r['BackoffRate'] : 2,
    maxDelaySeconds: typeof r['MaxDelaySeconds'] === 'number' ? r['MaxDelaySeconds'] : undefined,
    jitter: r['JitterStrategy'] === 'FULL' ? 'FULL' : 'NONE',
  }));
}

function catchers(raw: JsonObject, lookup: Lookup): CompiledCatcher[] {
  const list = Array.isArray(raw['Catch']) ? (raw['Catch'] as JsonObject[]) : [];
  return list.map((c) => ({
    errorEquals: c['ErrorEquals'] as string[],
    next: lookup(c['Next'])!,
    resultPath: resultPath(c),
    assign: isJsonObject(c['Assign']) ? compileTemplate(c['Assign']) : null,
  }));
}
