/**
 * Errors of @fogbank/asl.
 *
 * Errors *inside* an execution are data: a {@link StatesError} carries AWS's `{ error, cause }`
 * and flows through Retry and Catch. Errors *about* a definition are {@link Diagnostic}s. Only
 * the two classes callers branch on (`TaskError` from integrations, `InvalidDefinitionError` from
 * `StateMachine.from`) are exported classes.
 */

/** The predefined error names of the States Language. */
export const StatesErrorName = {
  ALL: 'States.ALL',
  DataLimitExceeded: 'States.DataLimitExceeded',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  IntrinsicFailure: 'States.IntrinsicFailure',
  ItemReaderFailed: 'States.ItemReaderFailed',
  NoChoiceMatched: 'States.NoChoiceMatched',
  ParameterPathFailure: 'States.ParameterPathFailure',
  Permissions: 'States.Permissions',
  QueryEvaluationError: 'States.QueryEvaluationError',
  ResultPathMatchFailure: 'States.ResultPathMatchFailure',
  ResultWriterFailed: 'States.ResultWriterFailed',
  Runtime: 'States.Runtime',
  TaskFailed: 'States.TaskFailed',
  Timeout: 'States.Timeout',
  BranchFailed: 'States.BranchFailed',
} as const;

/**
 * An error inside an execution: AWS's `error` name and `cause` text. Thrown (not an `Error`, so no
 * stack is captured on the hot path) by compiled paths, templates, intrinsics and Choice rules, and
 * caught by the run loop, which matches it against Retry and Catch.
 *
 * `decorate` marks errors whose cause AWS prefixes with
 * "An error occurred while executing the state 'X' (entered at the event id #N). ";
 * the run loop adds that prefix, since only it knows the state and the event id.
 */
export class StatesError {
  constructor(
    readonly error: string,
    readonly cause: string | undefined,
    readonly decorate = false,
  ) {}
}

/** Shorthand for the decorated `States.Runtime` failures of paths and templates. */
export function runtimeError(cause: string): StatesError {
  return new StatesError(StatesErrorName.Runtime, cause, true);
}

/**
 * Thrown by a Task integration to fail the task with AWS's `error` and `cause`.
 *
 * @example
 * integrations: { 'arn:aws:lambda:*': async () => { throw new TaskError('Orders.OutOfStock', 'sku 42') } }
 */
export class TaskError extends Error {
  override readonly name = 'TaskError';
  constructor(
    readonly error: string,
    override readonly cause?: string,
  ) {
    super(cause === undefined ? error : `${error}: ${cause}`);
  }
}

/** One problem found in a definition, with AWS's code and a JSON Pointer to where it is. */
export interface Diagnostic {
  readonly severity: 'ERROR' | 'WARNING';
  /** AWS's code, e.g. `SCHEMA_VALIDATION_FAILED`, `MISSING_TRANSITION_TARGET`. */
  readonly code: string;
  readonly message: string;
  /** JSON Pointer into the definition, e.g. `/States/A/Next`. */
  readonly location: string;
}

/** Thrown by `StateMachine.from` when the definition has errors; lists every one of them. */
export class InvalidDefinitionError extends Error {
  override readonly name = 'InvalidDefinitionError';
  readonly code = 'InvalidDefinition';
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(formatInvalidDefinition(diagnostics));
  }
}

/**
 * AWS's CreateStateMachine message: every error as `CODE: message at location`, joined with
 * `, ` and quoted, e.g. `Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing
 * 'Next' target: pass3 at /States/pass1/Next, MISSING_TRANSITION_TARGET: State "pass2" is not
 * reachable. at /States/pass2'`. A diagnostic without a location (`location: ''`) prints
 * `at null`, as AWS prints `MISSING_END_STATE`. Warnings are not part of it.
 */
export function formatInvalidDefinition(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'ERROR');
  const parts = errors.map((d) => `${d.code}: ${d.message} at ${d.location === '' ? 'null' : d.location}`);
  return `Invalid State Machine Definition: '${parts.join(', ')}'`;
}
