import { randomUUID } from 'node:crypto';
import type { HttpResponse } from './http1.js';

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
