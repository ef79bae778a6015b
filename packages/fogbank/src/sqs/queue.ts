/**
 * One standard queue: its settings, its messages and their visibility on the cloud's clock,
 * receipt handles, purge, and the attributes `GetQueueAttributes` reports. Pure state: the service
 * (service.ts) checks requests and does the waiting.
 */
import { invalidAttributeValue, invalidValue, receiptHandleIsInvalid, SqsError, unknownAttribute } from './errors.js';
import type { MessageAttributes } from './shapes.js';

/** The queue attributes with a numeric range: `[min, max, default]`, as AWS documents them. */
export const QUEUE_SETTINGS = {
  VisibilityTimeout: [0, 43_200, 30],
  MessageRetentionPeriod: [60, 1_209_600, 345_600],
  DelaySeconds: [0, 900, 0],
  ReceiveMessageWaitTimeSeconds: [0, 20, 0],
  // AWS raised the ceiling to 1 MiB in 2025; fogbank keeps the long-standing 256 KiB default.
  MaximumMessageSize: [1_024, 1_048_576, 262_144],
} as const;

export type QueueSettingName = keyof typeof QUEUE_SETTINGS;
export type QueueSettings = Record<QueueSettingName, number>;

/** Attributes CreateQueue accepts and keeps as given, without behaviour behind them. */
const KEPT_ATTRIBUTES = new Set(['Policy', 'KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'SqsManagedSseEnabled', 'RedriveAllowPolicy']);
const FIFO_ATTRIBUTES = new Set(['FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']);

/** The settable attributes of a CreateQueue request, checked and with defaults filled in. */
export function resolveSettings(attributes: Record<string, string> = {}): { settings: QueueSettings; kept: Record<string, string> } {
  const settings = Object.fromEntries(Object.entries(QUEUE_SETTINGS).map(([name, [, , value]]) => [name, value])) as QueueSettings;
  const kept: Record<string, string> = {};
  for (const [name, raw] of Object.entries(attributes)) {
    if (name in QUEUE_SETTINGS) {
      const [min, max] = QUEUE_SETTINGS[name as QueueSettingName];
      const value = Number(raw);
      if (!/^\d+$/.test(String(raw)) || value < min || value > max) throw invalidAttributeValue(name);
      settings[name as QueueSettingName] = value;
    } else if (FIFO_ATTRIBUTES.has(name)) {
      throw new SqsError('UnsupportedOperation', `fogbank serves standard queues only: the attribute ${name} (FIFO queues) is not supported.`);
    } else if (name === 'RedrivePolicy') {
      throw new SqsError('UnsupportedOperation', 'fogbank does not serve dead-letter queues: the attribute RedrivePolicy is not supported.');
    } else if (KEPT_ATTRIBUTES.has(name)) kept[name] = String(raw);
    else throw unknownAttribute(name);
  }
  kept['SqsManagedSseEnabled'] ??= 'true';
  return { settings, kept };
}

export interface StoredMessage {
  readonly id: string;
  readonly body: string;
  readonly md5: string;
  readonly attributes: MessageAttributes | undefined;
  readonly sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceiveAt: number | undefined;
  /** The handle of the latest receive: only it deletes the message. */
  receipt: string | undefined;
  deleted: boolean;
}

export interface Received {
  readonly message: StoredMessage;
  readonly handle: string;
}

export class Queue {
  readonly #messages: StoredMessage[] = [];
  /** Every handle this queue issued, so a stale one is told apart from one that never existed. */
  readonly #handles = new Map<string, StoredMessage>();
  #serial = 0;
  lastPurgeAt = -Infinity;
  lastModifiedAt: number;

  constructor(
    readonly name: string,
    readonly url: string,
    readonly arn: string,
    readonly settings: QueueSettings,
    readonly kept: Record<string, string>,
    readonly createdAt: number,
  ) {
    this.lastModifiedAt = createdAt;
  }

  send(id: string, body: string, md5: string, attributes: MessageAttributes | undefined, delaySeconds: number, now: number): void {
    this.#messages.push({ id, body, md5, attributes, sentAt: now, visibleAt: now + delaySeconds * 1000, receiveCount: 0, firstReceiveAt: undefined, receipt: undefined, deleted: false });
  }

  /** Takes up to `max` visible messages, oldest first, and hides them for `visibilitySeconds`. */
  receive(max: number, visibilitySeconds: number, now: number): Received[] {
    this.#expire(now);
    const out: Received[] = [];
    for (const message of this.#messages) {
      if (out.length === max) break;
      if (message.visibleAt > now) continue;
      message.visibleAt = now + visibilitySeconds * 1000;
      message.receiveCount++;
      message.firstReceiveAt ??= now;
      const handle = Buffer.from(`${this.arn} ${message.id} ${++this.#serial}`).toString('base64');
      message.receipt = handle;
      this.#handles.set(handle, message);
      out.push({ message, handle });
    }
    return out;
  }

  /** When the next hidden or delayed message becomes visible, if any. */
  nextVisibleAt(now: number): number | undefined {
    let next: number | undefined;
    for (const message of this.#messages) if (message.visibleAt > now && (next === undefined || message.visibleAt < next)) next = message.visibleAt;
    return next;
  }

  /**
   * DeleteMessage. A handle of an earlier receive succeeds without deleting (AWS: "the request
   * succeeds, but the message will not be deleted"); so does one whose message is already gone.
   */
  delete(handle: string): void {
    const message = this.#handles.get(handle);
    if (message === undefined) throw receiptHandleIsInvalid(handle);
    if (message.deleted || message.receipt !== handle) return;
    message.deleted = true;
    this.#messages.splice(this.#messages.indexOf(message), 1);
  }

  /** ChangeMessageVisibility: only the latest handle of a message still in flight. */
  changeVisibility(handle: string, seconds: number, now: number): void {
    const message = this.#handles.get(handle);
    if (message === undefined) throw receiptHandleIsInvalid(handle);
    if (message.deleted || message.receipt !== handle || message.visibleAt <= now) {
      throw invalidValue('ReceiptHandle', handle, 'Message does not exist or is not available for visibility timeout change.');
    }
    message.visibleAt = now + seconds * 1000;
  }

  purge(now: number): void {
    for (const message of this.#messages) message.deleted = true;
    this.#messages.length = 0;
    this.lastPurgeAt = now;
  }

  /** Messages past the retention period are gone. */
  #expire(now: number): void {
    const limit = this.settings.MessageRetentionPeriod * 1000;
    for (let i = this.#messages.length - 1; i >= 0; i--) {
      const message = this.#messages[i]!;
      if (now - message.sentAt >= limit) {
        message.deleted = true;
        this.#messages.splice(i, 1);
      }
    }
  }

  /** GetQueueAttributes: the named attributes (or `All`), values as AWS writes them. */
  attributes(names: readonly string[], now: number): Record<string, string> {
    this.#expire(now);
    const seconds = (ms: number) => String(Math.floor(ms / 1000));
    const delayed = this.#messages.filter((m) => m.receiveCount === 0 && m.visibleAt > now).length;
    const inFlight = this.#messages.filter((m) => m.receiveCount > 0 && m.visibleAt > now).length;
    const all: Record<string, string> = {
      QueueArn: this.arn,
      ApproximateNumberOfMessages: String(this.#messages.length - delayed - inFlight),
      ApproximateNumberOfMessagesNotVisible: String(inFlight),
      ApproximateNumberOfMessagesDelayed: String(delayed),
      CreatedTimestamp: seconds(this.createdAt),
      LastModifiedTimestamp: seconds(this.lastModifiedAt),
      VisibilityTimeout: String(this.settings.VisibilityTimeout),
      MaximumMessageSize: String(this.settings.MaximumMessageSize),
      MessageRetentionPeriod: String(this.settings.MessageRetentionPeriod),
      DelaySeconds: String(this.settings.DelaySeconds),
      ReceiveMessageWaitTimeSeconds: String(this.settings.ReceiveMessageWaitTimeSeconds),
      ...this.kept,
    };
    const out: Record<string, string> = {};
    for (const name of names) {
      if (name === 'All') return all;
      if (!(name in all)) {
        if (!KEPT_ATTRIBUTES.has(name) && !FIFO_ATTRIBUTES.has(name) && name !== 'RedrivePolicy') throw unknownAttribute(name);
        continue;
      }
      out[name] = all[name]!;
    }
    return out;
  }
}
