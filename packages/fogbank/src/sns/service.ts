/**
 * The cloud's SNS, minimal: topics (standard and FIFO), SQS subscriptions, and Publish, which
 * delivers to the subscribed queues of `cloud.sqs`. Shapes of `@aws-sdk/client-sns`, AWS's
 * exception names and texts.
 */
import type { Clock } from '@fogbank/asl';
import { SNS_OPERATIONS } from '@fogbank/server';
import type { Sqs } from '../sqs/service.js';
import { checkPublish, notificationEnvelope, type PublishInput, type PublishOutput } from './notification.js';

export type { PublishInput, PublishOutput } from './notification.js';

/** AWS's exception names (as `@aws-sdk/client-sns` names them) for what fogbank checks. */
export type SnsErrorName = 'InvalidParameterException' | 'NotFoundException';

const QUERY_CODES: Record<SnsErrorName, { code: string; status: number }> = {
  InvalidParameterException: { code: 'InvalidParameter', status: 400 },
  NotFoundException: { code: 'NotFound', status: 404 },
};

/** An error of the SNS API: `name` as the SDK has it, `queryErrorCode` as the service sends it. */
export class SnsError extends Error {
  readonly $fault = 'client' as const;
  readonly statusCode: number;
  readonly queryErrorCode: string;

  constructor(
    override readonly name: SnsErrorName,
    message: string,
  ) {
    super(message);
    this.statusCode = QUERY_CODES[name].status;
    this.queryErrorCode = QUERY_CODES[name].code;
  }
}

const invalid = (message: string) => new SnsError('InvalidParameterException', message);
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;

export interface SnsOptions {
  readonly region: string;
  readonly accountId: string;
  readonly clock: Clock;
  /** Message and subscription ids. */
  readonly ids: () => string;
  /** Where `sqs` subscriptions deliver. */
  readonly sqs: Sqs;
}

interface Topic {
  readonly arn: string;
  readonly fifo: boolean;
  readonly attributes: Record<string, string>;
  readonly subscriptions: Map<string, { endpoint: string; raw: boolean }>;
}

/** The SNS operations the `aws-sdk:sns:<action>` integration and the endpoint reach. */
export { SNS_OPERATIONS };
export type SnsOperation = (typeof SNS_OPERATIONS)[number];

/**
 * In-memory SNS topics delivering to SQS queues.
 *
 * @example
 * const { TopicArn } = await cloud.sns.createTopic({ Name: 'events' });
 * await cloud.sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn });
 * await cloud.sns.publish({ TopicArn, Message: 'hello' });
 */
export class Sns {
  readonly #options: SnsOptions;
  readonly #topics = new Map<string, Topic>();
  #sequence = 10_000_000_000_000_000_000n;

  constructor(options: SnsOptions) {
    this.#options = options;
  }

  /** CreateTopic: idempotent by name; FIFO topics need the `.fifo` suffix and `FifoTopic: 'true'`. */
  async createTopic(input: { Name: string; Attributes?: Record<string, string>; Tags?: unknown }): Promise<{ TopicArn: string }> {
    const name = input?.Name;
    const attributes = { ...input?.Attributes };
    const fifo = attributes['FifoTopic'] === 'true';
    const base = typeof name === 'string' && name.endsWith('.fifo') ? name.slice(0, -'.fifo'.length) : name;
    if (typeof name !== 'string' || !TOPIC_NAME.test(base ?? '')) throw invalid('Invalid parameter: Topic Name');
    if (fifo !== name.endsWith('.fifo')) {
      throw invalid('Invalid parameter: Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.');
    }
    const arn = `arn:aws:sns:${this.#options.region}:${this.#options.accountId}:${name}`;
    if (!this.#topics.has(arn)) this.#topics.set(arn, { arn, fifo, attributes, subscriptions: new Map() });
    return { TopicArn: arn };
  }

  async deleteTopic(input: { TopicArn: string }): Promise<Record<string, never>> {
    this.#topics.delete(input?.TopicArn);
    return {};
  }

  async listTopics(_input: { NextToken?: string } = {}): Promise<{ Topics: Array<{ TopicArn: string }> }> {
    return { Topics: [...this.#topics.keys()].map((TopicArn) => ({ TopicArn })) };
  }

  /** Subscribe: the `sqs` protocol (a queue ARN of this cloud), optionally with `RawMessageDelivery`. */
  async subscribe(input: { TopicArn: string; Protocol: string; Endpoint?: string; Attributes?: Record<string, string>; ReturnSubscriptionArn?: boolean }): Promise<{ SubscriptionArn: string }> {
    const topic = this.#topic(input?.TopicArn);
    if (input.Protocol !== 'sqs') throw invalid(`Invalid parameter: fogbank delivers to sqs subscriptions only; the protocol '${String(input.Protocol)}' is not supported`);
    if (typeof input.Endpoint !== 'string' || !input.Endpoint.startsWith('arn:aws:sqs:')) throw invalid('Invalid parameter: SQS endpoint ARN');
    if (topic.fifo) throw invalid('Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SNS Topics currently only support FIFO SQS Queues as endpoints');
    for (const [arn, subscription] of topic.subscriptions) if (subscription.endpoint === input.Endpoint) return { SubscriptionArn: arn };
    const arn = `${topic.arn}:${this.#options.ids()}`;
    topic.subscriptions.set(arn, { endpoint: input.Endpoint, raw: input.Attributes?.['RawMessageDelivery'] === 'true' });
    return { SubscriptionArn: arn };
  }

  async unsubscribe(input: { SubscriptionArn: string }): Promise<Record<string, never>> {
    for (const topic of this.#topics.values()) topic.subscriptions.delete(input?.SubscriptionArn);
    return {};
  }

  async listSubscriptionsByTopic(input: { TopicArn: string }): Promise<{ Subscriptions: Array<Record<string, string>> }> {
    const topic = this.#topic(input?.TopicArn);
    const Subscriptions = [...topic.subscriptions].map(([SubscriptionArn, s]) => ({
      SubscriptionArn,
      Owner: this.#options.accountId,
      Protocol: 'sqs',
      Endpoint: s.endpoint,
      TopicArn: topic.arn,
    }));
    return { Subscriptions };
  }

  /** Publish: delivers to every subscribed queue that exists; `SequenceNumber` on FIFO topics. */
  async publish(input: PublishInput): Promise<PublishOutput> {
    const topic = this.#topic(input?.TopicArn ?? input?.TargetArn);
    checkPublish(input, topic.fifo, topic.attributes['ContentBasedDeduplication'] === 'true', invalid);
    const messageId = this.#options.ids();
    const sequenceNumber = topic.fifo ? String(++this.#sequence) : undefined;
    for (const [subscriptionArn, subscription] of topic.subscriptions) {
      const [, , , region, account, queueName] = subscription.endpoint.split(':');
      const QueueUrl = `https://sqs.${region}.amazonaws.com/${account}/${queueName}`;
      const facts = { messageId, topicArn: topic.arn, subscriptionArn, region: this.#options.region, nowMs: this.#options.clock.now(), sequenceNumber };
      const delivery = subscription.raw
        ? { QueueUrl, MessageBody: input.Message, ...(input.MessageAttributes !== undefined ? { MessageAttributes: input.MessageAttributes } : {}) }
        : { QueueUrl, MessageBody: notificationEnvelope(input, facts) };
      // A subscription whose queue is gone or refuses the message loses it, as SNS does without a DLQ.
      await this.#options.sqs.sendMessage(delivery).catch(() => {});
    }
    return { MessageId: messageId, ...(sequenceNumber !== undefined ? { SequenceNumber: sequenceNumber } : {}) };
  }

  /** Calls an operation by its SDK name (the `aws-sdk:sns:<action>` integration). */
  call(operation: SnsOperation, input: unknown): Promise<unknown> {
    const method = this[operation] as (input: unknown) => Promise<unknown>;
    return method.call(this, input ?? {});
  }

  #topic(arn: string | undefined): Topic {
    const topic = arn === undefined ? undefined : this.#topics.get(arn);
    if (topic === undefined) throw new SnsError('NotFoundException', 'Topic does not exist');
    return topic;
  }
}
