/**
 * Query and Scan. Query finds its partition by hash and its range of sort keys by binary search,
 * then walks at most one page: `Limit` counts items read before the filter, a page stops at
 * 1 MB read, and LastEvaluatedKey is the last item read whenever the page stopped early.
 */
import { cloneMap, compareScalars, importMap, itemSize, keyString, typeOf, type AttributeMap, type AttributeValue } from './attribute-value.js';
import { consumedCapacity, readUnits, type CapacityMode, type ConsumedCapacity } from './capacity.js';
import { validation } from './errors.js';
import type { ConditionNode, Operand } from './expression/ast.js';
import { prepareExpressions, resolvedElements, type ExpressionContext, type PreparedExpressions } from './expression/context.js';
import { evaluateCondition, project } from './expression/evaluate.js';
import { firstFailing, KeyStore, lowerBound, upperBound, type Entry, type KeyShape, type Partition } from './key-store.js';
import { legacyExpressions } from './legacy.js';
import { outputItem, tableFor, type StoreState } from './state.js';
import type { IndexState, Table } from './table.js';
import { checkNoMixing, Constraints, RETURN_CONSUMED_CAPACITY, SELECT } from './validate.js';

interface ReadRequestBase {
  TableName: string;
  IndexName?: string;
  Select?: string;
  Limit?: number;
  ConsistentRead?: boolean;
  ExclusiveStartKey?: AttributeMap;
  ProjectionExpression?: string;
  FilterExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: AttributeMap;
  ReturnConsumedCapacity?: string;
  AttributesToGet?: string[];
  ConditionalOperator?: string;
}

export interface QueryInput extends ReadRequestBase {
  KeyConditionExpression?: string;
  ScanIndexForward?: boolean;
  KeyConditions?: Record<string, unknown>;
  QueryFilter?: Record<string, unknown>;
}

export interface ScanInput extends ReadRequestBase {
  Segment?: number;
  TotalSegments?: number;
  ScanFilter?: Record<string, unknown>;
}

export interface QueryOutput {
  Items?: AttributeMap[];
  Count: number;
  ScannedCount: number;
  LastEvaluatedKey?: AttributeMap;
  ConsumedCapacity?: ConsumedCapacity;
}
export type ScanOutput = QueryOutput;

const PAGE_BYTES = 1024 * 1024;

/** The range condition of a query, resolved to values. */
type RangeCondition =
  | { op: '=' | '<' | '<=' | '>' | '>='; value: AttributeValue }
  | { op: 'between'; low: AttributeValue; high: AttributeValue }
  | { op: 'begins_with'; value: AttributeValue };

function baseChecks(input: ReadRequestBase, c: Constraints): void {
  c.tableName(input.TableName)
    .oneOf(input.Select, 'select', SELECT)
    .oneOf(input.ReturnConsumedCapacity, 'returnConsumedCapacity', RETURN_CONSUMED_CAPACITY)
    .range(input.Limit, 'limit', 1)
    .check();
}

function selectChecks(input: ReadRequestBase): void {
  const projected = input.ProjectionExpression !== undefined || input.AttributesToGet !== undefined;
  const what = input.AttributesToGet !== undefined ? 'AttributesToGet' : 'ProjectionExpression';
  if (input.Select === 'SPECIFIC_ATTRIBUTES' && !projected)
    throw validation('Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES');
  if (projected && input.Select !== undefined && input.Select !== 'SPECIFIC_ATTRIBUTES')
    throw validation(`Cannot specify the ${what} when choosing to get ${input.Select === 'COUNT' ? 'only the Count' : input.Select}`);
}

function prepare(input: ReadRequestBase, key?: string): PreparedExpressions {
  const legacy = checkNoMixing(input as unknown as Record<string, unknown>);
  if (legacy.length > 0) return legacyExpressions(input as unknown as Record<string, unknown>);
  return prepareExpressions(input, {
    ...(key === undefined ? {} : { KeyConditionExpression: key }),
    FilterExpression: input.FilterExpression,
    ProjectionExpression: input.ProjectionExpression,
  });
}

interface Source {
  readonly store: KeyStore;
  readonly shape: KeyShape;
  readonly index: IndexState | undefined;
}

function sourceFor(table: Table, input: ReadRequestBase): Source {
  if (input.IndexName === undefined) {
    if (input.Select === 'ALL_PROJECTED_ATTRIBUTES') throw validation('ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName');
    return { store: table.store, shape: table.shape, index: undefined };
  }
  const index = table.indexes.get(input.IndexName);
  if (index === undefined) throw validation(`The table does not have the specified index: ${input.IndexName}`);
  if (index.kind === 'GSI' && input.ConsistentRead === true) throw validation('Consistent reads are not supported on global secondary indexes');
  if (input.Select === 'ALL_ATTRIBUTES' && index.projection.ProjectionType !== 'ALL' && index.kind === 'GSI')
    throw validation(
      `One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index ${index.name} because its projection type is not ALL`,
    );
  return { store: index.store, shape: index.shape, index };
}

function keyAttribute(o: Operand, ctx: ExpressionContext): string | undefined {
  if (o.kind !== 'path' || o.elements.length !== 1) return undefined;
  return resolvedElements(o, ctx.names)[0] as string;
}

function operandValue(o: Operand, ctx: ExpressionContext): AttributeValue {
  if (o.kind !== 'value') throw validation('Invalid KeyConditionExpression: The key condition must compare a key attribute with a value');
  return ctx.values[o.name] as AttributeValue;
}

/** Splits a key condition into the hash value and an optional range condition, as AWS allows. */
function keyConditions(node: ConditionNode, shape: KeyShape, ctx: ExpressionContext): { hash: AttributeValue; range?: RangeCondition } {
  const parts: ConditionNode[] = [];
  const flatten = (n: ConditionNode): void => {
    if (n.kind === 'and') {
      flatten(n.left);
      flatten(n.right);
    } else parts.push(n);
  };
  flatten(node);
  if (parts.length > 2) throw validation('KeyConditionExpressions must only contain one condition per key');
  let hash: AttributeValue | undefined;
  let range: RangeCondition | undefined;
  const seen = new Set<string>();
  for (const p of parts) {
    let attr: string | undefined;
    let cond: RangeCondition;
    if (p.kind === 'or' || p.kind === 'not' || p.kind === 'in')
      throw validation(`Invalid operator used in KeyConditionExpression: ${p.kind.toUpperCase()}`);
    if (p.kind === 'compare') {
      if (p.op === '<>') throw validation('Unsupported operator on KeyCondition: <>');
      attr = keyAttribute(p.left, ctx);
      cond = { op: p.op, value: operandValue(p.right, ctx) };
    } else if (p.kind === 'between') {
      attr = keyAttribute(p.operand, ctx);
      cond = { op: 'between', low: operandValue(p.low, ctx), high: operandValue(p.high, ctx) };
    } else if (p.kind === 'function' && p.name === 'begins_with') {
      attr = keyAttribute(p.args[0] as Operand, ctx);
      cond = { op: 'begins_with', value: operandValue(p.args[1] as Operand, ctx) };
    } else if (p.kind === 'function') throw validation(`Invalid operator used in KeyConditionExpression: ${p.name}`);
    else throw validation('Query key condition not supported');
    if (attr === undefined || (attr !== shape.hash && attr !== shape.range)) throw validation('Query key condition not supported');
    if (seen.has(attr)) throw validation('KeyConditionExpressions must only contain one condition per key');
    seen.add(attr);
    const type = attr === shape.hash ? shape.hashType : shape.rangeType;
    for (const v of cond.op === 'between' ? [cond.low, cond.high] : [cond.value])
      if (typeOf(v) !== type) throw validation('One or more parameter values were invalid: Condition parameter type does not match schema type');
    if (attr === shape.hash) {
      if (cond.op !== '=') throw validation('Query key condition not supported');
      hash = cond.value;
    } else range = cond;
  }
  if (hash === undefined) throw validation(`Query condition missed key schema element: ${shape.hash}`);
  return range === undefined ? { hash } : { hash, range };
}

/** [from, to) entries of a partition matching the range condition. */
function rangeBounds(entries: readonly Entry[], range: RangeCondition | undefined): [number, number] {
  const n = entries.length;
  if (range === undefined) return [0, n];
  switch (range.op) {
    case '=':
      return [lowerBound(entries, range.value, ''), upperBound(entries, range.value)];
    case '<':
      return [0, lowerBound(entries, range.value, '')];
    case '<=':
      return [0, upperBound(entries, range.value)];
    case '>':
      return [upperBound(entries, range.value), n];
    case '>=':
      return [lowerBound(entries, range.value, ''), n];
    case 'between':
      if ((compareScalars(range.low, range.high) as number) > 0) return [0, 0];
      return [lowerBound(entries, range.low, ''), upperBound(entries, range.high)];
    case 'begins_with': {
      const from = lowerBound(entries, range.value, '');
      const prefix = range.value;
      const to = firstFailing(entries, from, (e) =>
        prefix.S !== undefined
          ? (e.range?.S ?? '').startsWith(prefix.S)
          : Buffer.from(e.range?.B ?? new Uint8Array()).subarray(0, (prefix.B as Uint8Array).byteLength).equals(prefix.B as Uint8Array),
      );
      return [from, to];
    }
  }
}

/** Table key string of an ExclusiveStartKey, after checking it against the schema. */
function startTie(table: Table, source: Source, esk: AttributeMap): { tie: string; range: AttributeValue | undefined; hash: AttributeValue } {
  const bad = () => validation('The provided starting key is invalid: The provided key element does not match the schema');
  const needed = new Set([table.shape.hash, table.shape.range, source.shape.hash, source.shape.range].filter((x): x is string => x !== undefined));
  for (const k of Object.keys(esk)) if (!needed.has(k)) throw bad();
  for (const k of needed) if (esk[k] === undefined) throw bad();
  const types: [string | undefined, string | undefined][] = [
    [table.shape.hash, table.shape.hashType],
    [table.shape.range, table.shape.rangeType],
    [source.shape.hash, source.shape.hashType],
    [source.shape.range, source.shape.rangeType],
  ];
  for (const [attr, type] of types) if (attr !== undefined && typeOf(esk[attr] as AttributeValue) !== type) throw bad();
  return {
    tie: table.tieOf(esk),
    range: source.shape.range === undefined ? undefined : esk[source.shape.range],
    hash: esk[source.shape.hash] as AttributeValue,
  };
}

/** What one page walk produces. */
interface Page {
  items: AttributeMap[];
  count: number;
  scanned: number;
  bytes: number;
  last: AttributeMap | undefined;
}

/** Shapes one read item: filter, then projection (or the index's projection), then copy. */
class Reader {
  readonly page: Page = { items: [], count: 0, scanned: 0, bytes: 0, last: undefined };
  constructor(
    private readonly table: Table,
    private readonly source: Source,
    private readonly prepared: PreparedExpressions,
    private readonly select: string | undefined,
    private readonly limit: number | undefined,
    private readonly state: StoreState,
  ) {}

  /** Reads one entry; returns false when the page is full. */
  visit(entry: Entry): boolean {
    const { index } = this.source;
    // An LSI reads the table for attributes it does not project, as AWS fetches them.
    const full = index?.kind === 'LSI' ? (this.table.getItem(entry.item) ?? entry.item) : entry.item;
    const page = this.page;
    page.scanned++;
    page.bytes += entry.size;
    if (this.prepared.filter === undefined || evaluateCondition(this.prepared.filter, full, this.prepared.context)) {
      page.count++;
      if (this.select !== 'COUNT') {
        let shaped: AttributeMap;
        if (this.prepared.projection) shaped = project(full, this.prepared.projection, this.prepared.context);
        else if (index !== undefined && this.select !== 'ALL_ATTRIBUTES') shaped = entry.item;
        else shaped = full;
        page.items.push(outputItem(this.state, shaped));
      }
    }
    page.last = entry.item;
    return !((this.limit !== undefined && page.scanned >= this.limit) || page.bytes >= PAGE_BYTES);
  }

  /** Key attributes (table and index) of the last item read. */
  lastKey(): AttributeMap {
    const item = this.page.last as AttributeMap;
    const key = this.table.keyOf(item);
    const { shape } = this.source;
    key[shape.hash] = item[shape.hash] as AttributeValue;
    if (shape.range !== undefined) key[shape.range] = item[shape.range] as AttributeValue;
    return cloneMap(key);
  }
}

function output(reader: Reader, more: boolean, table: Table, input: ReadRequestBase): QueryOutput {
  const { page } = reader;
  const out: QueryOutput = { Count: page.count, ScannedCount: page.scanned };
  if (input.Select !== 'COUNT') out.Items = page.items;
  if (more && page.last !== undefined) out.LastEvaluatedKey = reader.lastKey();
  // Reads through an index are charged to the index (INDEXES mode names it).
  const units = readUnits(page.bytes, input.ConsistentRead === true);
  const capacity =
    input.IndexName === undefined
      ? consumedCapacity(input.ReturnConsumedCapacity as CapacityMode, table, 'read', units)
      : consumedCapacity(input.ReturnConsumedCapacity as CapacityMode, table, 'read', 0, new Map([[input.IndexName, units]]));
  if (capacity) out.ConsumedCapacity = capacity;
  return out;
}

/** Query: one partition, a sort-key range, one page. */
export function query(state: StoreState, input: QueryInput): QueryOutput {
  baseChecks(input, new Constraints());
  selectChecks(input);
  if (input.KeyConditionExpression === undefined && input.KeyConditions === undefined)
    throw validation('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
  const prepared = prepare(input, input.KeyConditionExpression);
  const esk = input.ExclusiveStartKey === undefined ? undefined : importMap(input.ExclusiveStartKey);
  const table = tableFor(state, input.TableName);
  const source = sourceFor(table, input);
  const { hash, range } = keyConditions(prepared.keyCondition as ConditionNode, source.shape, prepared.context);
  const reader = new Reader(table, source, prepared, input.Select, input.Limit, state);
  const partition = source.store.partitions.get(keyString(hash));
  if (partition === undefined) return output(reader, false, table, input);
  const entries = partition.entries;
  let [from, to] = rangeBounds(entries, range);
  const forward = input.ScanIndexForward !== false;
  if (esk !== undefined) {
    const start = startTie(table, source, esk);
    if (keyString(start.hash) !== partition.key) throw validation('The provided starting key is invalid: The provided key element does not match the schema');
    const at = lowerBound(entries, start.range, start.tie);
    const exact = entries[at]?.tie === start.tie;
    if (forward) from = Math.max(from, exact ? at + 1 : at);
    else to = Math.min(to, at);
  }
  if (forward) {
    for (let i = from; i < to; i++) if (!reader.visit(entries[i] as Entry)) return output(reader, true, table, input);
  } else {
    for (let i = to - 1; i >= from; i--) if (!reader.visit(entries[i] as Entry)) return output(reader, true, table, input);
  }
  return output(reader, false, table, input);
}

/** Scan: partitions in hash order (one segment of them in a parallel scan), one page. */
export function scan(state: StoreState, input: ScanInput): ScanOutput {
  const c = new Constraints();
  c.range(input.TotalSegments, 'totalSegments', 1, 1_000_000).range(input.Segment, 'segment', 0, 999_999);
  baseChecks(input, c);
  selectChecks(input);
  if (input.Segment !== undefined && input.TotalSegments === undefined)
    throw validation('The TotalSegments parameter is required but was not present in the request when parameter Segment is present');
  if (input.TotalSegments !== undefined && input.Segment === undefined)
    throw validation('The Segment parameter is required but was not present in the request when parameter TotalSegments is present');
  if (input.Segment !== undefined && input.TotalSegments !== undefined && input.Segment >= input.TotalSegments)
    throw validation(
      `The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${input.Segment} is not less than TotalSegments: ${input.TotalSegments}`,
    );
  const prepared = prepare(input);
  const esk = input.ExclusiveStartKey === undefined ? undefined : importMap(input.ExclusiveStartKey);
  const table = tableFor(state, input.TableName);
  const source = sourceFor(table, input);
  const reader = new Reader(table, source, prepared, input.Select, input.Limit, state);
  const partitions = source.store.scanOrder();
  let p = 0;
  let skipInFirst = 0;
  if (esk !== undefined) {
    const start = startTie(table, source, esk);
    const key = keyString(start.hash);
    p = source.store.scanPosition(key);
    const first = partitions[p];
    if (first !== undefined && first.key === key) {
      const at = lowerBound(first.entries, start.range, start.tie);
      skipInFirst = first.entries[at]?.tie === start.tie ? at + 1 : at;
    }
  }
  const inSegment = (part: Partition) =>
    input.TotalSegments === undefined || KeyStore.segmentOf(part, input.TotalSegments) === input.Segment;
  for (; p < partitions.length; p++) {
    const part = partitions[p] as Partition;
    if (!inSegment(part)) {
      skipInFirst = 0;
      continue;
    }
    const entries = part.entries;
    for (let i = skipInFirst; i < entries.length; i++) {
      // Like Query, a page that stopped early always carries LastEvaluatedKey, even if nothing follows.
      if (!reader.visit(entries[i] as Entry)) return output(reader, true, table, input);
    }
    skipInFirst = 0;
  }
  return output(reader, false, table, input);
}
