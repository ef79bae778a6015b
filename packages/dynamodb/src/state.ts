/**
 * The state one `DynamoDB` instance holds, shared by the operation modules: tables, the
 * injected clock and id source, stream plumbing, idempotency tokens.
 */
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
}

/** The table for an item operation, with TTL expiry applied on the injected clock first. */
export function tableFor(state: StoreState, name: string): Table {
  const table = state.tables.get(name);
  if (table === undefined) throw notFound();
  table.expire(state.clock.now());
  return table;
}
