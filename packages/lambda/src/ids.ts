import { randomBytes } from 'node:crypto';

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

function take16(): number {
  if (offset + 16 > POOL_BYTES) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  offset += 16;
  return offset - 16;
}

const HEX = Buffer.from('0123456789abcdef', 'latin1');
const uuidText = Buffer.alloc(36, '-'.charCodeAt(0));

/**
 * A version 4 UUID from 16 random bytes, as `crypto.randomUUID()` makes, written into one buffer
 * and decoded once: randomUUID() returns a tree of ~20 concatenated string pieces, which every
 * request id kept in a log then holds (about 700 bytes each, and garbage-collection work).
 */
function uuidV4(): string {
  const at = take16();
  let out = 0;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out++; // the dashes stay in place
    let byte = pool[at + i] as number;
    if (i === 6) byte = (byte & 0x0f) | 0x40; // version 4
    else if (i === 8) byte = (byte & 0x3f) | 0x80; // RFC 4122 variant
    uuidText[out++] = HEX[byte >> 4] as number;
    uuidText[out++] = HEX[byte & 0x0f] as number;
  }
  return uuidText.toString('latin1', 0, 36);
}

/** Random version 4 UUIDs and random bytes (crypto-strength). The default. */
export const randomIds: IdSource = {
  uuid: uuidV4,
  hex32: () => {
    const at = take16();
    return pool.toString('hex', at, at + 16);
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
