import { InvalidRequestContentException, RequestEntityTooLargeException } from './errors.js';

/** Invoke's request and response limits (docs: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
export const PAYLOAD_LIMITS = {
  /** 6 MB synchronous request. */
  syncRequestBytes: 6_291_456,
  /** The response cap the runtime API enforces: 6 MiB + 100 bytes. */
  syncResponseBytes: 6_291_556,
  /** 256 KB asynchronous (`Event`) request. */
  asyncRequestBytes: 262_144,
} as const;

/**
 * A response body, like the SDK's `Uint8ArrayBlobAdapter`: bytes with `transformToString()`.
 */
export class PayloadBlob extends Uint8Array {
  static fromString(text: string): PayloadBlob {
    // A view of the encoded bytes, as the SDK's Uint8ArrayBlobAdapter.fromString makes (no copy).
    const bytes = Buffer.from(text, 'utf8');
    return new PayloadBlob(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  transformToString(encoding: BufferEncoding = 'utf8'): string {
    return Buffer.from(this.buffer, this.byteOffset, this.byteLength).toString(encoding);
  }
}

/** Invoke's `Payload` as the SDK accepts it. */
export type InvokePayload = string | Uint8Array | undefined;

/** Decodes and checks a request payload; an empty payload is the event `{}`. */
export function readRequestPayload(payload: InvokePayload, invocationType: 'RequestResponse' | 'Event' | 'DryRun'): string {
  const text = payload === undefined ? '' : typeof payload === 'string' ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8');
  // UTF-8 takes at most 3 bytes per UTF-16 unit: a short text needs no byte count.
  const byteLength =
    typeof payload === 'string' ? (payload.length * 3 <= PAYLOAD_LIMITS.asyncRequestBytes ? 0 : Buffer.byteLength(payload, 'utf8')) : payload?.byteLength ?? 0;
  if (invocationType === 'Event' && byteLength > PAYLOAD_LIMITS.asyncRequestBytes) {
    throw new RequestEntityTooLargeException(
      `${byteLength} byte payload is too large for the Event invocation type (limit ${PAYLOAD_LIMITS.asyncRequestBytes} bytes)`,
    );
  }
  if (byteLength > PAYLOAD_LIMITS.syncRequestBytes) {
    throw new RequestEntityTooLargeException(
      `Request must be smaller than ${PAYLOAD_LIMITS.syncRequestBytes} bytes for the InvokeFunction operation`,
    );
  }
  if (text.trim() === '') return '{}';
  try {
    JSON.parse(text);
  } catch (error) {
    throw new InvalidRequestContentException(
      `Could not parse request body into json: Could not parse payload into json: ${(error as Error).message}`,
    );
  }
  return text;
}

/** The error document for a response over the limit (the next invoke still works). */
export const RESPONSE_TOO_LARGE = JSON.stringify({
  errorMessage: `Response payload size exceeded maximum allowed payload size (${PAYLOAD_LIMITS.syncResponseBytes} bytes).`,
  errorType: 'Function.ResponseSizeTooLarge',
});
