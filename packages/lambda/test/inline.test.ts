// The inline mode: the same API and shapes, handlers in the caller's isolate. Its weaker
// guarantees (shared isolate, no hard kill, no memory limit) are listed in docs/lambda.md.
import { afterEach, describe, expect, test } from 'vitest';
import { LambdaService, sequentialIds } from '@fogbank/lambda';
import { fixture, json, tail, text } from './helpers.js';

let lambda: LambdaService;
afterEach(() => lambda?.close());

const service = () => (lambda = new LambdaService({ mode: 'inline', ids: sequentialIds() }));
const create = (name: string, handler: string, dir = 'basic', extra: Record<string, unknown> = {}) =>
  lambda.createFunction({ FunctionName: name, Handler: handler, Runtime: 'nodejs20.x', Code: { Directory: fixture(dir) }, ...extra });

describe('inline mode', () => {
  test('answers, with START/END/REPORT and Init Duration on the cold start only', async () => {
    service();
    await create('echo', 'index.echo');
    const first = await lambda.invoke({ FunctionName: 'echo', Payload: '{"a":1}', LogType: 'Tail' });
    const second = await lambda.invoke({ FunctionName: 'echo', Payload: '{"a":2}', LogType: 'Tail' });
    expect([json(first), json(second)]).toEqual([{ a: 1 }, { a: 2 }]);
    expect(tail(first)).toMatch(/^INIT_START .*\nSTART RequestId: 00000000-0000-4000-8000-000000000002 Version: \$LATEST\nEND RequestId: .*\nREPORT RequestId: .*\tInit Duration: [\d.]+ ms\t\n$/);
    expect(tail(second)).toMatch(/^START .*\nEND .*\nREPORT [^\n]*Max Memory Used: \d+ MB\t\n$/);
  });

  test('ESM and nested handlers, the same error payloads', async () => {
    service();
    await create('esm', 'src/app.handlers.get', 'esm');
    expect(json(await lambda.invoke({ FunctionName: 'esm', Payload: '{"id":3}' }))).toEqual({ message: 'hello from esm', id: 3 });
    await create('str', 'index.throwString');
    const res = await lambda.invoke({ FunctionName: 'str', LogType: 'Tail' });
    expect(res.FunctionError).toBe('Unhandled');
    expect(text(res)).toBe('{"errorType":"string","errorMessage":"a string","trace":[]}');
    expect(tail(res)).toMatch(/\tERROR\tInvoke Error \t"a string"\n/);
    await create('missing', 'index.nothing');
    expect(json(await lambda.invoke({ FunctionName: 'missing' }))).toMatchObject({
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'index.nothing is undefined or not exported',
    });
  });

  test('each environment re-runs CommonJS module init (own module state)', async () => {
    service();
    await create('count', 'index.count');
    const [a, b] = await Promise.all([lambda.invoke({ FunctionName: 'count' }), lambda.invoke({ FunctionName: 'count' })]);
    expect([json(a), json(b)]).toMatchObject([{ invocations: 1 }, { invocations: 1 }]);
    expect(json(await lambda.invoke({ FunctionName: 'count' }))).toMatchObject({ invocations: 2 });
  });

  test('a timeout answers Sandbox.Timedout at the deadline; the handler is abandoned and the next invoke re-inits', async () => {
    service();
    await create('slow', 'index.sleep', 'basic', { Timeout: 1 });
    const res = await lambda.invoke({ FunctionName: 'slow', Payload: '{"ms":1500}', LogType: 'Tail' });
    expect(text(res)).toBe(
      `{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: ${res.$metadata.requestId} Error: Task timed out after 1.00 seconds"}`,
    );
    expect(tail(res)).toMatch(/\tStatus: timeout\t\n$/);
    const again = await lambda.invoke({ FunctionName: 'slow', Payload: '{"ms":1}', LogType: 'Tail' });
    expect(tail(again)).toMatch(/^INIT_START /);
  });

  test('console lines inside the invocation go to its log, formatted as the runtime does', async () => {
    service();
    await create('logs', 'index.logs');
    const res = await lambda.invoke({ FunctionName: 'logs', LogType: 'Tail' });
    const id = res.$metadata.requestId;
    expect(tail(res)).toMatch(new RegExp(`\\t${id}\\tINFO\\thello \\{ a: 1 \\}\\n.*\\t${id}\\tWARN\\twarn\\n.*\\t${id}\\tINFO\\ttwo\\rlines\\n`, 's'));
  });

  test('the callback style and the sync-handler null answer', async () => {
    service();
    await create('cb', 'index.callbackNoWait');
    expect(json(await lambda.invoke({ FunctionName: 'cb' }))).toBe('no wait');
    await create('sync', 'index.syncReturn');
    expect(text(await lambda.invoke({ FunctionName: 'sync' }))).toBe('null');
  });
});
