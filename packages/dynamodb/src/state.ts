/**
 * The state one `DynamoDB` instance holds, shared by the operation modules: tables, the
 * injected clock and id source, stream plumbing, idempotency tokens.
 */
import { cloneMap, type AttributeMap } from './attribute-value.js';
import { notFound } from './errors.js';
import type { StreamRecord, TableStream } from './streams.js';
import type { Table } from './table.js';

/** A source of the current time. `Date.now` by default; tests inject a virtual clock. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** Receives every stream record as it is written. */
export type StreamListener = (event: { tableName: string; streamArn: string; record: StreamRecord }) => void;

export interface StoreState {
  readonly tables: Map<string, Table>;
  readonly clock: Clock;
  readonly region: string;
  readonly accountId: string;
  readonly newId: () => string;
  readonly listeners: Set<StreamListener>;
  /** ClientRequestToken -> request fingerprint, time and response (10 minute window). */
  readonly transactionTokens: Map<string, { fingerprint: string; at: number; response: unknown }>;
  sequence: bigint;
  /** Streams of deleted tables: AWS keeps them readable for 24 hours after the table is gone. */
  readonly retiredStreams: TableStream[];
  /**
   * True while an operation runs for a caller that serialises its output at once (a wire
   * adapter, through `DynamoDB.callShared`): read items are then handed out as the stored
   * objects, which the store never changes in place, instead of as copies.
   */
  shareOutput: boolean;
}

/** A stored item as an operation's output: a copy the caller may keep, unless output is shared. */
export function outputItem(state: StoreState, item: AttributeMap): AttributeMap {
  return state.shareOutput ? item : cloneMap(item);
}

/** The table for an item operation, with TTL expiry applied on the injected clock first. */
export function tableFor(state: StoreState, name: string): Table {
  const table = state.tables.get(name);
  if (table === undefined) throw notFound();
  table.expire(state.clock.now());
  return table;
}
