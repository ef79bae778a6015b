/**
 * The cloud's SQS on its own: queues, messages, visibility and long polling on a virtual clock
 * that moves only when the test moves it, and AWS's error names and texts.
 */
import { virtualClock, type VirtualClock } from '@fogbank/asl';
import { Sqs } from 'fogbank';
import { beforeEach, describe, expect, test } from 'vitest';

const START = Date.UTC(2025, 0, 1);
let clock: VirtualClock;
let sqs: Sqs;
let QueueUrl: string;

beforeEach(async () => {
  clock = virtualClock(START, { autoAdvance: false });
  let n = 0;
  sqs = new Sqs({ region: 'us-east-1', accountId: '123456789012', clock, ids: () => `${(++n).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000` });
  ({ QueueUrl } = await sqs.createQueue({ QueueName: 'jobs' }));
});

/** Lets pending promise chains run (no time passes). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('queues', () => {
  test('CreateQueue answers the AWS URL; the same attributes again answer the same queue', async () => {
    expect(QueueUrl).toBe('https://sqs.us-east-1.amazonaws.com/123456789012/jobs');
    expect(await sqs.createQueue({ QueueName: 'jobs' })).toEqual({ QueueUrl });
    expect(await sqs.getQueueUrl({ QueueName: 'jobs' })).toEqual({ QueueUrl });
  });

  test.for([
    { name: 'a different attribute value', input: { QueueName: 'jobs', Attributes: { VisibilityTimeout: '60' } }, error: 'QueueNameExists: A queue already exists with the same name and a different value for attribute VisibilityTimeout' },
    { name: 'a name with a space', input: { QueueName: 'bad name' }, error: 'InvalidParameterValue: Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length' },
    { name: 'an unknown attribute', input: { QueueName: 'q', Attributes: { Colour: 'red' } }, error: 'InvalidAttributeName: Unknown Attribute Colour.' },
    { name: 'a value out of range', input: { QueueName: 'q', Attributes: { DelaySeconds: '901' } }, error: 'InvalidAttributeValue: Invalid value for the parameter DelaySeconds.' },
    { name: 'a FIFO queue', input: { QueueName: 'q.fifo' }, error: "UnsupportedOperation: fogbank serves standard queues only: 'q.fifo' names a FIFO queue, which is not supported." },
    { name: 'a dead-letter queue', input: { QueueName: 'q', Attributes: { RedrivePolicy: '{}' } }, error: 'UnsupportedOperation: fogbank does not serve dead-letter queues: the attribute RedrivePolicy is not supported.' },
  ])('CreateQueue refuses $name', async ({ input, error }) => {
    await expect(sqs.createQueue(input)).rejects.toThrow(expect.objectContaining({ message: error.slice(error.indexOf(': ') + 2), name: error.slice(0, error.indexOf(':')) }));
  });

  test('GetQueueAttributes All: settings with their defaults, counts, ARN and timestamps as strings', async () => {
    await sqs.sendMessage({ QueueUrl, MessageBody: 'a' });
    await sqs.sendMessage({ QueueUrl, MessageBody: 'b', DelaySeconds: 5 });
    await sqs.receiveMessage({ QueueUrl });
    expect((await sqs.getQueueAttributes({ QueueUrl, AttributeNames: ['All'] })).Attributes).toEqual({
      QueueArn: 'arn:aws:sqs:us-east-1:123456789012:jobs',
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '1',
      ApproximateNumberOfMessagesDelayed: '1',
      CreatedTimestamp: String(START / 1000),
      LastModifiedTimestamp: String(START / 1000),
      VisibilityTimeout: '30',
      MaximumMessageSize: '262144',
      MessageRetentionPeriod: '345600',
      DelaySeconds: '0',
      ReceiveMessageWaitTimeSeconds: '0',
      SqsManagedSseEnabled: 'true',
    });
    expect(await sqs.getQueueAttributes({ QueueUrl })).toEqual({});
  });

  test('ListQueues filters by prefix and pages with MaxResults', async () => {
    await sqs.createQueue({ QueueName: 'jobs-2' });
    await sqs.createQueue({ QueueName: 'mail' });
    expect(await sqs.listQueues({ QueueNamePrefix: 'jobs' })).toEqual({ QueueUrls: [QueueUrl, `${QueueUrl}-2`] });
    const first = await sqs.listQueues({ MaxResults: 2 });
    expect(first.QueueUrls).toHaveLength(2);
    expect(await sqs.listQueues({ MaxResults: 2, NextToken: first.NextToken! })).toEqual({ QueueUrls: ['https://sqs.us-east-1.amazonaws.com/123456789012/mail'] });
    expect(await sqs.listQueues({ QueueNamePrefix: 'none' })).toEqual({});
  });

  test('a deleted queue does not exist; its name is free again after 60 seconds', async () => {
    await sqs.deleteQueue({ QueueUrl });
    await expect(sqs.sendMessage({ QueueUrl, MessageBody: 'x' })).rejects.toThrowErrorMatchingInlineSnapshot(`[QueueDoesNotExist: The specified queue does not exist.]`);
    await expect(sqs.createQueue({ QueueName: 'jobs' })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[QueueDeletedRecently: You must wait 60 seconds after deleting a queue before you can create another with the same name.]`,
    );
    clock.advance(60_000);
    expect(await sqs.createQueue({ QueueName: 'jobs' })).toEqual({ QueueUrl });
  });

  test('a URL of another account or region names no queue', async () => {
    for (const url of ['https://sqs.us-east-1.amazonaws.com/999999999999/jobs', 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs']) {
      await expect(sqs.getQueueAttributes({ QueueUrl: url })).rejects.toThrow('The specified queue does not exist.');
    }
  });
});

describe('sending', () => {
  test('MD5OfMessageBody is the MD5 of the body; MessageId comes from the id source', async () => {
    expect(await sqs.sendMessage({ QueueUrl, MessageBody: 'hello' })).toEqual({
      MD5OfMessageBody: '5d41402abc4b2a76b9719d911017c592',
      MessageId: '00000001-0000-4000-8000-000000000000',
    });
  });

  // The digest AWS documents, checked against the value its algorithm gives for this attribute.
  test('MD5OfMessageAttributes follows the SQS encoding, and receive returns the attributes asked for', async () => {
    const sent = await sqs.sendMessage({ QueueUrl, MessageBody: 'b', MessageAttributes: { attribName1: { DataType: 'String', StringValue: 'attribValue 1' } } });
    expect(sent.MD5OfMessageAttributes).toBe('19e27d4e946b072f3f58da80d94fd778');
    const { Messages = [] } = await sqs.receiveMessage({ QueueUrl, MessageAttributeNames: ['All'] });
    expect(Messages[0]).toMatchObject({ MD5OfMessageAttributes: '19e27d4e946b072f3f58da80d94fd778', MessageAttributes: { attribName1: { StringValue: 'attribValue 1' } } });
  });

  test.for([
    { name: 'no body', body: '', error: 'MissingParameter: The request must contain the parameter MessageBody.' },
    { name: 'a body over the size limit', body: 'x'.repeat(262_145), error: 'InvalidParameterValue: One or more parameters are invalid. Reason: Message must be shorter than 262144 bytes.' },
    {
      name: 'a character XML does not allow',
      body: 'a\u0001b',
      error: 'InvalidMessageContents: Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
    },
  ])('SendMessage refuses $name', async ({ body, error }) => {
    const [name, message] = [error.slice(0, error.indexOf(':')), error.slice(error.indexOf(': ') + 2)];
    await expect(sqs.sendMessage({ QueueUrl, MessageBody: body })).rejects.toThrow(expect.objectContaining({ name, message }));
  });

  test('SendMessageBatch: entries succeed or fail one by one; a malformed batch fails whole', async () => {
    const out = await sqs.sendMessageBatch({ QueueUrl, Entries: [{ Id: 'a', MessageBody: 'one' }, { Id: 'b', MessageBody: '' }] });
    expect(out.Successful).toEqual([{ Id: 'a', MD5OfMessageBody: 'f97c5d29941bfb1b2fdab0874906ab82', MessageId: '00000001-0000-4000-8000-000000000000' }]);
    expect(out.Failed).toEqual([{ Id: 'b', SenderFault: true, Code: 'MissingParameter', Message: 'The request must contain the parameter MessageBody.' }]);
    await expect(sqs.sendMessageBatch({ QueueUrl, Entries: [] })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[EmptyBatchRequest: There should be at least one SendMessageBatchRequestEntry in the request.]`,
    );
    const eleven = Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, MessageBody: 'x' }));
    await expect(sqs.sendMessageBatch({ QueueUrl, Entries: eleven })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[TooManyEntriesInBatchRequest: Maximum number of entries per request are 10. You have sent 11.]`,
    );
    await expect(sqs.sendMessageBatch({ QueueUrl, Entries: [{ Id: 'a', MessageBody: 'x' }, { Id: 'a', MessageBody: 'y' }] })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[BatchEntryIdsNotDistinct: Id a repeated.]`,
    );
  });
});

describe('receiving', () => {
  test('a received message is hidden for the visibility timeout, then delivered again with a new handle', async () => {
    await sqs.sendMessage({ QueueUrl, MessageBody: 'job' });
    const first = (await sqs.receiveMessage({ QueueUrl, AttributeNames: ['All'] })).Messages![0]!;
    expect(first.Attributes).toEqual({ SenderId: '123456789012', SentTimestamp: String(START), ApproximateReceiveCount: '1', ApproximateFirstReceiveTimestamp: String(START) });
    expect(await sqs.receiveMessage({ QueueUrl })).toEqual({});
    clock.advance(29_999);
    expect(await sqs.receiveMessage({ QueueUrl })).toEqual({});
    clock.advance(1);
    const again = (await sqs.receiveMessage({ QueueUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] })).Messages![0]!;
    expect(again).toMatchObject({ MessageId: first.MessageId, Attributes: { ApproximateReceiveCount: '2' } });
    expect(again.ReceiptHandle).not.toBe(first.ReceiptHandle);
  });

  test('DeleteMessage with a stale receipt handle succeeds but keeps the message (AWS: only the latest handle deletes)', async () => {
    await sqs.sendMessage({ QueueUrl, MessageBody: 'job' });
    const stale = (await sqs.receiveMessage({ QueueUrl, VisibilityTimeout: 0 })).Messages![0]!.ReceiptHandle;
    const latest = (await sqs.receiveMessage({ QueueUrl, VisibilityTimeout: 0 })).Messages![0]!.ReceiptHandle;
    expect(await sqs.deleteMessage({ QueueUrl, ReceiptHandle: stale })).toEqual({});
    expect((await sqs.receiveMessage({ QueueUrl, VisibilityTimeout: 0 })).Messages).toHaveLength(1);
    const current = (await sqs.receiveMessage({ QueueUrl })).Messages![0]!.ReceiptHandle;
    await sqs.deleteMessage({ QueueUrl, ReceiptHandle: current });
    clock.advance(60_000);
    expect(await sqs.receiveMessage({ QueueUrl })).toEqual({});
    // Deleting again, with any handle it was given, is still a success.
    expect(await sqs.deleteMessage({ QueueUrl, ReceiptHandle: latest })).toEqual({});
    await expect(sqs.deleteMessage({ QueueUrl, ReceiptHandle: 'garbage' })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[ReceiptHandleIsInvalid: The input receipt handle "garbage" is not a valid receipt handle.]`,
    );
  });

  test('ChangeMessageVisibility: 0 makes an in-flight message visible; a handle no longer in flight is refused', async () => {
    await sqs.sendMessage({ QueueUrl, MessageBody: 'job' });
    const handle = (await sqs.receiveMessage({ QueueUrl })).Messages![0]!.ReceiptHandle;
    await sqs.changeMessageVisibility({ QueueUrl, ReceiptHandle: handle, VisibilityTimeout: 0 });
    expect((await sqs.receiveMessage({ QueueUrl })).Messages).toHaveLength(1);
    await expect(sqs.changeMessageVisibility({ QueueUrl, ReceiptHandle: handle, VisibilityTimeout: 10 })).rejects.toThrow(
      `Value ${handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
    );
  });

  test('MaxNumberOfMessages takes up to 10, oldest first; other values are refused', async () => {
    for (let i = 0; i < 12; i++) await sqs.sendMessage({ QueueUrl, MessageBody: `m${i}` });
    const { Messages = [] } = await sqs.receiveMessage({ QueueUrl, MaxNumberOfMessages: 10 });
    expect(Messages.map((m) => m.Body)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9']);
    await expect(sqs.receiveMessage({ QueueUrl, MaxNumberOfMessages: 11 })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidParameterValue: Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.]`,
    );
    await expect(sqs.receiveMessage({ QueueUrl, WaitTimeSeconds: 21 })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidParameterValue: Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.]`,
    );
  });

  test('a long poll returns as soon as a message arrives, with no time passing', async () => {
    let answered: unknown;
    const poll = sqs.receiveMessage({ QueueUrl, WaitTimeSeconds: 20 }).then((out) => (answered = out));
    await settle();
    expect(answered).toBeUndefined();
    await sqs.sendMessage({ QueueUrl, MessageBody: 'arrived' });
    await poll;
    expect(answered).toMatchObject({ Messages: [{ Body: 'arrived' }] });
    expect(clock.now()).toBe(START);
  });

  test('a long poll ends empty after WaitTimeSeconds; a delayed message wakes it when its delay ends', async () => {
    const empty = sqs.receiveMessage({ QueueUrl, WaitTimeSeconds: 20 });
    await settle();
    clock.advance(20_000);
    expect(await empty).toEqual({});
    await sqs.sendMessage({ QueueUrl, MessageBody: 'later', DelaySeconds: 5 });
    const delayed = sqs.receiveMessage({ QueueUrl, WaitTimeSeconds: 20 });
    await settle();
    clock.advance(5_000);
    expect(await delayed).toMatchObject({ Messages: [{ Body: 'later' }] });
  });

  test('the queue ReceiveMessageWaitTimeSeconds makes every receive a long poll', async () => {
    const { QueueUrl: url } = await sqs.createQueue({ QueueName: 'slow', Attributes: { ReceiveMessageWaitTimeSeconds: '10' } });
    let done = false;
    const poll = sqs.receiveMessage({ QueueUrl: url }).then(() => (done = true));
    await settle();
    expect(done).toBe(false);
    clock.advance(10_000);
    await poll;
    expect(done).toBe(true);
  });

  test('messages older than MessageRetentionPeriod are gone', async () => {
    const { QueueUrl: url } = await sqs.createQueue({ QueueName: 'short', Attributes: { MessageRetentionPeriod: '60' } });
    await sqs.sendMessage({ QueueUrl: url, MessageBody: 'old' });
    clock.advance(60_000);
    expect(await sqs.receiveMessage({ QueueUrl: url })).toEqual({});
  });

  test('PurgeQueue empties the queue, at most once every 60 seconds', async () => {
    await sqs.sendMessage({ QueueUrl, MessageBody: 'a' });
    await sqs.purgeQueue({ QueueUrl });
    expect(await sqs.receiveMessage({ QueueUrl })).toEqual({});
    await expect(sqs.purgeQueue({ QueueUrl })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[PurgeQueueInProgress: Only one PurgeQueue operation on jobs is allowed every 60 seconds.]`,
    );
    clock.advance(60_000);
    expect(await sqs.purgeQueue({ QueueUrl })).toEqual({});
  });

  test('closing ends a pending long poll with no messages', async () => {
    const poll = sqs.receiveMessage({ QueueUrl, WaitTimeSeconds: 20 });
    await settle();
    sqs.close();
    expect(await poll).toEqual({});
  });
});
