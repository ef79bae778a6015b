// Concurrency (https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html; the
// 429 body as recorded on AWS in LocalStack's test_lambda_concurrency_block), asynchronous
// invocation with its retries (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html),
// DryRun and the payload limits (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
import { afterEach, describe, expect, test } from 'vitest';
import { type AsyncInvocationRecord, LambdaService, TooManyRequestsException } from '@fogbank/lambda';
import { AutoClock, ManualClock, fixture, json, nextEvent, recordEvents, text } from './helpers.js';

let lambda: LambdaService;
afterEach(() => lambda?.close());

const create = (name: string, handler: string) =>
  lambda.createFunction({ FunctionName: name, Handler: handler, Runtime: 'nodejs20.x', Code: { Directory: fixture('basic') } });

async function settle<T>(promise: Promise<T>): Promise<T | Error> {
  return promise.catch((error: Error) => error);
}

describe('concurrency', () => {
  test('ReservedConcurrentExecutions 2 with 5 simultaneous invokes: 2 succeed, 3 are throttled', async () => {
    lambda = new LambdaService();
    await create('orders', 'index.sleep');
    await lambda.putFunctionConcurrency({ FunctionName: 'orders', ReservedConcurrentExecutions: 2 });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => settle(lambda.invoke({ FunctionName: 'orders', Payload: '{"ms":50}' }))),
    );
    const ok = results.filter((r) => !(r instanceof Error));
    const throttled = results.filter((r): r is TooManyRequestsException => r instanceof TooManyRequestsException);
    expect(ok).toHaveLength(2);
    expect(throttled).toHaveLength(3);
    const error = throttled[0]!;
    expect(error.name).toBe('TooManyRequestsException');
    expect(error.message).toBe('Rate Exceeded.');
    expect(error.statusCode).toBe(429);
    expect(JSON.stringify(error)).toBe(
      '{"Reason":"ReservedFunctionConcurrentInvocationLimitExceeded","Type":"User","message":"Rate Exceeded."}',
    );
    // Two environments were created, no more.
    expect(lambda.logs.describeLogStreams({ logGroupName: '/aws/lambda/orders' }).logStreams).toHaveLength(2);
  });

  test('one environment per concurrent invocation, reused once free', async () => {
    lambda = new LambdaService();
    const events = recordEvents(lambda);
    await create('fan', 'index.sleep');
    await Promise.all(Array.from({ length: 3 }, () => lambda.invoke({ FunctionName: 'fan', Payload: '{"ms":20}' })));
    await lambda.invoke({ FunctionName: 'fan', Payload: '{"ms":1}' });
    expect(events.filter((e) => e.type === 'EnvironmentCreated')).toHaveLength(3);
    expect(events.filter((e) => e.type === 'InvocationCompleted').map((e) => e.type === 'InvocationCompleted' && e.cold)).toEqual([
      true, true, true, false,
    ]);
  });

  test('beyond the account limit: ConcurrentInvocationLimitExceeded', async () => {
    // A small account keeps the test light; the 100-unreserved rule is pinned in control-plane.test.ts.
    lambda = new LambdaService({ accountConcurrency: 3 });
    await create('shared', 'index.sleep');
    await create('other', 'index.echo');
    const running = Array.from({ length: 3 }, () => settle(lambda.invoke({ FunctionName: 'shared', Payload: '{"ms":50}' })));
    const extra = await settle(lambda.invoke({ FunctionName: 'other', Payload: '{}' }));
    expect(extra).toBeInstanceOf(TooManyRequestsException);
    expect(JSON.stringify(extra)).toBe('{"Reason":"ConcurrentInvocationLimitExceeded","Type":"User","message":"Rate Exceeded."}');
    expect((await Promise.all(running)).filter((r) => r instanceof Error)).toHaveLength(0);
    expect(json(await lambda.invoke({ FunctionName: 'other', Payload: '{"after":1}' }))).toEqual({ after: 1 });
  });

  test('reserved concurrency 0 throttles everything', async () => {
    lambda = new LambdaService();
    await create('off', 'index.echo');
    await lambda.putFunctionConcurrency({ FunctionName: 'off', ReservedConcurrentExecutions: 0 });
    const error = await settle(lambda.invoke({ FunctionName: 'off' }));
    expect(error).toBeInstanceOf(TooManyRequestsException);
  });
});

describe('invocation types and payload limits', () => {
  test('DryRun checks and answers 204 without running', async () => {
    lambda = new LambdaService();
    const events = recordEvents(lambda);
    await create('dry', 'index.echo');
    const res = await lambda.invoke({ FunctionName: 'dry', InvocationType: 'DryRun' });
    expect(res).toMatchObject({ StatusCode: 204, $metadata: { httpStatusCode: 204 } });
    expect(text(res)).toBe('');
    expect(events).toEqual([]);
  });

  test('request limits: 6 MB sync, 256 KB Event, JSON only', async () => {
    lambda = new LambdaService();
    await create('limits', 'index.echo');
    const big = JSON.stringify('x'.repeat(6_291_456));
    await expect(lambda.invoke({ FunctionName: 'limits', Payload: big })).rejects.toMatchObject({
      name: 'RequestEntityTooLargeException',
      message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
      statusCode: 413,
    });
    const async = JSON.stringify('x'.repeat(262_144));
    await expect(lambda.invoke({ FunctionName: 'limits', Payload: async, InvocationType: 'Event' })).rejects.toMatchObject({
      name: 'RequestEntityTooLargeException',
      message: '262146 byte payload is too large for the Event invocation type (limit 262144 bytes)',
    });
    await expect(lambda.invoke({ FunctionName: 'limits', Payload: '{nope' })).rejects.toMatchObject({
      name: 'InvalidRequestContentException',
      message: expect.stringMatching(/^Could not parse request body into json: Could not parse payload into json: /),
      statusCode: 400,
    });
    // An empty payload is the event {}.
    expect(json(await lambda.invoke({ FunctionName: 'limits' }))).toEqual({});
  });
});

describe('Event invocations', () => {
  test('202 at once; the event runs from the queue', async () => {
    lambda = new LambdaService({ clock: new ManualClock() });
    await create('async', 'index.echo');
    const finished = nextEvent(lambda, 'AsyncInvocationFinished');
    const res = await lambda.invoke({ FunctionName: 'async', InvocationType: 'Event', Payload: '{"a":1}' });
    expect(res).toMatchObject({ StatusCode: 202, $metadata: { httpStatusCode: 202 } });
    expect(text(res)).toBe('');
    expect(await finished).toMatchObject({ condition: 'Success', approximateInvokeCount: 1, requestId: res.$metadata.requestId });
  });

  test('function errors are retried twice, after 1 and 2 minutes, with the same request id; then OnFailure', async () => {
    const clock = new ManualClock(Date.UTC(2025, 0, 1));
    const delivered: [string, AsyncInvocationRecord][] = [];
    lambda = new LambdaService({ clock, onDestination: (arn, record) => void delivered.push([arn, record]) });
    const events = recordEvents(lambda);
    await create('flaky', 'index.failTimes');
    await lambda.putFunctionEventInvokeConfig({
      FunctionName: 'flaky',
      DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:123456789012:dlq' } },
    });
    const finished = nextEvent(lambda, 'AsyncInvocationFinished');
    const res = await lambda.invoke({ FunctionName: 'flaky', InvocationType: 'Event', Payload: '{"order":1}' });
    await clock.waitForTimer(60_000);
    clock.advance(60_000);
    await clock.waitForTimer(120_000);
    clock.advance(120_000);
    expect(await finished).toMatchObject({ condition: 'RetriesExhausted', approximateInvokeCount: 3 });
    const attempts = events.flatMap((e) => (e.type === 'InvocationCompleted' ? [e] : []));
    expect(attempts.map((a) => [a.requestId, a.invocationType, a.functionError])).toEqual(
      Array(3).fill([res.$metadata.requestId, 'Event', 'Error']),
    );
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toEqual([
      'arn:aws:sqs:us-east-1:123456789012:dlq',
      {
        version: '1.0',
        timestamp: '2025-01-01T00:03:00.000Z',
        requestContext: {
          requestId: res.$metadata.requestId,
          functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:flaky:$LATEST',
          condition: 'RetriesExhausted',
          approximateInvokeCount: 3,
        },
        requestPayload: { order: 1 },
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
        responsePayload: { errorType: 'Error', errorMessage: 'attempt 3', trace: expect.any(Array) },
      },
    ]);
  });

  test('MaximumRetryAttempts 0, a Lambda OnSuccess destination, and the config shape', async () => {
    const clock = new ManualClock();
    lambda = new LambdaService({ clock });
    await create('once', 'index.failTimes');
    await create('ok', 'index.echo');
    await create('sink', 'index.echo');
    const config = await lambda.putFunctionEventInvokeConfig({ FunctionName: 'once', MaximumRetryAttempts: 0 });
    expect(config).toEqual({
      FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:once:$LATEST',
      LastModified: Date.UTC(2025, 0, 1) / 1000,
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 21600,
      DestinationConfig: { OnSuccess: {}, OnFailure: {} },
    });
    const failed = nextEvent(lambda, 'AsyncInvocationFinished', (e) => e.functionName === 'once');
    await lambda.invoke({ FunctionName: 'once', InvocationType: 'Event' });
    expect(await failed).toMatchObject({ condition: 'RetriesExhausted', approximateInvokeCount: 1 });

    await lambda.putFunctionEventInvokeConfig({
      FunctionName: 'ok',
      DestinationConfig: { OnSuccess: { Destination: 'arn:aws:lambda:us-east-1:123456789012:function:sink' } },
    });
    const sunk = nextEvent(lambda, 'InvocationCompleted', (e) => e.functionName === 'sink');
    await lambda.invoke({ FunctionName: 'ok', InvocationType: 'Event', Payload: '{"x":1}' });
    expect(await sunk).toMatchObject({ invocationType: 'Event', functionError: undefined });
    await expect(lambda.putFunctionEventInvokeConfig({ FunctionName: 'ok', MaximumRetryAttempts: 3 })).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message:
        "1 validation error detected: Value '3' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 2",
    });
  });

  test('an event older than MaximumEventAgeInSeconds is dropped (EventAgeExceeded)', async () => {
    const clock = new ManualClock();
    lambda = new LambdaService({ clock });
    await create('aging', 'index.failTimes');
    await lambda.putFunctionEventInvokeConfig({ FunctionName: 'aging', MaximumEventAgeInSeconds: 60 });
    const finished = nextEvent(lambda, 'AsyncInvocationFinished');
    await lambda.invoke({ FunctionName: 'aging', InvocationType: 'Event' });
    await clock.waitForTimer(60_000);
    clock.advance(61_000);
    expect(await finished).toMatchObject({ condition: 'EventAgeExceeded', approximateInvokeCount: 1 });
  });

  test('with reserved concurrency 0 the event goes straight to failure, no attempt (ZeroReservedConcurrency)', async () => {
    lambda = new LambdaService({ clock: new ManualClock() });
    await create('zero', 'index.echo');
    await lambda.putFunctionConcurrency({ FunctionName: 'zero', ReservedConcurrentExecutions: 0 });
    const finished = nextEvent(lambda, 'AsyncInvocationFinished');
    await lambda.invoke({ FunctionName: 'zero', InvocationType: 'Event' });
    expect(await finished).toMatchObject({ condition: 'ZeroReservedConcurrency', approximateInvokeCount: 0 });
  });

  test('a throttled event waits with back-off on the clock, then runs', async () => {
    const clock = new ManualClock();
    lambda = new LambdaService({ clock });
    await create('narrow', 'index.sleep');
    await lambda.putFunctionConcurrency({ FunctionName: 'narrow', ReservedConcurrentExecutions: 1 });
    const busy = lambda.invoke({ FunctionName: 'narrow', Payload: '{"ms":30}' });
    const throttled = nextEvent(lambda, 'InvocationThrottled');
    const finished = nextEvent(lambda, 'AsyncInvocationFinished');
    await lambda.invoke({ FunctionName: 'narrow', InvocationType: 'Event', Payload: '{"ms":1}' });
    expect(await throttled).toMatchObject({ reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
    await clock.waitForTimer(1000);
    await busy;
    clock.advance(1000);
    expect(await finished).toMatchObject({ condition: 'Success', approximateInvokeCount: 1 });
  });
});

describe('with an auto-advancing virtual clock', () => {
  // AutoClock behaves as @fogbank/asl's virtualClock() (same Clock shape); it lives in the test
  // helpers so this suite does not depend on another package's state.
  test('Event retries complete in simulated time; running handlers hold the clock', async () => {
    const clock = new AutoClock(Date.UTC(2025, 0, 1));
    lambda = new LambdaService({ clock, idleTimeoutMs: Infinity });
    await create('flaky', 'index.failTimes');
    const finished = nextEvent(lambda, 'AsyncInvocationFinished');
    await lambda.invoke({ FunctionName: 'flaky', InvocationType: 'Event' });
    expect(await finished).toMatchObject({ condition: 'RetriesExhausted', approximateInvokeCount: 3 });
    // One minute, then two: three minutes of simulated time, whatever the real time was.
    expect(clock.now()).toBe(Date.UTC(2025, 0, 1, 0, 3));
  });
});
