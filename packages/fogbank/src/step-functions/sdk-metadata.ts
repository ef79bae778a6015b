/**
 * The `SdkHttpMetadata` / `SdkResponseMetadata` members Step Functions' optimised integrations add
 * to a task result: the Java SDK's view of the HTTP response it got from the service.
 */
import type { JsonObject } from '@fogbank/asl';

export interface HttpResponseFacts {
  readonly requestId: string;
  /** The response body's length in bytes. */
  readonly contentLength: number;
  readonly nowMs: number;
  /** Extra headers, in AWS's order, before the common ones. */
  readonly contentType?: string;
}

/** `{ SdkHttpMetadata, SdkResponseMetadata }` of a JSON 1.0 service response (Step Functions). */
export function jsonServiceMetadata(facts: HttpResponseFacts): JsonObject {
  const length = String(facts.contentLength);
  const date = new Date(facts.nowMs).toUTCString();
  const type = facts.contentType ?? 'application/x-amz-json-1.0';
  return {
    SdkHttpMetadata: {
      AllHttpHeaders: {
        'x-amzn-RequestId': [facts.requestId],
        connection: ['keep-alive'],
        'Content-Length': [length],
        Date: [date],
        'Content-Type': [type],
      },
      HttpHeaders: { connection: 'keep-alive', 'Content-Length': length, 'Content-Type': type, Date: date, 'x-amzn-RequestId': facts.requestId },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: facts.requestId },
  };
}

/** DynamoDB's response metadata: its own header set (`Server`, `x-amz-crc32`). */
export function dynamoDbMetadata(facts: HttpResponseFacts & { readonly crc32: number }): JsonObject {
  const length = String(facts.contentLength);
  const date = new Date(facts.nowMs).toUTCString();
  const crc = String(facts.crc32);
  return {
    SdkHttpMetadata: {
      AllHttpHeaders: {
        Server: ['Server'],
        Connection: ['keep-alive'],
        'x-amzn-RequestId': [facts.requestId],
        'x-amz-crc32': [crc],
        'Content-Length': [length],
        Date: [date],
        'Content-Type': ['application/x-amz-json-1.0'],
      },
      HttpHeaders: {
        Connection: 'keep-alive',
        'Content-Length': length,
        'Content-Type': 'application/x-amz-json-1.0',
        Date: date,
        Server: 'Server',
        'x-amz-crc32': crc,
        'x-amzn-RequestId': facts.requestId,
      },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: facts.requestId },
  };
}
