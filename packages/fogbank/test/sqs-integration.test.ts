/**
 * SQS from Step Functions: the optimised `sqs:sendMessage` (results and errors as the recorded
 * cases show: ../shared/conformance/sfn services/ and error_handling/ test_*_sqs), the SDK
 * integration `aws-sdk:sqs:<action>`, and the callback scenario: a workflow sends its task token
 * through a queue and a consumer answers it, on virtual time.
 */
import { virtualClock, type HistoryEvent } from '@fogbank/asl';
import { createCloud, type Cloud } from 'fogbank';
import { afterEach, describe, expect, test } from 'vitest';

const START = Date.UTC(2025, 0, 1);
const REQUEST_ID = '[0-9a-f]{8}-0000-4000-8000-000000000000';
let cloud: Cloud;
let QueueUrl: string;
let machines = 0;

async function start(): Promise<void> {
  let n = 0;
  cloud = await createCloud({ clock: virtualClock(START), ids: () => `${(++n).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`, server: false });
  ({ QueueUrl } = await cloud.sqs.createQueue({ QueueName: 'orders' }));
}
afterEach(() => cloud.close());

async function run(definition: object, input: unknown = {}) {
  const sfn = cloud.stepFunctions;
  const { stateMachineArn } = await sfn.createStateMachine({ name: `m${++machines}`, definition });
  const { executionArn } = await sfn.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  const done = await sfn.waitForExecution(executionArn);
  const { events } = await sfn.getExecutionHistory({ executionArn, maxResults: 1000 });
  return { done, events, types: events.map((e: HistoryEvent) => e.type) };
}

const task = (state: object) => ({ StartAt: 'T', States: { T: { Type: 'Task', End: true, ...state } } });

describe('arn:aws:states:::sqs:sendMessage', () => {
  test('sends the body (JSON for an object) and answers SendMessage with the JSON 1.0 metadata', async () => {
    await start();
    const { done } = await run(task({ Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl, MessageBody: { order: 7 } } }));
    const output = JSON.parse(done.output!);
    expect(Object.keys(output)).toEqual(['MD5OfMessageBody', 'MessageId', 'SdkHttpMetadata', 'SdkResponseMetadata']);
    expect(output.SdkHttpMetadata).toMatchObject({
      AllHttpHeaders: { 'Content-Length': ['106'], 'Content-Type': ['application/x-amz-json-1.0'], Date: ['Wed, 01 Jan 2025 00:00:00 GMT'] },
      HttpStatusCode: 200,
    });
    const { Messages = [] } = await cloud.sqs.receiveMessage({ QueueUrl });
    expect(Messages[0]).toMatchObject({ Body: '{"order":7}', MessageId: output.MessageId, MD5OfBody: output.MD5OfMessageBody });
  });

  test.for([
    {
      name: 'no MessageBody is SQS.AmazonSQSException (MissingParameter)',
      parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/orders', MessageBody: null },
      error: 'SQS.AmazonSQSException',
      cause: `The request must contain the parameter MessageBody\\. \\(Service: AmazonSQS; Status Code: 400; Error Code: MissingParameter; Request ID: ${REQUEST_ID}; Proxy: null\\)`,
    },
    {
      name: 'a queue that does not exist is SQS.QueueDoesNotExistException',
      parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/nope', MessageBody: 'm' },
      error: 'SQS.QueueDoesNotExistException',
      cause: `The specified queue does not exist\\. \\(Service: AmazonSQS; Status Code: 400; Error Code: AWS\\.SimpleQueueService\\.NonExistentQueue; Request ID: ${REQUEST_ID}; Proxy: null\\)`,
    },
    {
      name: 'a host that does not resolve is SQS.SdkClientException',
      parameters: { QueueUrl: 'http://no-such-host', MessageBody: 'm' },
      error: 'SQS.SdkClientException',
      cause: 'Unable to execute HTTP request: no-such-host: Name or service not known',
    },
  ])('$name', async ({ parameters, error, cause }) => {
    await start();
    const { done } = await run(task({ Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: parameters }));
    expect(done.error).toBe(error);
    expect(done.cause).toMatch(new RegExp(`^${cause}$`));
  });
});

describe('arn:aws:states:::aws-sdk:sqs:<action>', () => {
  test('answers the bare SDK result; no messages is an empty object', async () => {
    await start();
    await cloud.sqs.sendMessage({ QueueUrl, MessageBody: 'hello' });
    const got = await run(task({ Resource: 'arn:aws:states:::aws-sdk:sqs:receiveMessage', Parameters: { QueueUrl } }));
    expect(JSON.parse(got.done.output!)).toMatchObject({ Messages: [{ Body: 'hello', MD5OfBody: '5d41402abc4b2a76b9719d911017c592' }] });
    const none = await run(task({ Resource: 'arn:aws:states:::aws-sdk:sqs:receiveMessage', Parameters: { QueueUrl, WaitTimeSeconds: 20 } }));
    expect(JSON.parse(none.done.output!)).toEqual({});
    // The long poll ended on the virtual clock.
    expect(cloud.clock.now()).toBeGreaterThanOrEqual(START + 20_000);
  });

  test('errors are Sqs.<Exception>, unmodelled ones Sqs.SqsException, with the Java SDK v2 cause', async () => {
    await start();
    const missing = await run(task({ Resource: 'arn:aws:states:::aws-sdk:sqs:getQueueUrl', Parameters: { QueueName: 'nope' } }));
    expect(missing.done.error).toBe('Sqs.QueueDoesNotExistException');
    expect(missing.done.cause).toMatch(new RegExp(`^The specified queue does not exist\\. \\(Service: Sqs, Status Code: 400, Request ID: ${REQUEST_ID}\\)$`));
    const bad = await run(task({ Resource: 'arn:aws:states:::aws-sdk:sqs:receiveMessage', Parameters: { QueueUrl, MaxNumberOfMessages: 11 } }));
    expect(bad.done.error).toBe('Sqs.SqsException');
    expect(bad.done.cause).toMatch(/^Value 11 for parameter MaxNumberOfMessages is invalid\. Reason: Must be between 1 and 10, if provided\. \(Service: Sqs/);
  });
});

describe('a callback through a queue: sqs:sendMessage.waitForTaskToken', () => {
  const waitForReply = (state: object = {}) => ({
    StartAt: 'Ask',
    States: {
      Ask: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
        Parameters: { 'QueueUrl.$': '$.queue', MessageBody: { 'order.$': '$.order', 'token.$': '$$.Task.Token' } },
        End: true,
        ...state,
      },
    },
  });

  /** A consumer that long-polls the queue and answers each token with `answer`. */
  function consume(answer: (body: { order: number; token: string }) => Promise<unknown>): void {
    void (async () => {
      const { Messages = [] } = await cloud.sqs.receiveMessage({ QueueUrl, WaitTimeSeconds: 20 });
      for (const message of Messages) {
        await answer(JSON.parse(message.Body) as { order: number; token: string });
        await cloud.sqs.deleteMessage({ QueueUrl, ReceiptHandle: message.ReceiptHandle });
      }
    })();
  }

  test('the consumer answers the token: TaskSubmitted with the send result, then the answer as output', async () => {
    await start();
    consume(({ order, token }) => cloud.stepFunctions.sendTaskSuccess({ taskToken: token, output: JSON.stringify({ shipped: order }) }));
    const { done, types, events } = await run(waitForReply(), { queue: QueueUrl, order: 42 });
    expect(JSON.parse(done.output!)).toEqual({ shipped: 42 });
    expect(types).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    const submitted = JSON.parse(String(events[4]!['taskSubmittedEventDetails']!['output']));
    expect(submitted).toMatchObject({ MD5OfMessageBody: expect.stringMatching(/^[0-9a-f]{32}$/), SdkResponseMetadata: { RequestId: expect.any(String) } });
    expect(await cloud.sqs.getQueueAttributes({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] })).toEqual({ Attributes: { ApproximateNumberOfMessages: '0' } });
  });

  test('heartbeats keep the task alive past HeartbeatSeconds, in simulated time', async () => {
    await start();
    consume(async ({ token }) => {
      for (let i = 0; i < 3; i++) {
        await cloud.clock.timer(50_000).fired;
        await cloud.stepFunctions.sendTaskHeartbeat({ taskToken: token });
      }
      await cloud.stepFunctions.sendTaskSuccess({ taskToken: token, output: '"done"' });
    });
    const { done } = await run(waitForReply({ HeartbeatSeconds: 60, TimeoutSeconds: 600 }), { queue: QueueUrl, order: 1 });
    expect(done.status).toBe('SUCCEEDED');
    expect(done.stopDate!.getTime() - done.startDate.getTime()).toBe(150_000);
  });

  test('no answer: the task times out after TimeoutSeconds of simulated time', async () => {
    await start();
    const { done, types } = await run(waitForReply({ TimeoutSeconds: 300 }), { queue: QueueUrl, order: 1 });
    expect(done).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(types).toContain('TaskTimedOut');
    expect(done.stopDate!.getTime() - done.startDate.getTime()).toBe(300_000);
  });

  test('a consumer written as a state machine: aws-sdk:sqs:receiveMessage long-polls, aws-sdk:sfn:sendTaskSuccess answers', async () => {
    await start();
    const consumer = {
      StartAt: 'Receive',
      States: {
        Receive: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sqs:receiveMessage', Parameters: { QueueUrl, WaitTimeSeconds: 20 }, Next: 'Got' },
        Got: { Type: 'Choice', Choices: [{ Variable: '$.Messages', IsPresent: true, Next: 'Answer' }], Default: 'Receive' },
        Answer: {
          Type: 'Map',
          ItemsPath: '$.Messages',
          ItemProcessor: {
            StartAt: 'Parse',
            States: {
              Parse: { Type: 'Pass', Parameters: { 'body.$': 'States.StringToJson($.Body)' }, Next: 'Send' },
              Send: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sfn:sendTaskSuccess', Parameters: { 'TaskToken.$': '$.body.token', Output: '{"ok":true}' }, End: true },
            },
          },
          End: true,
        },
      },
    };
    const { stateMachineArn } = await cloud.stepFunctions.createStateMachine({ name: 'consumer', definition: consumer });
    await cloud.stepFunctions.startExecution({ stateMachineArn, input: '{}' });
    const { done } = await run(waitForReply(), { queue: QueueUrl, order: 3 });
    expect(JSON.parse(done.output!)).toEqual({ ok: true });
  });
});
