/**
 * ExecuteStatement, BatchExecuteStatement and ExecuteTransaction: each PartiQL statement becomes
 * the item operation it means (GetItem/Query/Scan, PutItem, UpdateItem, DeleteItem, or their
 * transactional forms), so the semantics and messages are the item API's.
 */
import type { AttributeMap, AttributeValue } from './attribute-value.js';
import { DynamoDBError, notFound, validation } from './errors.js';
import { deleteItem, getItem, putItem, updateItem } from './item-operations.js';
import { Binder, checkParameters, conjuncts, duplicateItem, keyFrom, parseStatement, type Cond, type PartiqlOperand, type Statement } from './partiql.js';
import { query, scan } from './query-scan.js';
import type { StoreState } from './state.js';
import type { Table } from './table.js';
import { transactGetItems, transactWriteItems, type TransactWriteItem } from './transact.js';

export interface ExecuteStatementInput {
  Statement: string;
  Parameters?: AttributeValue[];
  ConsistentRead?: boolean;
  NextToken?: string;
  Limit?: number;
  ReturnConsumedCapacity?: string;
  ReturnValuesOnConditionCheckFailure?: string;
}
export interface ExecuteStatementOutput {
  Items?: AttributeMap[];
  NextToken?: string;
  LastEvaluatedKey?: AttributeMap;
}

function tableOf(state: StoreState, name: string): Table {
  const t = state.tables.get(name);
  if (t === undefined) throw notFound();
  return t;
}

const keyNames = (t: Table) => [t.shape.hash, ...(t.shape.range === undefined ? [] : [t.shape.range])];

function bound(state: StoreState, input: { Statement: string; Parameters?: AttributeValue[] }) {
  const { statement, params } = parseStatement(input.Statement);
  checkParameters(params, input.Parameters);
  const binder = new Binder(input.Parameters ?? []);
  return { statement, binder, table: tableOf(state, statement.table) };
}

const and = (binder: Binder, conds: Cond[]) => conds.map((c) => `(${binder.cond(c)})`).join(' AND ');

/** A write statement as the TransactWriteItem it means (also used for single writes). */
function writeAction(statement: Exclude<Statement, { kind: 'select' }>, binder: Binder, table: Table): TransactWriteItem & { returning?: string } {
  if (statement.kind === 'insert') {
    const item = binder.value({ M: statement.item } as unknown as AttributeValue).M as AttributeMap;
    return { Put: { TableName: table.name, Item: item, ConditionExpression: `attribute_not_exists(${binder.path([table.shape.hash])})`, ...binder.members() } };
  }
  const pinned = keyFrom(statement.where, keyNames(table), binder);
  if (pinned === undefined) throw validation('Where clause does not contain a mandatory equality on all key attributes');
  const hash = () => binder.path([table.shape.hash]);
  if (statement.kind === 'delete') {
    // A DELETE of a missing item is a no-op; its other predicates only guard an existing item.
    const condition = pinned.rest.length > 0 ? `attribute_not_exists(${hash()}) OR (${and(binder, pinned.rest)})` : undefined;
    return {
      Delete: { TableName: table.name, Key: pinned.key, ...(condition ? { ConditionExpression: condition } : {}), ...binder.members() },
      ...(statement.returning ? { returning: statement.returning } : {}),
    };
  }
  const set = statement.set.map((s) => `${binder.path(s.path)} = ${binder.operand(s.value)}${s.op ? ` ${s.op} ${binder.operand(s.right as PartiqlOperand)}` : ''}`);
  const remove = statement.remove.map((p) => binder.path(p));
  const update = [set.length > 0 ? `SET ${set.join(', ')}` : '', remove.length > 0 ? `REMOVE ${remove.join(', ')}` : ''].filter(Boolean).join(' ');
  const condition = [`attribute_exists(${hash()})`, ...(pinned.rest.length > 0 ? [and(binder, pinned.rest)] : [])].join(' AND ');
  return {
    Update: { TableName: table.name, Key: pinned.key, UpdateExpression: update, ConditionExpression: condition, ...binder.members() },
    ...(statement.returning ? { returning: statement.returning } : {}),
  };
}

function encodeToken(key: AttributeMap): string {
  return Buffer.from(JSON.stringify(key, (_k, v: unknown) => (v instanceof Uint8Array ? { $b: Buffer.from(v).toString('base64') } : v))).toString('base64');
}
function decodeToken(token: string): AttributeMap {
  try {
    return JSON.parse(Buffer.from(token, 'base64').toString(), (_k, v: unknown) =>
      typeof v === 'object' && v !== null && '$b' in v ? new Uint8Array(Buffer.from(String((v as { $b: string }).$b), 'base64')) : v,
    ) as AttributeMap;
  } catch {
    throw validation('Invalid NextToken');
  }
}

function select(state: StoreState, statement: Extract<Statement, { kind: 'select' }>, binder: Binder, table: Table, input: ExecuteStatementInput): ExecuteStatementOutput {
  const source = statement.index === undefined ? table.shape : table.indexes.get(statement.index)?.shape;
  if (source === undefined) throw validation(`The table does not have the specified index: ${statement.index}`);
  const projection = statement.projection?.map((p) => binder.path(p)).join(', ');
  const conds = statement.where ? conjuncts(statement.where) : [];
  const hashAt = conds.findIndex((c) => c.k === 'cmp' && c.op === '=' && 'path' in c.l && c.l.path.length === 1 && c.l.path[0] === source.hash && 'slot' in c.r);
  const common = {
    TableName: table.name,
    ...(statement.index === undefined ? {} : { IndexName: statement.index }),
    ...(input.Limit === undefined ? {} : { Limit: input.Limit }),
    ...(input.ConsistentRead === undefined ? {} : { ConsistentRead: input.ConsistentRead }),
    ...(input.NextToken === undefined ? {} : { ExclusiveStartKey: decodeToken(input.NextToken) }),
  };
  let out;
  if (hashAt !== -1) {
    const keyCondition = binder.cond(conds[hashAt] as Cond);
    const rest = conds.filter((_, i) => i !== hashAt);
    const filter = rest.length > 0 ? and(binder, rest) : undefined;
    out = query(state, { ...common, KeyConditionExpression: keyCondition, ...(filter ? { FilterExpression: filter } : {}), ...(projection ? { ProjectionExpression: projection } : {}), ...binder.members() });
  } else {
    const filter = conds.length > 0 ? and(binder, conds) : undefined;
    out = scan(state, { ...common, ...(filter ? { FilterExpression: filter } : {}), ...(projection ? { ProjectionExpression: projection } : {}), ...binder.members() });
  }
  const result: ExecuteStatementOutput = { Items: out.Items ?? [] };
  if (out.LastEvaluatedKey) {
    result.NextToken = encodeToken(out.LastEvaluatedKey);
    result.LastEvaluatedKey = out.LastEvaluatedKey;
  }
  return result;
}

/** ExecuteStatement. */
export function executeStatement(state: StoreState, input: ExecuteStatementInput): ExecuteStatementOutput {
  const { statement, binder, table } = bound(state, input);
  if (statement.kind === 'select') return select(state, statement, binder, table, input);
  const action = writeAction(statement, binder, table);
  const extra = input.ReturnValuesOnConditionCheckFailure ? { ReturnValuesOnConditionCheckFailure: input.ReturnValuesOnConditionCheckFailure } : {};
  if (action.Put) {
    try {
      putItem(state, { ...action.Put, ...extra });
    } catch (e) {
      if (e instanceof DynamoDBError && e.name === 'ConditionalCheckFailedException') throw duplicateItem();
      throw e;
    }
    return { Items: [] };
  }
  const returnValues = action.returning ? { ReturnValues: action.returning } : {};
  const out = action.Update ? updateItem(state, { ...action.Update, ...returnValues, ...extra }) : deleteItem(state, { ...(action.Delete as NonNullable<TransactWriteItem['Delete']>), ...returnValues, ...extra });
  return { Items: out.Attributes ? [out.Attributes] : [] };
}

const ERROR_CODES: Record<string, string> = {
  ConditionalCheckFailedException: 'ConditionalCheckFailed',
  DuplicateItemException: 'DuplicateItem',
  ValidationException: 'ValidationError',
  ResourceNotFoundException: 'ResourceNotFound',
};

/** BatchExecuteStatement: up to 25 independent statements; each answers or fails alone. */
export function batchExecuteStatement(state: StoreState, input: { Statements: { Statement: string; Parameters?: AttributeValue[]; ConsistentRead?: boolean }[] }) {
  if (!Array.isArray(input.Statements) || input.Statements.length < 1 || input.Statements.length > 25)
    throw validation(`1 validation error detected: Value at 'statements' failed to satisfy constraint: Member must have length less than or equal to 25, Member must have length greater than or equal to 1`);
  const Responses = input.Statements.map((s) => {
    try {
      const { statement, binder, table } = bound(state, s);
      if (statement.kind === 'select') {
        const pinned = statement.where ? keyFrom(statement.where, keyNames(table), binder) : undefined;
        if (pinned === undefined || pinned.rest.length > 0 || statement.index !== undefined)
          throw validation('Must contain only primary key equality conditions for BatchExecuteStatement reads');
        const out = getItem(state, { TableName: table.name, Key: pinned.key, ...(s.ConsistentRead ? { ConsistentRead: true } : {}) });
        return { TableName: table.name, ...(out.Item ? { Item: out.Item } : {}) };
      }
      executeStatement(state, s);
      return { TableName: table.name };
    } catch (e) {
      if (!(e instanceof DynamoDBError)) throw e;
      return { Error: { Code: ERROR_CODES[e.name] ?? e.name, Message: e.message } };
    }
  });
  return { Responses };
}

/** ExecuteTransaction: all reads (TransactGetItems) or all writes (TransactWriteItems). */
export function executeTransaction(state: StoreState, input: { TransactStatements: { Statement: string; Parameters?: AttributeValue[] }[]; ClientRequestToken?: string }) {
  if (!Array.isArray(input.TransactStatements) || input.TransactStatements.length < 1 || input.TransactStatements.length > 100)
    throw validation(`1 validation error detected: Value at 'transactStatements' failed to satisfy constraint: Member must have length less than or equal to 100, Member must have length greater than or equal to 1`);
  const parsed = input.TransactStatements.map((s) => bound(state, s));
  const reads = parsed.filter((p) => p.statement.kind === 'select').length;
  if (reads > 0 && reads < parsed.length) throw validation('Transaction must contain either all reads or all writes');
  if (reads > 0) {
    const out = transactGetItems(state, {
      TransactItems: parsed.map(({ statement, binder, table }) => {
        const pinned = statement.kind === 'select' && statement.where ? keyFrom(statement.where, keyNames(table), binder) : undefined;
        if (pinned === undefined || pinned.rest.length > 0) throw validation('Where clause does not contain a mandatory equality on all key attributes');
        return { Get: { TableName: table.name, Key: pinned.key } };
      }),
    });
    return { Responses: out.Responses };
  }
  const items = parsed.map(({ statement, binder, table }) => {
    const { returning: _, ...action } = writeAction(statement as Exclude<Statement, { kind: 'select' }>, binder, table);
    return action;
  });
  try {
    transactWriteItems(state, { TransactItems: items, ...(input.ClientRequestToken ? { ClientRequestToken: input.ClientRequestToken } : {}) });
  } catch (e) {
    // An INSERT of an existing key is a DuplicateItem reason, as AWS reports it.
    if (e instanceof DynamoDBError && e.name === 'TransactionCanceledException') {
      const reasons = (e.extra.CancellationReasons as { Code: string; Message?: string }[]).map((r, i) =>
        r.Code === 'ConditionalCheckFailed' && parsed[i]?.statement.kind === 'insert' ? { Code: 'DuplicateItem', Message: 'Duplicate primary key exists in table' } : r,
      );
      throw new DynamoDBError('TransactionCanceledException', `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`, 400, { CancellationReasons: reasons });
    }
    throw e;
  }
  return {};
}
