/**
 * SQS over HTTP: `@aws-sdk/client-sqs` (JSON 1.0 protocol) against the cloud's endpoint, from a test
 * and from a function that uses the SDK unbundled, as Lambda's Node.js runtimes allow.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DeleteMessageCommand, GetQueueUrlCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient, CreateQueueCommand } from '@aws-sdk/client-sqs';
import { createCloud, type Cloud } from 'fogbank';

const FUNCTIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'functions');

let cloud: Cloud;
let client: SQSClient;

beforeAll(async () => {
  cloud = await createCloud({ lambda: { mode: 'inline' } });
  client = new SQSClient({ endpoint: cloud.endpoint!, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
});

afterAll(async () => {
  client.destroy();
  await cloud.close();
});

describe('SQS over the cloud endpoint', () => {
  test('create, send, receive and delete through the SDK; queue URLs live at the endpoint', async () => {
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'orders' }));
    expect(QueueUrl).toBe(`${cloud.endpoint}/123456789012/orders`);
    // The SDK checks MD5OfMessageBody against the body it sent.
    const sent = await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'hello' }));
    expect(sent.MD5OfMessageBody).toBe('5d41402abc4b2a76b9719d911017c592');
    const { Messages } = await client.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    expect(Messages?.map((m) => [m.MessageId, m.Body])).toEqual([[sent.MessageId, 'hello']]);
    await client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: Messages![0]!.ReceiptHandle }));
    expect((await cloud.sqs.getQueueAttributes({ QueueUrl: QueueUrl!, AttributeNames: ['ApproximateNumberOfMessages'] })).Attributes).toEqual({
      ApproximateNumberOfMessages: '0',
    });
  });

  test("a missing queue is AWS's QueueDoesNotExist, with its text and the query-protocol code", async () => {
    const error = await client.send(new GetQueueUrlCommand({ QueueName: 'nope' })).then(
      () => undefined,
      (thrown: unknown) => thrown as Error & { $metadata: { httpStatusCode: number }; Code?: string },
    );
    expect(error?.name).toBe('QueueDoesNotExist');
    expect(error?.message).toBe('The specified queue does not exist.');
    expect(error?.$metadata.httpStatusCode).toBe(400);
  });

  test('a function reaches cloud.sqs with new SQSClient({}) and no other configuration', async () => {
    const { QueueUrl } = await cloud.sqs.createQueue({ QueueName: 'notifications' });
    await cloud.lambda.createFunction({ FunctionName: 'sqs-sender', Handler: 'index.handler', Runtime: 'nodejs20.x', Code: { Directory: path.join(FUNCTIONS, 'sqs-sender') } });
    const res = await cloud.lambda.invoke({ FunctionName: 'sqs-sender', Payload: JSON.stringify({ queueUrl: QueueUrl, order: { id: 'o-1' } }) });
    expect(res.FunctionError).toBeUndefined();
    const { messageId } = JSON.parse(Buffer.from(res.Payload!).toString()) as { messageId: string };
    const { Messages } = await cloud.sqs.receiveMessage({ QueueUrl });
    expect(Messages?.map((m) => [m.MessageId, m.Body])).toEqual([[messageId, '{"id":"o-1"}']]);
  });

  test('a body that is not JSON, or an action fogbank does not serve, gets a 400 in the protocol, never a crash', async () => {
    const post = (target: string, body: string) =>
      fetch(cloud.endpoint!, { method: 'POST', headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.0' }, body });
    const garbled = await post('AmazonSQS.SendMessage', '{"QueueUrl":');
    expect([garbled.status, await garbled.json()]).toEqual([400, { __type: 'com.amazon.coral.service#SerializationException', message: 'The request body is not JSON.' }]);
    const unknown = await post('AmazonSQS.StartMessageMoveTask', '{}');
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('x-amzn-query-error')).toBe('AWS.SimpleQueueService.UnsupportedOperation;Sender');
    expect(await unknown.json()).toEqual({ __type: 'com.amazonaws.sqs#UnsupportedOperation', message: 'fogbank does not serve AmazonSQS.StartMessageMoveTask' });
  });
});
