/**
 * The HTTP endpoint: DynamoDB's and DynamoDB Streams' JSON 1.0 protocols, and (when given the
 * services) Step Functions' and SQS's JSON 1.0, Lambda's REST-JSON and SNS's query protocols, over one port. An
 * adapter only: parse the request, call the store, render its result or its error as AWS does
 * (`__type`, `message`, status code, `x-amz-crc32`). Any SigV4 credentials are accepted.
 */
import { randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { DynamoDB, DynamoDBError } from '@fogbank/dynamodb';
import type { LambdaService } from '@fogbank/lambda';
import { createHttp1Server, type HttpRequest, type HttpResponse } from './http1.js';
import { LAMBDA_PATH, lambdaRequest } from './lambda-wire.js';
import { isQueryRequest, snsRequest, type SnsApi } from './sns-wire.js';
import { sqsRequest, type SqsApi } from './sqs-wire.js';
import { stepFunctionsRequest, type StepFunctionsApi } from './step-functions-wire.js';
import { decodeRequest, mayHoldBinary, outputJson, responseJson } from './wire.js';

/** Options of `startServer`. */
export interface ServerOptions {
  /**
   * Port to listen on; 0 picks a free one.
   * @default 4566
   */
  port?: number;
  /**
   * Interface to bind. Loopback by default: the endpoint accepts any credentials.
   * @default '127.0.0.1'
   */
  host?: string;
  /** The store to serve. @default a new `DynamoDB()` */
  dynamodb?: DynamoDB;
  /** Lambda to serve over its REST-JSON protocol (`/2015-03-31/functions/...`), if any. */
  lambda?: LambdaService;
  /** Step Functions to serve over its JSON 1.0 protocol (`AWSStepFunctions.*`), if any. */
  stepFunctions?: StepFunctionsApi;
  /** SQS to serve over its JSON 1.0 protocol (`AmazonSQS.*`), if any. */
  sqs?: SqsApi;
  /** SNS to serve over its query protocol (form bodies with `Action=`), if any. */
  sns?: SnsApi;
}

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:4566`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const MAX_BODY = 32 * 1024 * 1024;
// Every target this endpoint answers, to its operation: one lookup per request.
const OPERATIONS = new Map<string, string>();
for (const [prefix, operations] of [
  ['DynamoDB_20120810', DynamoDB.operations],
  ['DynamoDBStreams_20120810', DynamoDB.streamOperations],
] as const)
  for (const op of operations) OPERATIONS.set(`${prefix}.${op.charAt(0).toUpperCase()}${op.slice(1)}`, op);

function send(status: number, body: unknown): HttpResponse {
  return sendJson(status, responseJson(body));
}

function sendJson(status: number, json: string): HttpResponse {
  const bytes = Buffer.from(json);
  return {
    status,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-requestid': randomUUID(),
      // The SDK verifies this checksum of the body and retries when it does not match.
      'x-amz-crc32': String(crc32(bytes)),
    },
    body: bytes,
  };
}

function sendError(err: DynamoDBError): HttpResponse {
  const wire = err.toWire();
  return send(wire.status, wire.body);
}

/** Maps `DynamoDB_20120810.PutItem` to `putItem`, or undefined for an unknown target. */
export function operationOf(target: string | undefined): string | undefined {
  return target === undefined ? undefined : OPERATIONS.get(target);
}

/** Answers one DynamoDB or DynamoDB Streams request; never throws. */
export async function handle(dynamodb: DynamoDB, req: HttpRequest): Promise<HttpResponse> {
  try {
    if (req.method !== 'POST') return send(200, { healthy: true, service: 'fogbank' });
    const op = operationOf(req.headers['x-amz-target']);
    if (op === undefined) return sendError(new DynamoDBError('UnknownOperationException', ''));
    const body = req.body;
    if (body.byteLength > MAX_BODY) return sendError(new DynamoDBError('SerializationException', 'Request body too large'));
    let input: unknown;
    try {
      input = body.byteLength === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return sendError(new DynamoDBError('SerializationException', 'Start of structure or map found where not expected.'));
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      return sendError(new DynamoDBError('SerializationException', 'Start of structure or map found where not expected.'));
    const result = await dynamodb.callShared(op, mayHoldBinary(body) ? decodeRequest(input) : input);
    return sendJson(200, outputJson(op, input as Record<string, unknown>, (result ?? {}) as Record<string, unknown>));
  } catch (e) {
    if (e instanceof DynamoDBError) return sendError(e);
    // A member of the wrong JSON type reached the store: AWS's answer is a serialization error.
    if (e instanceof TypeError) return sendError(new DynamoDBError('SerializationException', 'Unexpected value type in payload'));
    return sendError(new DynamoDBError('InternalServerError', 'Internal server error', 500));
  }
}

/**
 * Starts the endpoint.
 *
 * @example
 * const server = await startServer({ port: 0, dynamodb: new DynamoDB() });
 * const client = new DynamoDBClient({ endpoint: server.url, region: 'us-east-1',
 *   credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
 */
export function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dynamodb = options.dynamodb ?? new DynamoDB();
  const host = options.host ?? '127.0.0.1';
  const { lambda, stepFunctions, sqs, sns } = options;
  const { server, close } = createHttp1Server((req) => {
    const target = req.headers['x-amz-target'];
    if (stepFunctions !== undefined && target !== undefined && target.startsWith('AWSStepFunctions.')) return stepFunctionsRequest(stepFunctions, target, req);
    if (sqs !== undefined && target !== undefined && target.startsWith('AmazonSQS.')) return sqsRequest(sqs, target, req);
    if (sns !== undefined && target === undefined && req.method === 'POST' && isQueryRequest(req)) return snsRequest(sns, req);
    if (lambda !== undefined && LAMBDA_PATH.test(req.url)) return lambdaRequest(lambda, req);
    return handle(dynamodb, req);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4566, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolve({
        url: `http://${host}:${port}`,
        port,
        close,
      });
    });
  });
}
