import { isJsonObject, type Json, type JsonObject } from '../json.js';
import {
  compileJsonataCondition,
  compileJsonataTemplate,
  type CompiledJsonata,
  type CompiledJsonataCondition,
  type JsonataBindings,
} from '../jsonata/index.js';
import type { Frame } from './runtime.js';
import type { EvalEnv } from '../eval-env.js';

/**
 * The JSONata fields of one state, each compiled once (`{% %}` expressions at any depth, literals
 * as written). Field names are the paths AWS prints in `States.QueryEvaluationError` causes.
 */
export interface JsonataFields {
  readonly output: CompiledJsonata | null;
  readonly assign: CompiledJsonata | null;
  readonly arguments: CompiledJsonata | null;
  readonly items: CompiledJsonata | null;
  readonly itemSelector: CompiledJsonata | null;
  readonly seconds: CompiledJsonata | null;
  readonly timestamp: CompiledJsonata | null;
  readonly error: CompiledJsonata | null;
  readonly cause: CompiledJsonata | null;
  readonly timeoutSeconds: CompiledJsonata | null;
  readonly heartbeatSeconds: CompiledJsonata | null;
  readonly credentials: CompiledJsonata | null;
  readonly maxConcurrency: CompiledJsonata | null;
  readonly toleratedFailureCount: CompiledJsonata | null;
  readonly toleratedFailurePercentage: CompiledJsonata | null;
  /** Choice rules, in order. */
  readonly rules: readonly { condition: CompiledJsonataCondition; output: CompiledJsonata | null; assign: CompiledJsonata | null }[];
  /** Catchers, in order. */
  readonly catchers: readonly { output: CompiledJsonata | null; assign: CompiledJsonata | null }[];
}

export function compileJsonataFields(raw: JsonObject): JsonataFields {
  const field = (name: string, at = name): CompiledJsonata | null => (name in raw ? compileJsonataTemplate(raw[name]!, at) : null);
  const within = (object: Json | undefined, name: string, at: string): CompiledJsonata | null =>
    isJsonObject(object) && name in object ? compileJsonataTemplate(object[name]!, at) : null;
  const choices = Array.isArray(raw['Choices']) ? (raw['Choices'] as JsonObject[]) : [];
  const catches = Array.isArray(raw['Catch']) ? (raw['Catch'] as JsonObject[]) : [];
  return {
    output: field('Output'),
    assign: field('Assign'),
    arguments: field('Arguments'),
    items: field('Items'),
    itemSelector: field('ItemSelector'),
    seconds: field('Seconds'),
    timestamp: field('Timestamp'),
    error: field('Error'),
    cause: field('Cause'),
    timeoutSeconds: field('TimeoutSeconds'),
    heartbeatSeconds: field('HeartbeatSeconds'),
    credentials: field('Credentials'),
    maxConcurrency: field('MaxConcurrency'),
    toleratedFailureCount: field('ToleratedFailureCount'),
    toleratedFailurePercentage: field('ToleratedFailurePercentage'),
    rules: choices.map((rule, i) => ({
      condition: condition(rule['Condition'], `Choices[${i}]/Condition`),
      output: within(rule, 'Output', `Choices[${i}]/Output`),
      assign: within(rule, 'Assign', `Choices[${i}]/Assign`),
    })),
    catchers: catches.map((catcher, i) => ({
      output: within(catcher, 'Output', `Catch[${i}]/Output`),
      assign: within(catcher, 'Assign', `Catch[${i}]/Assign`),
    })),
  };
}

/** A `Condition` is an expression, or a literal boolean (`"Condition": true`). */
function condition(value: Json | undefined, field: string): CompiledJsonataCondition {
  if (typeof value === 'boolean') return { field, variableNames: [], evaluate: async () => value };
  return compileJsonataCondition(value as string, field);
}

/** `$states` and the variables for one evaluation, with the execution's injected sources. */
export function bindings(frame: Frame, env: EvalEnv, input: Json, extra?: { result?: Json; errorOutput?: Json }): JsonataBindings {
  const rt = frame.rt;
  return {
    input,
    context: env.context,
    variables: frame.scope,
    random: rt.random,
    uuid: rt.newId,
    now: () => rt.clock.now(),
    ...extra,
  };
}

/** Evaluates `Assign` (if any) into the variables the state sets on exit. */
export async function assignOf(field: CompiledJsonata | null, b: JsonataBindings): Promise<JsonObject | null> {
  if (field === null) return null;
  return (await field.evaluate(b)) as JsonObject;
}
