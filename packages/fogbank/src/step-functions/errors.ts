/**
 * The Step Functions API's exceptions. `name` is AWS's exception name and `message` AWS's text,
 * so code written against `@aws-sdk/client-sfn` (`error.name === 'ExecutionDoesNotExist'`) works
 * unchanged; a wire adapter renders `toJSON()` as the JSON 1.0 error body.
 */

/** AWS's exception names for the operations fogbank models. */
export type StepFunctionsErrorName =
  | 'ActivityDoesNotExist'
  | 'ExecutionAlreadyExists'
  | 'ExecutionDoesNotExist'
  | 'ExecutionLimitExceeded'
  | 'InvalidArn'
  | 'InvalidDefinition'
  | 'InvalidExecutionInput'
  | 'InvalidName'
  | 'InvalidOutput'
  | 'InvalidToken'
  | 'MissingRequiredParameter'
  | 'StateMachineAlreadyExists'
  | 'StateMachineDoesNotExist'
  | 'StateMachineTypeNotSupported'
  | 'TaskDoesNotExist'
  | 'TaskTimedOut'
  | 'TooManyTags'
  | 'ResourceNotFound'
  | 'UnknownOperationException'
  | 'ValidationException';

/** An error of the Step Functions API, in AWS's shape (HTTP 400, JSON 1.0 `__type`). */
export class StepFunctionsError extends Error {
  /** `client`, as the AWS SDK reports it in `$fault`. */
  readonly $fault = 'client' as const;
  readonly statusCode = 400;

  constructor(
    override readonly name: StepFunctionsErrorName,
    message: string,
  ) {
    super(message);
  }

  /** The JSON 1.0 body AWS sends: `{ __type, message }`. */
  toJSON(): { __type: string; message: string } {
    return { __type: `com.amazonaws.swf.service.v2.model#${this.name}`, message: this.message };
  }
}

export const stateMachineDoesNotExist = (arn: string) =>
  new StepFunctionsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
export const stateMachineAlreadyExists = (arn: string) =>
  new StepFunctionsError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
export const executionDoesNotExist = (arn: string) =>
  new StepFunctionsError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
export const executionAlreadyExists = (arn: string) =>
  new StepFunctionsError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
export const activityDoesNotExist = (arn: string) =>
  new StepFunctionsError('ActivityDoesNotExist', `Activity Does Not Exist: '${arn}'`);
export const invalidArn = (detail: string) => new StepFunctionsError('InvalidArn', `Invalid Arn: '${detail}'`);
export const invalidName = (name: string) => new StepFunctionsError('InvalidName', `Invalid Name: '${name}'`);
export const invalidToken = (detail = 'Invalid token') => new StepFunctionsError('InvalidToken', `Invalid Token: '${detail}'`);
/** A token of a task that has already ended (succeeded, failed, timed out, or its execution stopped). */
export const taskTimedOut = () => new StepFunctionsError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
export const typeNotSupported = () =>
  new StepFunctionsError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
/** The `1 validation error detected: ...` text of the API model's constraints. */
export const validationError = (value: string, member: string, constraint: string) =>
  new StepFunctionsError('ValidationException', `1 validation error detected: Value ${value} at '${member}' failed to satisfy constraint: ${constraint}`);
export const resourceNotFound = (arn: string) => new StepFunctionsError('ResourceNotFound', `Resource not found: '${arn}'`);
