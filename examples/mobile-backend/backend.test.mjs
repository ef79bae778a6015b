// Every operation of the mobile backend, invoked as the app's API would invoke it, against the
// function and table that fogbank.config.json declares. The handler reaches the table through
// the cloud's endpoint with the SDK, exactly as it would reach DynamoDB in AWS.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCloud } from 'fogbank';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const CONFIG = fileURLToPath(new URL('./fogbank.config.json', import.meta.url));

/** A cloud with the config's functions (code paths relative to the file) and tables. */
async function cloudFromConfig(file) {
  const config = JSON.parse(await readFile(file, 'utf8'));
  const cloud = await createCloud();
  for (const fn of config.functions) {
    await cloud.lambda.createFunction({ ...fn, Code: { Directory: resolve(dirname(file), fn.Code.Directory) } });
  }
  for (const table of config.tables) await cloud.dynamodb.createTable(table);
  return cloud;
}

let cloud;

/** Invokes the backend with `{ operation, payload }`; the decoded answer and the error flag. */
async function call(operation, payload) {
  const response = await cloud.lambda.invoke({
    FunctionName: 'mobile-backend',
    Payload: JSON.stringify(payload === undefined ? { operation } : { operation, payload }),
  });
  return { functionError: response.FunctionError, body: JSON.parse(response.Payload.transformToString()) };
}

beforeAll(async () => {
  cloud = await cloudFromConfig(CONFIG);
});

afterAll(() => cloud.close());

// The tests share one table and run in order, as an app's session would: create, read, change,
// list, delete.
describe('the mobile backend blueprint', () => {
  test('ping answers "pong" and echo returns the payload, without touching the table', async () => {
    expect(await call('ping')).toEqual({ functionError: undefined, body: 'pong' });
    expect(await call('echo', { somekey1: 'somevalue1', nested: { n: 1 } })).toEqual({
      functionError: undefined,
      body: { somekey1: 'somevalue1', nested: { n: 1 } },
    });
  });

  test('create puts payload.Item in the table named by DYNAMO_DB_TABLE', async () => {
    const created = await call('create', { Item: { PK: 'id1', FirstName: 'David', LastName: 'Tucker' } });
    expect(created).toEqual({ functionError: undefined, body: {} });
    await call('create', { Item: { PK: 'id2', FirstName: 'Ada', LastName: 'Lovelace' } });
    const stored = await cloud.dynamodb.getItem({ TableName: 'mobile-backend', Key: { PK: { S: 'id1' } } });
    expect(stored.Item).toEqual({ PK: { S: 'id1' }, FirstName: { S: 'David' }, LastName: { S: 'Tucker' } });
  });

  test('read gets one item by its key', async () => {
    expect(await call('read', { Key: { PK: 'id1' } })).toEqual({
      functionError: undefined,
      body: { Item: { PK: 'id1', FirstName: 'David', LastName: 'Tucker' } },
    });
    expect(await call('read', { Key: { PK: 'nobody' } })).toEqual({ functionError: undefined, body: {} });
  });

  test('update changes attributes and returns what the payload asks for', async () => {
    const updated = await call('update', {
      Key: { PK: 'id1' },
      UpdateExpression: 'SET FirstName = :first, Visits = if_not_exists(Visits, :zero) + :one',
      ExpressionAttributeValues: { ':first': 'Dave', ':zero': 0, ':one': 1 },
      ReturnValues: 'ALL_NEW',
    });
    expect(updated).toEqual({
      functionError: undefined,
      body: { Attributes: { PK: 'id1', FirstName: 'Dave', LastName: 'Tucker', Visits: 1 } },
    });
  });

  test('list scans the table', async () => {
    const { body } = await call('list', {});
    expect(body.Count).toBe(2);
    expect(body.ScannedCount).toBe(2);
    expect(body.Items.map((item) => item.PK).sort()).toEqual(['id1', 'id2']);
    const filtered = await call('list', { FilterExpression: 'LastName = :l', ExpressionAttributeValues: { ':l': 'Lovelace' } });
    expect(filtered.body).toMatchObject({ Count: 1, ScannedCount: 2, Items: [{ PK: 'id2', FirstName: 'Ada' }] });
  });

  test('delete removes the item and can return it', async () => {
    expect(await call('delete', { Key: { PK: 'id2' }, ReturnValues: 'ALL_OLD' })).toEqual({
      functionError: undefined,
      body: { Attributes: { PK: 'id2', FirstName: 'Ada', LastName: 'Lovelace' } },
    });
    expect((await call('list', {})).body.Items.map((item) => item.PK)).toEqual(['id1']);
  });

  test('a DynamoDB error reaches the caller as the function error, with the SDK exception name', async () => {
    const failed = await call('update', {
      Key: { PK: 'id1' },
      UpdateExpression: 'SET FirstName = :first',
      ConditionExpression: 'attribute_not_exists(PK)',
      ExpressionAttributeValues: { ':first': 'Nope' },
    });
    expect(failed.functionError).toBe('Unhandled');
    expect(failed.body).toMatchObject({ errorType: 'ConditionalCheckFailedException', errorMessage: 'The conditional request failed' });
  });

  test('an unknown operation fails with Unrecognized operation "<op>"', async () => {
    const failed = await call('explode', {});
    expect(failed.functionError).toBe('Unhandled');
    expect(failed.body).toMatchObject({ errorType: 'Error', errorMessage: 'Unrecognized operation "explode"' });
    expect((await call(undefined)).body.errorMessage).toBe('Unrecognized operation "undefined"');
  });
});
