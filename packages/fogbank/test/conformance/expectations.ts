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

/** Masks as the case lists them (`value` -> `placeholder`). */
type Masks = ReadonlyArray<{ value: string; placeholder: string }>;

export function toNodeRuntime(value: Json, masks: Masks = []): Json {
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
  if (Array.isArray(value)) return value.map((v) => toNodeRuntime(v, masks));
  if (!isObject(value)) return value;
  if (isPythonError(value)) return { errorType: value['errorType']!, errorMessage: value['errorMessage']!, trace: '<node-trace>' };
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) out[key] = toNodeRuntime(v, masks);
  if ('Payload' in out && isObject(out['SdkHttpMetadata'])) relength(out['SdkHttpMetadata'], out['Payload']!, masks);
  return out;
}

/** The Node.js length of the payload as sent: the recorded payload with its masked names put back. */
function relength(metadata: JsonObject, payload: Json, masks: Masks): void {
  let text = JSON.stringify(payload);
  for (const mask of [...masks].reverse()) text = text.split(mask.placeholder).join(mask.value);
  const length = String(Buffer.byteLength(text, 'utf8'));
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

const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * A few recordings kept a response's `Date` header unmasked (the wall-clock time of the
 * recording); fogbank's clock starts where the harness froze it: the header stands for any date,
 * as the masked ones (`"Date": "date"`) do.
 */
export function recordedDatesAsWildcard(value: Json): Json {
  if (Array.isArray(value)) return value.map(recordedDatesAsWildcard);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    const date = key === 'Date' && (typeof v === 'string' ? HTTP_DATE.test(v) : Array.isArray(v) && v.length === 1 && typeof v[0] === 'string' && HTTP_DATE.test(v[0]));
    out[key] = date ? 'date' : recordedDatesAsWildcard(v);
  }
  return out;
}

/**
 * The harness ran LocalStack's tests with `short_uid()` returning `00000001`, `00000002`, ...,
 * which the cases' inputs carry (`http://no-such-queue-00000002`); where no transformer masked
 * it, the recording has the random id AWS saw (`no-such-queue-73e08fde`). Such a recorded name is
 * the input's name.
 */
export function recordedShortIdsAsHarness(value: Json, input: Json): Json {
  const names = new Map<string, string>();
  for (const m of JSON.stringify(input).matchAll(/([a-z][a-z-]*-)(\d{8})(?![0-9a-f])/g)) names.set(m[1]!, m[2]!);
  if (names.size === 0) return value;
  let text = JSON.stringify(value);
  for (const [prefix, id] of names) text = text.replace(new RegExp(`${prefix.replace(/[-]/g, '\\-')}[0-9a-f]{8}(?![0-9a-f])`, 'g'), `${prefix}${id}`);
  return JSON.parse(text) as Json;
}

const ROLE_BY_RESOURCE = /^arn:<partition>:iam::(\d{12}):role\/<resource:\d+>$/;

/**
 * The SQS cases' `sfn_sqs_integration` transformer replaced the role ARN's parts
 * (`arn:<partition>:iam::111111111111:role/<resource:1>`) before the case's role mask could; the
 * masks turn fogbank's role ARN into the mask's placeholder, which stands for the same ARN.
 */
export function roleMaskedByResource(value: Json, masks: ReadonlyArray<{ value: string; placeholder: string }> | undefined): Json {
  const role = masks?.find((m) => /^arn:aws:iam::\d{12}:role\//.test(m.value));
  if (role === undefined) return value;
  const visit = (v: Json): Json => {
    if (typeof v === 'string') return ROLE_BY_RESOURCE.test(v) ? role.placeholder : v;
    if (Array.isArray(v)) return v.map(visit);
    if (!isObject(v)) return v;
    const out: JsonObject = {};
    for (const [key, inner] of Object.entries(v)) out[key] = visit(inner);
    return out;
  };
  return visit(value);
}

/**
 * A JsonpathTransformer whose replacement is itself bracketed (`<task_token>`) numbered its
 * references `<<task_token>:1>`; spelt `<task_token:1>` it is the numbered token it means.
 */
export function nestedTokensUnwrapped(value: Json): Json {
  return JSON.parse(JSON.stringify(value).replace(/<<([^<>\s:]+)>:(\d+)>/g, '<$1:$2>')) as Json;
}
