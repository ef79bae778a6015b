/**
 * The request and response shapes of the SQS operations fogbank serves, as `@aws-sdk/client-sqs`
 * declares them (PascalCase members; attribute values are strings on the wire).
 */

/** A message attribute's value (`MessageAttributeValue`); binary values as bytes or base64 text. */
export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array | string;
}

export type MessageAttributes = Record<string, MessageAttributeValue>;

export interface CreateQueueInput {
  QueueName: string;
  /** `VisibilityTimeout`, `MessageRetentionPeriod`, `DelaySeconds`, `ReceiveMessageWaitTimeSeconds`, `MaximumMessageSize`, ... */
  Attributes?: Record<string, string>;
  tags?: Record<string, string>;
}

export interface QueueUrlOutput {
  QueueUrl: string;
}

export interface QueueInput {
  QueueUrl: string;
}

export interface GetQueueUrlInput {
  QueueName: string;
  QueueOwnerAWSAccountId?: string;
}

export interface GetQueueAttributesInput extends QueueInput {
  /** Names, or `All`. None: no attributes. */
  AttributeNames?: string[];
}

export interface GetQueueAttributesOutput {
  Attributes?: Record<string, string>;
}

export interface ListQueuesInput {
  QueueNamePrefix?: string;
  MaxResults?: number;
  NextToken?: string;
}

export interface ListQueuesOutput {
  QueueUrls?: string[];
  NextToken?: string;
}

export interface SendMessageInput extends QueueInput {
  MessageBody: string;
  DelaySeconds?: number;
  MessageAttributes?: MessageAttributes;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
}

export interface SendMessageOutput {
  MD5OfMessageAttributes?: string;
  MD5OfMessageBody: string;
  MessageId: string;
}

export interface SendMessageBatchInput extends QueueInput {
  Entries: Array<Omit<SendMessageInput, 'QueueUrl'> & { Id: string }>;
}

export interface BatchResultErrorEntry {
  Id: string;
  SenderFault: boolean;
  Code: string;
  Message: string;
}

export interface SendMessageBatchOutput {
  Successful: Array<SendMessageOutput & { Id: string }>;
  Failed: BatchResultErrorEntry[];
}

export interface ReceiveMessageInput extends QueueInput {
  /** 1 to 10. @default 1 */
  MaxNumberOfMessages?: number;
  /** Seconds the received messages stay invisible. @default the queue's VisibilityTimeout */
  VisibilityTimeout?: number;
  /** Long polling: seconds to wait for a message. @default the queue's ReceiveMessageWaitTimeSeconds */
  WaitTimeSeconds?: number;
  /** System attributes to return (`SentTimestamp`, `ApproximateReceiveCount`, ..., `All`). Deprecated by AWS in favour of `MessageSystemAttributeNames`. */
  AttributeNames?: string[];
  MessageSystemAttributeNames?: string[];
  /** Message attributes to return: names, `prefix.*`, or `All`. */
  MessageAttributeNames?: string[];
  ReceiveRequestAttemptId?: string;
}

export interface Message {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
  Attributes?: Record<string, string>;
  MD5OfMessageAttributes?: string;
  MessageAttributes?: MessageAttributes;
}

export interface ReceiveMessageOutput {
  Messages?: Message[];
}

export interface ReceiptInput extends QueueInput {
  ReceiptHandle: string;
}

export interface ChangeMessageVisibilityInput extends ReceiptInput {
  VisibilityTimeout: number;
}

/** What an operation without a result answers (`DeleteMessage`, `PurgeQueue`, ...). */
export type Empty = Record<string, never>;
