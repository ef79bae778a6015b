/**
 * The JSONata query language as AWS Step Functions runs it: jsonata 2.0.6 with AWS's six added
 * functions and without `$eval`, `$states` and workflow variables as bindings, `{% %}` field
 * templates, and AWS's `States.QueryEvaluationError` / `INVALID_JSONATA_EXPRESSION` /
 * `UNSUPPORTED_JSONATA_EXPRESSION` texts.
 */
import { isJsonObject, type Json } from '../json.js';
import { isJsonataExpression, JsonataSyntaxError, parseJsonata, topLevelReferences, unwrapJsonata } from './parse.js';

export type { JsonataBindings } from './expression.js';
export type { JsonataRuntime } from './functions.js';
export { javaRandomFirstDouble } from './functions.js';
export {
  returnedNothingError,
  threwError,
  unexpectedTypeError,
  unsupportedTypeError,
  type JsonataExpectedType,
} from './messages.js';
export { isJsonataExpression, JsonataSyntaxError, unwrapJsonata } from './parse.js';
export {
  compileJsonataCondition,
  compileJsonataTemplate,
  isJsonataTemplate,
  type CompiledJsonata,
  type CompiledJsonataCondition,
  type JsonataEvaluateOptions,
} from './template.js';

/** A definition-time problem with one JSONata expression, in AWS's words. */
export interface JsonataProblem {
  readonly code: 'INVALID_JSONATA_EXPRESSION' | 'UNSUPPORTED_JSONATA_EXPRESSION';
  readonly message: string;
}

/**
 * Checks one expression the way CreateStateMachine does: it must parse
 * (`INVALID_JSONATA_EXPRESSION: Expected "]", got ","`), and must not read a bare field name at
 * the top level (`UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'phone' at the top level is not
 * supported.`). Returns the first problem, or `null`. Accepts the text with or without `{% %}`.
 *
 * @example
 * checkJsonataExpression('{% phone %}');
 * // { code: 'UNSUPPORTED_JSONATA_EXPRESSION', message: "Reference to 'phone' at the top level is not supported." }
 */
export function checkJsonataExpression(text: string): JsonataProblem | null {
  return checkJsonataExpressionAll(text)[0] ?? null;
}

/** Like {@link checkJsonataExpression}, but every problem (one per top-level name). */
export function checkJsonataExpressionAll(text: string): JsonataProblem[] {
  const expression = isJsonataExpression(text) ? unwrapJsonata(text) : text;
  let ast;
  try {
    ast = parseJsonata(expression).ast();
  } catch (error) {
    if (error instanceof JsonataSyntaxError) return [{ code: 'INVALID_JSONATA_EXPRESSION', message: error.message }];
    throw error;
  }
  return topLevelReferences(ast).map((name) => ({
    code: 'UNSUPPORTED_JSONATA_EXPRESSION',
    message: `Reference to '${name}' at the top level is not supported.`,
  }));
}

/** A problem found by {@link checkJsonataTemplate}, with where it is. */
export interface JsonataTemplateProblem extends JsonataProblem {
  /** `location` extended with JSON Pointer segments to the expression, e.g. `/States/E/Output/v`. */
  readonly location: string;
}

/**
 * Checks every `{% %}` expression in a field value (at any depth), for definition-time
 * validation. `location` is the field's JSON Pointer; each problem's location points at the
 * expression inside it (`/States/E/Output/v`, array items as `/States/E/Items/1`).
 *
 * @example
 * checkJsonataTemplate({ v: '{% phone %}' }, '/States/E/Output');
 * // [{ code: 'UNSUPPORTED_JSONATA_EXPRESSION', message: "Reference to 'phone' ...", location: '/States/E/Output/v' }]
 */
export function checkJsonataTemplate(value: Json, location: string): JsonataTemplateProblem[] {
  if (isJsonataExpression(value)) return checkJsonataExpressionAll(value).map((p) => ({ ...p, location }));
  const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
  if (Array.isArray(value)) return value.flatMap((item, i) => checkJsonataTemplate(item, `${location}/${i}`));
  if (isJsonObject(value)) {
    return Object.entries(value).flatMap(([key, item]) => checkJsonataTemplate(item, `${location}/${escape(key)}`));
  }
  return [];
}
