/**
 * SNS over HTTP: `@aws-sdk/client-sns` (query protocol) against the cloud's endpoint, from a test
 * and from a function using the SDK unbundled; notifications land in `cloud.sqs` queues.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CreateTopicCommand, ListSubscriptionsByTopicCommand, ListTopicsCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { createCloud, type Cloud } from 'fogbank';

const FUNCTIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'functions');

let cloud: Cloud;
let client: SNSClient;

beforeAll(async () => {
  cloud = await createCloud({ lambda: { mode: 'inline' } });
  client = new SNSClient({ endpoint: cloud.endpoint!, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
});

afterAll(async () => {
  client.destroy();
  await cloud.close();
});

async function queueArnOf(name: string): Promise<{ QueueUrl: string; QueueArn: string }> {
  const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: name });
  const { Attributes } = await cloud.sqs.getQueueAttributes({ QueueUrl, AttributeNames: ['QueueArn'] });
  return { QueueUrl, QueueArn: Attributes!['QueueArn']! };
}

describe('SNS over the cloud endpoint', () => {
  test('create a topic, subscribe a queue, publish with attributes: the queue gets the notification', async () => {
    const { TopicArn } = await client.send(new CreateTopicCommand({ Name: 'orders' }));
    expect(TopicArn).toBe('arn:aws:sns:us-east-1:123456789012:orders');
    const { QueueUrl, QueueArn } = await queueArnOf('order-events');
    const { SubscriptionArn } = await client.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: QueueArn, ReturnSubscriptionArn: true }));
    expect(SubscriptionArn).toMatch(/^arn:aws:sns:us-east-1:123456789012:orders:/);
    const { Subscriptions } = await client.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    expect(Subscriptions?.map((s) => [s.Protocol, s.Endpoint, s.SubscriptionArn])).toEqual([['sqs', QueueArn, SubscriptionArn]]);
    expect((await client.send(new ListTopicsCommand({}))).Topics?.map((t) => t.TopicArn)).toContain(TopicArn);

    const { MessageId } = await client.send(
      new PublishCommand({ TopicArn, Message: 'placed <o-1> & paid', Subject: 'order', MessageAttributes: { kind: { DataType: 'String', StringValue: 'placed' } } }),
    );
    const { Messages } = await cloud.sqs.receiveMessage({ QueueUrl });
    const envelope = JSON.parse(Messages![0]!.Body!) as Record<string, unknown>;
    expect(envelope).toMatchObject({
      Type: 'Notification',
      MessageId,
      TopicArn,
      Subject: 'order',
      Message: 'placed <o-1> & paid',
      MessageAttributes: { kind: { Type: 'String', Value: 'placed' } },
    });
  });

  test("an unknown topic is AWS's NotFoundException: 'Topic does not exist', status 404", async () => {
    const error = await client.send(new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:nope', Message: 'x' })).then(
      () => undefined,
      (thrown: unknown) => thrown as Error & { $metadata: { httpStatusCode: number } },
    );
    expect([error?.name, error?.message, error?.$metadata.httpStatusCode]).toEqual(['NotFoundException', 'Topic does not exist', 404]);
  });

  test('a function publishes with new SNSClient({}) and no other configuration', async () => {
    const { TopicArn } = await cloud.sns.createTopic({ Name: 'alerts' });
    const { QueueUrl, QueueArn } = await queueArnOf('alert-copies');
    await cloud.sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: QueueArn, Attributes: { RawMessageDelivery: 'true' } });
    await cloud.lambda.createFunction({ FunctionName: 'sns-publisher', Handler: 'index.handler', Runtime: 'nodejs20.x', Code: { Directory: path.join(FUNCTIONS, 'sns-publisher') } });
    const res = await cloud.lambda.invoke({ FunctionName: 'sns-publisher', Payload: JSON.stringify({ topicArn: TopicArn, message: 'disk full', subject: 'alert' }) });
    expect(res.FunctionError).toBeUndefined();
    const { Messages } = await cloud.sqs.receiveMessage({ QueueUrl });
    expect(Messages?.map((m) => m.Body)).toEqual(['disk full']);
  });
});
