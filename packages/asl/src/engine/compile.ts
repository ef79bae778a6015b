import { compileChoiceRule } from '../choice/index.js';
import { isJsonObject, type Json, type JsonObject } from '../json.js';
import {
  compileInputPath,
  compileOutputPath,
  compileResultPath,
  compileTemplate,
  compileValueSelector,
} from '../payload/index.js';
import { compileJsonataFields } from './jsonata-fields.js';
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
  return Object.freeze({ startAt: states.get(definition['StartAt'] as string)!, states });
}

type Lookup = (target: Json | undefined) => CompiledState | null;
type QueryLanguage = 'JSONPath' | 'JSONata';

function compileState(name: string, raw: JsonObject, lookup: Lookup, machineLanguage: QueryLanguage): Record<string, unknown> {
  const language = raw['QueryLanguage'] === 'JSONata' ? 'JSONata' : raw['QueryLanguage'] === 'JSONPath' ? 'JSONPath' : machineLanguage;
  if (language === 'JSONata') return compileJsonataState(name, raw, lookup, machineLanguage);
  const base = {
    jsonata: null,
    name,
    type: raw['Type'],
    next: raw['End'] === true ? null : lookup(raw['Next']),
    usesContext: JSON.stringify(raw).includes('$$'),
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
      };
    case 'Choice':
      return {
        ...base,
        next: null,
        rules: (raw['Choices'] as JsonObject[]).map(
          (rule): CompiledChoiceRule => ({
            condition: compileChoiceRule(rule),
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

/**
 * A JSONata state: the JSONPath steps are absent (identity), `jsonata` holds its fields; the
 * structure (transitions, retriers, catchers' targets, branches, processors) is shared.
 */
function compileJsonataState(name: string, raw: JsonObject, lookup: Lookup, machineLanguage: QueryLanguage): Record<string, unknown> {
  const base = {
    name,
    type: raw['Type'],
    next: raw['End'] === true ? null : lookup(raw['Next']),
    usesContext: true,
    inputPath: null,
    outputPath: null,
    assign: null,
    jsonata: compileJsonataFields(raw),
  };
  const keep = compileResultPath(undefined);
  const none: TimeoutSpec = { seconds: null, path: null };
  const noInteger: IntegerSpec = { value: null, path: null };
  const catches = (Array.isArray(raw['Catch']) ? (raw['Catch'] as JsonObject[]) : []).map(
    (c): CompiledCatcher => ({ errorEquals: c['ErrorEquals'] as string[], next: lookup(c['Next'])!, resultPath: keep, assign: null }),
  );
  switch (raw['Type']) {
    case 'Pass':
    case 'Succeed':
      return { ...base, next: raw['Type'] === 'Succeed' ? null : base.next, result: null, parameters: null, resultPath: keep };
    case 'Choice':
      return {
        ...base,
        next: null,
        rules: (raw['Choices'] as JsonObject[]).map((rule) => ({ condition: () => false, next: lookup(rule['Next'])!, assign: null })),
        default: lookup(raw['Default']),
      };
    case 'Wait':
      return { ...base, seconds: null, timestamp: null, secondsPath: null, timestampPath: null };
    case 'Fail':
      return { ...base, next: null, error: null, cause: null, errorPath: null, causePath: null };
    case 'Task':
      return {
        ...base,
        resourceInfo: resolveResource(raw['Resource'] as string),
        parameters: null,
        resultSelector: null,
        resultPath: keep,
        timeout: none,
        heartbeat: none,
        credentials: null,
        retry: retriers(raw),
        catch: catches,
      };
    case 'Parallel':
      return {
        ...base,
        branches: (raw['Branches'] as JsonObject[]).map((branch) => compileMachine(branch, machineLanguage)),
        parameters: null,
        resultSelector: null,
        resultPath: keep,
        retry: retriers(raw),
        catch: catches,
      };
    case 'Map': {
      const processor = (raw['ItemProcessor'] ?? raw['Iterator']) as JsonObject;
      const config = isJsonObject(processor['ProcessorConfig']) ? processor['ProcessorConfig'] : {};
      return {
        ...base,
        processor: compileMachine(processor, machineLanguage),
        mode: config['Mode'] === 'DISTRIBUTED' ? 'DISTRIBUTED' : 'INLINE',
        label: typeof raw['Label'] === 'string' ? raw['Label'] : null,
        itemsPath: null,
        itemSelector: null,
        maxConcurrency: noInteger,
        toleratedFailureCount: noInteger,
        toleratedFailurePercentage: noInteger,
        resultSelector: null,
        resultPath: keep,
        retry: retriers(raw),
        catch: catches,
      };
    }
    default:
      throw new Error(`State '${name}' has an unknown Type: validation should have rejected it`);
  }
}

function optionalPath(raw: JsonObject, field: string, compile: (text: string | null) => Selector): Selector | null {
  // Absent means "$" (the identity), which needs no step at all.
  if (!(field in raw)) return null;
  const text = raw[field];
  return compile(typeof text === 'string' ? text : null);
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
