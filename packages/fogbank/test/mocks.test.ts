/**
 * Step Functions Local's mock configuration: the example file of AWS's documentation
 * (https://docs.aws.amazon.com/step-functions/latest/dg/sfn-local-mock-cfg-file.html) used as is,
 * and the typed builder producing the same structure.
 */
import { fileURLToPath } from 'node:url';
import { virtualClock } from '@fogbank/asl';
import { createCloud, mockConfig, StepFunctions, type Cloud } from 'fogbank';
import { afterEach, describe, expect, test } from 'vitest';

const MOCK_FILE = fileURLToPath(new URL('./fixtures/MockConfigFile.json', import.meta.url));

// The state machine the documentation's mock file is written for: a Lambda call with retries,
// then an SQS message.
const lambdaSqs = {
  StartAt: 'LambdaState',
  States: {
    LambdaState: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { 'Payload.$': '$', FunctionName: 'HelloWorldFunction' },
      Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
      Next: 'SQSState',
    },
    SQSState: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage',
      Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/myQueue', 'MessageBody.$': '$' },
      End: true,
    },
  },
};

let cloud: Cloud | undefined;
afterEach(async () => {
  await cloud?.close();
  cloud = undefined;
});

async function run(testCase: string, config: Parameters<typeof createCloud>[0] = { mockConfig: MOCK_FILE }, prepare?: (cloud: Cloud) => Promise<unknown>) {
  cloud = await createCloud({ clock: virtualClock(Date.UTC(2025, 0, 1)), server: false, ...config });
  await prepare?.(cloud);
  const { stateMachineArn } = await cloud.stepFunctions.createStateMachine({ name: 'LambdaSQSIntegration', definition: lambdaSqs });
  const { executionArn } = await cloud.stepFunctions.startExecution({ stateMachineArn: `${stateMachineArn}#${testCase}`, input: '{}' });
  const done = await cloud.stepFunctions.waitForExecution(executionArn);
  const { events } = await cloud.stepFunctions.getExecutionHistory({ executionArn, maxResults: 1000 });
  return { done, events };
}

describe('the mock file of the documentation, unchanged', () => {
  test('HappyPath: both states answer from their mocked responses', async () => {
    const { done, events } = await run('HappyPath');
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ MD5OfMessageBody: '3bcb6e8e-7h85-4375-b0bc-1a59812c6e51', MessageId: '3bcb6e8e-8b51-4375-b0bc-1a59812c6e51' });
    expect(events.filter((e) => e.type === 'TaskSucceeded')).toHaveLength(2);
  });

  test('RetryPath: invocation 0 and the range 1-2 throw, invocation 3 returns; the Retry sees each error', async () => {
    const { done, events } = await run('RetryPath');
    expect(done.status).toBe('SUCCEEDED');
    const failed = events.filter((e) => e.type === 'TaskFailed').map((e) => e['taskFailedEventDetails']!['error']);
    expect(failed).toEqual(['Lambda.ResourceNotReadyException', 'Lambda.TimeoutException', 'Lambda.TimeoutException']);
  });

  test('HybridPath: the unmocked SQS state calls the real integration: the mocked Lambda result lands in the queue', async () => {
    const { done } = await run('HybridPath', { mockConfig: MOCK_FILE }, (c) => c.sqs.createQueue({ QueueName: 'myQueue' }));
    expect(done.status).toBe('SUCCEEDED');
    const QueueUrl = 'https://sqs.us-east-1.amazonaws.com/123456789012/myQueue';
    const { Messages = [] } = await cloud!.sqs.receiveMessage({ QueueUrl });
    expect(JSON.parse(Messages[0]!.Body)).toMatchObject({ StatusCode: 200, Payload: { StatusCode: 200, body: 'Hello from Lambda!' } });
    expect(JSON.parse(done.output!)).toMatchObject({ MD5OfMessageBody: Messages[0]!.MD5OfBody, MessageId: Messages[0]!.MessageId });
  });

  test('HybridPath without the queue: SQS answers QueueDoesNotExist, as AWS would', async () => {
    const { done } = await run('HybridPath');
    expect(done).toMatchObject({ status: 'FAILED', error: 'SQS.QueueDoesNotExistException' });
    expect(done.cause).toMatch(
      /^The specified queue does not exist\. \(Service: AmazonSQS; Status Code: 400; Error Code: AWS\.SimpleQueueService\.NonExistentQueue; Request ID: [0-9a-f-]{36}; Proxy: null\)$/,
    );
  });

  test('an unknown test case is refused at StartExecution', async () => {
    await expect(run('NoSuchCase')).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidArn: Invalid Arn: 'The mock configuration has no test case NoSuchCase for the state machine LambdaSQSIntegration']`,
    );
  });
});

describe('the typed builder', () => {
  test('produces the file structure: sequential invocation keys and ranges', () => {
    const built = mockConfig()
      .response('Flaky', (r) => r.throw('Lambda.ServiceException', 'boom').throw('Lambda.TooManyRequestsException', 'slow down', { times: 2 }).return({ StatusCode: 200 }))
      .testCase('Orders', 'Retry', { Charge: 'Flaky' })
      .build();
    expect(built).toEqual({
      StateMachines: { Orders: { TestCases: { Retry: { Charge: 'Flaky' } } } },
      MockedResponses: {
        Flaky: {
          '0': { Throw: { Error: 'Lambda.ServiceException', Cause: 'boom' } },
          '1-2': { Throw: { Error: 'Lambda.TooManyRequestsException', Cause: 'slow down' } },
          '3': { Return: { StatusCode: 200 } },
        },
      },
    });
  });

  test('mocked and real integrations mix in one execution', async () => {
    const mocks = mockConfig()
      .response('Sent', (r) => r.return({ MessageId: 'm-1' }))
      .testCase('LambdaSQSIntegration', 'RealLambda', { SQSState: 'Sent' })
      .build();
    const { done, events } = await run('RealLambda', {
      mockConfig: mocks,
      integrations: { 'arn:aws:states:::lambda:invoke': (input) => ({ StatusCode: 200, Payload: input }) },
    });
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ MessageId: 'm-1' });
    expect(events.filter((e) => e.type === 'TaskSucceeded')).toHaveLength(2);
  });

  test('a malformed configuration says what is wrong and where', () => {
    expect(() => new StepFunctions({ mockConfig: { StateMachines: { M: { TestCases: { C: { S: 'Missing' } } } }, MockedResponses: {} } })).toThrowErrorMatchingInlineSnapshot(
      `[MockConfigError: StateMachines.M.TestCases.C.S: response 'Missing' is not in MockedResponses.]`,
    );
    expect(() =>
      new StepFunctions({ mockConfig: { StateMachines: {}, MockedResponses: { R: { '0': { Return: 1, Throw: { Error: 'E', Cause: 'C' } } } } } }),
    ).toThrowErrorMatchingInlineSnapshot(`[MockConfigError: MockedResponses.R.0: must hold exactly one of Return and Throw.]`);
  });
});
