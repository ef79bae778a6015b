/**
 * One table: its schema, its items (a KeyStore), its secondary indexes (each its own KeyStore of
 * projected items), its stream and its TTL. Every write goes through `write()`, which keeps the
 * indexes, the stream and the TTL queue in step with the base table.
 */
import { itemSize, keyString, typeOf, type AttributeMap, type AttributeValue } from './attribute-value.js';
import { validation } from './errors.js';
import { KeyStore, type KeyShape } from './key-store.js';
import type { StreamRecord, TableStream } from './streams.js';

export type ScalarType = 'S' | 'N' | 'B';

/** A secondary index and its storage. */
export interface IndexState {
  readonly name: string;
  readonly kind: 'GSI' | 'LSI';
  readonly shape: KeyShape;
  readonly keySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  readonly projection: { ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; NonKeyAttributes?: string[] };
  readonly store: KeyStore;
  provisioned?: { ReadCapacityUnits: number; WriteCapacityUnits: number } | undefined;
  readonly arn: string;
}

/** Everything about a table except its operations. */
export class Table {
  readonly store: KeyStore;
  readonly indexes = new Map<string, IndexState>();
  sizeBytes = 0;
  billingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  provisioned: { ReadCapacityUnits: number; WriteCapacityUnits: number } | undefined;
  billingChangedAt: Date | undefined;
  stream: TableStream | undefined;
  /** Streams from earlier enablements stay readable (24 h on AWS; until the table is deleted here). */
  readonly oldStreams: TableStream[] = [];
  ttl: { attributeName: string; enabled: boolean } | undefined;
  /** Min-heap of (expiry seconds, table key) for items carrying the TTL attribute. */
  ttlQueue: { at: number; tie: string }[] = [];
  deletionProtection = false;
  readonly tags = new Map<string, string>();

  constructor(
    readonly name: string,
    readonly arn: string,
    readonly tableId: string,
    readonly createdAt: Date,
    readonly keySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[],
    public attributeDefinitions: { AttributeName: string; AttributeType: ScalarType }[],
    readonly shape: KeyShape,
    billingMode: 'PROVISIONED' | 'PAY_PER_REQUEST',
  ) {
    this.store = new KeyStore(shape);
    this.billingMode = billingMode;
  }

  /** The table key of an item as a string (unique per item). */
  tieOf(item: AttributeMap): string {
    const h = keyString(item[this.shape.hash] as AttributeValue);
    return this.shape.range === undefined ? h : `${h}\u0000${keyString(item[this.shape.range] as AttributeValue)}`;
  }

  /** Only the key attributes of an item. */
  keyOf(item: AttributeMap): AttributeMap {
    const key: AttributeMap = { [this.shape.hash]: item[this.shape.hash] as AttributeValue };
    if (this.shape.range !== undefined) key[this.shape.range] = item[this.shape.range] as AttributeValue;
    return key;
  }

  /** The stored item with the given key (already validated), if any. */
  getItem(key: AttributeMap): AttributeMap | undefined {
    return this.store.get(key[this.shape.hash] as AttributeValue, this.tieOf(key), this.shape.range === undefined ? undefined : key[this.shape.range])?.item;
  }

  /** What an index holds for an item: its projection, or nothing when an index key is absent. */
  projectForIndex(index: IndexState, item: AttributeMap): AttributeMap | undefined {
    const h = item[index.shape.hash];
    if (h === undefined || typeOf(h) !== index.shape.hashType) return undefined;
    if (index.shape.range !== undefined) {
      const r = item[index.shape.range];
      if (r === undefined || typeOf(r) !== index.shape.rangeType) return undefined;
    }
    if (index.projection.ProjectionType === 'ALL') return item;
    const out = this.keyOf(item);
    out[index.shape.hash] = h;
    if (index.shape.range !== undefined) out[index.shape.range] = item[index.shape.range] as AttributeValue;
    if (index.projection.ProjectionType === 'INCLUDE')
      for (const a of index.projection.NonKeyAttributes ?? []) if (item[a] !== undefined) out[a] = item[a] as AttributeValue;
    return out;
  }

  /**
   * Replaces `old` with `next` (either may be undefined) in the table and every index, and
   * records the change on the stream. `userIdentity` marks TTL deletions.
   */
  write(old: AttributeMap | undefined, next: AttributeMap | undefined, at: number, userIdentity?: StreamRecord['userIdentity']): void {
    const tie = this.tieOf((next ?? old) as AttributeMap);
    if (old !== undefined) this.sizeBytes -= itemSize(old);
    if (next !== undefined) {
      this.store.put(next, tie);
      this.sizeBytes += itemSize(next);
    } else if (old !== undefined) this.store.remove(old, tie);
    for (const index of this.indexes.values()) {
      const before = old === undefined ? undefined : this.projectForIndex(index, old);
      const after = next === undefined ? undefined : this.projectForIndex(index, next);
      if (before !== undefined) index.store.remove(before, tie);
      if (after !== undefined) index.store.put(after, tie);
    }
    if (next !== undefined && this.ttl?.enabled) this.scheduleTtl(next, tie);
    if (this.stream !== undefined && (old !== undefined || next !== undefined))
      this.stream.record(this.keyOf((next ?? old) as AttributeMap), old, next, at, userIdentity);
  }

  private scheduleTtl(item: AttributeMap, tie: string): void {
    const v = item[(this.ttl as { attributeName: string }).attributeName];
    if (v?.N === undefined) return;
    const at = Number(v.N);
    if (!Number.isFinite(at)) return;
    const q = this.ttlQueue;
    q.push({ at, tie });
    let i = q.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((q[parent] as { at: number }).at <= at) break;
      [q[i], q[parent]] = [q[parent] as { at: number; tie: string }, q[i] as { at: number; tie: string }];
      i = parent;
    }
  }

  private popTtl(): void {
    const q = this.ttlQueue;
    const last = q.pop() as { at: number; tie: string };
    if (q.length === 0) return;
    q[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < q.length && (q[l] as { at: number }).at < (q[m] as { at: number }).at) m = l;
      if (r < q.length && (q[r] as { at: number }).at < (q[m] as { at: number }).at) m = r;
      if (m === i) break;
      [q[i], q[m]] = [q[m] as { at: number; tie: string }, q[i] as { at: number; tie: string }];
      i = m;
    }
  }

  /**
   * Deletes the items whose TTL attribute is at or before `nowMs`, writing the stream record AWS
   * writes for a TTL delete (userIdentity of the DynamoDB service principal).
   */
  expire(nowMs: number): void {
    if (!this.ttl?.enabled) return;
    const nowSeconds = nowMs / 1000;
    const attr = this.ttl.attributeName;
    while (this.ttlQueue.length > 0 && (this.ttlQueue[0] as { at: number }).at <= nowSeconds) {
      const { at, tie } = this.ttlQueue[0] as { at: number; tie: string };
      this.popTtl();
      const entry = this.findByTie(tie);
      // The item may have changed or gone since it was queued: only its current TTL counts.
      if (entry === undefined || Number(entry[attr]?.N) !== at) continue;
      this.write(entry, undefined, nowMs, { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' });
    }
  }

  private findByTie(tie: string): AttributeMap | undefined {
    const [h] = tie.split('\u0000');
    const p = this.store.partitions.get(h as string);
    return p?.entries.find((e) => e.tie === tie)?.item;
  }

  /** Re-queues every item's TTL (when TTL is enabled on a table that already has items). */
  rebuildTtl(): void {
    this.ttlQueue = [];
    if (!this.ttl?.enabled) return;
    for (const p of this.store.partitions.values()) for (const e of p.entries) this.scheduleTtl(e.item, e.tie);
  }

  /** Checks key types and sizes of an item about to be written (AWS's messages). */
  checkItemKeys(item: AttributeMap): void {
    for (const [attr, type] of [
      [this.shape.hash, this.shape.hashType],
      [this.shape.range, this.shape.rangeType],
    ] as const) {
      if (attr === undefined) continue;
      const v = item[attr];
      if (v === undefined) throw validation(`One or more parameter values were invalid: Missing the key ${attr} in the item`);
      const t = typeOf(v);
      if (t !== type) throw validation(`One or more parameter values were invalid: Type mismatch for key ${attr} expected: ${type} actual: ${t}`);
      checkKeyValue(attr, v, attr === this.shape.hash);
    }
    for (const index of this.indexes.values()) {
      for (const [attr, type] of [
        [index.shape.hash, index.shape.hashType],
        [index.shape.range, index.shape.rangeType],
      ] as const) {
        if (attr === undefined) continue;
        const v = item[attr];
        if (v === undefined) continue;
        const t = typeOf(v);
        if (t !== type)
          throw validation(`One or more parameter values were invalid: Type mismatch for Index Key ${attr} Expected: ${type} Actual: ${t} IndexName: ${index.name}`);
        if ((v.S !== undefined && v.S === '') || (v.B !== undefined && v.B.byteLength === 0))
          throw validation(
            `One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty ${v.S !== undefined ? 'string' : 'binary'} value. IndexName: ${index.name}, IndexKey: ${attr}`,
          );
      }
    }
  }

  /** Validates a Key parameter against the schema and returns it. */
  checkKey(key: AttributeMap): AttributeMap {
    const names = Object.keys(key);
    const expected = this.shape.range === undefined ? 1 : 2;
    if (names.length !== expected) throw validation('The provided key element does not match the schema');
    for (const [attr, type] of [
      [this.shape.hash, this.shape.hashType],
      [this.shape.range, this.shape.rangeType],
    ] as const) {
      if (attr === undefined) continue;
      const v = key[attr];
      if (v === undefined || typeOf(v) !== type) throw validation('The provided key element does not match the schema');
      checkKeyValue(attr, v, attr === this.shape.hash);
    }
    return key;
  }
}

/** Empty-value and size rules for key attributes. */
export function checkKeyValue(attr: string, v: AttributeValue, isHash: boolean): void {
  if ((v.S !== undefined && v.S === '') || (v.B !== undefined && v.B.byteLength === 0))
    throw validation(
      `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${v.S !== undefined ? 'string' : 'binary'} value. Key: ${attr}`,
    );
  const size = v.S !== undefined ? Buffer.byteLength(v.S) : v.B !== undefined ? v.B.byteLength : 0;
  if (isHash && size > 2048)
    throw validation('One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes');
  if (!isHash && size > 1024)
    throw validation('One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes');
}
