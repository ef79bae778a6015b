/**
 * DynamoDB's exceptions. Every error the store throws is a `DynamoDBError` whose `name` is AWS's
 * exception name and whose `message` is AWS's text, so code that branches on
 * `err.name === 'ConditionalCheckFailedException'` behaves the same against fogbank and AWS.
 */

/** Where a wire adapter files the error: AWS's `__type` namespace and HTTP status. */
export interface WireShape {
  readonly type: string;
  readonly status: number;
  readonly body: Record<string, unknown>;
}

const DYNAMODB_NS = 'com.amazonaws.dynamodb.v20120810#';

/** An error DynamoDB returns, in AWS's own shape. */
export class DynamoDBError extends Error {
  /** `client` for 4xx errors, `server` for 5xx, as the AWS SDK reports it in `$fault`. */
  readonly $fault: 'client' | 'server';
  readonly statusCode: number;
  /** Extra members AWS puts in the error body (`Item`, `CancellationReasons`). */
  readonly extra: Record<string, unknown>;

  constructor(name: string, message: string, statusCode = 400, extra: Record<string, unknown> = {}) {
    super(message);
    this.name = name;
    this.statusCode = statusCode;
    this.$fault = statusCode >= 500 ? 'server' : 'client';
    this.extra = extra;
    Object.assign(this, extra);
  }

  /** The JSON 1.0 rendering: `__type` with AWS's namespace, `message`, and the extra members. */
  toWire(): WireShape {
    // AWS files validation and serialization problems under Coral's namespaces, the rest under
    // the service's own; the SDK only reads the part after '#', the CLI prints the whole string.
    const type =
      this.name === 'ValidationException'
        ? `com.amazon.coral.validate#${this.name}`
        : CORAL_SERVICE.has(this.name)
          ? `com.amazon.coral.service#${this.name}`
          : `${DYNAMODB_NS}${this.name}`;
    // TransactionCanceledException is the one DynamoDB error whose text is under `Message`.
    const messageKey = this.name === 'TransactionCanceledException' ? 'Message' : 'message';
    return { type, status: this.statusCode, body: { __type: type, ...this.extra, [messageKey]: this.message } };
  }
}

const CORAL_SERVICE = new Set([
  'SerializationException',
  'UnknownOperationException',
  'InternalFailure',
  'MissingAuthenticationTokenException',
  'AccessDeniedException',
]);

/** `ValidationException`: the request is malformed or breaks a rule. */
export const validation = (message: string): DynamoDBError => new DynamoDBError('ValidationException', message);

/** `ResourceNotFoundException` for a table or index that does not exist. */
export const notFound = (message = 'Requested resource not found'): DynamoDBError =>
  new DynamoDBError('ResourceNotFoundException', message);

/** `ResourceInUseException`, e.g. creating a table that already exists. */
export const inUse = (message: string): DynamoDBError => new DynamoDBError('ResourceInUseException', message);

/** `ConditionalCheckFailedException`, with the item when ReturnValuesOnConditionCheckFailure asks for it. */
export const conditionalCheckFailed = (item?: Record<string, unknown>): DynamoDBError =>
  new DynamoDBError('ConditionalCheckFailedException', 'The conditional request failed', 400, item ? { Item: item } : {});

/** `SerializationException`: the body is not what the protocol expects. */
export const serialization = (message: string): DynamoDBError => new DynamoDBError('SerializationException', message);

/**
 * A ValidationException for something DynamoDB supports and fogbank does not (yet). The text
 * says so plainly, so nobody mistakes it for AWS's answer.
 */
export const unsupported = (what: string): DynamoDBError =>
  new DynamoDBError('ValidationException', `fogbank does not support ${what}`);

/** Aggregates constraint failures the way AWS does: "N validation error(s) detected: a; b". */
export function constraintErrors(errors: readonly string[]): DynamoDBError | undefined {
  if (errors.length === 0) return undefined;
  const n = errors.length;
  return validation(`${n} validation error${n > 1 ? 's' : ''} detected: ${errors.join('; ')}`);
}
