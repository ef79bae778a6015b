/**
 * JSON 1.0 body mapping between the wire and the in-process API: binary values travel as
 * base64 strings and timestamps as epoch seconds; in-process they are Uint8Array and Date.
 */

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Date);

/**
 * Decodes base64 binaries in a request. An AttributeValue is the only object with exactly one
 * member named `B` (a string) or `BS` (an array of strings), so the walk needs no schema.
 */
export function decodeRequest(value: unknown, depth = 0): unknown {
  if (depth > 64) return value;
  if (Array.isArray(value)) return value.map((v) => decodeRequest(v, depth + 1));
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    if (keys[0] === 'B' && typeof value.B === 'string') return { B: new Uint8Array(Buffer.from(value.B, 'base64')) };
    if (keys[0] === 'BS' && Array.isArray(value.BS) && value.BS.every((b) => typeof b === 'string'))
      return { BS: (value.BS as string[]).map((b) => new Uint8Array(Buffer.from(b, 'base64'))) };
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = decodeRequest(value[k], depth + 1);
  return out;
}

/** Renders a response: binaries as base64, dates as epoch seconds. */
export function encodeResponse(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(encodeResponse);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) if (value[k] !== undefined) out[k] = encodeResponse(value[k]);
  return out;
}
