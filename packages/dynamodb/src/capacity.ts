/**
 * Consumed capacity as AWS computes it
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html):
 * reads in 4 KB units (half for eventually consistent reads), writes in 1 KB units of the larger
 * of the old and new item, transactions twice, plus the writes each affected index takes.
 */
import { itemSize, type AttributeMap } from './attribute-value.js';
import type { Table } from './table.js';

export type CapacityMode = 'INDEXES' | 'TOTAL' | 'NONE' | undefined;

/** The ConsumedCapacity shape. */
export interface ConsumedCapacity {
  TableName: string;
  CapacityUnits: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
  Table?: { CapacityUnits: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number }>;
  LocalSecondaryIndexes?: Record<string, { CapacityUnits: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number }>;
}

/** Read units for `bytes` read in one request. */
export const readUnits = (bytes: number, consistent: boolean, transactional = false): number => {
  const units = Math.max(1, Math.ceil(bytes / 4096));
  return transactional ? units * 2 : consistent ? units : units / 2;
};

/** Write units for one item write. */
export const writeUnits = (bytes: number, transactional = false): number =>
  Math.max(1, Math.ceil(bytes / 1024)) * (transactional ? 2 : 1);

/** Index write units for replacing `old` by `next` in each index of the table. */
export function indexWrites(table: Table, old: AttributeMap | undefined, next: AttributeMap | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const index of table.indexes.values()) {
    const before = old === undefined ? undefined : table.projectForIndex(index, old);
    const after = next === undefined ? undefined : table.projectForIndex(index, next);
    let units = 0;
    if (before !== undefined && after !== undefined) {
      const moved = index.shape.hash in before && (before[index.shape.hash] !== after[index.shape.hash] || (index.shape.range !== undefined && before[index.shape.range] !== after[index.shape.range]));
      units = moved ? writeUnits(itemSize(before)) + writeUnits(itemSize(after)) : writeUnits(Math.max(itemSize(before), itemSize(after)));
    } else if (before !== undefined) units = writeUnits(itemSize(before));
    else if (after !== undefined) units = writeUnits(itemSize(after));
    if (units > 0) out.set(index.name, units);
  }
  return out;
}

/** Builds the ConsumedCapacity member, or undefined when the caller did not ask for it. */
export function consumedCapacity(
  mode: CapacityMode,
  table: Table,
  kind: 'read' | 'write',
  tableUnits: number,
  indexUnits: ReadonlyMap<string, number> = new Map(),
): ConsumedCapacity | undefined {
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return undefined;
  let total = tableUnits;
  for (const u of indexUnits.values()) total += u;
  const member = kind === 'read' ? 'ReadCapacityUnits' : 'WriteCapacityUnits';
  const out: ConsumedCapacity = { TableName: table.name, CapacityUnits: total, [member]: total };
  if (mode === 'INDEXES') {
    out.Table = { CapacityUnits: tableUnits, [member]: tableUnits };
    for (const [name, units] of indexUnits) {
      const kindKey = table.indexes.get(name)?.kind === 'LSI' ? 'LocalSecondaryIndexes' : 'GlobalSecondaryIndexes';
      (out[kindKey] ??= {})[name] = { CapacityUnits: units, [member]: units };
    }
  }
  return out;
}

/** Adds `b` into `a` (same table), for batch and transaction totals. */
export function mergeCapacity(a: ConsumedCapacity | undefined, b: ConsumedCapacity | undefined): ConsumedCapacity | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const sum = (x = 0, y = 0) => x + y;
  const out: ConsumedCapacity = { ...a, CapacityUnits: a.CapacityUnits + b.CapacityUnits };
  if (a.ReadCapacityUnits !== undefined || b.ReadCapacityUnits !== undefined) out.ReadCapacityUnits = sum(a.ReadCapacityUnits, b.ReadCapacityUnits);
  if (a.WriteCapacityUnits !== undefined || b.WriteCapacityUnits !== undefined) out.WriteCapacityUnits = sum(a.WriteCapacityUnits, b.WriteCapacityUnits);
  if (a.Table && b.Table) out.Table = { ...a.Table, CapacityUnits: a.Table.CapacityUnits + b.Table.CapacityUnits };
  return out;
}
