/**
 * SQS's exceptions. `name` is the exception name `@aws-sdk/client-sqs` gives (`QueueDoesNotExist`),
 * `message` AWS's text, and `queryErrorCode` the code the service also sends for clients of its
 * older query protocol (`AWS.SimpleQueueService.NonExistentQueue`), which is what the Java SDK in
 * Step Functions' optimised integration reports as `Error Code`.
 */

/** AWS's exception names for the SQS operations fogbank serves. */
export type SqsErrorName =
  | 'BatchEntryIdsNotDistinct'
  | 'BatchRequestTooLong'
  | 'EmptyBatchRequest'
  | 'InvalidAttributeName'
  | 'InvalidAddress'
  | 'InvalidAttributeValue'
  | 'InvalidBatchEntryId'
  | 'InvalidMessageContents'
  | 'InvalidParameterValue'
  | 'MissingParameter'
  | 'PurgeQueueInProgress'
  | 'QueueDeletedRecently'
  | 'QueueDoesNotExist'
  | 'QueueNameExists'
  | 'ReceiptHandleIsInvalid'
  | 'TooManyEntriesInBatchRequest'
  | 'UnsupportedOperation';

/** The query-protocol code of the names whose code differs from the name. */
const QUERY_CODES: Partial<Record<SqsErrorName, string>> = {
  BatchEntryIdsNotDistinct: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
  BatchRequestTooLong: 'AWS.SimpleQueueService.BatchRequestTooLong',
  EmptyBatchRequest: 'AWS.SimpleQueueService.EmptyBatchRequest',
  InvalidBatchEntryId: 'AWS.SimpleQueueService.InvalidBatchEntryId',
  PurgeQueueInProgress: 'AWS.SimpleQueueService.PurgeQueueInProgress',
  QueueDeletedRecently: 'AWS.SimpleQueueService.QueueDeletedRecently',
  QueueDoesNotExist: 'AWS.SimpleQueueService.NonExistentQueue',
  QueueNameExists: 'QueueAlreadyExists',
  TooManyEntriesInBatchRequest: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
  UnsupportedOperation: 'AWS.SimpleQueueService.UnsupportedOperation',
};

/** Names the SQS model does not declare: the Java SDKs raise their base exception for them. */
const UNMODELED: ReadonlySet<SqsErrorName> = new Set(['InvalidParameterValue', 'MissingParameter']);

/** An error of the SQS API, in AWS's shape (HTTP 400, sender fault). */
export class SqsError extends Error {
  /** `client`, as the AWS SDK reports it in `$fault`. */
  readonly $fault = 'client' as const;
  readonly statusCode = 400;
  /** The legacy query-protocol code (`x-amzn-query-error`). */
  readonly queryErrorCode: string;

  constructor(
    override readonly name: SqsErrorName,
    message: string,
  ) {
    super(message);
    this.queryErrorCode = QUERY_CODES[name] ?? name;
  }

  /** Whether the service model declares this exception (the Java SDKs then have a class for it). */
  get modeled(): boolean {
    return !UNMODELED.has(this.name);
  }

  /** The JSON 1.0 error body. */
  toJSON(): { __type: string; message: string } {
    return { __type: `com.amazonaws.sqs#${this.name}`, message: this.message };
  }
}

export const queueDoesNotExist = (): SqsError => new SqsError('QueueDoesNotExist', 'The specified queue does not exist.');

export const missingParameter = (parameter: string): SqsError => new SqsError('MissingParameter', `The request must contain the parameter ${parameter}.`);

/** `Value <v> for parameter <p> is invalid. Reason: <why>`, AWS's wording for an out-of-range value. */
export function invalidValue(parameter: string, value: unknown, reason: string): SqsError {
  return new SqsError('InvalidParameterValue', `Value ${String(value)} for parameter ${parameter} is invalid. Reason: ${reason}`);
}

export const invalidAttributeValue = (attribute: string): SqsError => new SqsError('InvalidAttributeValue', `Invalid value for the parameter ${attribute}.`);

export const unknownAttribute = (attribute: string): SqsError => new SqsError('InvalidAttributeName', `Unknown Attribute ${attribute}.`);

export const receiptHandleIsInvalid = (handle: string): SqsError =>
  new SqsError('ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`);
