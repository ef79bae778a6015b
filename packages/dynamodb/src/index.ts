/**
 * @fogbank/dynamodb: an in-memory DynamoDB with AWS's semantics, shapes and error texts.
 * @packageDocumentation
 */
export { DynamoDB, resolveOptions, DEFAULT_ACCOUNT_ID, DEFAULT_REGION, type DynamoDBOptions, type ResolvedDynamoDBOptions } from './dynamodb.js';
export { DynamoDBError, type WireShape } from './errors.js';
export type { AttributeValue, AttributeMap } from './attribute-value.js';
export type { Clock, StreamListener } from './state.js';
export type { StreamRecord, StreamViewType } from './streams.js';
export type { PutItemInput, PutItemOutput, GetItemInput, GetItemOutput, UpdateItemInput, UpdateItemOutput, DeleteItemInput, DeleteItemOutput } from './item-operations.js';
export type { QueryInput, QueryOutput, ScanInput, ScanOutput } from './query-scan.js';
export type { BatchGetItemInput, BatchGetItemOutput, BatchWriteItemInput, BatchWriteItemOutput, WriteRequest } from './batch.js';
export type { TransactWriteItemsInput, TransactWriteItemsOutput, TransactGetItemsInput, TransactGetItemsOutput, CancellationReason } from './transact.js';
export type { CreateTableInput, UpdateTableInput, TableDescription } from './table-operations.js';
export { reservedWordCount } from './reserved-words.js';
