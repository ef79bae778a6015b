/**
 * Masks fogbank's actual execution results the way LocalStack's snapshot library masked the
 * recorded AWS results (see the corpus README, "Placeholders and what the expected values mean"),
 * so that both sides can be compared value for value.
 */
import type { Json, Mask } from './corpus.js';

type JsonObject = { [key: string]: Json };

/** Detail fields that carry JSON text in a history event; the corpus holds them parsed. */
const PAYLOAD_FIELDS = new Set(['input', 'output', 'parameters', 'result']);

/**
 * An ISO-8601 date-time with a zone, as LocalStack's `date` transformer matches it: month, day,
 * hour, minute and second in range, `Z` or `+hh:mm` required (`2016-12-05T25:29:29Z` and
 * `2016-12-05T21:29:29` stay as they are in the recorded causes).
 */
export const ISO_DATE_TIME =
  /\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)/g;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;


const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses `text` as JSON, or returns it unchanged when it is not JSON. */
function parseOr(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

/**
 * What the snapshot library did to API response objects before masking: strings starting with
 * `{` become objects (once: the parsed value is not searched again, so an output's `Cause`
 * text stays a string), and the payload fields are always parsed.
 */
function parseDetails(details: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(details)) {
    if (PAYLOAD_FIELDS.has(key)) out[key] = parseJsonText(value);
    else if (key === 'assignedVariables' && isObject(value)) {
      const vars: JsonObject = {};
      for (const [name, text] of Object.entries(value)) vars[name] = parseJsonText(text);
      out[key] = vars;
    } else out[key] = parseJsonObjectText(value);
  }
  return out;
}

/**
 * A payload field's JSON text, parsed. AWS's history holds these as strings; a value that is not
 * a string is kept in a wrapper that matches nothing recorded, so the difference shows.
 */
function parseJsonText(value: Json): Json {
  if (typeof value === 'string') return parseOr(value);
  return { [NOT_JSON_TEXT]: value };
}

/** The wrapper key of a payload field fogbank did not write as JSON text. */
export const NOT_JSON_TEXT = 'fogbank wrote this history field as a raw value, not as JSON text';

/** A string that holds a JSON object becomes that object; anything else stays. */
export function parseJsonObjectText(value: Json): Json {
  if (typeof value !== 'string' || !value.startsWith('{')) return value;
  const parsed = parseOr(value);
  return isObject(parsed) ? parsed : value;
}

/**
 * One fogbank history event as the corpus records events: `timestamp` dropped, the JSON-carrying
 * detail fields parsed, object-valued strings (e.g. a Lambda `cause`) parsed.
 */
export function normaliseEvent(event: unknown): JsonObject {
  const plain = JSON.parse(JSON.stringify(event)) as JsonObject;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(plain)) {
    if (key === 'timestamp') continue;
    out[key] = key.endsWith('EventDetails') && isObject(value) ? parseDetails(value) : value;
  }
  return out;
}

/** Escapes a plain text for use in a regular expression. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A mask value is a regular expression in LocalStack; the corpus values are plain names. */
function maskPattern(value: string): RegExp {
  try {
    return new RegExp(value, 'g');
  } catch {
    return new RegExp(escapeRegex(value), 'g');
  }
}

/**
 * Masks an actual value (an output, a cause, a list of normalised events):
 * 1. the case's `masks`, in order, over the serialised JSON;
 * 2. ISO-8601 date-times -> `date`, over the serialised JSON (inside strings too);
 * 3. values under keys containing `timestamp` (any case) -> `timestamp`;
 * 4. quoted JSON objects inside `cause` texts -> `<json-input:N>`;
 * 5. UUIDs under keys ending in `id`/`Id` -> `<uuid:N>`, numbered by first occurrence and
 *    replaced everywhere they occur (also inside strings).
 */
export function maskValue(value: Json, masks: readonly Mask[] = []): Json {
  let text = JSON.stringify(value);
  for (const mask of masks) text = text.replace(maskPattern(mask.value), mask.placeholder);
  text = text.replace(ISO_DATE_TIME, 'date');
  const keyed = applyKeyRules(JSON.parse(text) as Json);
  return replaceUuids(keyed);
}

function applyKeyRules(value: Json): Json {
  const jsonInputs = new Map<string, string>();
  const walk = (node: Json, key: string | null): Json => {
    if (Array.isArray(node)) return node.map((item) => walk(item, key));
    if (isObject(node)) {
      const out: JsonObject = {};
      for (const [k, v] of Object.entries(node)) out[k] = walk(v, k);
      return out;
    }
    if (key === null) return node;
    if (/timestamp/i.test(key) && node !== null && typeof node !== 'boolean' && node !== 'date') return 'timestamp';
    if (key.toLowerCase() === 'cause' && typeof node === 'string') {
      return replaceQuotedJson(node, (json) => {
        let token = jsonInputs.get(json);
        if (token === undefined) {
          token = `<json-input:${jsonInputs.size + 1}>`;
          jsonInputs.set(json, token);
        }
        return token;
      });
    }
    return node;
  };
  return walk(value, null);
}

/**
 * Replaces each quoted JSON object inside a text (`... in the input '{"a":1}'`): the shortest
 * `'{...}'` whose inside parses as JSON.
 */
function replaceQuotedJson(text: string, tokenFor: (json: string) => string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const start = text.indexOf("'{", from);
    if (start < 0) break;
    let end = text.indexOf("}'", start + 2);
    while (end >= 0 && !isJsonObjectText(text.slice(start + 1, end + 1))) end = text.indexOf("}'", end + 1);
    if (end < 0) break;
    out += `${text.slice(from, start)}'${tokenFor(text.slice(start + 1, end + 1))}'`;
    from = end + 2;
  }
  return out + text.slice(from);
}

function isJsonObjectText(text: string): boolean {
  try {
    return isObject(JSON.parse(text));
  } catch {
    return false;
  }
}

function replaceUuids(value: Json): Json {
  const found: string[] = [];
  const walk = (node: Json, key: string | null): void => {
    if (Array.isArray(node)) node.forEach((item) => walk(item, key));
    else if (isObject(node)) for (const [k, v] of Object.entries(node)) walk(v, k);
    else if (typeof node === 'string' && key !== null && /(id|Id)$/.test(key) && UUID.test(node) && !found.includes(node)) {
      found.push(node);
    }
  };
  walk(value, null);
  if (found.length === 0) return value;
  let text = JSON.stringify(value);
  found.forEach((uuid, i) => {
    text = text.split(uuid).join(`<uuid:${i + 1}>`);
  });
  return JSON.parse(text) as Json;
}
