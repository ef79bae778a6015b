/**
 * DynamoDB Streams: each write to a table with a stream appends a record (INSERT, MODIFY or
 * REMOVE, with the images its StreamViewType asks for). Records are readable through the
 * DynamoDB Streams API (one shard per stream) and pushed to listeners, which is what a Lambda
 * event source mapping consumes.
 */
import { cloneMap, itemSize, type AttributeMap } from './attribute-value.js';
import { DynamoDBError, validation } from './errors.js';

export type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';
export const STREAM_VIEW_TYPES: readonly StreamViewType[] = ['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY'];

/** A stream record in the shape GetRecords returns (and Lambda receives, after the SDK's mapping). */
export interface StreamRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: '1.1';
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  dynamodb: {
    ApproximateCreationDateTime: Date;
    Keys: AttributeMap;
    NewImage?: AttributeMap;
    OldImage?: AttributeMap;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: StreamViewType;
  };
  userIdentity?: { Type: string; PrincipalId: string };
}

/** Shared by the streams of one store: region, ids and the sequence counter. */
export interface StreamEnv {
  readonly region: string;
  nextSequence(): string;
  newId(): string;
  emit(tableName: string, streamArn: string, record: StreamRecord): void;
}

/** The stream of one table. */
export class TableStream {
  readonly records: StreamRecord[] = [];
  enabled = true;
  /** When its table was deleted (the stream stays readable for 24 hours after). */
  retiredAt: number | undefined;
  readonly shardId: string;

  constructor(
    readonly tableName: string,
    readonly arn: string,
    readonly label: string,
    readonly viewType: StreamViewType,
    readonly createdAt: Date,
    private readonly env: StreamEnv,
  ) {
    this.shardId = `shardId-${String(createdAt.getTime()).padStart(20, '0')}-${label.replace(/\D/g, '').slice(-8).padStart(8, '0')}`;
  }

  /** Appends the record for one change. */
  record(keys: AttributeMap, old: AttributeMap | undefined, next: AttributeMap | undefined, atMs: number, userIdentity?: StreamRecord['userIdentity']): void {
    if (!this.enabled) return;
    const eventName = old === undefined ? 'INSERT' : next === undefined ? 'REMOVE' : 'MODIFY';
    const withNew = (this.viewType === 'NEW_IMAGE' || this.viewType === 'NEW_AND_OLD_IMAGES') && next !== undefined;
    const withOld = (this.viewType === 'OLD_IMAGE' || this.viewType === 'NEW_AND_OLD_IMAGES') && old !== undefined;
    const dynamodb: StreamRecord['dynamodb'] = {
      // AWS rounds the approximate time down to the second.
      ApproximateCreationDateTime: new Date(Math.floor(atMs / 1000) * 1000),
      Keys: cloneMap(keys),
      SequenceNumber: this.env.nextSequence(),
      SizeBytes: itemSize(keys) + (withNew ? itemSize(next) : 0) + (withOld ? itemSize(old) : 0),
      StreamViewType: this.viewType,
    };
    if (withNew) dynamodb.NewImage = cloneMap(next);
    if (withOld) dynamodb.OldImage = cloneMap(old);
    const record: StreamRecord = {
      eventID: this.env.newId().replace(/-/g, ''),
      eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: this.env.region,
      dynamodb,
    };
    if (userIdentity !== undefined) record.userIdentity = userIdentity;
    this.records.push(record);
    this.env.emit(this.tableName, this.arn, record);
  }
}

interface IteratorState {
  a: string;
  s: string;
  p: number;
}

/** Encodes a shard position as an opaque iterator string. */
export function encodeIterator(state: IteratorState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

/** Decodes an iterator, failing as AWS does for a malformed one. */
export function decodeIterator(text: unknown): IteratorState {
  if (typeof text !== 'string' || text.length === 0)
    throw validation("1 validation error detected: Value null at 'shardIterator' failed to satisfy constraint: Member must not be null");
  try {
    const v = JSON.parse(Buffer.from(text, 'base64url').toString()) as IteratorState;
    if (typeof v.a === 'string' && typeof v.s === 'string' && typeof v.p === 'number') return v;
  } catch {
    // fall through to AWS's error
  }
  throw validation('Invalid ShardIterator');
}

/** AWS's error for a stream ARN that names no stream. */
export const streamNotFound = (arn: string): DynamoDBError =>
  new DynamoDBError('ResourceNotFoundException', `Requested resource not found: Stream: ${arn} not found`);
