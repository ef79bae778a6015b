/**
 * The DynamoDB Streams operations: ListStreams, DescribeStream, GetShardIterator, GetRecords.
 * Each stream has one shard holding all its records, in order.
 */
import { DynamoDBError, validation } from './errors.js';
import type { StoreState } from './state.js';
import { decodeIterator, encodeIterator, streamNotFound, type StreamRecord, type TableStream } from './streams.js';
import { Constraints } from './validate.js';

function allStreams(state: StoreState): TableStream[] {
  const dayAgo = state.clock.now() - 24 * 60 * 60 * 1000;
  const out: TableStream[] = state.retiredStreams.filter((s) => (s.retiredAt ?? 0) >= dayAgo);
  for (const t of state.tables.values()) {
    out.push(...t.oldStreams);
    if (t.stream) out.push(t.stream);
  }
  return out;
}

function findStream(state: StoreState, arn: unknown): TableStream {
  new Constraints().required(arn, 'streamArn').length(arn, 'streamArn', 37, 1024).check();
  const s = allStreams(state).find((x) => x.arn === arn);
  if (s === undefined) throw streamNotFound(String(arn));
  return s;
}

/** ListStreams. */
export function listStreams(state: StoreState, input: { TableName?: string; Limit?: number; ExclusiveStartStreamArn?: string } = {}) {
  new Constraints().range(input.Limit, 'limit', 1, 100).check();
  let streams = allStreams(state).filter((s) => input.TableName === undefined || s.tableName === input.TableName);
  if (input.ExclusiveStartStreamArn !== undefined) {
    const at = streams.findIndex((s) => s.arn === input.ExclusiveStartStreamArn);
    streams = at === -1 ? streams : streams.slice(at + 1);
  }
  const limit = input.Limit ?? 100;
  const page = streams.slice(0, limit);
  const out: { Streams: { StreamArn: string; TableName: string; StreamLabel: string }[]; LastEvaluatedStreamArn?: string } = {
    Streams: page.map((s) => ({ StreamArn: s.arn, TableName: s.tableName, StreamLabel: s.label })),
  };
  if (streams.length > limit) out.LastEvaluatedStreamArn = (page[page.length - 1] as TableStream).arn;
  return out;
}

/** DescribeStream. */
export function describeStream(state: StoreState, input: { StreamArn: string }) {
  const s = findStream(state, input.StreamArn);
  const table = state.tables.get(s.tableName);
  const first = s.records[0]?.dynamodb.SequenceNumber ?? '000000000000000000001';
  const range: { StartingSequenceNumber: string; EndingSequenceNumber?: string } = { StartingSequenceNumber: first };
  if (!s.enabled) range.EndingSequenceNumber = s.records[s.records.length - 1]?.dynamodb.SequenceNumber ?? first;
  return {
    StreamDescription: {
      StreamArn: s.arn,
      StreamLabel: s.label,
      StreamStatus: s.enabled ? 'ENABLED' : 'DISABLED',
      StreamViewType: s.viewType,
      CreationRequestDateTime: s.createdAt,
      TableName: s.tableName,
      KeySchema: table?.keySchema.map((k) => ({ ...k })) ?? [],
      Shards: [{ ShardId: s.shardId, SequenceNumberRange: range }],
    },
  };
}

const ITERATOR_TYPES = ['TRIM_HORIZON', 'LATEST', 'AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'];

/** GetShardIterator. */
export function getShardIterator(state: StoreState, input: { StreamArn: string; ShardId: string; ShardIteratorType: string; SequenceNumber?: string }) {
  new Constraints()
    .required(input.ShardIteratorType, 'shardIteratorType')
    .oneOf(input.ShardIteratorType, 'shardIteratorType', ITERATOR_TYPES)
    .required(input.ShardId, 'shardId')
    .check();
  const s = findStream(state, input.StreamArn);
  if (input.ShardId !== s.shardId)
    throw streamNotFoundShard(input.ShardId, s.arn);
  let position: number;
  switch (input.ShardIteratorType) {
    case 'TRIM_HORIZON':
      position = 0;
      break;
    case 'LATEST':
      position = s.records.length;
      break;
    default: {
      if (input.SequenceNumber === undefined) throw validation('Must specify SequenceNumber for AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER iterator types');
      const at = s.records.findIndex((r) => r.dynamodb.SequenceNumber === input.SequenceNumber);
      if (at === -1) throw validation(`Invalid SequenceNumber for ShardIterator: ${input.SequenceNumber}`);
      position = input.ShardIteratorType === 'AT_SEQUENCE_NUMBER' ? at : at + 1;
    }
  }
  return { ShardIterator: encodeIterator({ a: s.arn, s: s.shardId, p: position }) };
}

function streamNotFoundShard(shard: string, _arn: string): DynamoDBError {
  return new DynamoDBError('ResourceNotFoundException', `Requested resource not found: Shard does not exist: ${shard}`);
}

/** GetRecords. */
export function getRecords(state: StoreState, input: { ShardIterator: string; Limit?: number }): { Records: StreamRecord[]; NextShardIterator?: string } {
  new Constraints().range(input.Limit, 'limit', 1, 1000).check();
  const it = decodeIterator(input.ShardIterator);
  const s = findStream(state, it.a);
  const limit = input.Limit ?? 1000;
  const records = s.records.slice(it.p, it.p + limit).map((r) => structuredClone(r));
  const next = it.p + records.length;
  const out: { Records: StreamRecord[]; NextShardIterator?: string } = { Records: records };
  // A disabled stream's shard is closed: once drained, there is no next iterator.
  if (s.enabled || next < s.records.length) out.NextShardIterator = encodeIterator({ a: s.arn, s: s.shardId, p: next });
  return out;
}
