/**
 * AWS's `States.QueryEvaluationError` causes for JSONata fields, word for word. Each names the
 * expression (without its `{% %}`) and the field it sits in, as a path relative to the state:
 * `Output/result`, `Arguments/FunctionName`, `Items`, `Choices[1]/Output/v`, `Catch[0]/Assign/x`.
 *
 * All are decorated: the run loop prefixes
 * "An error occurred while executing the state 'X' (entered at the event id #N). ".
 */
import { StatesError, StatesErrorName } from '../errors.js';
import { jsonTypeName, type Json } from '../json.js';

/** The result types a caller can require of a field (`Items` an array, `TimeoutSeconds` an integer, ...). */
export type JsonataExpectedType = 'array' | 'object' | 'number' | 'integer' | 'string' | 'boolean';

function opening(expression: string, field: string): string {
  return `The JSONata expression '${expression}' specified for the field '${field}'`;
}

function queryEvaluationError(cause: string): StatesError {
  return new StatesError(StatesErrorName.QueryEvaluationError, cause, true);
}

/** "... returned nothing (undefined)." [recorded] */
export function returnedNothingError(expression: string, field: string): StatesError {
  return queryEvaluationError(`${opening(expression, field)} returned nothing (undefined).`);
}

/**
 * "... threw an error during evaluation. T1006: Attempted to invoke a non-function" [recorded].
 * An error without a JSONata code (a JavaScript `RangeError` from a stack overflow, say) follows a
 * colon instead: "... threw an error during evaluation: <message>".
 */
export function threwError(expression: string, field: string, error: unknown): StatesError {
  return queryEvaluationError(`${opening(expression, field)} threw an error during evaluation${describeError(error)}`);
}

/** "... returned an unexpected result type. Expected 'array', but was 'number' for value: 1" [recorded] */
export function unexpectedTypeError(
  expression: string,
  field: string,
  expected: JsonataExpectedType,
  value: Json,
): StatesError {
  return queryEvaluationError(
    `${opening(expression, field)} returned an unexpected result type. ` +
      `Expected '${expected}', but was '${jsonTypeName(value)}' for value: ${JSON.stringify(value)}`,
  );
}

/** "... returned an unsupported result type." (a function) [recorded] */
export function unsupportedTypeError(expression: string, field: string): StatesError {
  return queryEvaluationError(`${opening(expression, field)} returned an unsupported result type.`);
}

function describeError(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : String(message);
    if (typeof code === 'string') return `. ${code}: ${text}`;
    return `: ${text}`;
  }
  return `: ${String(error)}`;
}
