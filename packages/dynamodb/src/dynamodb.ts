/**
 * The `DynamoDB` class: the store's public API. Each method is a DynamoDB operation in camelCase
 * taking and returning the AWS SDK v3 shapes, so a test reads like one written against AWS.
 */
import { randomUUID } from 'node:crypto';
import { batchGetItem, batchWriteItem, type BatchGetItemInput, type BatchGetItemOutput, type BatchWriteItemInput, type BatchWriteItemOutput } from './batch.js';
import type { AttributeValue } from './attribute-value.js';
import { DynamoDBError } from './errors.js';
import { batchExecuteStatement, executeStatement, executeTransaction, type ExecuteStatementInput, type ExecuteStatementOutput } from './partiql-operations.js';
import {
  deleteItem,
  getItem,
  putItem,
  updateItem,
  type DeleteItemInput,
  type DeleteItemOutput,
  type GetItemInput,
  type GetItemOutput,
  type PutItemInput,
  type PutItemOutput,
  type UpdateItemInput,
  type UpdateItemOutput,
} from './item-operations.js';
import { query, scan, type QueryInput, type QueryOutput, type ScanInput, type ScanOutput } from './query-scan.js';
import type { Clock, StoreState, StreamListener } from './state.js';
import { describeStream, getRecords, getShardIterator, listStreams } from './streams-api.js';
import type { StreamEnv } from './streams.js';
import {
  createTable,
  deleteTable,
  describeLimits,
  describeTable,
  describeTimeToLive,
  listTables,
  updateTable,
  updateTimeToLive,
  type CreateTableInput,
  type UpdateTableInput,
} from './table-operations.js';
import { listTagsOfResource, tagResource, untagResource } from './tags.js';
import { transactGetItems, transactWriteItems, type TransactGetItemsInput, type TransactGetItemsOutput, type TransactWriteItemsInput, type TransactWriteItemsOutput } from './transact.js';

/** Options of a store; every field is optional. */
export interface DynamoDBOptions {
  /**
   * Time source for TTL expiry, stream timestamps and table creation times.
   * @default Date.now
   */
  clock?: Clock;
  /** @default 'us-east-1' */
  region?: string;
  /** @default '000000000000' */
  accountId?: string;
  /**
   * Id source for table ids and stream event ids.
   * @default crypto.randomUUID
   */
  newId?: () => string;
}

/** The options with defaults applied. */
export interface ResolvedDynamoDBOptions {
  clock: Clock;
  region: string;
  accountId: string;
  newId: () => string;
}

export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_ACCOUNT_ID = '000000000000';

/** Applies the defaults. */
export function resolveOptions(options: DynamoDBOptions = {}): ResolvedDynamoDBOptions {
  return {
    clock: options.clock ?? { now: () => Date.now() },
    region: options.region ?? DEFAULT_REGION,
    accountId: options.accountId ?? DEFAULT_ACCOUNT_ID,
    newId: options.newId ?? randomUUID,
  };
}

type Operation = (input: never) => unknown;

/**
 * An in-memory DynamoDB. Exact semantics and error texts, no I/O.
 *
 * @example
 * const db = new DynamoDB();
 * await db.createTable({ TableName: 'users', BillingMode: 'PAY_PER_REQUEST',
 *   KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
 *   AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] });
 * await db.putItem({ TableName: 'users', Item: { id: { S: 'u1' } } });
 */
export class DynamoDB {
  readonly options: ResolvedDynamoDBOptions;
  private readonly state: StoreState;
  private readonly streamEnv: StreamEnv;

  constructor(options: DynamoDBOptions = {}) {
    this.options = resolveOptions(options);
    const state: StoreState = {
      tables: new Map(),
      clock: this.options.clock,
      region: this.options.region,
      accountId: this.options.accountId,
      newId: this.options.newId,
      listeners: new Set(),
      transactionTokens: new Map(),
      sequence: 0n,
      retiredStreams: [],
      shareOutput: false,
    };
    this.state = state;
    this.streamEnv = {
      region: state.region,
      newId: state.newId,
      nextSequence: () => {
        state.sequence += 1n;
        return (100000000000000000000n + state.sequence).toString();
      },
      emit: (tableName, streamArn, record) => {
        for (const l of state.listeners) l({ tableName, streamArn, record });
      },
    };
  }

  // Operations run synchronously inside; the async signature matches the SDK and the server.
  private run<I, O>(fn: (state: StoreState, input: I) => O, input: I): Promise<O> {
    if (input !== undefined && (typeof input !== 'object' || input === null || Array.isArray(input)))
      return Promise.reject(new DynamoDBError('SerializationException', 'Start of structure or map found where not expected.'));
    try {
      return Promise.resolve(fn(this.state, input));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** CreateTable. */
  createTable(input: CreateTableInput) {
    return this.run((s, i: CreateTableInput) => createTable(s, i, this.streamEnv), input);
  }
  /** DescribeTable. */
  describeTable(input: { TableName: string }) {
    return this.run(describeTable, input);
  }
  /** ListTables. */
  listTables(input: { ExclusiveStartTableName?: string; Limit?: number } = {}) {
    return this.run(listTables, input);
  }
  /** UpdateTable. */
  updateTable(input: UpdateTableInput) {
    return this.run((s, i: UpdateTableInput) => updateTable(s, i, this.streamEnv), input);
  }
  /** DeleteTable. */
  deleteTable(input: { TableName: string }) {
    return this.run(deleteTable, input);
  }
  /** UpdateTimeToLive. */
  updateTimeToLive(input: { TableName: string; TimeToLiveSpecification: { Enabled: boolean; AttributeName: string } }) {
    return this.run(updateTimeToLive, input);
  }
  /** DescribeTimeToLive. */
  describeTimeToLive(input: { TableName: string }) {
    return this.run(describeTimeToLive, input);
  }
  /** DescribeLimits. */
  describeLimits(_input: Record<string, never> = {}) {
    return this.run(describeLimits, undefined);
  }
  /** PutItem. */
  putItem(input: PutItemInput): Promise<PutItemOutput> {
    return this.run(putItem, input);
  }
  /** GetItem. */
  getItem(input: GetItemInput): Promise<GetItemOutput> {
    return this.run(getItem, input);
  }
  /** UpdateItem. */
  updateItem(input: UpdateItemInput): Promise<UpdateItemOutput> {
    return this.run(updateItem, input);
  }
  /** DeleteItem. */
  deleteItem(input: DeleteItemInput): Promise<DeleteItemOutput> {
    return this.run(deleteItem, input);
  }
  /** Query. */
  query(input: QueryInput): Promise<QueryOutput> {
    return this.run(query, input);
  }
  /** Scan. */
  scan(input: ScanInput): Promise<ScanOutput> {
    return this.run(scan, input);
  }
  /** BatchGetItem. */
  batchGetItem(input: BatchGetItemInput): Promise<BatchGetItemOutput> {
    return this.run(batchGetItem, input);
  }
  /** BatchWriteItem. */
  batchWriteItem(input: BatchWriteItemInput): Promise<BatchWriteItemOutput> {
    return this.run(batchWriteItem, input);
  }
  /** TransactWriteItems. */
  transactWriteItems(input: TransactWriteItemsInput): Promise<TransactWriteItemsOutput> {
    return this.run(transactWriteItems, input);
  }
  /** TransactGetItems. */
  transactGetItems(input: TransactGetItemsInput): Promise<TransactGetItemsOutput> {
    return this.run(transactGetItems, input);
  }
  /** TagResource. */
  tagResource(input: { ResourceArn: string; Tags: { Key: string; Value: string }[] }) {
    return this.run(tagResource, input);
  }
  /** UntagResource. */
  untagResource(input: { ResourceArn: string; TagKeys: string[] }) {
    return this.run(untagResource, input);
  }
  /** ListTagsOfResource. */
  listTagsOfResource(input: { ResourceArn: string; NextToken?: string }) {
    return this.run(listTagsOfResource, input);
  }
  /** ExecuteStatement (PartiQL: SELECT, INSERT, UPDATE, DELETE). */
  executeStatement(input: ExecuteStatementInput): Promise<ExecuteStatementOutput> {
    return this.run(executeStatement, input);
  }
  /** BatchExecuteStatement (PartiQL). */
  batchExecuteStatement(input: { Statements: { Statement: string; Parameters?: AttributeValue[]; ConsistentRead?: boolean }[] }) {
    return this.run(batchExecuteStatement, input);
  }
  /** ExecuteTransaction (PartiQL). */
  executeTransaction(input: { TransactStatements: { Statement: string; Parameters?: AttributeValue[] }[]; ClientRequestToken?: string }) {
    return this.run(executeTransaction, input);
  }

  // ---- DynamoDB Streams ----

  /** ListStreams (DynamoDB Streams). */
  listStreams(input: { TableName?: string; Limit?: number; ExclusiveStartStreamArn?: string } = {}) {
    return this.run(listStreams, input);
  }
  /** DescribeStream (DynamoDB Streams). */
  describeStream(input: { StreamArn: string }) {
    return this.run(describeStream, input);
  }
  /** GetShardIterator (DynamoDB Streams). */
  getShardIterator(input: { StreamArn: string; ShardId: string; ShardIteratorType: string; SequenceNumber?: string }) {
    return this.run(getShardIterator, input);
  }
  /** GetRecords (DynamoDB Streams). */
  getRecords(input: { ShardIterator: string; Limit?: number }) {
    return this.run(getRecords, input);
  }

  /**
   * Subscribes to every stream record as it is written (for event source mappings).
   * Returns the function that unsubscribes.
   */
  onStreamRecord(listener: StreamListener): () => void {
    this.state.listeners.add(listener);
    return () => this.state.listeners.delete(listener);
  }

  /** The operation names this store answers, for wire adapters. */
  static readonly operations: readonly string[] = [
    'createTable', 'describeTable', 'listTables', 'updateTable', 'deleteTable', 'updateTimeToLive', 'describeTimeToLive',
    'describeLimits', 'putItem', 'getItem', 'updateItem', 'deleteItem', 'query', 'scan', 'batchGetItem', 'batchWriteItem',
    'transactWriteItems', 'transactGetItems', 'tagResource', 'untagResource', 'listTagsOfResource', 'executeStatement', 'batchExecuteStatement', 'executeTransaction',
  ];
  /** The DynamoDB Streams operation names. */
  static readonly streamOperations: readonly string[] = ['listStreams', 'describeStream', 'getShardIterator', 'getRecords'];

  /** Calls an operation by name (wire adapters use this; unknown names are rejected by them first). */
  call(operation: string, input: unknown): Promise<unknown> {
    const fn = (this as unknown as Record<string, Operation>)[operation];
    if (typeof fn !== 'function' || (!DynamoDB.operations.includes(operation) && !DynamoDB.streamOperations.includes(operation)))
      return Promise.reject(new DynamoDBError('UnknownOperationException', ''));
    return (fn as (i: unknown) => Promise<unknown>).call(this, input ?? {});
  }

  /**
   * Like `call`, for a wire adapter that serialises the output at once: read items in it are
   * the store's own objects rather than copies, so the output must not be kept or changed.
   * Operations run synchronously inside `call`, so the sharing ends before this returns.
   */
  callShared(operation: string, input: unknown): Promise<unknown> {
    this.state.shareOutput = true;
    try {
      return this.call(operation, input);
    } finally {
      this.state.shareOutput = false;
    }
  }
}
