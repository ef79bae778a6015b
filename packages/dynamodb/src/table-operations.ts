/**
 * CreateTable, DescribeTable, ListTables, UpdateTable, DeleteTable, the TTL operations and
 * DescribeLimits. Tables become ACTIVE at once (AWS takes seconds; tests should not wait),
 * and a GSI added by UpdateTable is backfilled immediately.
 */
import { checkAttributeName, itemSize as sizeOf } from './attribute-value.js';
import { DynamoDBError, inUse, notFound, validation } from './errors.js';
import type { KeyShape } from './key-store.js';
import type { StoreState } from './state.js';
import { STREAM_VIEW_TYPES, TableStream, type StreamViewType } from './streams.js';
import { Table, type IndexState, type ScalarType } from './table.js';
import { KeyStore } from './key-store.js';
import { Constraints } from './validate.js';
import { checkTags } from './tags.js';

type KeySchema = { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
type Projection = { ProjectionType?: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; NonKeyAttributes?: string[] };
type Throughput = { ReadCapacityUnits?: number; WriteCapacityUnits?: number };

export interface CreateTableInput {
  TableName: string;
  KeySchema: KeySchema;
  AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
  BillingMode?: string;
  ProvisionedThroughput?: Throughput;
  GlobalSecondaryIndexes?: { IndexName: string; KeySchema: KeySchema; Projection: Projection; ProvisionedThroughput?: Throughput }[];
  LocalSecondaryIndexes?: { IndexName: string; KeySchema: KeySchema; Projection: Projection }[];
  StreamSpecification?: { StreamEnabled: boolean; StreamViewType?: string };
  DeletionProtectionEnabled?: boolean;
  Tags?: { Key: string; Value: string }[];
  SSESpecification?: unknown;
  TableClass?: string;
}

/** The TableDescription shape. */
export type TableDescription = Record<string, unknown>;

function describeThroughput(t: { ReadCapacityUnits: number; WriteCapacityUnits: number } | undefined) {
  return { NumberOfDecreasesToday: 0, ReadCapacityUnits: t?.ReadCapacityUnits ?? 0, WriteCapacityUnits: t?.WriteCapacityUnits ?? 0 };
}

/** The TableDescription DescribeTable returns. */
export function describe(table: Table, status = 'ACTIVE'): TableDescription {
  const out: TableDescription = {
    AttributeDefinitions: table.attributeDefinitions.map((a) => ({ ...a })),
    TableName: table.name,
    KeySchema: table.keySchema.map((k) => ({ ...k })),
    TableStatus: status,
    CreationDateTime: table.createdAt,
    ProvisionedThroughput: describeThroughput(table.provisioned),
    TableSizeBytes: table.sizeBytes,
    ItemCount: table.store.count,
    TableArn: table.arn,
    TableId: table.tableId,
  };
  if (table.billingMode === 'PAY_PER_REQUEST')
    out.BillingModeSummary = { BillingMode: 'PAY_PER_REQUEST', LastUpdateToPayPerRequestDateTime: table.billingChangedAt ?? table.createdAt };
  const gsis = [...table.indexes.values()].filter((i) => i.kind === 'GSI');
  const lsis = [...table.indexes.values()].filter((i) => i.kind === 'LSI');
  const indexSize = (i: IndexState) => {
    let n = 0;
    for (const p of i.store.partitions.values()) for (const e of p.entries) n += sizeOf(e.item);
    return n;
  };
  if (gsis.length > 0)
    out.GlobalSecondaryIndexes = gsis.map((i) => ({
      IndexName: i.name,
      KeySchema: i.keySchema.map((k) => ({ ...k })),
      Projection: { ...i.projection },
      IndexStatus: 'ACTIVE',
      ProvisionedThroughput: describeThroughput(i.provisioned),
      IndexSizeBytes: indexSize(i),
      ItemCount: i.store.count,
      IndexArn: i.arn,
    }));
  if (lsis.length > 0)
    out.LocalSecondaryIndexes = lsis.map((i) => ({
      IndexName: i.name,
      KeySchema: i.keySchema.map((k) => ({ ...k })),
      Projection: { ...i.projection },
      IndexSizeBytes: indexSize(i),
      ItemCount: i.store.count,
      IndexArn: i.arn,
    }));
  if (table.stream?.enabled) {
    out.StreamSpecification = { StreamEnabled: true, StreamViewType: table.stream.viewType };
    out.LatestStreamLabel = table.stream.label;
    out.LatestStreamArn = table.stream.arn;
  }
  out.DeletionProtectionEnabled = table.deletionProtection;
  return out;
}

function shapeOf(keySchema: KeySchema, types: Map<string, ScalarType>): KeyShape {
  const hash = keySchema[0] as { AttributeName: string };
  const range = keySchema[1];
  return {
    hash: hash.AttributeName,
    hashType: types.get(hash.AttributeName) as ScalarType,
    range: range?.AttributeName,
    rangeType: range === undefined ? undefined : types.get(range.AttributeName),
  };
}

function checkKeySchema(keySchema: KeySchema, types: Map<string, ScalarType>): void {
  for (const k of keySchema) checkAttributeName(k.AttributeName);
  const first = keySchema[0];
  const second = keySchema[1];
  if (first?.KeyType !== 'HASH') throw validation('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  if (second !== undefined && second.KeyType !== 'RANGE') throw validation('Invalid KeySchema: The second KeySchemaElement is not a RANGE key type');
  if (second !== undefined && second.AttributeName === first.AttributeName)
    throw validation('Both the Hash Key and the Range Key element in the KeySchema have the same name');
  const missing = keySchema.filter((k) => !types.has(k.AttributeName));
  if (missing.length > 0)
    throw validation(
      `One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [${keySchema.map((k) => k.AttributeName).join(', ')}], AttributeDefinitions: [${[...types.keys()].join(', ')}]`,
    );
}

function checkProjection(p: Projection | undefined, indexName: string): { ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; NonKeyAttributes?: string[] } {
  const type = p?.ProjectionType ?? 'ALL';
  if (type === 'INCLUDE') {
    if (!p?.NonKeyAttributes || p.NonKeyAttributes.length === 0)
      throw validation(`One or more parameter values were invalid: NonKeyAttributes must not be empty when ProjectionType is INCLUDE for index: ${indexName}`);
    p.NonKeyAttributes.forEach(checkAttributeName);
    return { ProjectionType: 'INCLUDE', NonKeyAttributes: [...p.NonKeyAttributes] };
  }
  if (p?.NonKeyAttributes !== undefined)
    throw validation('One or more parameter values were invalid: ProjectionType is ' + type + ', but NonKeyAttributes is specified');
  return { ProjectionType: type };
}

function checkThroughput(mode: string, t: Throughput | undefined, what = ''): { ReadCapacityUnits: number; WriteCapacityUnits: number } | undefined {
  if (mode === 'PAY_PER_REQUEST') {
    if (t !== undefined)
      throw validation('One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST');
    return undefined;
  }
  if (t?.ReadCapacityUnits === undefined || t.WriteCapacityUnits === undefined)
    throw validation(`One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED${what}`);
  return { ReadCapacityUnits: t.ReadCapacityUnits, WriteCapacityUnits: t.WriteCapacityUnits };
}

function newStream(state: StoreState, table: { name: string; arn: string }, viewType: StreamViewType, env: ConstructorParameters<typeof TableStream>[5]): TableStream {
  const now = new Date(state.clock.now());
  const label = now.toISOString().replace('Z', '');
  return new TableStream(table.name, `${table.arn}/stream/${label}`, label, viewType, now, env);
}

function checkStreamSpec(spec: CreateTableInput['StreamSpecification']): StreamViewType | undefined {
  if (spec === undefined || spec.StreamEnabled !== true) {
    if (spec?.StreamEnabled === false && spec.StreamViewType !== undefined)
      throw validation('One or more parameter values were invalid: StreamViewType must not be specified when StreamEnabled is false');
    return undefined;
  }
  if (spec.StreamViewType === undefined) throw validation('One or more parameter values were invalid: StreamViewType is required when StreamEnabled is true');
  return spec.StreamViewType as StreamViewType;
}

/** Builds an index (state + empty store) from its definition. */
function buildIndex(state: StoreState, table: { arn: string }, kind: 'GSI' | 'LSI', def: { IndexName: string; KeySchema: KeySchema; Projection: Projection; ProvisionedThroughput?: Throughput }, types: Map<string, ScalarType>, billing: string): IndexState {
  checkKeySchema(def.KeySchema, types);
  const shape = shapeOf(def.KeySchema, types);
  return {
    name: def.IndexName,
    kind,
    shape,
    keySchema: def.KeySchema.map((k) => ({ AttributeName: k.AttributeName, KeyType: k.KeyType })),
    projection: checkProjection(def.Projection, def.IndexName),
    store: new KeyStore(shape),
    provisioned: kind === 'GSI' ? checkThroughput(billing, def.ProvisionedThroughput, ` for index ${def.IndexName}`) : undefined,
    arn: `${table.arn}/index/${def.IndexName}`,
  };
}

/** CreateTable. */
export function createTable(state: StoreState, input: CreateTableInput, env: ConstructorParameters<typeof TableStream>[5]): { TableDescription: TableDescription } {
  const c = new Constraints()
    .tableName(input.TableName)
    .required(input.AttributeDefinitions, 'attributeDefinitions')
    .required(input.KeySchema, 'keySchema')
    .oneOf(input.BillingMode, 'billingMode', ['PROVISIONED', 'PAY_PER_REQUEST'])
    .length(input.KeySchema, 'keySchema', 1, 2);
  (input.AttributeDefinitions ?? []).forEach((a, i) =>
    c.oneOf(a.AttributeType, `attributeDefinitions.${i + 1}.member.attributeType`, ['B', 'N', 'S']),
  );
  (input.KeySchema ?? []).forEach((k, i) => c.oneOf(k.KeyType, `keySchema.${i + 1}.member.keyType`, ['HASH', 'RANGE']));
  c.check();
  const tags = input.Tags === undefined ? [] : checkTags(input.Tags);
  const types = new Map<string, ScalarType>();
  for (const a of input.AttributeDefinitions) {
    if (types.has(a.AttributeName)) throw validation('Cannot have two attributes with the same name');
    types.set(a.AttributeName, a.AttributeType as ScalarType);
  }
  checkKeySchema(input.KeySchema, types);
  const billing = input.BillingMode ?? 'PROVISIONED';
  const provisioned = checkThroughput(billing, input.ProvisionedThroughput);
  const viewType = checkStreamSpec(input.StreamSpecification);
  if (state.tables.has(input.TableName)) throw inUse(`Table already exists: ${input.TableName}`);
  const arn = `arn:aws:dynamodb:${state.region}:${state.accountId}:table/${input.TableName}`;
  const indexes: IndexState[] = [];
  const used = new Set(input.KeySchema.map((k) => k.AttributeName));
  const names = new Set<string>();
  for (const def of input.GlobalSecondaryIndexes ?? []) {
    if (names.has(def.IndexName)) throw validation(`One or more parameter values were invalid: Duplicate index name: ${def.IndexName}`);
    names.add(def.IndexName);
    indexes.push(buildIndex(state, { arn }, 'GSI', def, types, billing));
    def.KeySchema.forEach((k) => used.add(k.AttributeName));
  }
  for (const def of input.LocalSecondaryIndexes ?? []) {
    if (names.has(def.IndexName)) throw validation(`One or more parameter values were invalid: Duplicate index name: ${def.IndexName}`);
    names.add(def.IndexName);
    if (input.KeySchema[1] === undefined)
      throw validation('One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex');
    if (def.KeySchema[0]?.AttributeName !== input.KeySchema[0]?.AttributeName || def.KeySchema[1] === undefined)
      throw validation(`One or more parameter values were invalid: Index KeySchema does not have a range key for index: ${def.IndexName}`);
    indexes.push(buildIndex(state, { arn }, 'LSI', def, types, billing));
    def.KeySchema.forEach((k) => used.add(k.AttributeName));
  }
  if (used.size !== types.size)
    throw validation('One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions');
  const table = new Table(
    input.TableName,
    arn,
    state.newId(),
    new Date(state.clock.now()),
    input.KeySchema.map((k) => ({ AttributeName: k.AttributeName, KeyType: k.KeyType })),
    input.AttributeDefinitions.map((a) => ({ AttributeName: a.AttributeName, AttributeType: a.AttributeType as ScalarType })),
    shapeOf(input.KeySchema, types),
    billing as 'PROVISIONED' | 'PAY_PER_REQUEST',
  );
  table.provisioned = provisioned;
  table.deletionProtection = input.DeletionProtectionEnabled === true;
  for (const index of indexes) table.indexes.set(index.name, index);
  for (const t of tags) table.tags.set(t.Key, t.Value);
  if (viewType !== undefined) table.stream = newStream(state, table, viewType, env);
  state.tables.set(table.name, table);
  return { TableDescription: describe(table, 'ACTIVE') };
}

function existing(state: StoreState, name: unknown): Table {
  new Constraints().tableName(name).check();
  const table = state.tables.get(name as string);
  if (table === undefined) throw notFound(`Requested resource not found: Table: ${String(name)} not found`);
  return table;
}

/** DescribeTable. */
export function describeTable(state: StoreState, input: { TableName: string }): { Table: TableDescription } {
  const table = existing(state, input.TableName);
  table.expire(state.clock.now());
  return { Table: describe(table) };
}

/** DeleteTable. */
export function deleteTable(state: StoreState, input: { TableName: string }): { TableDescription: TableDescription } {
  const table = existing(state, input.TableName);
  if (table.deletionProtection)
    throw validation(`Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.`);
  state.tables.delete(table.name);
  if (table.stream) table.stream.enabled = false;
  for (const s of [...table.oldStreams, ...(table.stream ? [table.stream] : [])]) {
    s.retiredAt = state.clock.now();
    state.retiredStreams.push(s);
  }
  return { TableDescription: describe(table, 'DELETING') };
}

/** ListTables, sorted by name, paginated by ExclusiveStartTableName. */
export function listTables(state: StoreState, input: { ExclusiveStartTableName?: string; Limit?: number } = {}): { TableNames: string[]; LastEvaluatedTableName?: string } {
  new Constraints().range(input.Limit, 'limit', 1, 100).check();
  const names = [...state.tables.keys()].sort();
  const start = input.ExclusiveStartTableName;
  const from = start === undefined ? 0 : names.findIndex((n) => n > start);
  const rest = from === -1 ? [] : names.slice(from);
  const limit = input.Limit ?? 100;
  const page = rest.slice(0, limit);
  return rest.length > limit ? { TableNames: page, LastEvaluatedTableName: page[page.length - 1] as string } : { TableNames: page };
}

export interface UpdateTableInput {
  TableName: string;
  AttributeDefinitions?: { AttributeName: string; AttributeType: string }[];
  BillingMode?: string;
  ProvisionedThroughput?: Throughput;
  GlobalSecondaryIndexUpdates?: {
    Create?: { IndexName: string; KeySchema: KeySchema; Projection: Projection; ProvisionedThroughput?: Throughput };
    Delete?: { IndexName: string };
    Update?: { IndexName: string; ProvisionedThroughput: Throughput };
  }[];
  StreamSpecification?: { StreamEnabled: boolean; StreamViewType?: string };
  DeletionProtectionEnabled?: boolean;
}

/** UpdateTable: billing, throughput, GSIs (added and backfilled at once, or removed), streams. */
export function updateTable(state: StoreState, input: UpdateTableInput, env: ConstructorParameters<typeof TableStream>[5]): { TableDescription: TableDescription } {
  const table = existing(state, input.TableName);
  table.expire(state.clock.now());
  const updates = input.GlobalSecondaryIndexUpdates ?? [];
  if (
    input.BillingMode === undefined &&
    input.ProvisionedThroughput === undefined &&
    updates.length === 0 &&
    input.StreamSpecification === undefined &&
    input.DeletionProtectionEnabled === undefined
  )
    throw validation('At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required');
  const creates = updates.filter((u) => u.Create || u.Delete);
  if (creates.length > 1)
    throw new DynamoDBError('LimitExceededException', 'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table');
  const billing = input.BillingMode ?? table.billingMode;
  if (input.BillingMode !== undefined || input.ProvisionedThroughput !== undefined) {
    table.provisioned = checkThroughput(billing, input.ProvisionedThroughput ?? (billing === 'PROVISIONED' ? table.provisioned : undefined));
    if (billing !== table.billingMode) table.billingChangedAt = new Date(state.clock.now());
    table.billingMode = billing as 'PROVISIONED' | 'PAY_PER_REQUEST';
  }
  const types = new Map<string, ScalarType>(table.attributeDefinitions.map((a) => [a.AttributeName, a.AttributeType]));
  for (const a of input.AttributeDefinitions ?? []) types.set(a.AttributeName, a.AttributeType as ScalarType);
  for (const u of updates) {
    if (u.Create) {
      if (table.indexes.has(u.Create.IndexName))
        throw validation(`One or more parameter values were invalid: Index with name: ${u.Create.IndexName} already exists`);
      const index = buildIndex(state, table, 'GSI', u.Create, types, billing);
      table.indexes.set(index.name, index);
      for (const p of table.store.partitions.values())
        for (const e of p.entries) {
          const projected = table.projectForIndex(index, e.item);
          if (projected !== undefined) index.store.put(projected, e.tie);
        }
      table.attributeDefinitions = [...types].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
    } else if (u.Delete) {
      const index = table.indexes.get(u.Delete.IndexName);
      if (index === undefined || index.kind !== 'GSI') throw notFound(`Requested resource not found: Index: ${u.Delete.IndexName} not found`);
      table.indexes.delete(index.name);
    } else if (u.Update) {
      const index = table.indexes.get(u.Update.IndexName);
      if (index === undefined || index.kind !== 'GSI') throw notFound(`Requested resource not found: Index: ${u.Update.IndexName} not found`);
      index.provisioned = checkThroughput(billing, u.Update.ProvisionedThroughput);
    }
  }
  const spec = input.StreamSpecification;
  if (spec !== undefined) {
    if (spec.StreamEnabled === true) {
      if (table.stream?.enabled) throw validation(`Table already has an enabled stream: ${table.stream.arn}`);
      const viewType = checkStreamSpec(spec) as StreamViewType;
      if (!STREAM_VIEW_TYPES.includes(viewType)) throw validation(`1 validation error detected: Value '${viewType}' at 'streamSpecification.streamViewType' failed to satisfy constraint: Member must satisfy enum value set: [${STREAM_VIEW_TYPES.join(', ')}]`);
      if (table.stream) table.oldStreams.push(table.stream);
      table.stream = newStream(state, table, viewType, env);
    } else {
      if (!table.stream?.enabled) throw validation('Table already has no stream enabled');
      table.stream.enabled = false;
    }
  }
  if (input.DeletionProtectionEnabled !== undefined) table.deletionProtection = input.DeletionProtectionEnabled;
  return { TableDescription: describe(table, 'ACTIVE') };
}

/** UpdateTimeToLive. */
export function updateTimeToLive(state: StoreState, input: { TableName: string; TimeToLiveSpecification: { Enabled: boolean; AttributeName: string } }) {
  new Constraints().tableName(input.TableName).required(input.TimeToLiveSpecification, 'timeToLiveSpecification').check();
  const table = state.tables.get(input.TableName);
  if (table === undefined) throw notFound();
  const spec = input.TimeToLiveSpecification;
  checkAttributeName(spec.AttributeName);
  if (spec.Enabled && table.ttl?.enabled) throw validation('TimeToLive is already enabled');
  if (!spec.Enabled && !table.ttl?.enabled) throw validation('TimeToLive is already disabled');
  if (!spec.Enabled && table.ttl && table.ttl.attributeName !== spec.AttributeName)
    throw validation('TimeToLive AttributeName does not match the current AttributeName');
  table.ttl = { attributeName: spec.AttributeName, enabled: spec.Enabled };
  table.rebuildTtl();
  return { TimeToLiveSpecification: { Enabled: spec.Enabled, AttributeName: spec.AttributeName } };
}

/** DescribeTimeToLive. */
export function describeTimeToLive(state: StoreState, input: { TableName: string }) {
  new Constraints().tableName(input.TableName).check();
  const table = state.tables.get(input.TableName);
  if (table === undefined) throw notFound(`Requested resource not found: Table: ${input.TableName} not found`);
  if (table.ttl === undefined) return { TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } };
  return {
    TimeToLiveDescription: table.ttl.enabled
      ? { TimeToLiveStatus: 'ENABLED', AttributeName: table.ttl.attributeName }
      : { TimeToLiveStatus: 'DISABLED' },
  };
}

/** DescribeLimits: AWS's default account quotas. */
export function describeLimits() {
  return { AccountMaxReadCapacityUnits: 80000, AccountMaxWriteCapacityUnits: 80000, TableMaxReadCapacityUnits: 40000, TableMaxWriteCapacityUnits: 40000 };
}
