/**
 * Smoke test with the real AWS CLI (Debian's `awscli` in CI): create a table, put, get, query,
 * update with a condition, scan, delete. Skipped, with the reason in its name, where no `aws`
 * binary is on the PATH.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { DynamoDB } from '@fogbank/dynamodb';
import { startServer, type RunningServer } from '@fogbank/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const run = promisify(execFile);
const hasCli = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, dynamodb: new DynamoDB() });
});
afterAll(() => server.close());

const aws = async (...args: string[]) => {
  const { stdout } = await run('aws', ['--endpoint-url', server.url, '--output', 'json', 'dynamodb', ...args], {
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'fogbank', AWS_SECRET_ACCESS_KEY: 'fogbank', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' },
  });
  return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
};

describe.skipIf(!hasCli)(hasCli ? 'AWS CLI smoke' : 'AWS CLI smoke (skipped: no `aws` binary on PATH)', () => {
  test('create, put, get, query, conditional update, scan, delete', async () => {
    await aws('create-table', '--table-name', 'cli', '--billing-mode', 'PAY_PER_REQUEST',
      '--attribute-definitions', 'AttributeName=pk,AttributeType=S', 'AttributeName=sk,AttributeType=N',
      '--key-schema', 'AttributeName=pk,KeyType=HASH', 'AttributeName=sk,KeyType=RANGE');
    await aws('put-item', '--table-name', 'cli', '--item', '{"pk":{"S":"a"},"sk":{"N":"1"},"v":{"N":"1"}}');
    expect(await aws('get-item', '--table-name', 'cli', '--key', '{"pk":{"S":"a"},"sk":{"N":"1"}}')).toEqual({ Item: { pk: { S: 'a' }, sk: { N: '1' }, v: { N: '1' } } });
    expect(await aws('query', '--table-name', 'cli', '--key-condition-expression', 'pk = :p', '--expression-attribute-values', '{":p":{"S":"a"}}')).toMatchObject({ Count: 1 });
    expect(
      await aws('update-item', '--table-name', 'cli', '--key', '{"pk":{"S":"a"},"sk":{"N":"1"}}', '--update-expression', 'SET v = v + :one',
        '--condition-expression', 'v = :one', '--expression-attribute-values', '{":one":{"N":"1"}}', '--return-values', 'UPDATED_NEW'),
    ).toEqual({ Attributes: { v: { N: '2' } } });
    await expect(
      aws('update-item', '--table-name', 'cli', '--key', '{"pk":{"S":"a"},"sk":{"N":"1"}}', '--update-expression', 'SET v = :one',
        '--condition-expression', 'v = :one', '--expression-attribute-values', '{":one":{"N":"1"}}'),
    ).rejects.toThrow('ConditionalCheckFailedException');
    expect(await aws('scan', '--table-name', 'cli')).toMatchObject({ Count: 1, ScannedCount: 1 });
    await aws('delete-item', '--table-name', 'cli', '--key', '{"pk":{"S":"a"},"sk":{"N":"1"}}');
    expect(await aws('scan', '--table-name', 'cli')).toMatchObject({ Count: 0 });
    // Each CLI call starts a Python interpreter (about a second); allow for a busy machine.
  }, 60_000);
});
