/**
 * Adjustments of recorded values that fogbank cannot reproduce for reasons outside the
 * integrations under test, each explained where it is made.
 *
 * The corpus's Lambda functions are Python; fogbank runs Node.js handlers that do the same thing.
 * What the runtime itself writes differs, and only that is translated in the recorded values
 * before comparing:
 *
 * - a function error's document: Python's `{errorMessage, errorType, requestId, stackTrace}`
 *   becomes the Node.js runtime's `{errorType, errorMessage, trace}` (trace: any value);
 * - the response's Content-Length: Python's `json.dumps` writes `", "` and `": "` separators and
 *   `0.0`, Node.js writes compact JSON, so the length is the Node.js serialisation's.
 *
 * Everything the integration itself decides (error names, which text becomes the cause, the
 * envelope, the events) is compared as recorded.
 */
import type { Json } from '../../../asl/test/conformance/corpus.js';

type JsonObject = { [key: string]: Json };
const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const PYTHON_ERROR_KEYS = ['errorMessage', 'errorType', 'requestId', 'stackTrace'];

function isPythonError(value: Json): value is JsonObject {
  return isObject(value) && Object.keys(value).sort().join() === PYTHON_ERROR_KEYS.join();
}

/** The Node.js runtime's document as JSON text, its trace a wildcard. */
function nodeErrorText(python: JsonObject): string {
  return `{"errorType":${JSON.stringify(python['errorType'])},"errorMessage":${JSON.stringify(python['errorMessage'])},"trace":<node-trace>}`;
}

export function toNodeRuntime(value: Json): Json {
  if (typeof value === 'string') {
    if (!value.startsWith('{"errorMessage"')) return value;
    try {
      const parsed = JSON.parse(value) as Json;
      return isPythonError(parsed) ? nodeErrorText(parsed) : value;
    } catch {
      // A mask may have broken the JSON (`"requestId":<request-id>"`): read the two fields.
      const m = /^\{"errorMessage": ?("(?:[^"\\]|\\.)*"), ?"errorType": ?("(?:[^"\\]|\\.)*"), ?"requestId"/.exec(value);
      if (m === null || !value.includes('"stackTrace"')) return value;
      return nodeErrorText({ errorMessage: JSON.parse(m[1]!) as string, errorType: JSON.parse(m[2]!) as string });
    }
  }
  if (Array.isArray(value)) return value.map(toNodeRuntime);
  if (!isObject(value)) return value;
  if (isPythonError(value)) return { errorType: value['errorType']!, errorMessage: value['errorMessage']!, trace: '<node-trace>' };
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) out[key] = toNodeRuntime(v);
  if ('Payload' in out && isObject(out['SdkHttpMetadata'])) relength(out['SdkHttpMetadata'], out['Payload']!);
  return out;
}

function relength(metadata: JsonObject, payload: Json): void {
  const length = String(Buffer.byteLength(JSON.stringify(payload), 'utf8'));
  const all = metadata['AllHttpHeaders'];
  const headers = metadata['HttpHeaders'];
  if (isObject(all) && Array.isArray(all['Content-Length'])) all['Content-Length'] = [length];
  if (isObject(headers) && typeof headers['Content-Length'] === 'string') headers['Content-Length'] = length;
}

/**
 * LocalStack's snapshot library replaced DynamoDB's `x-amz-crc32` header values by the header's
 * name without listing a transformer in the case; the recorded name stands for any value.
 */
export function crcAsWildcard(value: Json): Json {
  if (Array.isArray(value)) return value.map(crcAsWildcard);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) out[key] = key === 'x-amz-crc32' ? '<x-amz-crc32>' : crcAsWildcard(v);
  return out;
}

/**
 * A Step Functions response's Content-Length counts the digits of its `startDate` (epoch seconds
 * with AWS's sub-second digits), which the snapshot masked (`StartDate: "start-date"`): the
 * recorded length cannot be reproduced and stands for any value.
 */
export function maskedDateLengthAsWildcard(value: Json): Json {
  if (Array.isArray(value)) return value.map(maskedDateLengthAsWildcard);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) out[key] = maskedDateLengthAsWildcard(v);
  const metadata = out['SdkHttpMetadata'];
  if (typeof out['StartDate'] === 'string' && isObject(metadata)) {
    const all = metadata['AllHttpHeaders'];
    const headers = metadata['HttpHeaders'];
    if (isObject(all) && Array.isArray(all['Content-Length'])) all['Content-Length'] = ['<content-length>'];
    if (isObject(headers) && typeof headers['Content-Length'] === 'string') headers['Content-Length'] = '<content-length>';
  }
  return out;
}
