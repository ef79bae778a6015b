/**
 * PutItem, GetItem, UpdateItem and DeleteItem. Each validates the request in AWS's order
 * (constraints, values, expressions, then the table and its key schema), evaluates its
 * condition against the current item, and only then writes: a failed condition changes nothing.
 */
import { cloneMap, cloneValue, importMap, itemSize, keyString, type AttributeMap } from './attribute-value.js';
import { consumedCapacity, indexWrites, readUnits, writeUnits, type CapacityMode, type ConsumedCapacity } from './capacity.js';
import { conditionalCheckFailed, validation } from './errors.js';
import { checkOverlaps, prepareExpressions, resolvedElements, type PreparedExpressions } from './expression/context.js';
import { copyPath, evaluateCondition, project } from './expression/evaluate.js';
import { applyUpdate, updatePaths } from './expression/update.js';
import { legacyExpressions } from './legacy.js';
import { outputItem, tableFor, type StoreState } from './state.js';
import type { Table } from './table.js';
import {
  checkNoMixing,
  Constraints,
  RETURN_CONSUMED_CAPACITY,
  RETURN_ITEM_COLLECTION_METRICS,
  RETURN_ON_CONDITION_FAILURE,
  RETURN_VALUES,
} from './validate.js';

/** Members shared by the item operations' inputs. */
export interface ItemRequestBase {
  TableName: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: AttributeMap;
  ReturnConsumedCapacity?: string;
  ReturnItemCollectionMetrics?: string;
  ConditionExpression?: string;
  ReturnValues?: string;
  ReturnValuesOnConditionCheckFailure?: string;
  /** Legacy parameters (translated to expressions). */
  Expected?: Record<string, unknown>;
  ConditionalOperator?: string;
}

export interface PutItemInput extends ItemRequestBase {
  Item: AttributeMap;
}
export interface PutItemOutput {
  Attributes?: AttributeMap;
  ConsumedCapacity?: ConsumedCapacity;
  ItemCollectionMetrics?: ItemCollectionMetrics;
}

/** Size of the item collection (a partition and its LSI entries) a write touched. */
export interface ItemCollectionMetrics {
  ItemCollectionKey: AttributeMap;
  SizeEstimateRangeGB: [number, number];
}

/**
 * ItemCollectionMetrics as AWS returns it: only with ReturnItemCollectionMetrics SIZE, only for
 * tables with local secondary indexes; the size is a one-gigabyte-wide estimate range.
 */
export function collectionMetrics(mode: string | undefined, table: Table, key: AttributeMap): ItemCollectionMetrics | undefined {
  if (mode !== 'SIZE') return undefined;
  const lsis = [...table.indexes.values()].filter((i) => i.kind === 'LSI');
  if (lsis.length === 0) return undefined;
  const hash = key[table.shape.hash] as AttributeMap[string];
  let bytes = 0;
  for (const store of [table.store, ...lsis.map((i) => i.store)])
    for (const e of store.partitions.get(keyString(hash))?.entries ?? []) bytes += e.size;
  const gb = Math.floor(bytes / 2 ** 30);
  return { ItemCollectionKey: { [table.shape.hash]: cloneValue(hash) }, SizeEstimateRangeGB: [gb, gb + 1] };
}
export interface GetItemInput {
  TableName: string;
  Key: AttributeMap;
  ConsistentRead?: boolean;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ReturnConsumedCapacity?: string;
  AttributesToGet?: string[];
}
export interface GetItemOutput {
  Item?: AttributeMap;
  ConsumedCapacity?: ConsumedCapacity;
}
export interface UpdateItemInput extends ItemRequestBase {
  Key: AttributeMap;
  UpdateExpression?: string;
  AttributeUpdates?: Record<string, unknown>;
}
export type UpdateItemOutput = PutItemOutput;
export interface DeleteItemInput extends ItemRequestBase {
  Key: AttributeMap;
}
export type DeleteItemOutput = PutItemOutput;

const MAX_ITEM = 400 * 1024;

function commonConstraints(input: ItemRequestBase, c: Constraints): Constraints {
  return c
    .tableName(input.TableName)
    .oneOf(input.ReturnValues, 'returnValues', RETURN_VALUES)
    .oneOf(input.ReturnConsumedCapacity, 'returnConsumedCapacity', RETURN_CONSUMED_CAPACITY)
    .oneOf(input.ReturnItemCollectionMetrics, 'returnItemCollectionMetrics', RETURN_ITEM_COLLECTION_METRICS)
    .oneOf(input.ReturnValuesOnConditionCheckFailure, 'returnValuesOnConditionCheckFailure', RETURN_ON_CONDITION_FAILURE);
}

/** Prepares a write's condition (expression or legacy Expected). */
export function prepareWrite(input: ItemRequestBase & { UpdateExpression?: string; AttributeUpdates?: unknown }): PreparedExpressions {
  const legacy = checkNoMixing(input as unknown as Record<string, unknown>);
  if (legacy.length > 0) return legacyExpressions(input as unknown as Record<string, unknown>);
  return prepareExpressions(input, { UpdateExpression: input.UpdateExpression, ConditionExpression: input.ConditionExpression });
}

/** Throws ConditionalCheckFailedException when the prepared condition fails on `old`. */
export function checkCondition(prepared: PreparedExpressions, old: AttributeMap | undefined, returnOnFailure: string | undefined): void {
  if (prepared.condition === undefined) return;
  if (evaluateCondition(prepared.condition, old, prepared.context)) return;
  throw conditionalCheckFailed(returnOnFailure === 'ALL_OLD' && old !== undefined ? cloneMap(old) : undefined);
}

/** Validates and stores a new item. */
export function putItem(state: StoreState, input: PutItemInput): PutItemOutput {
  const c = commonConstraints(input, new Constraints()).required(input.Item, 'item');
  c.check();
  if (input.ReturnValues !== undefined && input.ReturnValues !== 'NONE' && input.ReturnValues !== 'ALL_OLD')
    throw validation('ReturnValues can only be ALL_OLD or NONE');
  const item = importMap(input.Item);
  const prepared = prepareWrite(input);
  const table = tableFor(state, input.TableName);
  table.checkItemKeys(item);
  if (itemSize(item) > MAX_ITEM) throw validation('Item size has exceeded the maximum allowed size');
  const old = table.getItem(item);
  checkCondition(prepared, old, input.ReturnValuesOnConditionCheckFailure);
  const capacity = writeCapacity(input.ReturnConsumedCapacity as CapacityMode, table, old, item);
  table.write(old, item, state.clock.now());
  const out: PutItemOutput = {};
  if (input.ReturnValues === 'ALL_OLD' && old !== undefined) out.Attributes = cloneMap(old);
  if (capacity) out.ConsumedCapacity = capacity;
  const metrics = collectionMetrics(input.ReturnItemCollectionMetrics, table, item);
  if (metrics) out.ItemCollectionMetrics = metrics;
  return out;
}

/** Capacity of one write, table plus indexes. */
export function writeCapacity(mode: CapacityMode, table: Table, old: AttributeMap | undefined, next: AttributeMap | undefined, transactional = false) {
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return undefined;
  const size = Math.max(old ? itemSize(old) : 0, next ? itemSize(next) : 0);
  return consumedCapacity(mode, table, 'write', writeUnits(size, transactional), indexWrites(table, old, next));
}

/** Reads one item by key. */
export function getItem(state: StoreState, input: GetItemInput): GetItemOutput {
  new Constraints()
    .tableName(input.TableName)
    .required(input.Key, 'key')
    .oneOf(input.ReturnConsumedCapacity, 'returnConsumedCapacity', RETURN_CONSUMED_CAPACITY)
    .check();
  const key = importMap(input.Key);
  const legacy = checkNoMixing(input as unknown as Record<string, unknown>);
  const prepared = legacy.length > 0 ? legacyExpressions(input as unknown as Record<string, unknown>) : prepareExpressions(input, { ProjectionExpression: input.ProjectionExpression });
  const table = tableFor(state, input.TableName);
  table.checkKey(key);
  const item = table.getItem(key);
  const out: GetItemOutput = {};
  if (item !== undefined) out.Item = outputItem(state, prepared.projection ? project(item, prepared.projection, prepared.context) : item);
  const capacity = consumedCapacity(input.ReturnConsumedCapacity as CapacityMode, table, 'read', readUnits(item ? itemSize(item) : 0, input.ConsistentRead === true));
  if (capacity) out.ConsumedCapacity = capacity;
  return out;
}

/** Applies an update expression (creating the item if needed). */
export function updateItem(state: StoreState, input: UpdateItemInput): UpdateItemOutput {
  commonConstraints(input, new Constraints()).required(input.Key, 'key').check();
  const key = importMap(input.Key);
  const prepared = prepareWrite(input);
  const table = tableFor(state, input.TableName);
  table.checkKey(key);
  const paths = checkUpdatePaths(table, prepared);
  const old = table.getItem(key);
  checkCondition(prepared, old, input.ReturnValuesOnConditionCheckFailure);
  const base = old ?? key;
  const next = prepared.update ? applyUpdate(base, prepared.update, prepared.context) : cloneMap(base);
  if (itemSize(next) > MAX_ITEM) throw validation('Item size to update has exceeded the maximum allowed size');
  table.checkItemKeys(next);
  const capacity = writeCapacity(input.ReturnConsumedCapacity as CapacityMode, table, old, next);
  table.write(old, next, state.clock.now());
  const out: UpdateItemOutput = {};
  const attributes = returnedAttributes(input.ReturnValues, old, next, paths);
  if (attributes !== undefined) out.Attributes = attributes;
  if (capacity) out.ConsumedCapacity = capacity;
  const metrics = collectionMetrics(input.ReturnItemCollectionMetrics, table, key);
  if (metrics) out.ItemCollectionMetrics = metrics;
  return out;
}

/** Rejects overlapping paths and updates of key attributes; returns the resolved paths. */
export function checkUpdatePaths(table: Table, prepared: PreparedExpressions): (string | number)[][] {
  if (prepared.update === undefined) return [];
  const paths = updatePaths(prepared.update);
  checkOverlaps(paths, prepared.context.names, 'UpdateExpression');
  const resolved = paths.map((p) => resolvedElements(p, prepared.context.names));
  for (const r of resolved) {
    const top = r[0] as string;
    if (top === table.shape.hash || top === table.shape.range)
      throw validation(`One or more parameter values were invalid: Cannot update attribute ${top}. This attribute is part of the key`);
  }
  return resolved;
}

function returnedAttributes(mode: string | undefined, old: AttributeMap | undefined, next: AttributeMap, paths: (string | number)[][]): AttributeMap | undefined {
  let out: AttributeMap | undefined;
  switch (mode) {
    case 'ALL_OLD':
      out = old;
      break;
    case 'ALL_NEW':
      out = next;
      break;
    case 'UPDATED_OLD':
    case 'UPDATED_NEW': {
      const source = mode === 'UPDATED_OLD' ? old : next;
      if (source === undefined) return undefined;
      out = {};
      for (const p of paths) copyPath(source, out, p);
      break;
    }
    default:
      return undefined;
  }
  return out === undefined || Object.keys(out).length === 0 ? undefined : cloneMap(out);
}

/** Deletes one item by key (a missing item is not an error). */
export function deleteItem(state: StoreState, input: DeleteItemInput): DeleteItemOutput {
  commonConstraints(input, new Constraints()).required(input.Key, 'key').check();
  if (input.ReturnValues !== undefined && input.ReturnValues !== 'NONE' && input.ReturnValues !== 'ALL_OLD')
    throw validation('ReturnValues can only be ALL_OLD or NONE');
  const key = importMap(input.Key);
  const prepared = prepareWrite(input);
  const table = tableFor(state, input.TableName);
  table.checkKey(key);
  const old = table.getItem(key);
  checkCondition(prepared, old, input.ReturnValuesOnConditionCheckFailure);
  const capacity = writeCapacity(input.ReturnConsumedCapacity as CapacityMode, table, old, undefined);
  if (old !== undefined) table.write(old, undefined, state.clock.now());
  const out: DeleteItemOutput = {};
  if (input.ReturnValues === 'ALL_OLD' && old !== undefined) out.Attributes = cloneMap(old);
  if (capacity) out.ConsumedCapacity = capacity;
  const metrics = collectionMetrics(input.ReturnItemCollectionMetrics, table, key);
  if (metrics) out.ItemCollectionMetrics = metrics;
  return out;
}
