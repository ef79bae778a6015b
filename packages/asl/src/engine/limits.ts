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
