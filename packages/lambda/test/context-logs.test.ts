// The context object, the runtime environment variables and the log lines, as AWS writes them
// (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html, configuration-envvars.html,
// nodejs-logging.html; key order and START/END/REPORT bytes from LocalStack's AWS-recorded
// snapshots test_lambda_with_context and test_invocation_with_logs).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LambdaService, sequentialIds } from '@fogbank/lambda';
import { ManualClock, fixture, json, nextEvent, steppingStopwatch, tail } from './helpers.js';

let lambda: LambdaService;
const clock = new ManualClock(Date.UTC(2025, 5, 7, 12, 0, 0));
beforeAll(async () => {
  lambda = new LambdaService({
    clock,
    ids: sequentialIds(),
    stopwatch: steppingStopwatch(12.5),
    spareSandboxes: 0,
    region: 'eu-west-1',
    accountId: '111122223333',
    endpointUrl: 'http://127.0.0.1:4566',
    platformVariables: { AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:4566' },
    runtimeModulePaths: ['/opt/fogbank/runtime/node_modules'],
  });
  for (const [name, handler] of [['ctx', 'index.context'], ['env', 'index.env'], ['logs', 'index.logs']] as const) {
    await lambda.createFunction({
      FunctionName: name,
      Handler: handler,
      Runtime: 'nodejs20.x',
      MemorySize: 256,
      Timeout: 5,
      Code: { Directory: fixture('basic') },
      Environment: { Variables: { TABLE: 'orders' } },
    });
  }
});
afterAll(() => lambda.close());

describe('context', () => {
  test('has AWS\'s keys in AWS\'s order, memoryLimitInMB as a string, and the deadline', async () => {
    const clientContext = Buffer.from(JSON.stringify({ custom: { foo: 'bar' } })).toString('base64');
    const res = await lambda.invoke({ FunctionName: 'ctx', ClientContext: clientContext });
    const body = json(res) as { json: Record<string, unknown>; remaining: number; memoryType: string };
    expect(Object.keys(body.json)).toEqual([
      'callbackWaitsForEmptyEventLoop',
      'functionVersion',
      'functionName',
      'memoryLimitInMB',
      'logGroupName',
      'logStreamName',
      'clientContext',
      'invokedFunctionArn',
      'awsRequestId',
    ]);
    expect(body.json).toEqual({
      callbackWaitsForEmptyEventLoop: true,
      functionVersion: '$LATEST',
      functionName: 'ctx',
      memoryLimitInMB: '256',
      logGroupName: '/aws/lambda/ctx',
      logStreamName: expect.stringMatching(/^2025\/06\/07\/\[\$LATEST\][0-9a-f]{32}$/),
      clientContext: { custom: { foo: 'bar' } },
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:ctx',
      awsRequestId: res.$metadata.requestId,
    });
    expect(body.memoryType).toBe('string');
    // With a qualifier, the invoked ARN carries it.
    const qualified = json(await lambda.invoke({ FunctionName: 'ctx', Qualifier: '$LATEST' })) as typeof body;
    expect(qualified.json['invokedFunctionArn']).toBe('arn:aws:lambda:eu-west-1:111122223333:function:ctx:$LATEST');
    expect(body.remaining).toBeGreaterThan(4000);
    expect(body.remaining).toBeLessThanOrEqual(5000);
  });
});

describe('environment variables', () => {
  test('Lambda\'s reserved variables, the function\'s own, TMPDIR and NODE_PATH', async () => {
    const env = json(await lambda.invoke({ FunctionName: 'env' })) as Record<string, string>;
    expect(env).toMatchObject({
      TABLE: 'orders',
      AWS_LAMBDA_FUNCTION_NAME: 'env',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/env',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      _HANDLER: 'index.env',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:4566',
      LAMBDA_TASK_ROOT: fixture('basic'),
      LANG: 'en_US.UTF-8',
    });
    // Nothing of the host's environment leaks in.
    expect(env['HOME']).toBeUndefined();
    expect(env['AWS_LAMBDA_LOG_STREAM_NAME']).toMatch(/^2025\/06\/07\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(env['NODE_PATH']).toBe(`/opt/fogbank/runtime/node_modules:${fixture('basic')}`);
    expect(env['TMPDIR']).toMatch(/fogbank-lambda[/\\]\d+-\d+[/\\]env-[0-9a-f]{32}$/);
  });
});

describe('working directory', () => {
  test('process.cwd() is the task root, as /var/task is on Lambda', async () => {
    await lambda.createFunction({ FunctionName: 'cwd', Handler: 'index.cwd', Runtime: 'nodejs20.x', Code: { Directory: fixture('basic') } });
    expect(json(await lambda.invoke({ FunctionName: 'cwd' }))).toEqual({
      cwd: fixture('basic'),
      resolved: `${fixture('basic')}/config.json`,
    });
  });
});

describe('logs', () => {
  test('START, console lines, END and REPORT, byte for byte', async () => {
    const res = await lambda.invoke({ FunctionName: 'logs', LogType: 'Tail' });
    const id = res.$metadata.requestId;
    const ts = '2025-06-07T12:00:00.\\d{3}Z';
    const log = tail(res);
    // The stopwatch moves 12.5 ms per reading: Duration is 12.50 ms, billed 13 ms; Init Duration is
    // the sandbox's boot plus the function's load, 2 x 12.50 ms.
    expect(log).toMatch(
      new RegExp(
        '^INIT_START Runtime Version: nodejs:20\\.fogbank\\tRuntime Version ARN: arn:aws:lambda:eu-west-1::runtime:fogbank-nodejs20\\.x\\n' +
          `START RequestId: ${id} Version: \\$LATEST\\n` +
          `${ts}\\t${id}\\tINFO\\thello \\{ a: 1 \\}\\n` +
          `${ts}\\t${id}\\tINFO\\tinfo\\n` +
          `${ts}\\t${id}\\tWARN\\twarn\\n` +
          `${ts}\\t${id}\\tERROR\\terror\\n` +
          `${ts}\\t${id}\\tDEBUG\\tdebug\\n` +
          `${ts}\\t${id}\\tINFO\\ttwo\\rlines\\n` +
          `END RequestId: ${id}\\n` +
          `REPORT RequestId: ${id}\\tDuration: 12\\.50 ms\\tBilled Duration: 13 ms\\tMemory Size: 256 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: 25\\.00 ms\\t\\n$`,
      ),
    );
  });

  test('CloudWatch Logs holds one stream per environment, each line one event', async () => {
    clock.advance(1000);
    await lambda.invoke({ FunctionName: 'logs' });
    const { logStreams } = lambda.logs.describeLogStreams({ logGroupName: '/aws/lambda/logs' });
    expect(logStreams).toHaveLength(1);
    const stream = logStreams[0]!;
    expect(stream.logStreamName).toMatch(/^2025\/06\/07\/\[\$LATEST\][0-9a-f]{32}$/);
    const { events } = lambda.logs.getLogEvents({ logGroupName: '/aws/lambda/logs', logStreamName: stream.logStreamName });
    expect(events.map((e) => e.message.split(/[\t ]/)[0])).toEqual([
      'INIT_START', 'START', ...Array(6).fill(expect.stringMatching(/^2025-06-07T12:00:00/)), 'END', 'REPORT',
      'START', ...Array(6).fill(expect.stringMatching(/^2025-06-07T12:00:01/)), 'END', 'REPORT',
    ]);
    expect(events.at(-1)).toMatchObject({ timestamp: Date.UTC(2025, 5, 7, 12, 0, 1) });
  });

  test('raw process.stdout writes are log lines too; console.trace is TRACE', async () => {
    await lambda.createFunction({ FunctionName: 'raw', Handler: 'index.rawOutput', Runtime: 'nodejs20.x', Code: { Directory: fixture('basic') } });
    const written = nextEvent(lambda, 'InvocationCompleted');
    await lambda.invoke({ FunctionName: 'raw' });
    const { logStreamName } = await written;
    // The stdout stream is asynchronous: wait until the line has reached the log.
    const lines = () => lambda.logs.getLogEvents({ logGroupName: '/aws/lambda/raw', logStreamName }).events.map((e) => e.message);
    await lambda.invoke({ FunctionName: 'raw' });
    expect(lines()).toContainEqual('raw stdout line\n');
    expect(lines().some((line) => /\tTRACE\ttraced$/.test(line.trimEnd()) || /\tTRACE\ttraced\n$/.test(line))).toBe(true);
  });

  test('LogResult is the last 4 KB of the invocation\'s log, base64', async () => {
    await lambda.createFunction({ FunctionName: 'chatty', Handler: 'index.echo', Runtime: 'nodejs20.x', Code: { Directory: fixture('basic') } });
    const res = await lambda.invoke({ FunctionName: 'chatty', LogType: 'Tail', Payload: '{}' });
    expect(Buffer.from(res.LogResult as string, 'base64').length).toBeLessThanOrEqual(4096);
    const none = await lambda.invoke({ FunctionName: 'chatty' });
    expect(none.LogResult).toBeUndefined();
  });
});
