/**
 * Reads a TestState request the way AWS does before it runs anything: the state to test (a single
 * state, or one named in a whole machine), the JSON-text fields, and every reason AWS rejects a
 * request, in AWS's words and in the order AWS checks them.
 */
import { formatInvalidDefinition, type Diagnostic } from '../errors.js';
import { isJsonObject, type Json, type JsonObject } from '../json.js';
import { validate } from '../validate/index.js';
import { invalidDefinition, validationError } from './errors.js';

/** The name AWS gives the tested state: `$$.State.Name` and validation locations read it. */
export const TESTED_STATE = 'StateName';

const TRANSITION_CODES = new Set(['MISSING_TRANSITION_TARGET', 'MISSING_END_STATE']);

export type InspectionLevel = 'INFO' | 'DEBUG' | 'TRACE';
const LEVELS: readonly InspectionLevel[] = ['INFO', 'DEBUG', 'TRACE'];

/** The state under test, ready to compile. */
export interface SelectedState {
  /** The state as written. */
  readonly raw: JsonObject;
  /**
   * A one-state machine holding it as `StateName`, with a `Succeed` stand-in for every state it
   * can transition to, so the compiled transitions keep their target names.
   */
  readonly machine: JsonObject;
  /** Whether the state's query language is JSONata. */
  readonly jsonata: boolean;
}

/** Parses a field AWS takes as JSON text; a value that is not a string is taken as already parsed. */
export function jsonField(value: unknown, onError: () => Error): Json {
  if (typeof value !== 'string') return JSON.parse(JSON.stringify(value ?? null)) as Json;
  try {
    return JSON.parse(value) as Json;
  } catch {
    throw onError();
  }
}

export function checkInspectionLevel(level: unknown): InspectionLevel {
  if (level === undefined) return 'INFO';
  if (LEVELS.includes(level as InspectionLevel)) return level as InspectionLevel;
  throw validationError(
    `1 validation error detected: Value '${String(level)}' at 'inspectionLevel' failed to satisfy constraint: Member must satisfy enum value set: [INFO, DEBUG, TRACE]`,
  );
}

/** The request's own constraints on `stateConfiguration`, checked (and worded) as for every AWS API field. */
export function checkConfiguration(config: { readonly retrierRetryCount?: number; readonly mapIterationFailureCount?: number; readonly errorCausedByState?: string }): void {
  for (const field of ['retrierRetryCount', 'mapIterationFailureCount'] as const) {
    const value = config[field];
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      throw validationError(
        `1 validation error detected: Value '${String(value)}' at 'stateConfiguration.${field}' failed to satisfy constraint: Member must have value greater than or equal to 0`,
      );
    }
  }
  const name = config.errorCausedByState;
  if (name !== undefined && (name.length < 1 || name.length > 80)) {
    const bound = name.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 80';
    throw validationError(
      `1 validation error detected: Value '${name}' at 'stateConfiguration.errorCausedByState' failed to satisfy constraint: Member must have length ${bound}`,
    );
  }
}

/**
 * Finds the state to test: `definition` is one state when `stateName` is absent, else a whole
 * machine (validated as CreateStateMachine does) in which the state may sit at any depth.
 */
export function selectState(definition: string | object, stateName: string | undefined): SelectedState {
  if (stateName !== undefined && stateName.length === 0) {
    throw validationError(
      "1 validation error detected: Value '' at 'stateName' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  }
  const parsed = parseDefinition(definition);
  if (stateName === undefined) {
    const jsonata = parsed['QueryLanguage'] === 'JSONata';
    const machine = wrap(parsed, jsonata ? 'JSONata' : undefined);
    // A lone state's transitions lead out of the definition: nothing to check them against.
    rejectErrors(validate(machine).filter((d) => !TRANSITION_CODES.has(d.code)));
    return { raw: parsed, machine, jsonata };
  }
  rejectErrors(validate(parsed));
  const language = parsed['QueryLanguage'] === 'JSONata' ? 'JSONata' : 'JSONPath';
  const raw = findState(parsed, stateName);
  if (raw === undefined) throw validationError('State not found in definition');
  const own = raw['QueryLanguage'];
  const jsonata = own === 'JSONata' || (own === undefined && language === 'JSONata');
  return { raw, machine: wrap(raw, language === 'JSONata' ? 'JSONata' : undefined), jsonata };
}

function parseDefinition(definition: string | object): JsonObject {
  let parsed: unknown = definition;
  if (typeof definition === 'string') {
    try {
      parsed = JSON.parse(definition);
    } catch {
      rejectErrors(validate(definition));
      throw invalidDefinition(`Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: the definition is not valid JSON'`);
    }
  }
  if (!isJsonObject(parsed)) {
    throw invalidDefinition(`Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The definition must be a JSON object at /'`);
  }
  return JSON.parse(JSON.stringify(parsed)) as JsonObject;
}

function rejectErrors(diagnostics: readonly Diagnostic[]): void {
  if (diagnostics.some((d) => d.severity === 'ERROR')) throw invalidDefinition(formatInvalidDefinition(diagnostics));
}

function wrap(state: JsonObject, language: 'JSONata' | undefined): JsonObject {
  const states: JsonObject = { [TESTED_STATE]: state };
  for (const target of targetsOf(state)) if (target !== TESTED_STATE) states[target] = { Type: 'Succeed' };
  const machine: JsonObject = { StartAt: TESTED_STATE, States: states };
  if (language !== undefined) machine['QueryLanguage'] = language;
  return machine;
}

/** Every state name a state can move to: `Next`, `Default`, each Choice rule's and catcher's `Next`. */
function targetsOf(state: JsonObject): string[] {
  const out: string[] = [];
  const add = (value: Json | undefined) => {
    if (typeof value === 'string' && !out.includes(value)) out.push(value);
  };
  add(state['Next']);
  add(state['Default']);
  for (const list of [state['Choices'], state['Catch']]) {
    if (Array.isArray(list)) for (const entry of list) if (isJsonObject(entry)) add(entry['Next']);
  }
  return out;
}

/** A state by name anywhere in a machine: top level, Parallel branches, Map item processors. */
function findState(machine: JsonObject, name: string): JsonObject | undefined {
  const states = isJsonObject(machine['States']) ? machine['States'] : {};
  const direct = states[name];
  if (isJsonObject(direct)) return direct;
  for (const state of Object.values(states)) {
    if (!isJsonObject(state)) continue;
    const nested = [...(Array.isArray(state['Branches']) ? state['Branches'] : []), state['ItemProcessor'], state['Iterator']];
    for (const inner of nested) {
      if (!isJsonObject(inner)) continue;
      const found = findState(inner, name);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
