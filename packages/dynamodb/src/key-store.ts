/**
 * Item storage for a table or an index: a hash map of partitions; inside a partition, entries
 * sorted by sort key (then, for indexes, by the table key so equal index keys stay ordered).
 * GetItem is O(1), a Query page O(log n + page). Scans visit partitions in the order of a hash
 * of their key, as DynamoDB does, so a scan's order is stable but not insertion order.
 */
import { compareBytes, compareUtf8, decimalOf, itemSize, keyString, type AttributeMap, type AttributeValue } from './attribute-value.js';
import { compareDecimal, type Decimal } from './decimal.js';

/** A sort key in directly comparable form (numbers parsed once, at write time). */
export type SortKey = Decimal | string | Uint8Array | undefined;

/** The comparable form of a key value. */
export function sortKeyOf(v: AttributeValue | undefined): SortKey {
  if (v === undefined) return undefined;
  if (v.N !== undefined) return decimalOf(v.N);
  if (v.S !== undefined) return v.S;
  return v.B;
}

/** Orders two sort keys of the same type. */
export function compareSortKeys(a: SortKey, b: SortKey): number {
  if (typeof a === 'string') return compareUtf8(a, b as string);
  if (a instanceof Uint8Array) return compareBytes(a, b as Uint8Array);
  if (a === undefined || b === undefined) return 0;
  return compareDecimal(a, b as Decimal);
}

/** Which attributes key a store and their types. */
export interface KeyShape {
  readonly hash: string;
  readonly hashType: 'S' | 'N' | 'B';
  readonly range?: string | undefined;
  readonly rangeType?: 'S' | 'N' | 'B' | undefined;
}

/** One stored item with its precomputed ordering keys. */
export interface Entry {
  readonly item: AttributeMap;
  readonly range: AttributeValue | undefined;
  /** `range` in comparable form. */
  readonly sort: SortKey;
  /** The item's size as AWS counts it (for 1 MB pages and capacity). */
  readonly size: number;
  /** The table key string: unique per table item, ties index entries with equal index keys. */
  readonly tie: string;
}

/** All items sharing one partition key value. */
export interface Partition {
  readonly key: string;
  readonly hashValue: AttributeValue;
  readonly order: number;
  readonly entries: Entry[];
}

/** FNV-1a over the key string: the stand-in for DynamoDB's partition hash. */
function hashOrder(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function compareEntry(sort: SortKey, tie: string, e: Entry): number {
  if (sort !== undefined && e.sort !== undefined) {
    const c = compareSortKeys(sort, e.sort);
    if (c !== 0) return c;
  }
  return tie < e.tie ? -1 : tie > e.tie ? 1 : 0;
}

/** First index whose entry is >= (range, tie); tie '' sorts before every real table key. */
export function lowerBound(entries: readonly Entry[], range: AttributeValue | undefined, tie: string): number {
  const sort = sortKeyOf(range);
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareEntry(sort, tie, entries[mid] as Entry) > 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose sort key is > range (whatever the tie). */
export function upperBound(entries: readonly Entry[], range: AttributeValue): number {
  const sort = sortKeyOf(range);
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareSortKeys(sort, (entries[mid] as Entry).sort) >= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in [from, n) where `pred` turns false, for a predicate true on a prefix. */
export function firstFailing(entries: readonly Entry[], from: number, pred: (e: Entry) => boolean): number {
  let lo = from;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(entries[mid] as Entry)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A hash map of sorted partitions. */
export class KeyStore {
  readonly partitions = new Map<string, Partition>();
  private ordered: Partition[] | undefined;
  count = 0;

  constructor(readonly shape: KeyShape) {}

  /** Inserts or replaces the entry with this tie. */
  put(item: AttributeMap, tie: string): void {
    const hashValue = item[this.shape.hash] as AttributeValue;
    const key = keyString(hashValue);
    let p = this.partitions.get(key);
    if (p === undefined) {
      p = { key, hashValue, order: hashOrder(key), entries: [] };
      this.partitions.set(key, p);
      this.ordered = undefined;
    }
    const range = this.shape.range === undefined ? undefined : item[this.shape.range];
    const entry: Entry = { item, range, sort: sortKeyOf(range), size: itemSize(item), tie };
    const at = lowerBound(p.entries, range, tie);
    const existing = p.entries[at];
    if (existing !== undefined && existing.tie === tie) p.entries[at] = entry;
    else {
      p.entries.splice(at, 0, entry);
      this.count++;
    }
  }

  /** Removes the entry for `item` (found by its keys and tie), if present. */
  remove(item: AttributeMap, tie: string): void {
    const key = keyString(item[this.shape.hash] as AttributeValue);
    const p = this.partitions.get(key);
    if (p === undefined) return;
    const range = this.shape.range === undefined ? undefined : item[this.shape.range];
    const at = lowerBound(p.entries, range, tie);
    if (p.entries[at]?.tie !== tie) return;
    p.entries.splice(at, 1);
    this.count--;
    if (p.entries.length === 0) {
      this.partitions.delete(key);
      this.ordered = undefined;
    }
  }

  /** The entry with exactly this key (tables only: the tie is the key itself). */
  get(hashValue: AttributeValue, tie: string, range: AttributeValue | undefined): Entry | undefined {
    const p = this.partitions.get(keyString(hashValue));
    if (p === undefined) return undefined;
    if (p.entries.length === 1) return p.entries[0]?.tie === tie ? p.entries[0] : undefined;
    const e = p.entries[lowerBound(p.entries, range, tie)];
    return e?.tie === tie ? e : undefined;
  }

  /** Partitions in scan order (cached until a partition appears or disappears). */
  scanOrder(): Partition[] {
    this.ordered ??= [...this.partitions.values()].sort((a, b) => a.order - b.order || (a.key < b.key ? -1 : 1));
    return this.ordered;
  }

  /** Position in scan order where the partition with this key is (or would be). */
  scanPosition(key: string): number {
    const order = hashOrder(key);
    const list = this.scanOrder();
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const p = list[mid] as Partition;
      if (p.order < order || (p.order === order && p.key < key)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The segment (of `total`) a partition belongs to in a parallel scan. */
  static segmentOf(p: Partition, total: number): number {
    return Math.floor((p.order * total) / 0x1_0000_0000);
  }

  clear(): void {
    this.partitions.clear();
    this.ordered = undefined;
    this.count = 0;
  }
}
