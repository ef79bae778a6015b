/**
 * One `{% ... %}` expression, parsed once with Step Functions' dialect installed, and evaluated
 * against a scope the caller builds once per field evaluation (see {@link buildScope}).
 */
import type jsonata from 'jsonata';
import type { VariableLookup } from '../eval-env.js';
import type { Json, JsonObject } from '../json.js';
import {
  installStepFunctionsDialect,
  RUNTIME_KEY,
  STEP_FUNCTIONS_FUNCTIONS,
  type EvaluationState,
  type JsonataRuntime,
} from './functions.js';
import {
  returnedNothingError,
  threwError,
  unexpectedTypeError,
  unsupportedTypeError,
  type JsonataExpectedType,
} from './messages.js';
import { expressionNames, parseJsonata } from './parse.js';
import { toJson, UNSUPPORTED_RESULT } from './to-json.js';

/** What an evaluation can read: `$states.*`, the workflow variables, and the injected sources. */
export interface JsonataBindings extends JsonataRuntime {
  /** `$states.input`: the state's input. */
  readonly input: Json;
  /** `$states.context`: the context object. */
  readonly context: JsonObject;
  /** `$states.result`: the Task/Map/Parallel result, in `Output` and `Assign`. */
  readonly result?: Json | undefined;
  /** `$states.errorOutput`: `{ Error, Cause }`, in a catcher's `Output` and `Assign`. */
  readonly errorOutput?: Json | undefined;
  /** Workflow variables, read as `$name`. */
  readonly variables: VariableLookup;
}

/** The scope handed to jsonata: `states`, the variables an expression reads, and the runtime. */
export type JsonataScope = Record<string, unknown>;

// jsonata's functions plus AWS's: a workflow variable of one of these names is not reported as a
// variable reference (it is still bound, and then shadows the function, as a JSONata binding does).
const FUNCTION_NAMES = new Set<string>([
  ...'sum count max min average string substring substringBefore substringAfter lowercase uppercase length trim pad match contains replace split join formatNumber formatBase formatInteger parseInteger number floor ceil round abs sqrt power random boolean not map zip filter single reduce sift keys lookup append exists spread merge reverse each error assert type sort shuffle distinct base64encode base64decode encodeUrlComponent encodeUrl decodeUrlComponent decodeUrl eval toMillis fromMillis clone now millis'.split(
    ' ',
  ),
  ...STEP_FUNCTIONS_FUNCTIONS,
]);

/** Builds the scope of one field evaluation: `$states`, the variables it reads, the runtime. */
export function buildScope(bindings: JsonataBindings, names: readonly string[]): JsonataScope {
  const states: Record<string, Json> = { input: bindings.input, context: bindings.context };
  if (bindings.result !== undefined) states['result'] = bindings.result;
  if (bindings.errorOutput !== undefined) states['errorOutput'] = bindings.errorOutput;
  const state: EvaluationState = { runtime: bindings, steps: 0 };
  const scope: JsonataScope = { states, [RUNTIME_KEY]: state };
  for (const name of names) {
    const value = bindings.variables.get(name);
    if (value !== undefined) scope[name] = value;
  }
  return scope;
}

/** A parsed expression bound to the field it was written in. */
export interface FieldExpression {
  /** The expression as AWS quotes it: the text between `{%` and `%}`, trimmed. */
  readonly text: string;
  /** The field path used in messages, e.g. `Output/result`. */
  readonly field: string;
  /** `$name`s the scope must bind (including names that turn out to be local or functions). */
  readonly bindNames: readonly string[];
  /** Workflow variables the expression reads (free `$name`s that are not functions). */
  readonly variableNames: readonly string[];
  /** Evaluates to JSON; throws AWS's `States.QueryEvaluationError` on failure or `undefined`. */
  run(scope: JsonataScope, expect?: JsonataExpectedType): Promise<Json>;
}

/** Parses `text` (already unwrapped) once. @throws JsonataSyntaxError */
export function compileFieldExpression(text: string, field: string): FieldExpression {
  const expression: jsonata.Expression = parseJsonata(text);
  installStepFunctionsDialect(expression);
  const names = expressionNames(expression.ast());
  const variableNames = names.referenced.filter((n) => !names.local.has(n) && !FUNCTION_NAMES.has(n));
  return Object.freeze({
    text,
    field,
    bindNames: names.referenced,
    variableNames,
    async run(scope: JsonataScope, expect?: JsonataExpectedType): Promise<Json> {
      let raw: unknown;
      try {
        // `$` (the root input) is deliberately absent: AWS refuses top-level references, and
        // `$states.input` is how an expression reads the input.
        raw = await expression.evaluate(undefined, scope);
      } catch (error) {
        throw threwError(text, field, error);
      }
      let value: Json | undefined;
      try {
        value = toJson(raw);
      } catch (error) {
        if (error === UNSUPPORTED_RESULT) throw unsupportedTypeError(text, field);
        throw error;
      }
      if (value === undefined) throw returnedNothingError(text, field);
      if (expect !== undefined && !hasType(value, expect)) throw unexpectedTypeError(text, field, expect, value);
      return value;
    },
  });
}

/** Whether a JSON value is of the type a field requires. */
export function hasType(value: Json, expected: JsonataExpectedType): boolean {
  switch (expected) {
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    default:
      return typeof value === expected;
  }
}
