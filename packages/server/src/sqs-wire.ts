import { isWireError, jsonObjectBody, JsonFault, reply, unexpectedFault } from './http.js';
import type { HttpRequest, HttpResponse } from './http1.js';

/**
 * What the endpoint needs of an SQS service (fogbank's `cloud.sqs`, in the `fogbank` package): each
 * operation as a method taking and returning the SDK's shapes, throwing errors that render
 * themselves (`statusCode`, `toJSON()` as `{ __type, message }`, and the legacy query-protocol code
 * the service also sends, `queryErrorCode`).
 */
export type SqsApi = { readonly [operation in SqsOperation]: (input: never) => Promise<unknown> };

/** The operations answered over SQS's JSON 1.0 protocol (`AmazonSQS.<Name>`). */
export const SQS_OPERATIONS = [
  'createQueue', 'getQueueUrl', 'getQueueAttributes', 'listQueues', 'deleteQueue', 'purgeQueue',
  'sendMessage', 'sendMessageBatch', 'receiveMessage', 'deleteMessage', 'changeMessageVisibility',
] as const;

type SqsOperation = (typeof SQS_OPERATIONS)[number];

const JSON_10 = { 'content-type': 'application/x-amz-json-1.0' };

function fault(status: number, type: string, message: string, queryCode?: string): HttpResponse {
  // SQS answers JSON clients with the query protocol's code too, for clients that map by it.
  const headers = queryCode === undefined ? JSON_10 : { ...JSON_10, 'x-amzn-query-error': `${queryCode};Sender` };
  return reply(status, headers, JSON.stringify({ __type: type, message }));
}

/**
 * SQS's JSON 1.0 protocol (what `@aws-sdk/client-sqs` speaks): `X-Amz-Target: AmazonSQS.SendMessage`,
 * the operation's input as the body, its output or `{ "__type", "message" }` with AWS's status back.
 */
export async function sqsRequest(service: SqsApi, target: string, req: HttpRequest): Promise<HttpResponse> {
  const name = target.slice('AmazonSQS.'.length);
  const op = `${name.charAt(0).toLowerCase()}${name.slice(1)}` as SqsOperation;
  if (!(SQS_OPERATIONS as readonly string[]).includes(op)) {
    return fault(400, 'com.amazonaws.sqs#UnsupportedOperation', `fogbank does not serve ${target}`, 'AWS.SimpleQueueService.UnsupportedOperation');
  }
  const input = jsonObjectBody(req);
  if (input instanceof JsonFault) return fault(input.status, input.type, input.message);
  try {
    const call = service[op] as (input: unknown) => Promise<unknown>;
    const output = await call.call(service, input);
    return reply(200, JSON_10, JSON.stringify(output ?? {}));
  } catch (thrown) {
    if (isWireError(thrown)) {
      const body = thrown.toJSON() as { __type: string; message: string };
      return fault(thrown.statusCode, body.__type, body.message, thrown.queryErrorCode);
    }
    const { status, type, message } = unexpectedFault(thrown);
    return fault(status, type, message);
  }
}
