import { randomUUID } from 'node:crypto';
import type { HttpRequest, HttpResponse } from './http1.js';

/** A response with a request id, as AWS's endpoints send. */
export function reply(status: number, headers: Record<string, string>, body: string | Uint8Array): HttpResponse {
  return { status, headers: { 'x-amzn-requestid': randomUUID(), ...headers }, body: typeof body === 'string' ? Buffer.from(body) : body };
}

/** JSON for the wire: `Date`s become epoch seconds, as AWS's JSON protocols send timestamps. */
export function wireJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : v;
  });
}

/** An error of a service that knows its wire form: AWS's status and `{ __type, message }`. */
export interface WireError {
  readonly statusCode: number;
  /** The legacy query-protocol code some JSON services also send (`x-amzn-query-error`). */
  readonly queryErrorCode?: string;
  toJSON(): unknown;
}

export function isWireError(thrown: unknown): thrown is WireError {
  return thrown instanceof Error && typeof (thrown as Partial<WireError>).statusCode === 'number' && typeof (thrown as Partial<WireError>).toJSON === 'function';
}

/** A JSON 1.0 fault to answer: status, `__type` and message. */
export class JsonFault {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly message: string,
  ) {}
}

const serialization = (message: string): JsonFault => new JsonFault(400, 'com.amazon.coral.service#SerializationException', message);

/** A JSON 1.0 request's body as an object (empty: `{}`), or the serialization fault to answer. */
export function jsonObjectBody(req: HttpRequest): Record<string, unknown> | JsonFault {
  let input: unknown;
  try {
    input = req.body.byteLength === 0 ? {} : (JSON.parse(req.body.toString('utf8')) as unknown);
  } catch {
    return serialization('The request body is not JSON.');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return serialization('The request body is not a JSON object.');
  return input as Record<string, unknown>;
}

/** The fault for something a service threw that is not its own wire error. */
export function unexpectedFault(thrown: unknown): JsonFault {
  // A member of the wrong JSON type reached the service: AWS answers a serialization error.
  if (thrown instanceof TypeError) return serialization('Unexpected value type in payload');
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new JsonFault(500, 'com.amazon.coral.service#InternalFailure', `fogbank internal error: ${message}`);
}
