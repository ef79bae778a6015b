/**
 * The JSONata query language as AWS Step Functions runs it: jsonata 2.0.6 with AWS's six added
 * functions and without `$eval`, `$states` and workflow variables as bindings, `{% %}` field
 * templates, and AWS's `States.QueryEvaluationError` / `INVALID_JSONATA_EXPRESSION` /
 * `UNSUPPORTED_JSONATA_EXPRESSION` texts.
 */
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
