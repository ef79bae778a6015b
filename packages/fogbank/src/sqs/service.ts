/**
 * The cloud's SQS: standard queues in memory, with the operations and shapes of
 * `@aws-sdk/client-sqs`, AWS's error names and texts, and every wait (visibility timeouts, delays,
 * long polling, retention) on the cloud's clock, so a virtual clock runs them in no real time.
 */
import type { Clock, Timer } from '@fogbank/asl';
import { SQS_OPERATIONS } from '@fogbank/server';
import { invalidValue, missingParameter, queueDoesNotExist, SqsError } from './errors.js';
import { checkMessage, md5Hex, md5OfAttributes, selectAttributes } from './message-content.js';
import { Queue, resolveSettings, type QueueSettingName, type StoredMessage } from './queue.js';
import type * as S from './shapes.js';

export interface SqsOptions {
  readonly region: string;
  readonly accountId: string;
  readonly clock: Clock;
  /** Message ids. */
  readonly ids: () => string;
  /**
   * The HTTP endpoint serving this SQS, when there is one: queue URLs are then
   * `<endpointUrl>/<account>/<name>`, since `@aws-sdk/client-sqs` sends each request to its
   * QueueUrl's host. Without it they are AWS's `https://sqs.<region>.amazonaws.com/<account>/<name>`.
   */
  readonly endpointUrl?: string;
}

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const BATCH_ID = /^[A-Za-z0-9_-]{1,80}$/;
const MAX_BATCH = 10;
const SYSTEM_ATTRIBUTES = ['SenderId', 'SentTimestamp', 'ApproximateReceiveCount', 'ApproximateFirstReceiveTimestamp'];
const RECREATE_AFTER_MS = 60_000;
const PURGE_EVERY_MS = 60_000;

/** The operations the service answers, by their SDK (camelCase) names: those the endpoint serves. */
export { SQS_OPERATIONS };
export type SqsOperation = (typeof SQS_OPERATIONS)[number];

function integerIn(parameter: string, value: unknown, min: number, max: number, reason: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw invalidValue(parameter, value, reason);
  return value;
}

/**
 * In-memory SQS (standard queues).
 *
 * @example
 * const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: 'jobs' });
 * await cloud.sqs.sendMessage({ QueueUrl, MessageBody: 'hello' });
 * const { Messages } = await cloud.sqs.receiveMessage({ QueueUrl, WaitTimeSeconds: 20 });
 */
export class Sqs {
  readonly #options: SqsOptions;
  readonly #queues = new Map<string, Queue>();
  readonly #deletedAt = new Map<string, number>();
  /** Receivers long-polling each queue, woken when a message arrives or the queue goes. */
  readonly #waiters = new Map<Queue, Set<() => void>>();
  readonly #timers = new Set<Timer>();
  #closed = false;

  constructor(options: SqsOptions) {
    this.#options = options;
  }

  get #now(): number {
    return this.#options.clock.now();
  }

  /** CreateQueue: idempotent for the same attributes; `QueueNameExists` for different ones. */
  async createQueue(input: S.CreateQueueInput): Promise<S.QueueUrlOutput> {
    const name = input?.QueueName;
    if (typeof name !== 'string' || name.length === 0) throw missingParameter('QueueName');
    if (name.endsWith('.fifo')) throw new SqsError('UnsupportedOperation', `fogbank serves standard queues only: '${name}' names a FIFO queue, which is not supported.`);
    if (!QUEUE_NAME.test(name)) throw new SqsError('InvalidParameterValue', 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
    const { settings, kept } = resolveSettings(input.Attributes);
    const existing = this.#queues.get(name);
    if (existing !== undefined) {
      const differs = (Object.keys(settings) as QueueSettingName[]).find((k) => settings[k] !== existing.settings[k]);
      if (differs !== undefined) throw new SqsError('QueueNameExists', `A queue already exists with the same name and a different value for attribute ${differs}`);
      return { QueueUrl: existing.url };
    }
    const deletedAt = this.#deletedAt.get(name);
    if (deletedAt !== undefined && this.#now - deletedAt < RECREATE_AFTER_MS) {
      throw new SqsError('QueueDeletedRecently', 'You must wait 60 seconds after deleting a queue before you can create another with the same name.');
    }
    const { region, accountId } = this.#options;
    const base = this.#options.endpointUrl ?? `https://sqs.${region}.amazonaws.com`;
    const queue = new Queue(name, `${base}/${accountId}/${name}`, `arn:aws:sqs:${region}:${accountId}:${name}`, settings, kept, this.#now);
    this.#queues.set(name, queue);
    return { QueueUrl: queue.url };
  }

  /** GetQueueUrl. */
  async getQueueUrl(input: S.GetQueueUrlInput): Promise<S.QueueUrlOutput> {
    if (typeof input?.QueueName !== 'string' || input.QueueName.length === 0) throw missingParameter('QueueName');
    const owner = input.QueueOwnerAWSAccountId;
    const queue = this.#queues.get(input.QueueName);
    if (queue === undefined || (owner !== undefined && owner !== this.#options.accountId)) throw queueDoesNotExist();
    return { QueueUrl: queue.url };
  }

  /** GetQueueAttributes: the named attributes, or `All`. */
  async getQueueAttributes(input: S.GetQueueAttributesInput): Promise<S.GetQueueAttributesOutput> {
    const queue = this.queueOf(input?.QueueUrl);
    const attributes = queue.attributes(input.AttributeNames ?? [], this.#now);
    return Object.keys(attributes).length === 0 ? {} : { Attributes: attributes };
  }

  /** ListQueues, in creation order; `MaxResults` pages with `NextToken`. */
  async listQueues(input: S.ListQueuesInput = {}): Promise<S.ListQueuesOutput> {
    const max = integerIn('MaxResults', input.MaxResults, 1, 1000, 'MaxResults must be an integer between 1 and 1000.');
    const urls = [...this.#queues.values()].filter((q) => q.name.startsWith(input.QueueNamePrefix ?? '')).map((q) => q.url);
    let start = 0;
    if (input.NextToken !== undefined) {
      start = Number(Buffer.from(input.NextToken, 'base64').toString('utf8'));
      if (!Number.isInteger(start) || start < 0) throw new SqsError('InvalidParameterValue', 'Invalid NextToken value.');
    }
    const page = urls.slice(start, max === undefined ? undefined : start + max);
    const out: S.ListQueuesOutput = page.length === 0 ? {} : { QueueUrls: page };
    if (max !== undefined && start + max < urls.length) out.NextToken = Buffer.from(String(start + max)).toString('base64');
    return out;
  }

  /** DeleteQueue: its messages go with it; receivers waiting on it get nothing. */
  async deleteQueue(input: S.QueueInput): Promise<S.Empty> {
    const queue = this.queueOf(input?.QueueUrl);
    this.#queues.delete(queue.name);
    this.#deletedAt.set(queue.name, this.#now);
    this.#wake(queue);
    return {};
  }

  /** PurgeQueue: at most once every 60 seconds per queue. */
  async purgeQueue(input: S.QueueInput): Promise<S.Empty> {
    const queue = this.queueOf(input?.QueueUrl);
    if (this.#now - queue.lastPurgeAt < PURGE_EVERY_MS) {
      throw new SqsError('PurgeQueueInProgress', `Only one PurgeQueue operation on ${queue.name} is allowed every 60 seconds.`);
    }
    queue.purge(this.#now);
    return {};
  }

  /** SendMessage: `MD5OfMessageBody`, `MessageId`, and `MD5OfMessageAttributes` when attributes were sent. */
  async sendMessage(input: S.SendMessageInput): Promise<S.SendMessageOutput> {
    const queue = this.queueOf(input?.QueueUrl);
    return this.#send(queue, input);
  }

  /** SendMessageBatch: each entry succeeds or fails on its own; malformed batches fail whole. */
  async sendMessageBatch(input: S.SendMessageBatchInput): Promise<S.SendMessageBatchOutput> {
    const queue = this.queueOf(input?.QueueUrl);
    const entries = input.Entries ?? [];
    if (entries.length === 0) throw new SqsError('EmptyBatchRequest', 'There should be at least one SendMessageBatchRequestEntry in the request.');
    if (entries.length > MAX_BATCH) {
      throw new SqsError('TooManyEntriesInBatchRequest', `Maximum number of entries per request are ${MAX_BATCH}. You have sent ${entries.length}.`);
    }
    const seen = new Set<string>();
    for (const entry of entries) {
      if (typeof entry.Id !== 'string' || !BATCH_ID.test(entry.Id)) {
        throw new SqsError('InvalidBatchEntryId', 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.');
      }
      if (seen.has(entry.Id)) throw new SqsError('BatchEntryIdsNotDistinct', `Id ${entry.Id} repeated.`);
      seen.add(entry.Id);
    }
    const total = entries.reduce((sum, e) => sum + (typeof e.MessageBody === 'string' ? Buffer.byteLength(e.MessageBody) : 0), 0);
    if (total > queue.settings.MaximumMessageSize) {
      throw new SqsError('BatchRequestTooLong', `Batch requested message too long. Total size of all messages must be at most ${queue.settings.MaximumMessageSize} bytes.`);
    }
    const out: S.SendMessageBatchOutput = { Successful: [], Failed: [] };
    for (const { Id, ...entry } of entries) {
      try {
        out.Successful.push({ Id, ...this.#send(queue, entry) });
      } catch (error) {
        if (!(error instanceof SqsError)) throw error;
        out.Failed.push({ Id, SenderFault: true, Code: error.queryErrorCode, Message: error.message });
      }
    }
    return out;
  }

  #send(queue: Queue, input: Omit<S.SendMessageInput, 'QueueUrl'>): S.SendMessageOutput {
    checkMessage(input.MessageBody, input.MessageAttributes, queue.settings.MaximumMessageSize);
    const delay = integerIn('DelaySeconds', input.DelaySeconds, 0, 900, 'DelaySeconds must be >= 0 and <= 900.') ?? queue.settings.DelaySeconds;
    if (input.MessageDeduplicationId !== undefined) {
      throw invalidValue('MessageDeduplicationId', input.MessageDeduplicationId, 'The request include parameter that is not valid for this queue type.');
    }
    const id = this.#options.ids();
    const md5 = md5Hex(input.MessageBody);
    const attributes = input.MessageAttributes === undefined || Object.keys(input.MessageAttributes).length === 0 ? undefined : input.MessageAttributes;
    queue.send(id, input.MessageBody, md5, attributes, delay, this.#now);
    if (delay === 0) this.#wake(queue);
    const md5Attributes = md5OfAttributes(attributes);
    return { ...(md5Attributes !== undefined ? { MD5OfMessageAttributes: md5Attributes } : {}), MD5OfMessageBody: md5, MessageId: id };
  }

  /**
   * ReceiveMessage. With `WaitTimeSeconds` (or the queue's `ReceiveMessageWaitTimeSeconds`) it
   * long-polls: answers as soon as a message is visible, or with no messages when the wait ends.
   */
  async receiveMessage(input: S.ReceiveMessageInput): Promise<S.ReceiveMessageOutput> {
    let queue = this.queueOf(input?.QueueUrl);
    const max = integerIn('MaxNumberOfMessages', input.MaxNumberOfMessages, 1, 10, 'Must be between 1 and 10, if provided.') ?? 1;
    const visibility = integerIn('VisibilityTimeout', input.VisibilityTimeout, 0, 43_200, 'Must be >= 0 and <= 43200, if provided.') ?? queue.settings.VisibilityTimeout;
    const wait = integerIn('WaitTimeSeconds', input.WaitTimeSeconds, 0, 20, 'Must be >= 0 and <= 20, if provided.') ?? queue.settings.ReceiveMessageWaitTimeSeconds;
    const deadline = this.#now + wait * 1000;
    for (;;) {
      const received = queue.receive(max, visibility, this.#now);
      if (received.length > 0) return { Messages: received.map((r) => this.#message(r.message, r.handle, input)) };
      if (this.#now >= deadline || this.#closed || this.#queues.get(queue.name) !== queue) return {};
      const wakeAt = Math.min(deadline, queue.nextVisibleAt(this.#now) ?? Infinity);
      await this.#waitFor(queue, wakeAt - this.#now);
      if (this.#queues.get(queue.name) !== queue) return {};
      queue = this.queueOf(queue.url);
    }
  }

  #message(message: StoredMessage, handle: string, input: S.ReceiveMessageInput): S.Message {
    const out: S.Message = { MessageId: message.id, ReceiptHandle: handle, MD5OfBody: message.md5, Body: message.body };
    const wanted = [...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])];
    const system: Record<string, string> = {
      SenderId: this.#options.accountId,
      SentTimestamp: String(message.sentAt),
      ApproximateReceiveCount: String(message.receiveCount),
      ApproximateFirstReceiveTimestamp: String(message.firstReceiveAt ?? this.#now),
    };
    const names = wanted.includes('All') ? SYSTEM_ATTRIBUTES : SYSTEM_ATTRIBUTES.filter((n) => wanted.includes(n));
    if (names.length > 0) out.Attributes = Object.fromEntries(names.map((n) => [n, system[n]!]));
    const attributes = selectAttributes(message.attributes, input.MessageAttributeNames);
    if (attributes !== undefined) {
      out.MD5OfMessageAttributes = md5OfAttributes(attributes)!;
      out.MessageAttributes = attributes;
    }
    return out;
  }

  /** DeleteMessage (see `Queue.delete` for stale handles). */
  async deleteMessage(input: S.ReceiptInput): Promise<S.Empty> {
    const queue = this.queueOf(input?.QueueUrl);
    if (typeof input.ReceiptHandle !== 'string' || input.ReceiptHandle.length === 0) throw missingParameter('ReceiptHandle');
    queue.delete(input.ReceiptHandle);
    return {};
  }

  /** ChangeMessageVisibility: hides an in-flight message for `VisibilityTimeout` seconds from now (0: visible at once). */
  async changeMessageVisibility(input: S.ChangeMessageVisibilityInput): Promise<S.Empty> {
    const queue = this.queueOf(input?.QueueUrl);
    if (typeof input.ReceiptHandle !== 'string' || input.ReceiptHandle.length === 0) throw missingParameter('ReceiptHandle');
    if (input.VisibilityTimeout === undefined) throw missingParameter('VisibilityTimeout');
    const seconds = integerIn('VisibilityTimeout', input.VisibilityTimeout, 0, 43_200, 'Must be >= 0 and <= 43200, if provided.')!;
    queue.changeVisibility(input.ReceiptHandle, seconds, this.#now);
    if (seconds === 0) this.#wake(queue);
    return {};
  }

  /** Calls an operation by its SDK name (the `aws-sdk:sqs:<action>` integration). */
  call(operation: SqsOperation, input: unknown): Promise<unknown> {
    const method = this[operation] as (input: unknown) => Promise<unknown>;
    return method.call(this, input ?? {});
  }

  /**
   * The queue a URL names: `https://sqs.<region>.amazonaws.com/<account>/<name>` (also the
   * legacy `<region>.queue.amazonaws.com` hosts and the cloud's own endpoint). The SDK sends the
   * URL as a parameter, so only its path, and an AWS host's region, decide.
   */
  queueOf(url: unknown): Queue {
    if (typeof url !== 'string' || url.length === 0) throw missingParameter('QueueUrl');
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new SqsError('InvalidAddress', `The address ${url} is not valid for this endpoint.`);
    }
    const [account, name, ...rest] = parsed.pathname.split('/').filter((p) => p.length > 0);
    const region = /^(?:sqs\.)?([a-z0-9-]+)\.(?:queue\.)?amazonaws\.com$/.exec(parsed.hostname)?.[1];
    const queue = name === undefined ? undefined : this.#queues.get(name);
    if (queue === undefined || rest.length > 0 || account !== this.#options.accountId || (region !== undefined && region !== 'sqs' && region !== this.#options.region)) {
      throw queueDoesNotExist();
    }
    return queue;
  }

  #waitFor(queue: Queue, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.#options.clock.timer(ms);
      this.#timers.add(timer);
      let waiters = this.#waiters.get(queue);
      if (waiters === undefined) this.#waiters.set(queue, (waiters = new Set()));
      const done = (): void => {
        timer.cancel();
        this.#timers.delete(timer);
        waiters.delete(done);
        resolve();
      };
      waiters.add(done);
      void timer.fired.then(done);
    });
  }

  #wake(queue: Queue): void {
    for (const waiter of [...(this.#waiters.get(queue) ?? [])]) waiter();
  }

  /** Ends every long poll (answering no messages) and refuses nothing else: the queues stay readable. */
  close(): void {
    this.#closed = true;
    for (const queue of this.#waiters.keys()) this.#wake(queue);
  }
}
