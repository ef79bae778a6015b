/**
 * TransactWriteItems and TransactGetItems. A write transaction validates every action, then
 * evaluates every condition against the current items; if any fails, nothing is written and
 * TransactionCanceledException lists one reason per action, in order. A ClientRequestToken
 * makes a repeated call a no-op for 10 minutes (AWS's idempotency window).
 */
import { cloneMap, importMap, itemSize, type AttributeMap } from './attribute-value.js';
import { consumedCapacity, mergeCapacity, readUnits, type CapacityMode, type ConsumedCapacity } from './capacity.js';
import { DynamoDBError, validation } from './errors.js';
import { prepareExpressions, type PreparedExpressions } from './expression/context.js';
import { evaluateCondition, project } from './expression/evaluate.js';
import { applyUpdate } from './expression/update.js';
import { checkUpdatePaths, writeCapacity } from './item-operations.js';
import { outputItem, tableFor, type StoreState } from './state.js';
import type { Table } from './table.js';
import { Constraints, RETURN_CONSUMED_CAPACITY, RETURN_ITEM_COLLECTION_METRICS, RETURN_ON_CONDITION_FAILURE } from './validate.js';

interface ActionBase {
  TableName: string;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: AttributeMap;
  ReturnValuesOnConditionCheckFailure?: string;
}

export interface TransactWriteItem {
  ConditionCheck?: ActionBase & { Key: AttributeMap };
  Put?: ActionBase & { Item: AttributeMap };
  Delete?: ActionBase & { Key: AttributeMap };
  Update?: ActionBase & { Key: AttributeMap; UpdateExpression: string };
}
export interface TransactWriteItemsInput {
  TransactItems: TransactWriteItem[];
  ClientRequestToken?: string;
  ReturnConsumedCapacity?: string;
  ReturnItemCollectionMetrics?: string;
}
export interface TransactWriteItemsOutput {
  ConsumedCapacity?: ConsumedCapacity[];
}
export interface TransactGetItemsInput {
  TransactItems: { Get: { TableName: string; Key: AttributeMap; ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> } }[];
  ReturnConsumedCapacity?: string;
}
export interface TransactGetItemsOutput {
  Responses: { Item?: AttributeMap }[];
  ConsumedCapacity?: ConsumedCapacity[];
}

/** One cancellation reason, as AWS lists them. */
export interface CancellationReason {
  Code: string;
  Message?: string;
  Item?: AttributeMap;
}

interface Plan {
  kind: 'ConditionCheck' | 'Put' | 'Delete' | 'Update';
  table: Table;
  key: AttributeMap;
  item?: AttributeMap;
  prepared: PreparedExpressions;
  returnOnFailure: string | undefined;
}

const IDEMPOTENCY_MS = 10 * 60 * 1000;

function plan(state: StoreState, action: TransactWriteItem): Plan {
  const kinds = (['ConditionCheck', 'Put', 'Delete', 'Update'] as const).filter((k) => action[k] !== undefined);
  if (kinds.length !== 1)
    throw validation('TransactItems can only contain one of Check, Put, Update or Delete');
  const kind = kinds[0] as Plan['kind'];
  const a = action[kind] as ActionBase & { Key?: AttributeMap; Item?: AttributeMap; UpdateExpression?: string };
  new Constraints().tableName(a.TableName).oneOf(a.ReturnValuesOnConditionCheckFailure, 'returnValuesOnConditionCheckFailure', RETURN_ON_CONDITION_FAILURE).check();
  if (kind === 'ConditionCheck' && a.ConditionExpression === undefined)
    throw validation("1 validation error detected: Value null at 'transactItems.1.member.conditionCheck.conditionExpression' failed to satisfy constraint: Member must not be null");
  const item = kind === 'Put' ? importMap(a.Item) : undefined;
  const key = kind === 'Put' ? undefined : importMap(a.Key);
  const prepared = prepareExpressions(a, { UpdateExpression: kind === 'Update' ? a.UpdateExpression : undefined, ConditionExpression: a.ConditionExpression });
  const table = tableFor(state, a.TableName);
  if (item !== undefined) {
    table.checkItemKeys(item);
    if (itemSize(item) > 400 * 1024) throw validation('Item size has exceeded the maximum allowed size');
  } else table.checkKey(key as AttributeMap);
  if (kind === 'Update') checkUpdatePaths(table, prepared);
  const p: Plan = { kind, table, key: item ? table.keyOf(item) : (key as AttributeMap), prepared, returnOnFailure: a.ReturnValuesOnConditionCheckFailure };
  if (item) p.item = item;
  return p;
}

/** TransactWriteItems: all or nothing. */
export function transactWriteItems(state: StoreState, input: TransactWriteItemsInput): TransactWriteItemsOutput {
  new Constraints()
    .required(input.TransactItems, 'transactItems')
    .length(input.TransactItems, 'transactItems', 1, 100, '[' + (input.TransactItems ?? []).map(() => 'com.amazonaws.dynamodb.v20120810.TransactWriteItem').join(', ') + ']')
    .length(input.ClientRequestToken, 'clientRequestToken', 1, 36)
    .oneOf(input.ReturnConsumedCapacity, 'returnConsumedCapacity', RETURN_CONSUMED_CAPACITY)
    .oneOf(input.ReturnItemCollectionMetrics, 'returnItemCollectionMetrics', RETURN_ITEM_COLLECTION_METRICS)
    .check();
  const now = state.clock.now();
  const token = input.ClientRequestToken;
  const fingerprint = token === undefined ? '' : JSON.stringify(input.TransactItems, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v));
  if (token !== undefined) {
    const seen = state.transactionTokens.get(token);
    if (seen !== undefined && now - seen.at < IDEMPOTENCY_MS) {
      if (seen.fingerprint !== fingerprint)
        throw new DynamoDBError('IdempotentParameterMismatchException', 'The request uses the same client token as a previous, but non-identical request.');
      return seen.response as TransactWriteItemsOutput;
    }
  }
  const plans = input.TransactItems.map((a) => plan(state, a));
  const seen = new Set<string>();
  for (const p of plans) {
    const id = `${p.table.name}\u0001${p.table.tieOf(p.key)}`;
    if (seen.has(id)) throw validation('Transaction request cannot include multiple operations on one item');
    seen.add(id);
  }
  const reasons: CancellationReason[] = [];
  const results: (AttributeMap | undefined)[] = [];
  let failed = false;
  for (const p of plans) {
    const old = p.table.getItem(p.key);
    if (p.prepared.condition !== undefined && !evaluateCondition(p.prepared.condition, old, p.prepared.context)) {
      const reason: CancellationReason = { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' };
      if (p.returnOnFailure === 'ALL_OLD' && old !== undefined) reason.Item = cloneMap(old);
      reasons.push(reason);
      results.push(undefined);
      failed = true;
      continue;
    }
    try {
      let next: AttributeMap | undefined;
      if (p.kind === 'Put') next = p.item;
      else if (p.kind === 'Update') {
        next = applyUpdate(old ?? p.key, p.prepared.update as NonNullable<PreparedExpressions['update']>, p.prepared.context);
        if (itemSize(next) > 400 * 1024) throw validation('Item size to update has exceeded the maximum allowed size');
        p.table.checkItemKeys(next);
      } else if (p.kind === 'ConditionCheck') next = old;
      results.push(next);
      reasons.push({ Code: 'None' });
    } catch (e) {
      if (!(e instanceof DynamoDBError)) throw e;
      reasons.push({ Code: 'ValidationError', Message: e.message });
      results.push(undefined);
      failed = true;
    }
  }
  if (failed)
    throw new DynamoDBError(
      'TransactionCanceledException',
      `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
      400,
      { CancellationReasons: reasons },
    );
  const capacities = new Map<string, ConsumedCapacity>();
  plans.forEach((p, i) => {
    const old = p.table.getItem(p.key);
    if (p.kind === 'ConditionCheck') {
      const cap = consumedCapacity(input.ReturnConsumedCapacity as CapacityMode, p.table, 'read', readUnits(old ? itemSize(old) : 0, true, true));
      if (cap) capacities.set(p.table.name, mergeCapacity(capacities.get(p.table.name), cap) as ConsumedCapacity);
      return;
    }
    const next = p.kind === 'Delete' ? undefined : results[i];
    const cap = writeCapacity(input.ReturnConsumedCapacity as CapacityMode, p.table, old, next, true);
    if (cap) capacities.set(p.table.name, mergeCapacity(capacities.get(p.table.name), cap) as ConsumedCapacity);
    if (old !== undefined || next !== undefined) p.table.write(old, next, now);
  });
  const out: TransactWriteItemsOutput = {};
  if (capacities.size > 0) out.ConsumedCapacity = [...capacities.values()];
  if (token !== undefined) state.transactionTokens.set(token, { fingerprint, at: now, response: out });
  return out;
}

/** TransactGetItems: a consistent snapshot of up to 100 items. */
export function transactGetItems(state: StoreState, input: TransactGetItemsInput): TransactGetItemsOutput {
  new Constraints()
    .required(input.TransactItems, 'transactItems')
    .length(input.TransactItems, 'transactItems', 1, 100, '[' + (input.TransactItems ?? []).map(() => 'com.amazonaws.dynamodb.v20120810.TransactGetItem').join(', ') + ']')
    .oneOf(input.ReturnConsumedCapacity, 'returnConsumedCapacity', RETURN_CONSUMED_CAPACITY)
    .check();
  const reads = input.TransactItems.map((t) => {
    const g = t.Get;
    if (g === undefined) throw validation("1 validation error detected: Value null at 'transactItems.1.member.get' failed to satisfy constraint: Member must not be null");
    new Constraints().tableName(g.TableName).check();
    const key = importMap(g.Key);
    const prepared = prepareExpressions(g, { ProjectionExpression: g.ProjectionExpression });
    const table = tableFor(state, g.TableName);
    table.checkKey(key);
    return { table, key, prepared };
  });
  const seen = new Set<string>();
  for (const r of reads) {
    const id = `${r.table.name}\u0001${r.table.tieOf(r.key)}`;
    if (seen.has(id)) throw validation('Transaction request cannot include multiple operations on one item');
    seen.add(id);
  }
  const capacities = new Map<string, ConsumedCapacity>();
  const Responses = reads.map(({ table, key, prepared }) => {
    const item = table.getItem(key);
    const cap = consumedCapacity(input.ReturnConsumedCapacity as CapacityMode, table, 'read', readUnits(item ? itemSize(item) : 0, true, true));
    if (cap) capacities.set(table.name, mergeCapacity(capacities.get(table.name), cap) as ConsumedCapacity);
    if (item === undefined) return {};
    return { Item: outputItem(state, prepared.projection ? project(item, prepared.projection, prepared.context) : item) };
  });
  const out: TransactGetItemsOutput = { Responses };
  if (capacities.size > 0) out.ConsumedCapacity = [...capacities.values()];
  return out;
}
