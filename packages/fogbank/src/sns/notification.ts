/**
 * What SNS checks in a Publish request (message, attributes, FIFO members) and what it delivers to
 * an SQS subscription: the JSON notification envelope (AWS's own layout, `"Key" : value` on
 * indented lines), or with `RawMessageDelivery` the bare message and its attributes.
 */
import type { MessageAttributes } from '../sqs/shapes.js';
import type { SnsError } from './service.js';

/** The request members of Publish that fogbank reads. */
export interface PublishInput {
  TopicArn?: string;
  TargetArn?: string;
  Message: string;
  Subject?: string;
  MessageAttributes?: MessageAttributes;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
  MessageStructure?: string;
}

export interface PublishOutput {
  MessageId: string;
  SequenceNumber?: string;
}

/** SNS's limit on a message with its attributes. */
const MAX_BYTES = 262_144;

/** Checks a Publish request against a topic; `fail` builds AWS's `InvalidParameter` error. */
export function checkPublish(input: PublishInput, fifo: boolean, contentBasedDeduplication: boolean, fail: (message: string) => SnsError): void {
  if (typeof input.Message !== 'string' || input.Message.length === 0) throw fail('Invalid parameter: Empty message');
  if (input.MessageStructure !== undefined) throw fail('Invalid parameter: fogbank does not support MessageStructure (per-protocol messages)');
  let size = Buffer.byteLength(input.Message);
  for (const [name, value] of Object.entries(input.MessageAttributes ?? {})) {
    if (typeof value?.DataType !== 'string' || value.DataType.length === 0) {
      throw fail(`Invalid parameter: MessageAttributes Reason: The message attribute '${name}' must contain non-empty message attribute type.`);
    }
    if (value.StringValue === undefined && value.BinaryValue === undefined) {
      throw fail(`Invalid parameter: MessageAttributes Reason: The message attribute '${name}' must contain non-empty message attribute value.`);
    }
    size += Buffer.byteLength(name) + Buffer.byteLength(value.DataType) + Buffer.byteLength(String(value.StringValue ?? value.BinaryValue));
  }
  if (size > MAX_BYTES) throw fail('Invalid parameter: Message too long');
  if (!fifo) return;
  if (input.MessageGroupId === undefined) throw fail('Invalid parameter: The MessageGroupId parameter is required for FIFO topics');
  if (input.MessageDeduplicationId === undefined && !contentBasedDeduplication) {
    throw fail('Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
  }
}

export interface EnvelopeFacts {
  readonly messageId: string;
  readonly topicArn: string;
  readonly subscriptionArn: string;
  readonly region: string;
  readonly nowMs: number;
  readonly sequenceNumber: string | undefined;
}

/**
 * The notification an SQS subscription receives as its message body. `Signature` is not AWS's:
 * fogbank holds no AWS signing key, so a consumer that verifies signatures must skip them locally.
 */
export function notificationEnvelope(input: PublishInput, facts: EnvelopeFacts): string {
  const fields: Array<[string, unknown]> = [
    ['Type', 'Notification'],
    ['MessageId', facts.messageId],
    ...(facts.sequenceNumber !== undefined ? [['SequenceNumber', facts.sequenceNumber] as [string, unknown]] : []),
    ['TopicArn', facts.topicArn],
    ...(input.Subject !== undefined ? [['Subject', input.Subject] as [string, unknown]] : []),
    ['Message', input.Message],
    ['Timestamp', new Date(facts.nowMs).toISOString()],
    ['SignatureVersion', '1'],
    ['Signature', Buffer.from(`fogbank-unsigned ${facts.messageId}`).toString('base64')],
    ['SigningCertURL', `https://sns.${facts.region}.amazonaws.com/SimpleNotificationService-fogbank.pem`],
    ['UnsubscribeURL', `https://sns.${facts.region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${facts.subscriptionArn}`],
  ];
  const attributes = Object.entries(input.MessageAttributes ?? {});
  if (attributes.length > 0) {
    const typed = Object.fromEntries(
      attributes.map(([name, value]) => [name, { Type: value.DataType, Value: value.StringValue ?? base64(value.BinaryValue) }]),
    );
    fields.push(['MessageAttributes', typed]);
  }
  return `{\n${fields.map(([key, value]) => `  ${JSON.stringify(key)} : ${JSON.stringify(value)}`).join(',\n')}\n}`;
}

function base64(value: Uint8Array | string | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : Buffer.from(value).toString('base64');
}
