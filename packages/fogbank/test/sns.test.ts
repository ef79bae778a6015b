/**
 * The cloud's minimal SNS: topics, SQS subscriptions, Publish with AWS's texts, and the Step
 * Functions integrations `sns:publish` (recorded shape: ../shared/conformance/sfn services/
 * test_sns_task_service) and `sns:publish.waitForTaskToken` with a consumer behind a queue.
 */
import { virtualClock } from '@fogbank/asl';
import { createCloud, type Cloud } from 'fogbank';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

const ACCOUNT = '123456789012';
let cloud: Cloud;
let TopicArn: string;
let QueueUrl: string;

beforeEach(async () => {
  let n = 0;
  cloud = await createCloud({ accountId: ACCOUNT, clock: virtualClock(Date.UTC(2025, 0, 1)), ids: () => `${(++n).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`, server: false });
  ({ TopicArn } = await cloud.sns.createTopic({ Name: 'events' }));
  ({ QueueUrl } = await cloud.sqs.createQueue({ QueueName: 'inbox' }));
  await cloud.sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: `arn:aws:sqs:us-east-1:${ACCOUNT}:inbox` });
});
afterEach(() => cloud.close());

async function body(): Promise<string> {
  const { Messages = [] } = await cloud.sqs.receiveMessage({ QueueUrl });
  return Messages[0]!.Body;
}

describe('topics and Publish', () => {
  test('a subscribed queue receives the notification envelope', async () => {
    const { MessageId } = await cloud.sns.publish({ TopicArn, Message: 'hello', Subject: 'greeting', MessageAttributes: { kind: { DataType: 'String', StringValue: 'hi' } } });
    const text = await body();
    expect(text.startsWith('{\n  "Type" : "Notification",\n  "MessageId" : ')).toBe(true);
    expect(JSON.parse(text)).toMatchObject({
      Type: 'Notification',
      MessageId,
      TopicArn,
      Subject: 'greeting',
      Message: 'hello',
      Timestamp: '2025-01-01T00:00:00.000Z',
      SignatureVersion: '1',
      MessageAttributes: { kind: { Type: 'String', Value: 'hi' } },
    });
  });

  test('RawMessageDelivery delivers the bare message with its attributes', async () => {
    const { QueueUrl: raw } = await cloud.sqs.createQueue({ QueueName: 'raw' });
    await cloud.sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: `arn:aws:sqs:us-east-1:${ACCOUNT}:raw`, Attributes: { RawMessageDelivery: 'true' } });
    await cloud.sns.publish({ TopicArn, Message: 'plain', MessageAttributes: { kind: { DataType: 'String', StringValue: 'hi' } } });
    const { Messages = [] } = await cloud.sqs.receiveMessage({ QueueUrl: raw, MessageAttributeNames: ['All'] });
    expect(Messages[0]).toMatchObject({ Body: 'plain', MessageAttributes: { kind: { DataType: 'String', StringValue: 'hi' } } });
  });

  test.for([
    { name: 'an unknown topic', input: { TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:nope`, Message: 'm' }, error: 'NotFoundException: Topic does not exist' },
    { name: 'an empty message', input: { Message: '' }, error: 'InvalidParameterException: Invalid parameter: Empty message' },
    { name: 'a message over 256 KiB', input: { Message: 'x'.repeat(262_145) }, error: 'InvalidParameterException: Invalid parameter: Message too long' },
  ])('Publish refuses $name', async ({ input, error }) => {
    const [name, message] = [error.slice(0, error.indexOf(':')), error.slice(error.indexOf(': ') + 2)];
    await expect(cloud.sns.publish({ TopicArn, ...input })).rejects.toThrow(expect.objectContaining({ name, message }));
  });

  test('FIFO topics need a MessageGroupId and a deduplication id, and answer a SequenceNumber', async () => {
    const { TopicArn: fifo } = await cloud.sns.createTopic({ Name: 'orders.fifo', Attributes: { FifoTopic: 'true' } });
    await expect(cloud.sns.publish({ TopicArn: fifo, Message: 'm' })).rejects.toThrow('Invalid parameter: The MessageGroupId parameter is required for FIFO topics');
    await expect(cloud.sns.publish({ TopicArn: fifo, Message: 'm', MessageGroupId: 'g' })).rejects.toThrow(
      'Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
    );
    const out = await cloud.sns.publish({ TopicArn: fifo, Message: 'm', MessageGroupId: 'g', MessageDeduplicationId: 'd' });
    expect(out.SequenceNumber).toMatch(/^\d{20}$/);
    await expect(cloud.sns.createTopic({ Name: 'orders', Attributes: { FifoTopic: 'true' } })).rejects.toThrow(/^Invalid parameter: Fifo Topic names must end with \.fifo/);
  });

  test('only sqs subscriptions are served, and the refusal says so', async () => {
    await expect(cloud.sns.subscribe({ TopicArn, Protocol: 'email', Endpoint: 'a@b.c' })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidParameterException: Invalid parameter: fogbank delivers to sqs subscriptions only; the protocol 'email' is not supported]`,
    );
  });
});

describe('Step Functions', () => {
  async function run(definition: object, input: unknown) {
    const { stateMachineArn } = await cloud.stepFunctions.createStateMachine({ name: 'flow', definition });
    const { executionArn } = await cloud.stepFunctions.startExecution({ stateMachineArn, input: JSON.stringify(input) });
    return cloud.stepFunctions.waitForExecution(executionArn);
  }

  test('sns:publish answers MessageId with the metadata of the XML response (Content-Length 294)', async () => {
    const done = await run({ StartAt: 'P', States: { P: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn, 'Message.$': '$' }, End: true } } }, { a: 1 });
    const output = JSON.parse(done.output!);
    expect(Object.keys(output)).toEqual(['MessageId', 'SdkHttpMetadata', 'SdkResponseMetadata']);
    expect(output.SdkHttpMetadata.HttpHeaders).toMatchObject({ 'Content-Length': '294', 'Content-Type': 'text/xml' });
    expect(JSON.parse(await body())).toMatchObject({ Message: '{"a":1}', MessageId: output.MessageId });
  });

  test('an unknown topic is SNS.NotFoundException with the Java SDK cause (status 404)', async () => {
    const done = await run({ StartAt: 'P', States: { P: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: `${TopicArn}-x`, Message: 'm' }, End: true } } }, {});
    expect(done.error).toBe('SNS.NotFoundException');
    expect(done.cause).toMatch(/^Topic does not exist \(Service: AmazonSNS; Status Code: 404; Error Code: NotFound; Request ID: [0-9a-f-]{36}; Proxy: null\)$/);
  });

  test('sns:publish.waitForTaskToken: a consumer of the subscribed queue answers the token', async () => {
    void (async () => {
      const { Messages = [] } = await cloud.sqs.receiveMessage({ QueueUrl, WaitTimeSeconds: 20 });
      const { token } = JSON.parse((JSON.parse(Messages[0]!.Body) as { Message: string }).Message) as { token: string };
      await cloud.stepFunctions.sendTaskSuccess({ taskToken: token, output: '{"seen":true}' });
    })();
    const done = await run(
      { StartAt: 'P', States: { P: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish.waitForTaskToken', Parameters: { TopicArn, Message: { 'token.$': '$$.Task.Token' } }, End: true } } },
      {},
    );
    expect(JSON.parse(done.output!)).toEqual({ seen: true });
  });

  test('aws-sdk:sns errors are Sns.<Exception> with the Java SDK v2 cause', async () => {
    const done = await run({ StartAt: 'P', States: { P: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sns:publish', Parameters: { TopicArn: `${TopicArn}-x`, Message: 'm' }, End: true } } }, {});
    expect(done.error).toBe('Sns.NotFoundException');
    expect(done.cause).toMatch(/^Topic does not exist \(Service: Sns, Status Code: 404, Request ID: /);
  });
});
