/**
 * The Lambda API's exceptions: `name` is AWS's exception name and `message` AWS's text, so code
 * written against `@aws-sdk/client-lambda` (`error.name === 'ResourceNotFoundException'`) works
 * unchanged. Each knows its HTTP status and wire body for the server adapter.
 */
export class LambdaServiceException extends Error {
  /** HTTP status of the REST-JSON response. */
  readonly statusCode: number;
  /** Always `User` for client errors, as in AWS's bodies. */
  readonly Type: 'User' | 'Service';

  constructor(name: string, message: string, statusCode: number, type: 'User' | 'Service' = 'User') {
    super(message);
    this.name = name;
    this.statusCode = statusCode;
    this.Type = type;
  }

  /** The JSON body AWS sends (`x-amzn-ErrorType` carries the name). */
  toJSON(): Record<string, unknown> {
    return { Type: this.Type, Message: this.message };
  }
}

/** 404: the function (or qualifier) does not exist. */
export class ResourceNotFoundException extends LambdaServiceException {
  constructor(message: string) {
    super('ResourceNotFoundException', message, 404);
  }
}

/** 409: e.g. `Function already exist: <name>`. */
export class ResourceConflictException extends LambdaServiceException {
  constructor(message: string) {
    super('ResourceConflictException', message, 409);
  }
}

/** 400: a parameter value Lambda rejects (reserved variables, 4 KB environment, runtimes, ...). */
export class InvalidParameterValueException extends LambdaServiceException {
  constructor(message: string) {
    super('InvalidParameterValueException', message, 400);
  }
}

/** 400: a request field breaks the API model's constraints (`1 validation error detected: ...`). */
export class ValidationException extends LambdaServiceException {
  constructor(message: string) {
    super('ValidationException', message, 400);
  }
}

/** 400: the Invoke payload is not JSON. AWS's body spells `message` in lower case here. */
export class InvalidRequestContentException extends LambdaServiceException {
  constructor(message: string) {
    super('InvalidRequestContentException', message, 400);
  }

  override toJSON(): Record<string, unknown> {
    return { Type: this.Type, message: this.message };
  }
}

/** 413: the Invoke payload is over the 6 MB (sync) or 256 KB (Event) limit. */
export class RequestEntityTooLargeException extends LambdaServiceException {
  constructor(message: string) {
    super('RequestEntityTooLargeException', message, 413);
  }
}

/** Why an invocation was throttled (the SDK's `ThrottleReason`). */
export type ThrottleReason =
  | 'ConcurrentInvocationLimitExceeded'
  | 'ReservedFunctionConcurrentInvocationLimitExceeded';

/** 429: no concurrency left. Body `{"Reason":...,"Type":"User","message":"Rate Exceeded."}`. */
export class TooManyRequestsException extends LambdaServiceException {
  readonly Reason: ThrottleReason;

  constructor(reason: ThrottleReason) {
    super('TooManyRequestsException', 'Rate Exceeded.', 429);
    this.Reason = reason;
  }

  override toJSON(): Record<string, unknown> {
    return { Reason: this.Reason, Type: this.Type, message: this.message };
  }
}

/**
 * Something AWS Lambda supports that fogbank does not model (yet). Never an AWS exception: the
 * message says what is unsupported, so a test fails loudly instead of passing on a stub.
 */
export class UnsupportedFeatureError extends Error {
  readonly code = 'FOGBANK_LAMBDA_UNSUPPORTED';

  constructor(feature: string) {
    super(`fogbank does not support ${feature}.`);
    this.name = 'UnsupportedFeatureError';
  }
}
