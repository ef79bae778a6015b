/**
 * The eight tiny Python Lambda handlers the corpus's Lambda-backed cases call, modelled as
 * fogbank Task integrations. Two resources reach them:
 *
 * - a function ARN (`arn:aws:lambda:<region>:<account>:function:<name>`): the task's effective
 *   input is the event and the function's response is the task result; an uncaught exception
 *   fails the task with the exception class as `error` and the runtime's error document as
 *   `cause`, serialised the way the Python runtime writes it (`", "` and `": "` separators);
 * - `arn:aws:states:::lambda:invoke`: the `Parameters` are the Invoke request (`FunctionName`,
 *   `Payload`, `LogType`, ...); the result is the whole Invoke response envelope (`Payload`,
 *   `StatusCode`, `SdkHttpMetadata`, ...); a function error carries the same document compactly
 *   re-serialised (`","`, `":"`), and an unknown function fails with
 *   `Lambda.ResourceNotFoundException`.
 *
 * The shapes are those recorded in the corpus histories (services/, error_handling/ cases).
 */
import { TaskError } from '@fogbank/asl';
import type { Json, LambdaDetail } from './corpus.js';

type JsonObject = { [key: string]: Json };

/** What the handler does, named after its source file in the LocalStack repository. */
export type LambdaBehaviour =
  | 'identity'
  | 'raise-exception'
  | 'return-bytes-string'
  | 'wait-60-seconds'
  | 'large-output-string'
  | 'raise-custom-exception'
  | 'echo'
  | 'return-decorated-input';

const BY_SOURCE: Readonly<Record<string, LambdaBehaviour>> = {
  'id_function.py': 'identity',
  'raise_exception.py': 'raise-exception',
  'return_bytes_str.py': 'return-bytes-string',
  'wait_60_seconds.py': 'wait-60-seconds',
  'large_output_string.py': 'large-output-string',
  'raise_custom_exception.py': 'raise-custom-exception',
  'echo_function.py': 'echo',
  'return_decorated_input.py': 'return-decorated-input',
};

/** The behaviour of a corpus Lambda, from its handler source; unknown handlers are an error. */
export function behaviourOf(detail: Pick<LambdaDetail, 'handlerSource'>): LambdaBehaviour {
  const file = detail.handlerSource.slice(detail.handlerSource.lastIndexOf('/') + 1);
  const behaviour = BY_SOURCE[file];
  if (behaviour === undefined) throw new Error(`No fogbank model of the Lambda handler ${detail.handlerSource}`);
  return behaviour;
}

/** A handler's outcome: the raw response payload text, or the Python runtime's error document. */
export type Outcome =
  | { readonly ok: true; readonly payload: string }
  | { readonly ok: false; readonly errorType: string; readonly errorMessage: string; readonly stackTrace: readonly string[] };

/** The minimum a behaviour needs from the engine: a way to let (virtual) time pass. */
export interface InvokeEnv {
  sleep(ms: number): Promise<void>;
}

/**
 * Runs one behaviour on an event (the parsed request payload). Successful results are
 * serialised as the Python runtime does (`json.dumps`); handlers returning `bytes` hand their
 * bytes back unchanged.
 */
export async function invokeBehaviour(behaviour: LambdaBehaviour, event: Json, env: InvokeEnv): Promise<Outcome> {
  switch (behaviour) {
    case 'identity':
      return { ok: true, payload: pythonJson(event) };
    case 'raise-exception':
      return {
        ok: false,
        errorType: 'Exception',
        errorMessage: 'Some exception was raised.',
        stackTrace: ['  File "/var/task/handler.py", line 2, in handler\n    raise Exception("Some exception was raised.")\n'],
      };
    case 'raise-custom-exception':
      // The class sets a `message` attribute but never calls Exception.__init__: str(e) is ''.
      return {
        ok: false,
        errorType: 'CustomException',
        errorMessage: '',
        stackTrace: ['  File "/var/task/handler.py", line 9, in handler\n    raise CustomException()\n'],
      };
    case 'return-bytes-string':
      return { ok: true, payload: '"HelloWorld!"' };
    case 'wait-60-seconds':
      await env.sleep(60_000);
      return { ok: true, payload: pythonJson(event) };
    case 'large-output-string':
      return { ok: true, payload: 'a'.repeat(257 * 1024) };
    case 'echo':
      return { ok: true, payload: pythonJson({ Return: 'HelloWorld' }) };
    case 'return-decorated-input':
      return { ok: true, payload: pythonJson(`input-event-${pythonRepr(event)}`) };
    default:
      return behaviour satisfies never;
  }
}

/** Python's `json.dumps` with its defaults: `", "`/`": "` separators, non-ASCII escaped. */
export function pythonJson(value: Json, compact = false): string {
  const comma = compact ? ',' : ', ';
  const colon = compact ? ':' : ': ';
  const write = (v: Json): string => {
    if (v === null || typeof v !== 'object') return asciiJson(v);
    if (Array.isArray(v)) return `[${v.map(write).join(comma)}]`;
    return `{${Object.entries(v).map(([k, x]) => `${asciiJson(k)}${colon}${write(x)}`).join(comma)}}`;
  };
  return write(value);
}

function asciiJson(v: string | number | boolean | null): string {
  return JSON.stringify(v).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Python's `repr`/`str` of the value `json.loads` gives for `value` (what an f-string prints). */
export function pythonRepr(value: Json): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return pythonStringRepr(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${pythonStringRepr(k)}: ${pythonRepr(v)}`).join(', ')}}`;
}

function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/** The Lambda functions of one case, by name, and the account they live in. */
export interface LambdaSetup {
  readonly functions: readonly LambdaDetail[];
  readonly region: string;
  readonly accountId: string;
}

/** What the integrations read from fogbank's task context (a structural subset of it). */
export interface LambdaTaskContext {
  readonly resource: string;
  sleep(ms: number): Promise<void>;
  readonly clock?: { now(): number };
}

export type LambdaIntegration = (input: Json, context: LambdaTaskContext) => Promise<Json>;

/**
 * The integrations for a case: `arn:aws:lambda:*` (function ARN resources) and
 * `arn:aws:states:::lambda:invoke` (the optimised service integration).
 * Request ids are deterministic (`00000001-0000-4000-8000-000000000000`, ...).
 */
export function lambdaIntegrations(setup: LambdaSetup): Record<string, LambdaIntegration> {
  const byName = new Map(setup.functions.map((f) => [f.functionName, behaviourOf(f)] as const));
  let requests = 0;
  const nextRequestId = (): string => `${(++requests).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
  const functionArn = (name: string) => `arn:aws:lambda:${setup.region}:${setup.accountId}:function:${name}`;

  const functionResource: LambdaIntegration = async (input, ctx) => {
    const name = functionNameOf(ctx.resource);
    const behaviour = name === undefined ? undefined : byName.get(name);
    const requestId = nextRequestId();
    if (behaviour === undefined) throw notFound(functionArn(name ?? ctx.resource), requestId);
    const outcome = await invokeBehaviour(behaviour, input, ctx);
    if (!outcome.ok) throw functionError(outcome, requestId, false);
    return parsePayload(outcome.payload);
  };

  const invoke: LambdaIntegration = async (input, ctx) => {
    const request: JsonObject = input !== null && typeof input === 'object' && !Array.isArray(input) ? input : {};
    const target = typeof request['FunctionName'] === 'string' ? request['FunctionName'] : '';
    const name = functionNameOf(target) ?? target;
    const behaviour = byName.get(name);
    const requestId = nextRequestId();
    if (behaviour === undefined) throw notFound(functionArn(name), requestId);
    const event = requestEvent(request['Payload']);
    const outcome = await invokeBehaviour(behaviour, event, ctx);
    if (!outcome.ok) throw functionError(outcome, requestId, true);
    const tail = request['LogType'] === 'Tail' ? logTail(requestId) : undefined;
    return invokeResponse(outcome.payload, requestId, ctx.clock?.now() ?? Date.UTC(2025, 0, 1), tail);
  };

  return { 'arn:aws:lambda:*': functionResource, 'arn:aws:states:::lambda:invoke': invoke };
}

/** `name`, `function:name[:qualifier]` or a full function ARN -> the function name. */
export function functionNameOf(target: string): string | undefined {
  const arn = /(?:^|:)function:([A-Za-z0-9_-]+)/.exec(target);
  if (arn !== null) return arn[1];
  return /^[A-Za-z0-9_-]+$/.test(target) ? target : undefined;
}

/** An absent or null `Payload` sends no bytes (the handler sees `{}`); a string is sent as is. */
function requestEvent(payload: Json | undefined): Json {
  if (payload === undefined || payload === null) return {};
  if (typeof payload === 'string') return parsePayload(payload);
  return payload;
}

/** A response payload is JSON text; bytes that are not JSON come back as a string. */
function parsePayload(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

function functionError(outcome: Extract<Outcome, { ok: false }>, requestId: string, compact: boolean): TaskError {
  const document: JsonObject = {
    errorMessage: outcome.errorMessage,
    errorType: outcome.errorType,
    requestId,
    stackTrace: [...outcome.stackTrace],
  };
  return new TaskError(outcome.errorType, pythonJson(document, compact));
}

function notFound(arn: string, requestId: string): TaskError {
  return new TaskError(
    'Lambda.ResourceNotFoundException',
    `Function not found: ${arn}:$LATEST (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: ${requestId}; Proxy: null)`,
  );
}

function logTail(requestId: string): string {
  const log =
    `START RequestId: ${requestId} Version: $LATEST\n` +
    `END RequestId: ${requestId}\n` +
    `REPORT RequestId: ${requestId}\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 32 MB\t\n`;
  return Buffer.from(log, 'utf8').toString('base64');
}

/** The Invoke response as Step Functions hands it to the state (key order as AWS records it). */
export function invokeResponse(payload: string, requestId: string, nowMs: number, logResult?: string): JsonObject {
  const length = String(Buffer.byteLength(payload, 'utf8'));
  const date = new Date(nowMs).toUTCString();
  const traceId = `Root=1-${Math.floor(nowMs / 1000).toString(16)}-${requestId.replace(/-/g, '').slice(0, 24)};Sampled=0`;
  const all: JsonObject = {};
  if (logResult !== undefined) all['X-Amz-Log-Result'] = [logResult];
  Object.assign(all, {
    'X-Amz-Executed-Version': ['$LATEST'],
    'x-amzn-Remapped-Content-Length': ['0'],
    Connection: ['keep-alive'],
    'x-amzn-RequestId': [requestId],
    'Content-Length': [length],
    Date: [date],
    'X-Amzn-Trace-Id': [traceId],
    'Content-Type': ['application/json'],
  });
  const headers: JsonObject = {
    Connection: 'keep-alive',
    'Content-Length': length,
    'Content-Type': 'application/json',
    Date: date,
    'X-Amz-Executed-Version': '$LATEST',
  };
  if (logResult !== undefined) headers['X-Amz-Log-Result'] = logResult;
  Object.assign(headers, {
    'x-amzn-Remapped-Content-Length': '0',
    'x-amzn-RequestId': requestId,
    'X-Amzn-Trace-Id': traceId,
  });
  const response: JsonObject = { ExecutedVersion: '$LATEST' };
  if (logResult !== undefined) response['LogResult'] = logResult;
  Object.assign(response, {
    Payload: parsePayload(payload),
    SdkHttpMetadata: { AllHttpHeaders: all, HttpHeaders: headers, HttpStatusCode: 200 },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  });
  return response;
}
