// Function errors as the Invoke API returns them: status 200, FunctionError 'Unhandled', and the
// Node.js runtime's body {errorType, errorMessage, trace} (RIC src/Errors.js toRapidResponse;
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html; LocalStack AWS-recorded
// snapshots for process.exit and oversized responses).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LambdaService, sequentialIds } from '@fogbank/lambda';
import { fixture, json, nextEvent, tail, text } from './helpers.js';

let lambda: LambdaService;
let n = 0;
beforeAll(() => {
  lambda = new LambdaService({ ids: sequentialIds() });
});
afterAll(() => lambda.close());

async function fn(handler: string, timeout = 3): Promise<string> {
  const FunctionName = `errors-${++n}`;
  await lambda.createFunction({ FunctionName, Handler: handler, Runtime: 'nodejs20.x', Timeout: timeout, Code: { Directory: fixture('basic') } });
  return FunctionName;
}
const invoke = async (handler: string) => lambda.invoke({ FunctionName: await fn(handler), LogType: 'Tail' });

describe('thrown values', () => {
  test.for([
    { name: 'a TypeError', handler: 'index.throwError', errorType: 'TypeError', errorMessage: 'boom', traceHead: 'TypeError: boom' },
    { name: 'a custom error class', handler: 'index.throwCustom', errorType: 'OrderError', errorMessage: 'out of stock', traceHead: 'OrderError: out of stock' },
    { name: 'a rejected promise', handler: 'index.rejectError', errorType: 'Error', errorMessage: 'rejected', traceHead: 'Error: rejected' },
    { name: 'a synchronous throw', handler: 'index.syncThrow', errorType: 'RangeError', errorMessage: 'sync', traceHead: 'RangeError: sync' },
    { name: 'callback(error)', handler: 'index.callbackError', errorType: 'Error', errorMessage: 'cb failed', traceHead: 'Error: cb failed' },
  ])('$name', async ({ handler, errorType, errorMessage, traceHead }) => {
    const res = await invoke(handler);
    expect(res.StatusCode).toBe(200);
    expect(res.FunctionError).toBe('Unhandled');
    const body = json(res) as { errorType: string; errorMessage: string; trace: string[] };
    expect(Object.keys(body)).toEqual(['errorType', 'errorMessage', 'trace']);
    expect(body).toMatchObject({ errorType, errorMessage });
    expect(body.trace[0]).toBe(traceHead);
    expect(body.trace[1]).toMatch(/^ {4}at /);
  });

  test.for([
    { name: 'a string', handler: 'index.throwString', body: '{"errorType":"string","errorMessage":"a string","trace":[]}' },
    { name: 'a number', handler: 'index.throwNumber', body: '{"errorType":"number","errorMessage":"42","trace":[]}' },
    { name: 'context.fail() with nothing', handler: 'index.contextFail', body: '{"errorType":"string","errorMessage":"handled","trace":[]}' },
  ])('$name gives typeof and String()', async ({ handler, body }) => {
    const res = await invoke(handler);
    expect(res.FunctionError).toBe('Unhandled');
    expect(text(res)).toBe(body);
  });

  test('the log has the runtime\'s "Invoke Error" line with stack and own properties', async () => {
    const log = tail(await invoke('index.throwCustom'));
    expect(log).toMatch(
      /\t[0-9a-f-]{36}\tERROR\tInvoke Error \t\{"errorType":"OrderError","errorMessage":"out of stock","name":"OrderError","orderId":42,"stack":\["OrderError: out of stock",/,
    );
  });
});

describe('completion rules', () => {
  test('an async handler returning undefined answers null', async () => {
    expect(text(await invoke('index.returnsUndefined'))).toBe('null');
  });

  test('a non-async handler that returns a value and never calls back answers null (the value is ignored)', async () => {
    const res = await invoke('index.syncReturn');
    expect(res.FunctionError).toBeUndefined();
    expect(text(res)).toBe('null');
  });

  test('callback waits for the empty event loop: a 30 ms timer has run before the answer', async () => {
    const name = await fn('index.callback');
    expect(json(await lambda.invoke({ FunctionName: name }))).toEqual({ viaCallback: true, timerRan: false });
    // The timer ran inside the invocation, so the next (warm) one sees it.
    expect(json(await lambda.invoke({ FunctionName: name }))).toEqual({ viaCallback: true, timerRan: true });
  });

  test('callbackWaitsForEmptyEventLoop = false answers at once', async () => {
    expect(json(await invoke('index.callbackNoWait'))).toBe('no wait');
  });

  test('only the first callback counts', async () => {
    expect(json(await invoke('index.callbackTwice'))).toBe('first');
  });

  test('context.succeed answers', async () => {
    expect(json(await invoke('index.contextSucceed'))).toBe('succeeded');
  });

  test('a non-async handler that never calls back answers null when the loop drains', async () => {
    expect(text(await invoke('index.neverCallsBack'))).toBe('null');
  });

  test('an async handler whose promise never settles fails with Runtime.NodeJsExit', async () => {
    expect(json(await invoke('index.neverSettles'))).toMatchObject({
      errorType: 'Runtime.NodeJsExit',
      errorMessage:
        'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes',
    });
  });

  test('a response that cannot be stringified', async () => {
    expect(json(await invoke('index.circular'))).toMatchObject({ errorType: 'Error', errorMessage: 'Unable to stringify response body' });
  });
});

describe('runtime failures reset the environment', () => {
  test.for([
    { name: 'process.exit(0)', handler: 'index.exitZero', message: 'Runtime exited without providing a reason' },
    { name: 'process.exit(2)', handler: 'index.exitTwo', message: 'Runtime exited with error: exit status 2' },
  ])('$name is Runtime.ExitError, and the next invoke is cold', async ({ handler, message }) => {
    const name = await fn(handler);
    const res = await lambda.invoke({ FunctionName: name, LogType: 'Tail' });
    expect(text(res)).toBe(
      JSON.stringify({ errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${res.$metadata.requestId} Error: ${message}` }),
    );
    expect(tail(res)).toMatch(/\tStatus: error\tError Type: Runtime\.ExitError\t\n$/);
    const again = await lambda.invoke({ FunctionName: name, LogType: 'Tail' });
    expect(tail(again)).toMatch(/^INIT_START /);
  });

  test('an unhandled rejection is Runtime.UnhandledPromiseRejection', async () => {
    const res = await invoke('index.unhandled');
    expect(json(res)).toMatchObject({ errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: 'Error: nobody listens' });
    expect(tail(res)).toMatch(/\tERROR\tUnhandled Promise Rejection \t\{"errorType":"Runtime\.UnhandledPromiseRejection"/);
  });

  test('an uncaught exception from a timer is reported with its own type', async () => {
    const res = await invoke('index.uncaught');
    expect(json(res)).toMatchObject({ errorType: 'Error', errorMessage: 'from a timer' });
    expect(tail(res)).toMatch(/\tERROR\tUncaught Exception \t\{"errorType":"Error","errorMessage":"from a timer"/);
  });

  test('an uncaught error while the environment is idle ends its runtime; the next invoke is cold', async () => {
    const name = await fn('index.throwLater');
    const reset = nextEvent(lambda, 'EnvironmentReset', (e) => e.functionName === name);
    expect(json(await lambda.invoke({ FunctionName: name }))).toEqual({ invocations: 1 });
    expect(await reset).toMatchObject({ reason: 'crash' });
    const again = await lambda.invoke({ FunctionName: name, LogType: 'Tail' });
    expect(json(again)).toEqual({ invocations: 1 });
    expect(tail(again)).toMatch(/^INIT_START /);
  });

  test('a response over 6 MB is Function.ResponseSizeTooLarge, and the next invoke still works', async () => {
    const name = await fn('index.bigResponse');
    const res = await lambda.invoke({ FunctionName: name });
    expect(res.FunctionError).toBe('Unhandled');
    expect(text(res)).toBe(
      '{"errorMessage":"Response payload size exceeded maximum allowed payload size (6291556 bytes).","errorType":"Function.ResponseSizeTooLarge"}',
    );
    await lambda.updateFunctionConfiguration({ FunctionName: name, Handler: 'index.echo' });
    expect(json(await lambda.invoke({ FunctionName: name, Payload: '{"ok":true}' }))).toEqual({ ok: true });
  });
});
