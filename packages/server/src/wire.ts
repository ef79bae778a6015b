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

/** True when a value holds something JSON.stringify would not render as the wire does. */
function needsMapping(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (value instanceof Uint8Array || value instanceof Date || depth > 64) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (needsMapping(value[i], depth + 1)) return true;
    return false;
  }
  for (const key in value) if (needsMapping((value as Record<string, unknown>)[key], depth + 1)) return true;
  return false;
}

/**
 * A response body's JSON. Most outputs hold no binary and no date: they go straight to the
 * native JSON.stringify, without the copy `encodeResponse` makes.
 */
export function responseJson(value: unknown): string {
  return JSON.stringify(needsMapping(value, 0) ? encodeResponse(value) : value);
}

/**
 * Whether a request body may hold a binary value (`"B"` or `"BS"`, or a key spelled with a
 * `\u` escape); if not, `decodeRequest` would only copy it.
 */
export function mayHoldBinary(body: Buffer): boolean {
  return body.indexOf('"B') !== -1 || body.indexOf('\\u') !== -1;
}

// The JSON of stored items, by identity. The store never changes a stored item in place (a write
// replaces the object), so an item's text stays right for as long as the object lives, and the
// WeakMap lets it go with the item. Repeated reads of an item then cost a lookup, not a stringify.
const itemJson = new WeakMap<object, string>();

function itemText(item: unknown): string {
  if (typeof item !== 'object' || item === null) return responseJson(item);
  let text = itemJson.get(item);
  if (text === undefined) {
    text = responseJson(item);
    itemJson.set(item, text);
  }
  return text;
}

const itemsText = (items: unknown): string => (Array.isArray(items) ? `[${items.map(itemText).join(',')}]` : responseJson(items));

/** Whether a read request returns whole stored items (no projection), the only ones worth caching. */
function wholeItems(request: Record<string, unknown>): boolean {
  return request['ProjectionExpression'] === undefined && request['AttributesToGet'] === undefined && request['Select'] !== 'SPECIFIC_ATTRIBUTES';
}

/**
 * The response JSON of an operation run with `DynamoDB.callShared`. For GetItem, Query, Scan and
 * BatchGetItem without a projection, the items in the output are the stored objects, and their
 * text comes from a cache; every other output is stringified whole.
 */
export function outputJson(operation: string, input: Record<string, unknown>, output: Record<string, unknown>): string {
  let members: Record<string, (value: unknown) => string>;
  if ((operation === 'getItem' || operation === 'query' || operation === 'scan') && wholeItems(input)) members = operation === 'getItem' ? { Item: itemText } : { Items: itemsText };
  else if (operation === 'batchGetItem') {
    const requests = input['RequestItems'] as Record<string, Record<string, unknown>>;
    members = {
      Responses: (responses) => {
        const parts: string[] = [];
        for (const [table, items] of Object.entries(responses as Record<string, unknown>))
          parts.push(`${JSON.stringify(table)}:${requests[table] !== undefined && wholeItems(requests[table]) ? itemsText(items) : responseJson(items)}`);
        return `{${parts.join(',')}}`;
      },
    };
  } else return responseJson(output);
  const parts: string[] = [];
  for (const key in output) {
    const value = output[key];
    if (value === undefined) continue;
    const render = members[key];
    parts.push(`${JSON.stringify(key)}:${render !== undefined ? render(value) : responseJson(value)}`);
  }
  return `{${parts.join(',')}}`;
}
