import fc from 'fast-check';

// The words the generated definitions are made of. Paths name the fields of `executionInput()`
// so that generated executions get past their first state often enough to be interesting.

/** Reference paths into the fields of `executionInput()`, one of them always absent. */
export const INPUT_PATHS = ['$.n', '$.s', '$.flag', '$.ts', '$.items', '$.obj', '$.obj.n', '$.obj.s', '$.items[0]', '$.missing'] as const;

/** Task resources the generated definitions use (request-response Lambda functions). */
export const TASK_RESOURCES = [
  'arn:aws:lambda:us-east-1:123456789012:function:fogbank-a',
  'arn:aws:lambda:us-east-1:123456789012:function:fogbank-b',
  'arn:aws:lambda:us-east-1:123456789012:function:fogbank-c',
] as const;

/** Error names for Retry and Catch (`States.ALL` is added alone and last, as AWS requires). */
export const ERROR_NAMES = [
  'States.TaskFailed',
  'States.Timeout',
  'States.BranchFailed',
  'States.ExceedToleratedFailureThreshold',
  'States.Runtime',
  'Custom.Error',
  'Lambda.Unknown',
] as const;

/**
 * An intrinsic call over the input fields: every one of the 18 functions appears, some nested.
 * Run-time type mismatches (`States.MathAdd` of a string) are intended: they are ASL errors.
 */
export function intrinsicCall(options: { readonly deterministic?: boolean } = {}): fc.Arbitrary<string> {
  const calls = [
    "States.Format('{} and {}', $.s, $.n)",
    "States.Format('static')",
    'States.StringToJson($.s)',
    'States.JsonToString($.obj)',
    "States.Array($.n, 'x', 1, true, null)",
    'States.Array()',
    'States.ArrayPartition($.items, 2)',
    'States.ArrayContains($.items, 1)',
    'States.ArrayRange(1, 9, 2)',
    'States.ArrayGetItem($.items, 0)',
    'States.ArrayLength($.items)',
    'States.ArrayUnique($.items)',
    'States.Base64Encode($.s)',
    "States.Base64Decode('aGVsbG8=')",
    "States.Hash($.s, 'SHA-256')",
    'States.JsonMerge($.obj, $.obj, false)',
    'States.MathRandom(1, 100, 7)',
    'States.MathAdd($.n, 1)',
    "States.StringSplit($.s, ',')",
    'States.ArrayLength(States.Array($.n, $.s))',
    "States.Format('{}', States.MathAdd($.obj.n, -2))",
  ];
  if (options.deterministic === false) calls.push('States.UUID()', 'States.MathRandom(1, 100)');
  return fc.constantFrom(...calls);
}
