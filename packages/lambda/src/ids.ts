import { randomBytes, randomUUID } from 'node:crypto';

/**
 * Where identifiers come from. Inject a deterministic source in tests so request ids, log stream
 * names and revision ids can be pinned.
 */
export interface IdSource {
  /** A lowercase UUID: request ids (`awsRequestId`, `x-amzn-RequestId`), revision ids. */
  uuid(): string;
  /** 32 lowercase hex digits: the tail of a log stream name. */
  hex32(): string;
}

// Random bytes drawn 4 KB at a time: one randomBytes() call per id cost more than the rest of
// creating an inline execution environment. (randomUUID() buffers its entropy the same way.)
const POOL_BYTES = 4096;
let pool = randomBytes(POOL_BYTES);
let offset = 0;

/** `crypto.randomUUID()` and random bytes. The default. */
export const randomIds: IdSource = {
  uuid: () => randomUUID(),
  hex32: () => {
    if (offset + 16 > POOL_BYTES) {
      pool = randomBytes(POOL_BYTES);
      offset = 0;
    }
    offset += 16;
    return pool.toString('hex', offset - 16, offset);
  },
};

/**
 * Counting ids: `00000000-0000-4000-8000-000000000001`, `...02`, and hex `000...01`.
 *
 * @example
 * const lambda = new LambdaService({ ids: sequentialIds() });
 */
export function sequentialIds(): IdSource {
  let uuids = 0;
  let hexes = 0;
  return {
    uuid: () => `00000000-0000-4000-8000-${(++uuids).toString(16).padStart(12, '0')}`,
    hex32: () => (++hexes).toString(16).padStart(32, '0'),
  };
}
