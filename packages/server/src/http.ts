import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Reads a request body (the endpoint is local: no size cap beyond AWS's own payload checks). */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Writes a response with a request id, as AWS's endpoints do. */
export function reply(res: ServerResponse, status: number, headers: Record<string, string>, body: string | Uint8Array): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { 'x-amzn-requestid': randomUUID(), 'content-length': String(bytes.byteLength), ...headers });
  res.end(bytes);
}

/** JSON for the wire: `Date`s become epoch seconds, as AWS's JSON protocols send timestamps. */
export function wireJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : v;
  });
}
