// Handler resolution and init errors, as Lambda's Node.js runtime does them
// (aws-lambda-nodejs-runtime-interface-client src/UserFunction.js, src/Errors.js;
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LambdaService } from '@fogbank/lambda';
import { fixture, json, tail } from './helpers.js';

let lambda: LambdaService;
let n = 0;
beforeAll(() => {
  lambda = new LambdaService();
});
afterAll(() => lambda.close());

async function invoke(dir: string, handler: string, payload: unknown = {}, runtime = 'nodejs20.x') {
  const FunctionName = `fn-${++n}`;
  await lambda.createFunction({ FunctionName, Handler: handler, Runtime: runtime, Code: { Directory: fixture(dir) } });
  return lambda.invoke({ FunctionName, Payload: JSON.stringify(payload), LogType: 'Tail' });
}

describe('resolution', () => {
  test.for([
    { name: 'CommonJS .js', dir: 'basic', handler: 'index.echo', payload: { a: 1 }, expected: { a: 1 } },
    { name: 'nested export path', dir: 'basic', handler: 'index.handlers.nested.deep', payload: {}, expected: 'nested ok' },
    { name: 'ESM .js under "type": "module" with top-level await', dir: 'esm', handler: 'src/app.handlers.get', payload: { id: 7 }, expected: { message: 'hello from esm', id: 7 } },
    { name: '.mjs', dir: 'mjs', handler: 'handler.handler', payload: {}, expected: { mjs: true, fn: 'FN' } },
    { name: '.mjs default export path', dir: 'mjs', handler: 'handler.default.fromDefault', payload: {}, expected: 'default' },
    { name: '.cjs under "type": "module"', dir: 'mixed', handler: 'lib/legacy.handler', payload: {}, expected: 'cjs under type module' },
    { name: 'an extensionless file', dir: 'mixed', handler: 'index.handler', payload: {}, expected: 'extensionless' },
    { name: 'a layer package on NODE_PATH', dir: 'with-layer', handler: 'index.handler', payload: { name: 'Ada' }, expected: 'hello Ada from a layer' },
  ])('$name', async ({ dir, handler, payload, expected }) => {
    const FunctionName = `fn-${++n}`;
    await lambda.createFunction({
      FunctionName,
      Handler: handler,
      Runtime: 'nodejs20.x',
      Code: { Directory: fixture(dir) },
      ...(dir === 'with-layer' ? { Layers: [fixture('layers/common')] } : {}),
    });
    const res = await lambda.invoke({ FunctionName, Payload: JSON.stringify(payload) });
    expect(res.FunctionError).toBeUndefined();
    const want = JSON.parse(JSON.stringify(expected).replace('"FN"', JSON.stringify(FunctionName)));
    expect(json(res)).toEqual(want);
  });
});

describe('init errors', () => {
  test.for([
    {
      name: 'missing export',
      dir: 'basic',
      handler: 'index.nothing',
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'index.nothing is undefined or not exported',
    },
    {
      name: 'export that is not a function',
      dir: 'basic',
      handler: 'index.notAFunction',
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'index.notAFunction is not a function',
    },
    {
      name: 'handler without a dot',
      dir: 'basic',
      handler: 'index',
      errorType: 'Runtime.MalformedHandlerName',
      errorMessage: 'Bad handler',
    },
    {
      name: 'handler with ..',
      dir: 'basic',
      handler: '../basic/index.echo',
      errorType: 'Runtime.MalformedHandlerName',
      errorMessage:
        "'../basic/index.echo' is not a valid handler name. Use absolute paths when specifying root directories in handler names.",
    },
  ])('$name: $errorType', async ({ dir, handler, errorType, errorMessage }) => {
    const res = await invoke(dir, handler);
    expect(res.StatusCode).toBe(200);
    expect(res.FunctionError).toBe('Unhandled');
    expect(json(res)).toMatchObject({ errorType, errorMessage });
  });

  test('a missing module is Runtime.ImportModuleError', async () => {
    const res = await invoke('basic', 'missing.handler');
    expect(json(res)).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: expect.stringMatching(/^Error: Cannot find module 'missing'/),
    });
    const res2 = await invoke('missing-dependency', 'index.handler');
    expect(json(res2)).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: expect.stringMatching(/^Error: Cannot find module 'not-installed-anywhere'/),
    });
  });

  test('a syntax error is Runtime.UserCodeSyntaxError', async () => {
    const res = await invoke('syntax-error', 'index.handler');
    expect(json(res)).toMatchObject({
      errorType: 'Runtime.UserCodeSyntaxError',
      errorMessage: 'SyntaxError: Unexpected token \';\'',
    });
  });

  test('an error thrown at module load keeps its type; the log has Uncaught Exception and INIT_REPORT', async () => {
    const res = await invoke('init-throws', 'index.handler');
    expect(json(res)).toMatchObject({ errorType: 'Error', errorMessage: 'config missing' });
    const log = tail(res);
    expect(log).toMatch(/^INIT_START Runtime Version: nodejs:20\.fogbank\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:fogbank-nodejs20\.x\n/);
    expect(log).toMatch(/\tundefined\tINFO\tinitialising\n/);
    expect(log).toMatch(/\tundefined\tERROR\tUncaught Exception \t\{"errorType":"Error","errorMessage":"config missing","stack":\["Error: config missing",/);
    expect(log).toMatch(/\nINIT_REPORT Init Duration: \d+\.\d\d ms\tPhase: invoke\tStatus: error\tError Type: Error\t\n/);
    expect(log).toMatch(/\tStatus: error\tError Type: Error\t\n$/);
  });

  test('an unhandled rejection during Init is the Init error (Runtime.UnhandledPromiseRejection)', async () => {
    const res = await invoke('init-rejects', 'index.handler');
    expect(json(res)).toMatchObject({ errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: 'Error: config fetch failed' });
    expect(tail(res)).toMatch(/\tundefined\tERROR\tUnhandled Promise Rejection \t\{"errorType":"Runtime\.UnhandledPromiseRejection"/);
  });

  test('nodejs20.x warns at Init about a non-async callback handler', async () => {
    const res = await invoke('basic', 'index.callbackNoWait');
    expect(tail(res)).toContain(
      '\tundefined\tWARN\tAWS Lambda plans to remove support for callback-based function handlers starting with Node.js 24. You will need to update this function to use an async handler to use Node.js 24 or later.',
    );
  });

  test('nodejs24.x refuses callback handlers at init (Runtime.CallbackHandlerDeprecated)', async () => {
    const res = await invoke('basic', 'index.callback', {}, 'nodejs24.x');
    expect(json(res)).toMatchObject({
      errorType: 'Runtime.CallbackHandlerDeprecated',
      errorMessage:
        'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.',
    });
  });

  test('nodejs24.x awaits the handler, so a plain return value is the answer', async () => {
    expect(json(await invoke('basic', 'index.syncReturn', {}, 'nodejs24.x'))).toEqual({ ignored: true });
  });
});
