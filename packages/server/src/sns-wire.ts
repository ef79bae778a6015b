import { randomUUID } from 'node:crypto';
import type { HttpRequest, HttpResponse } from './http1.js';

/**
 * What the endpoint needs of an SNS service (fogbank's `cloud.sns`): each operation as a method
 * taking and returning the SDK's shapes, throwing errors with `statusCode` and the query
 * protocol's `queryErrorCode` (`NotFound`, `InvalidParameter`).
 */
export type SnsApi = { readonly [operation in SnsOperation]: (input: never) => Promise<unknown> };

/** The operations answered over SNS's query protocol (`Action=<Name>`). */
export const SNS_OPERATIONS = ['createTopic', 'deleteTopic', 'listTopics', 'subscribe', 'unsubscribe', 'listSubscriptionsByTopic', 'publish'] as const;

type SnsOperation = (typeof SNS_OPERATIONS)[number];

const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const XML = { 'content-type': 'text/xml' };

/** Whether a request is in the query protocol (a form body), which SNS speaks. */
export function isQueryRequest(req: HttpRequest): boolean {
  return (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

/**
 * SNS's query protocol (what `@aws-sdk/client-sns` speaks): a form body with `Action`, flattened
 * members (`Attributes.entry.1.key`, `MessageAttributes.entry.1.Value.StringValue`), and an XML
 * answer `<ActionResponse><ActionResult>...</ActionResult><ResponseMetadata>` or `<ErrorResponse>`.
 */
export async function snsRequest(service: SnsApi, req: HttpRequest): Promise<HttpResponse> {
  const requestId = randomUUID();
  const form = new URLSearchParams(req.body.toString('utf8'));
  const action = form.get('Action') ?? '';
  const op = `${action.charAt(0).toLowerCase()}${action.slice(1)}` as SnsOperation;
  if (!(SNS_OPERATIONS as readonly string[]).includes(op)) {
    return errorResponse(400, 'InvalidAction', `fogbank does not serve the SNS action ${action === '' ? '(none)' : action}`, requestId);
  }
  try {
    const call = service[op] as (input: unknown) => Promise<unknown>;
    const output = await call.call(service, inputOf(op, form));
    const result = op === 'deleteTopic' || op === 'unsubscribe' ? '' : `<${action}Result>${xmlOf(output ?? {})}</${action}Result>`;
    const body = `<${action}Response xmlns="${XMLNS}">${result}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
    return { status: 200, headers: { ...XML, 'x-amzn-requestid': requestId }, body: Buffer.from(body) };
  } catch (thrown) {
    const known = thrown as { statusCode?: unknown; queryErrorCode?: unknown; message?: unknown };
    if (thrown instanceof Error && typeof known.statusCode === 'number' && typeof known.queryErrorCode === 'string') {
      return errorResponse(known.statusCode, known.queryErrorCode, thrown.message, requestId);
    }
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return errorResponse(500, 'InternalFailure', `fogbank internal error: ${message}`, requestId);
  }
}

function errorResponse(status: number, code: string, message: string, requestId: string): HttpResponse {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  const body = `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status, headers: { ...XML, 'x-amzn-requestid': requestId }, body: Buffer.from(body) };
}

/** The SDK-shaped input of an action from its flattened form members. */
function inputOf(op: SnsOperation, form: URLSearchParams): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const entries = new Map<string, Map<string, Record<string, string>>>();
  for (const [key, value] of form) {
    if (key === 'Action' || key === 'Version') continue;
    const parts = key.split('.');
    if (parts.length === 1) {
      input[key] = op === 'subscribe' && key === 'ReturnSubscriptionArn' ? value === 'true' : value;
      continue;
    }
    // `Attributes.entry.1.key`, `MessageAttributes.entry.1.Value.StringValue`, `Tags.member.1.Key`.
    const [member, , index, ...field] = parts;
    let byIndex = entries.get(member!);
    if (byIndex === undefined) entries.set(member!, (byIndex = new Map()));
    const entry = byIndex.get(index!) ?? {};
    entry[field.join('.')] = value;
    byIndex.set(index!, entry);
  }
  for (const [member, byIndex] of entries) {
    const list = [...byIndex.entries()].sort((a, b) => Number(a[0]) - Number(b[0])).map(([, entry]) => entry);
    if (member === 'MessageAttributes') {
      input[member] = Object.fromEntries(
        list.map((e) => [
          e['Name'] ?? '',
          {
            DataType: e['Value.DataType'],
            ...(e['Value.StringValue'] !== undefined ? { StringValue: e['Value.StringValue'] } : {}),
            ...(e['Value.BinaryValue'] !== undefined ? { BinaryValue: Buffer.from(e['Value.BinaryValue'], 'base64') } : {}),
          },
        ]),
      );
    } else if (member === 'Tags') {
      input[member] = list.map((e) => ({ Key: e['Key'], Value: e['Value'] }));
    } else {
      input[member] = Object.fromEntries(list.map((e) => [e['key'] ?? '', e['value'] ?? '']));
    }
  }
  return input;
}

/** An output shape as the query protocol's XML: lists as `<member>`s, maps as `<entry>`s. */
function xmlOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => `<member>${xmlOf(item)}</member>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${xmlOf(v)}</${k}>`)
      .join('');
  }
  return escapeXml(String(value));
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}
