/**
 * BatchGetItem and BatchWriteItem: many independent reads or writes in one call, with AWS's
 * limits (100 keys, 25 writes, 16 MB of results) and its Unprocessed* shapes. fogbank never
 * throttles, so UnprocessedItems is always empty and UnprocessedKeys holds only what did not fit
 * in 16 MB.
 */
import { cloneMap, importMap, itemSize, type AttributeMap } from './attribute-value.js';
import { mergeCapacity, type CapacityMode, type ConsumedCapacity, consumedCapacity, readUnits } from './capacity.js';
import { validation } from './errors.js';
import { prepareExpressions, type PreparedExpressions } from './expression/context.js';
import { project } from './expression/evaluate.js';
import { writeCapacity } from './item-operations.js';
import { legacyExpressions } from './legacy.js';
import { outputItem, tableFor, type StoreState } from './state.js';
import type { Table } from './table.js';
import { checkNoMixing, Constraints, RETURN_CONSUMED_CAPACITY, RETURN_ITEM_COLLECTION_METRICS } from './validate.js';

interface KeysAndAttributes {
  Keys: AttributeMap[];
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ConsistentRead?: boolean;
  AttributesToGet?: string[];
}

export interface BatchGetItemInput {
  RequestItems: Record<string, KeysAndAttributes>;
  ReturnConsumedCapacity?: string;
}
export interface BatchGetItemOutput {
  Responses: Record<string, AttributeMap[]>;
  UnprocessedKeys: Record<string, KeysAndAttributes>;
  ConsumedCapacity?: ConsumedCapacity[];
}

export interface WriteRequest {
  PutRequest?: { Item: AttributeMap };
  DeleteRequest?: { Key: AttributeMap };
}
export interface BatchWriteItemInput {
  RequestItems: Record<string, WriteRequest[]>;
  ReturnConsumedCapacity?: string;
  ReturnItemCollectionMetrics?: string;
}
export interface BatchWriteItemOutput {
  UnprocessedItems: Record<string, WriteRequest[]>;
  ConsumedCapacity?: ConsumedCapacity[];
}

const RESPONSE_LIMIT = 16 * 1024 * 1024;

/** BatchGetItem. */
export function batchGetItem(state: StoreState, input: BatchGetItemInput): BatchGetItemOutput {
  const c = new Constraints().required(input.RequestItems, 'requestItems').oneOf(input.ReturnConsumedCapacity, 'returnConsumedCapacity', RETURN_CONSUMED_CAPACITY);
  c.check();
  const entries = Object.entries(input.RequestItems);
  if (entries.length === 0) new Constraints().length(input.RequestItems, 'requestItems', 1).check();
  const total = entries.reduce((n, [, r]) => n + (r?.Keys?.length ?? 0), 0);
  if (total > 100) throw validation('Too many items requested for the BatchGetItem call');
  const plans: { table: Table; keys: AttributeMap[]; prepared: PreparedExpressions; request: KeysAndAttributes }[] = [];
  for (const [name, request] of entries) {
    new Constraints().tableName(name, 'requestItems.member.key').length(request?.Keys, 'requestItems.' + name + '.member.keys', 1, 100).check();
    const keys = request.Keys.map(importMap);
    const legacy = checkNoMixing(request as unknown as Record<string, unknown>);
    const prepared = legacy.length > 0 ? legacyExpressions(request as unknown as Record<string, unknown>) : prepareExpressions(request, { ProjectionExpression: request.ProjectionExpression });
    const table = tableFor(state, name);
    const seen = new Set<string>();
    for (const k of keys) {
      table.checkKey(k);
      const tie = table.tieOf(k);
      if (seen.has(tie)) throw validation('Provided list of item keys contains duplicates');
      seen.add(tie);
    }
    plans.push({ table, keys, prepared, request });
  }
  const out: BatchGetItemOutput = { Responses: {}, UnprocessedKeys: {} };
  const capacities: ConsumedCapacity[] = [];
  let bytes = 0;
  for (const { table, keys, prepared, request } of plans) {
    const items: AttributeMap[] = [];
    let capacity: ConsumedCapacity | undefined;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as AttributeMap;
      const item = table.getItem(key);
      const size = item ? itemSize(item) : 0;
      if (bytes + size > RESPONSE_LIMIT) {
        const rest = keys.slice(i).map(cloneMap);
        out.UnprocessedKeys[table.name] = { ...request, Keys: rest };
        break;
      }
      bytes += size;
      capacity = mergeCapacity(capacity, consumedCapacity(input.ReturnConsumedCapacity as CapacityMode, table, 'read', readUnits(size, request.ConsistentRead === true)));
      if (item) items.push(outputItem(state, prepared.projection ? project(item, prepared.projection, prepared.context) : item));
    }
    out.Responses[table.name] = items;
    if (capacity) capacities.push(capacity);
  }
  if (capacities.length > 0) out.ConsumedCapacity = capacities;
  return out;
}

/** BatchWriteItem: validates every request, then applies them all. */
export function batchWriteItem(state: StoreState, input: BatchWriteItemInput): BatchWriteItemOutput {
  new Constraints()
    .required(input.RequestItems, 'requestItems')
    .oneOf(input.ReturnConsumedCapacity, 'returnConsumedCapacity', RETURN_CONSUMED_CAPACITY)
    .oneOf(input.ReturnItemCollectionMetrics, 'returnItemCollectionMetrics', RETURN_ITEM_COLLECTION_METRICS)
    .check();
  const entries = Object.entries(input.RequestItems);
  if (entries.length === 0) new Constraints().length(input.RequestItems, 'requestItems', 1).check();
  for (const [name, requests] of entries)
    new Constraints().required(requests, `requestItems.${name}.member`).length(requests, `requestItems.${name}.member`, 1).check();
  const total = entries.reduce((n, [, r]) => n + r.length, 0);
  if (total > 25) throw validation('Too many items requested for the BatchWriteItem call');
  const writes: { table: Table; item: AttributeMap; put: boolean }[] = [];
  for (const [name, requests] of entries) {
    new Constraints().tableName(name, 'requestItems.member.key').check();
    const table = tableFor(state, name);
    const seen = new Set<string>();
    for (const r of requests) {
      const kinds = (r.PutRequest ? 1 : 0) + (r.DeleteRequest ? 1 : 0);
      if (kinds !== 1) throw validation('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
      let item: AttributeMap;
      if (r.PutRequest) {
        item = importMap(r.PutRequest.Item);
        table.checkItemKeys(item);
        if (itemSize(item) > 400 * 1024) throw validation('Item size has exceeded the maximum allowed size');
      } else {
        item = importMap((r.DeleteRequest as { Key: AttributeMap }).Key);
        table.checkKey(item);
      }
      const tie = table.tieOf(item);
      if (seen.has(tie)) throw validation('Provided list of item keys contains duplicates');
      seen.add(tie);
      writes.push({ table, item, put: r.PutRequest !== undefined });
    }
  }
  const capacities = new Map<string, ConsumedCapacity>();
  const now = state.clock.now();
  for (const { table, item, put } of writes) {
    const old = table.getItem(item);
    const cap = writeCapacity(input.ReturnConsumedCapacity as CapacityMode, table, old, put ? item : undefined);
    if (cap) capacities.set(table.name, mergeCapacity(capacities.get(table.name), cap) as ConsumedCapacity);
    if (put) table.write(old, item, now);
    else if (old !== undefined) table.write(old, undefined, now);
  }
  const out: BatchWriteItemOutput = { UnprocessedItems: {} };
  if (capacities.size > 0) out.ConsumedCapacity = [...capacities.values()];
  return out;
}
