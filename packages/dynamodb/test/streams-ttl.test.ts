/**
 * Streams and TTL on the injected clock: INSERT / MODIFY / REMOVE records with the images the
 * StreamViewType asks for, read through the Streams API; TTL deletes once the clock passes the
 * item's expiry, with the service principal as userIdentity.
 * Sources: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-streams.html
 */
import { DynamoDB, type StreamRecord } from '@fogbank/dynamodb';
import { beforeEach, describe, expect, test } from 'vitest';

let now = Date.UTC(2026, 0, 1);
let db: DynamoDB;
let ids = 0;

beforeEach(async () => {
  now = Date.UTC(2026, 0, 1);
  ids = 0;
  db = new DynamoDB({ clock: { now: () => now }, newId: () => `id-${++ids}` });
  await db.createTable({
    TableName: 'sessions',
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
});

const readAll = async (): Promise<StreamRecord[]> => {
  const { Streams } = await db.listStreams({ TableName: 'sessions' });
  const arn = Streams[0]?.StreamArn as string;
  const { StreamDescription } = await db.describeStream({ StreamArn: arn });
  const { ShardIterator } = await db.getShardIterator({ StreamArn: arn, ShardId: StreamDescription.Shards[0]?.ShardId as string, ShardIteratorType: 'TRIM_HORIZON' });
  return (await db.getRecords({ ShardIterator })).Records;
};

describe('streams', () => {
  test('INSERT, MODIFY and REMOVE with old and new images, in order', async () => {
    const pushed: string[] = [];
    db.onStreamRecord(({ record }) => pushed.push(record.eventName));
    await db.putItem({ TableName: 'sessions', Item: { id: { S: 'a' }, v: { N: '1' } } });
    await db.updateItem({ TableName: 'sessions', Key: { id: { S: 'a' } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { N: '2' } } });
    await db.deleteItem({ TableName: 'sessions', Key: { id: { S: 'a' } } });
    const records = await readAll();
    expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    expect(pushed).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    expect(records[1]).toMatchObject({
      eventSource: 'aws:dynamodb',
      eventVersion: '1.1',
      awsRegion: 'us-east-1',
      dynamodb: { Keys: { id: { S: 'a' } }, OldImage: { v: { N: '1' } }, NewImage: { v: { N: '2' } }, StreamViewType: 'NEW_AND_OLD_IMAGES', ApproximateCreationDateTime: new Date(now) },
    });
    const seq = records.map((r) => BigInt(r.dynamodb.SequenceNumber));
    expect(seq).toEqual([...seq].sort((a, b) => (a < b ? -1 : 1)));
  });

  test('a failed conditional write writes no record', async () => {
    await db.putItem({ TableName: 'sessions', Item: { id: { S: 'a' } } });
    await expect(db.putItem({ TableName: 'sessions', Item: { id: { S: 'a' } }, ConditionExpression: 'attribute_not_exists(id)' })).rejects.toThrow('The conditional request failed');
    expect((await readAll()).length).toBe(1);
  });

  test('a deleted table’s stream stays readable for 24 hours', async () => {
    await db.putItem({ TableName: 'sessions', Item: { id: { S: 'a' } } });
    await db.deleteTable({ TableName: 'sessions' });
    expect((await readAll()).map((r) => r.eventName)).toEqual(['INSERT']);
    now += 25 * 60 * 60 * 1000;
    expect((await db.listStreams({ TableName: 'sessions' })).Streams).toEqual([]);
  });
});

describe('time to live', () => {
  test('expired items are deleted on the injected clock, with a service REMOVE record', async () => {
    await db.updateTimeToLive({ TableName: 'sessions', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } });
    expect(await db.describeTimeToLive({ TableName: 'sessions' })).toEqual({ TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'expires' } });
    const at = now / 1000 + 60;
    await db.putItem({ TableName: 'sessions', Item: { id: { S: 'soon' }, expires: { N: String(at) } } });
    await db.putItem({ TableName: 'sessions', Item: { id: { S: 'later' }, expires: { N: String(at + 3600) } } });
    await db.putItem({ TableName: 'sessions', Item: { id: { S: 'never' } } });
    now += 59_000;
    expect((await db.scan({ TableName: 'sessions' })).Count).toBe(3);
    now += 1_000;
    expect((await db.scan({ TableName: 'sessions' })).Items?.map((i) => i.id?.S).sort()).toEqual(['later', 'never']);
    const removal = (await readAll()).at(-1);
    expect(removal).toMatchObject({ eventName: 'REMOVE', userIdentity: { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' }, dynamodb: { Keys: { id: { S: 'soon' } } } });
  });

  test('an item whose expiry moved is kept until its new time', async () => {
    await db.updateTimeToLive({ TableName: 'sessions', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } });
    const at = now / 1000 + 10;
    await db.putItem({ TableName: 'sessions', Item: { id: { S: 'a' }, expires: { N: String(at) } } });
    await db.updateItem({ TableName: 'sessions', Key: { id: { S: 'a' } }, UpdateExpression: 'SET expires = :e', ExpressionAttributeValues: { ':e': { N: String(at + 100) } } });
    now += 20_000;
    expect((await db.getItem({ TableName: 'sessions', Key: { id: { S: 'a' } } })).Item).toBeDefined();
    now += 100_000;
    expect((await db.getItem({ TableName: 'sessions', Key: { id: { S: 'a' } } })).Item).toBeUndefined();
  });

  test('enabling twice is rejected', async () => {
    await db.updateTimeToLive({ TableName: 'sessions', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } });
    await expect(db.updateTimeToLive({ TableName: 'sessions', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[ValidationException: TimeToLive is already enabled]`,
    );
  });
});
