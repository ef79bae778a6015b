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
  return quotaBound(value, maxNodes) <= MAX_PAYLOAD_BYTES;
}

/**
 * An upper bound of the UTF-8 size of a value's JSON, from a walk of at most `maxNodes` nodes;
 * `Infinity` when the walk gave up or the bound passed the quota. Every state's new output is
 * walked, so the bound is rough but costs no reading of strings: six bytes per UTF-16 unit, 25 per
 * number, boolean or null.
 */
export function quotaBound(value: Json, maxNodes = 256): number {
  nodesLeft = maxNodes;
  bound = 0;
  return underQuota(value) ? bound : Infinity;
}

// The walk's running totals: module state rather than a closure, since every state's output is
// measured and the walk must not allocate.
let nodesLeft = 0;
let bound = 0;

function underQuota(v: Json): boolean {
  if (--nodesLeft < 0) return false;
  if (typeof v === 'string') bound += 6 * v.length + 2;
  // The longest number JavaScript writes is 25 characters: -0.0000010314428692551271.
  else if (typeof v !== 'object' || v === null) bound += 25;
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

/**
 * The UTF-8 length of `JSON.stringify(value)`, computed without building the text (a Map's
 * output of 10,000 results cost more to serialise than to produce). Stops counting once past
 * `limit`, returning a number above it.
 */
export function jsonByteLength(value: Json, limit = Infinity): number {
  byteLimit = limit;
  bytes = 0;
  countBytes(value);
  return bytes;
}

let byteLimit = 0;
let bytes = 0;

function countBytes(v: Json): void {
  if (bytes > byteLimit) return;
  if (typeof v === 'string') bytes += stringBytes(v);
  else if (typeof v === 'number') bytes += numberBytes(v);
  else if (typeof v === 'boolean') bytes += v ? 4 : 5;
  else if (v === null) bytes += 4;
  else if (Array.isArray(v)) {
    bytes += v.length === 0 ? 2 : 1 + v.length; // brackets and commas
    for (let i = 0; i < v.length; i++) countBytes(v[i]!);
  } else {
    let keys = 0;
    for (const key in v) {
      keys++;
      bytes += stringBytes(key) + 1; // and the colon
      countBytes(v[key]!);
    }
    bytes += keys === 0 ? 2 : 1 + keys; // braces and commas
  }
}

function numberBytes(n: number): number {
  if (!Number.isFinite(n)) return 4; // null
  if (Number.isInteger(n) && Math.abs(n) < 1e21) {
    // Powers of ten up to 1e21 are exact doubles: count digits by comparing, not dividing.
    const size = n < 0 ? -n : n;
    let digits = n < 0 ? 2 : 1;
    for (let power = 10; size >= power; power *= 10) digits++;
    return digits;
  }
  return String(n).length;
}

/** A string's JSON text, quotes and escapes included, in UTF-8 bytes. */
function stringBytes(s: string): number {
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += c < 0x20 ? (c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 2 : 6) : c === 0x22 || c === 0x5c ? 2 : 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4; // a surrogate pair: one four-byte character
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) n += 6; // a lone surrogate is written as \uXXXX
    else n += 3;
  }
  return n;
}
