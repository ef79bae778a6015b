/**
 * `__proto__` is a valid DynamoDB attribute name that fogbank refuses (a documented difference):
 * items are JavaScript objects, where that key is the prototype. Before the check an item put
 * with it came back as `{"pk":…,"S":{"B":{}}}`. Every way in fails with one clear error and
 * changes nothing.
 */
import { DynamoDB } from '@fogbank/dynamodb';
import { describe, expect, test } from 'vitest';

const MESSAGE = "fogbank does not support the attribute name __proto__ (in JavaScript it names an object's prototype); DynamoDB accepts it";
const TABLE = 'protos';
const key = { pk: { S: 'a' } };
// Built the way a JSON body arrives: an own "__proto__" key.
const withProto = <T>(json: string): T => JSON.parse(json) as T;

async function store() {
  const db = new DynamoDB();
  await db.createTable({
    TableName: TABLE,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  });
  await db.putItem({ TableName: TABLE, Item: { pk: { S: 'a' }, n: { N: '1' } } });
  return db;
}

async function refused(call: Promise<unknown>) {
  await expect(call).rejects.toMatchObject({ name: 'ValidationException', message: MESSAGE });
}

describe('the attribute name __proto__', () => {
  test('in an item, at the top or inside a map, and nothing is written', async () => {
    const db = await store();
    await refused(db.putItem({ TableName: TABLE, Item: withProto('{"pk":{"S":"b"},"__proto__":{"S":"x"}}') }));
    await refused(db.putItem({ TableName: TABLE, Item: withProto('{"pk":{"S":"b"},"m":{"M":{"__proto__":{"S":"x"}}}}') }));
    await refused(
      db.batchWriteItem({
        RequestItems: { [TABLE]: [{ PutRequest: { Item: { pk: { S: 'c' } } } }, { PutRequest: { Item: withProto('{"pk":{"S":"d"},"__proto__":{"N":"1"}}') } }] },
      }),
    );
    expect((await db.scan({ TableName: TABLE })).Items).toEqual([{ pk: { S: 'a' }, n: { N: '1' } }]);
  });

  test('through ExpressionAttributeNames and the legacy parameters', async () => {
    const db = await store();
    await refused(db.getItem({ TableName: TABLE, Key: key, ProjectionExpression: '#p', ExpressionAttributeNames: { '#p': '__proto__' } }));
    await refused(
      db.updateItem({ TableName: TABLE, Key: key, UpdateExpression: 'SET #p = :v', ExpressionAttributeNames: { '#p': '__proto__' }, ExpressionAttributeValues: { ':v': { S: 'x' } } }),
    );
    await refused(db.scan({ TableName: TABLE, FilterExpression: 'attribute_exists(#p)', ExpressionAttributeNames: { '#p': '__proto__' } }));
    await refused(db.getItem({ TableName: TABLE, Key: key, AttributesToGet: ['__proto__'] }));
    expect((await db.getItem({ TableName: TABLE, Key: key })).Item).toEqual({ pk: { S: 'a' }, n: { N: '1' } });
  });

  test('as a key, an index projection or the TTL attribute', async () => {
    const db = await store();
    await refused(
      db.createTable({
        TableName: 'proto-keys',
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: '__proto__', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: '__proto__', AttributeType: 'S' }],
      }),
    );
    await refused(
      db.updateTable({
        TableName: TABLE,
        AttributeDefinitions: [{ AttributeName: 'g', AttributeType: 'S' }],
        GlobalSecondaryIndexUpdates: [
          { Create: { IndexName: 'by-g', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['__proto__'] } } },
        ],
      }),
    );
    await refused(db.updateTimeToLive({ TableName: TABLE, TimeToLiveSpecification: { Enabled: true, AttributeName: '__proto__' } }));
    expect((await db.listTables({})).TableNames).toEqual([TABLE]);
    expect((await db.describeTable({ TableName: TABLE })).Table?.GlobalSecondaryIndexes).toBeUndefined();
  });

  test('in PartiQL, as a path or a map key', async () => {
    const db = await store();
    await refused(db.executeStatement({ Statement: `SELECT "__proto__" FROM "${TABLE}" WHERE pk = 'a'` }));
    await refused(db.executeStatement({ Statement: `INSERT INTO "${TABLE}" VALUE {'pk': 'b', '__proto__': 'x'}` }));
    expect((await db.scan({ TableName: TABLE })).Count).toBe(1);
  });
});
