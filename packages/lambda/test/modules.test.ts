// The function's modules as each execution environment sees them, in both modes: own instances of
// the function's CommonJS files per environment (the inline mode compiles them once per code
// version and instantiates them per environment), with Node's require rules and the runtime's
// handler resolution and init errors.
import { afterEach, describe, expect, test } from 'vitest';
import { type ExecutionMode, LambdaService } from '@fogbank/lambda';
import { fixture, json } from './helpers.js';

let lambda: LambdaService;
let n = 0;
afterEach(() => lambda?.close());

const service = (mode: ExecutionMode) => (lambda = new LambdaService({ mode }));
async function create(dir: string, handler: string): Promise<string> {
  const FunctionName = `fn-${++n}`;
  await lambda.createFunction({ FunctionName, Handler: handler, Runtime: 'nodejs20.x', Code: { Directory: fixture(dir) } });
  return FunctionName;
}

describe.for(['inline', 'worker'] as const)('%s mode', (mode) => {
  test('each environment has its own module instances; warm invokes keep them', async () => {
    service(mode);
    const FunctionName = await create('modules', 'index.state');
    const [a, b] = await Promise.all([lambda.invoke({ FunctionName }), lambda.invoke({ FunctionName })]);
    const fresh = {
      count: 1,
      seen: 1,
      tag: 'from json',
      circular: 'a',
      sameInstance: true,
      filename: true,
      thisIsExports: true,
      inCache: true,
      moduleRequire: true,
    };
    expect([json(a), json(b)]).toEqual([fresh, fresh]);
    expect(json(await lambda.invoke({ FunctionName }))).toMatchObject({ count: 2, seen: 2 });
  });

  test('a new code version reaches new environments only', async () => {
    service(mode);
    const FunctionName = await create('modules', 'index.state');
    expect(json(await lambda.invoke({ FunctionName }))).toMatchObject({ count: 1 });
    expect(json(await lambda.invoke({ FunctionName }))).toMatchObject({ count: 2 });
    await lambda.updateFunctionCode({ FunctionName, Directory: fixture('v2') });
    await lambda.updateFunctionConfiguration({ FunctionName, Handler: 'index.count' });
    expect(json(await lambda.invoke({ FunctionName }))).toEqual({ version: 2 });
  });

  test('dynamic import() from CommonJS and builtins', async () => {
    service(mode);
    expect(json(await lambda.invoke({ FunctionName: await create('modules', 'index.dynamicImport') }))).toBe(42);
    expect(json(await lambda.invoke({ FunctionName: await create('modules', 'index.builtin') }))).toBe('functionfunction');
  });

  test.for([
    { name: 'CommonJS .js', dir: 'basic', handler: 'index.echo', expected: { a: 1 } },
    { name: 'nested export path', dir: 'basic', handler: 'index.handlers.nested.deep', expected: 'nested ok' },
    { name: 'ESM .js under "type": "module"', dir: 'esm', handler: 'src/app.handlers.get', expected: { message: 'hello from esm' } },
    { name: '.mjs', dir: 'mjs', handler: 'handler.default.fromDefault', expected: 'default' },
    { name: '.cjs under "type": "module"', dir: 'mixed', handler: 'lib/legacy.handler', expected: 'cjs under type module' },
    { name: 'an extensionless file', dir: 'mixed', handler: 'index.handler', expected: 'extensionless' },
  ])('resolves $name', async ({ dir, handler, expected }) => {
    service(mode);
    const res = await lambda.invoke({ FunctionName: await create(dir, handler), Payload: '{"a":1}' });
    expect(json(res)).toMatchObject(expected as object);
  });

  test.for([
    { name: 'a syntax error', dir: 'syntax-error', handler: 'index.handler', expected: { errorType: 'Runtime.UserCodeSyntaxError', errorMessage: "SyntaxError: Unexpected token ';'" } },
    { name: 'a missing dependency', dir: 'missing-dependency', handler: 'index.handler', expected: { errorType: 'Runtime.ImportModuleError', errorMessage: expect.stringMatching(/^Error: Cannot find module 'not-installed-anywhere'/) } },
    { name: 'a missing module', dir: 'basic', handler: 'missing.handler', expected: { errorType: 'Runtime.ImportModuleError', errorMessage: expect.stringMatching(/^Error: Cannot find module 'missing'/) } },
    { name: 'a throw at module load', dir: 'init-throws', handler: 'index.handler', expected: { errorType: 'Error', errorMessage: 'config missing' } },
    { name: 'a missing export', dir: 'modules', handler: 'index.nothing', expected: { errorType: 'Runtime.HandlerNotFound', errorMessage: 'index.nothing is undefined or not exported' } },
  ])('answers $name with the runtime\'s init error, again on the next invoke', async ({ dir, handler, expected }) => {
    service(mode);
    const FunctionName = await create(dir, handler);
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await lambda.invoke({ FunctionName });
      expect(res.FunctionError).toBe('Unhandled');
      expect(json(res)).toMatchObject(expected);
    }
  });
});
