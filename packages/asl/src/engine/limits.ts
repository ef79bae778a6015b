import { StatesError, StatesErrorName } from '../errors.js';
import type { Json } from '../json.js';

/** AWS's payload quota: 256 KiB of UTF-8 for any state or task input and output. */
export const MAX_PAYLOAD_BYTES = 262_144;

/** Serialised size in UTF-8 bytes, or a lower bound when that is already clearly under the cap. */
export function payloadBytes(json: string): number {
  // Three bytes per UTF-16 unit is the worst case; most payloads are far below the cap.
  return json.length * 3 <= MAX_PAYLOAD_BYTES ? json.length : Buffer.byteLength(json, 'utf8');
}

export function dataLimitError(stateOrResource: string): StatesError {
  return new StatesError(
    StatesErrorName.DataLimitExceeded,
    `The state/task '${stateOrResource}' returned a result with a size exceeding the maximum number of bytes service limit.`,
  );
}

/**
 * Whether a value's JSON is certainly under the payload quota, judged from an upper bound of its
 * size without serialising it (six bytes per UTF-16 unit covers `\uXXXX` escapes). Gives up,
 * answering false, past `maxNodes` nodes; then the caller measures exactly.
 */
export function certainlyUnderQuota(value: Json, maxNodes = 256): boolean {
  nodesLeft = maxNodes;
  bound = 0;
  return underQuota(value);
}

// The walk's running totals: module state rather than a closure, since every state's output is
// measured and the walk must not allocate.
let nodesLeft = 0;
let bound = 0;

function underQuota(v: Json): boolean {
  if (--nodesLeft < 0) return false;
  if (typeof v === 'string') bound += 6 * v.length + 2;
  else if (typeof v !== 'object' || v === null) bound += 24;
  else if (Array.isArray(v)) {
    bound += 2;
    for (let i = 0; i < v.length; i++) {
      bound += 1;
      if (!underQuota(v[i]!)) return false;
    }
  } else {
    bound += 2;
    for (const key in v) {
      bound += 6 * key.length + 4;
      if (!underQuota(v[key]!)) return false;
    }
  }
  return bound <= MAX_PAYLOAD_BYTES;
}
