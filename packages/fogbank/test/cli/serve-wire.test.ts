/**
 * `fogbank serve` speaks Step Functions' JSON 1.0 and Lambda's REST-JSON protocols beside
 * DynamoDB's: checked on the wire with fetch, and with the real AWS CLI where an `aws` binary is
 * on the PATH (Debian's awscli in CI; the test's name says when it is skipped).
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig, serveConfig, type ServeSummary } from '../../src/cli/index.js';
import { fixtures } from './memory-io.js';

const execFileAsync = promisify(execFile);
const cliVersion = spawnSync('aws', ['--version'], { encoding: 'utf8' });
const hasCli = cliVersion.status === 0;
// AWS CLI v2 (Debian's awscli in CI) reads blob arguments as base64 unless told otherwise; v1 takes them raw.
const rawBlobs = /aws-cli\/2\./.test(`${cliVersion.stdout ?? ''}${cliVersion.stderr ?? ''}`) ? ['--cli-binary-format', 'raw-in-base64-out'] : [];

let summary: ServeSummary;
let close: () => Promise<void>;
beforeAll(async () => {
  const served = await serveConfig({ config: await loadConfig(fixtures, undefined), port: 0 });
  summary = served.summary;
  close = served.close;
});
afterAll(() => close());

const sfn = (operation: string, input: unknown) =>
  fetch(summary.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AWSStepFunctions.${operation}` }, body: JSON.stringify(input) });

describe('the endpoint on the wire', () => {
  test('Step Functions: create, start, describe with epoch-second timestamps; errors as { __type, message } with 400', async () => {
    const definition = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: 'done', End: true } } });
    const created = (await (await sfn('CreateStateMachine', { name: 'wire', definition, roleArn: 'arn:aws:iam::123456789012:role/r' })).json()) as { stateMachineArn: string; creationDate: number };
    expect(typeof created.creationDate).toBe('number');
    const { executionArn } = (await (await sfn('StartExecution', { stateMachineArn: created.stateMachineArn, input: '{}' })).json()) as { executionArn: string };
    await expect.poll(async () => ((await (await sfn('DescribeExecution', { executionArn })).json()) as { status: string }).status).toBe('SUCCEEDED');
    const missing = await sfn('DescribeExecution', { executionArn: `${executionArn}x` });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({
      __type: 'com.amazonaws.swf.service.v2.model#ExecutionDoesNotExist',
      message: `Execution Does Not Exist: '${executionArn}x'`,
    });
    const noArn = await sfn('StartExecution', { input: '{}' });
    expect(noArn.status).toBe(400);
    expect(await noArn.json()).toEqual({
      __type: 'com.amazonaws.swf.service.v2.model#ValidationException',
      message: "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null",
    });
    const unknown = await sfn('TagResource', {});
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { __type: string }).__type).toBe('com.amazon.coral.service#UnknownOperationException');
  });

  test('Lambda: Invoke with Tail logs and a function error in headers; unknown functions 404 with x-amzn-ErrorType', async () => {
    const ok = await fetch(`${summary.endpoint}/2015-03-31/functions/echo/invocations`, { method: 'POST', headers: { 'x-amz-log-type': 'Tail' }, body: '{"a":1}' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ echoed: { a: 1 } });
    expect(Buffer.from(ok.headers.get('x-amz-log-result')!, 'base64').toString()).toMatch(/^INIT_START .*\nSTART RequestId: .*\nEND RequestId: .*\nREPORT RequestId: /);
    const failed = await fetch(`${summary.endpoint}/2015-03-31/functions/boom/invocations`, { method: 'POST', body: '{}' });
    expect(failed.status).toBe(200);
    expect(failed.headers.get('x-amz-function-error')).toBe('Unhandled');
    const missing = await fetch(`${summary.endpoint}/2015-03-31/functions/nope/invocations`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(await missing.json()).toEqual({ Type: 'User', Message: 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope:$LATEST' });
  });
});

describe.skipIf(!hasCli)(hasCli ? 'the AWS CLI against fogbank serve' : 'the AWS CLI against fogbank serve (skipped: no `aws` binary on PATH)', () => {
  const aws = async (...args: string[]): Promise<Record<string, unknown>> => {
    const { stdout } = await execFileAsync('aws', ['--endpoint-url', summary.endpoint, '--output', 'json', ...args], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'fogbank', AWS_SECRET_ACCESS_KEY: 'fogbank', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' },
    });
    return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
  };

  test('stepfunctions create-state-machine, start-execution, get-execution-history; lambda invoke with --log-type Tail', async () => {
    const { stateMachineArn } = await aws('stepfunctions', 'create-state-machine', '--name', 'cli', '--role-arn', 'arn:aws:iam::123456789012:role/r',
      '--definition', JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }));
    const { executionArn } = await aws('stepfunctions', 'start-execution', '--state-machine-arn', String(stateMachineArn), '--input', '{"x":1}');
    await expect.poll(async () => (await aws('stepfunctions', 'describe-execution', '--execution-arn', String(executionArn)))['status'], { timeout: 20_000 }).toBe('SUCCEEDED');
    const history = (await aws('stepfunctions', 'get-execution-history', '--execution-arn', String(executionArn)))['events'] as Array<{ type: string }>;
    expect(history.map((e) => e.type)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'fogbank-cli-')), 'out.json');
    const invoked = await aws('lambda', 'invoke', '--function-name', 'echo', '--payload', '{"a":1}', ...rawBlobs, '--log-type', 'Tail', out);
    expect(invoked).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST' });
    expect(Buffer.from(String(invoked['LogResult']), 'base64').toString()).toContain('REPORT RequestId: ');
  }, 60_000);
});
