/**
 * The HTTP endpoint: DynamoDB's and DynamoDB Streams' JSON 1.0 protocols, and (when given the
 * services) Step Functions' JSON 1.0 and Lambda's REST-JSON protocols, over one port. An
 * adapter only: parse the request, call the store, render its result or its error as AWS does
 * (`__type`, `message`, status code, `x-amz-crc32`). Any SigV4 credentials are accepted.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { crc32 } from 'node:zlib';
import { DynamoDB, DynamoDBError } from '@fogbank/dynamodb';
import type { LambdaService } from '@fogbank/lambda';
import { LAMBDA_PATH, lambdaRequest } from './lambda-wire.js';
import { stepFunctionsRequest, type StepFunctionsApi } from './step-functions-wire.js';
import { decodeRequest, encodeResponse } from './wire.js';

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
}

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:4566`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const MAX_BODY = 32 * 1024 * 1024;
const PREFIXES: Record<string, readonly string[]> = {
  DynamoDB_20120810: DynamoDB.operations,
  DynamoDBStreams_20120810: DynamoDB.streamOperations,
};

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': text.byteLength,
    'x-amzn-requestid': randomUUID(),
    // The SDK verifies this checksum of the body and retries when it does not match.
    'x-amz-crc32': String(crc32(text)),
  });
  res.end(text);
}

function sendError(res: ServerResponse, err: DynamoDBError): void {
  const wire = err.toWire();
  send(res, wire.status, encodeResponse(wire.body));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.byteLength;
      if (size > MAX_BODY) {
        reject(new DynamoDBError('SerializationException', 'Request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Maps `DynamoDB_20120810.PutItem` to `putItem`, or undefined for an unknown target. */
export function operationOf(target: string | undefined): string | undefined {
  if (target === undefined) return undefined;
  const dot = target.indexOf('.');
  if (dot === -1) return undefined;
  const ops = PREFIXES[target.slice(0, dot)];
  const name = target.slice(dot + 1);
  const op = name.charAt(0).toLowerCase() + name.slice(1);
  return ops?.includes(op) ? op : undefined;
}

/** Handles one request; never throws. */
export async function handle(dynamodb: DynamoDB, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const body = await readBody(req);
    if (req.method !== 'POST') {
      send(res, 200, { healthy: true, service: 'fogbank' });
      return;
    }
    const op = operationOf(req.headers['x-amz-target'] as string | undefined);
    if (op === undefined) {
      sendError(res, new DynamoDBError('UnknownOperationException', ''));
      return;
    }
    let input: unknown;
    try {
      input = body.byteLength === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      sendError(res, new DynamoDBError('SerializationException', 'Start of structure or map found where not expected.'));
      return;
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      sendError(res, new DynamoDBError('SerializationException', 'Start of structure or map found where not expected.'));
      return;
    }
    const result = await dynamodb.call(op, decodeRequest(input));
    send(res, 200, encodeResponse(result ?? {}));
  } catch (e) {
    if (e instanceof DynamoDBError) sendError(res, e);
    else if (e instanceof TypeError)
      // A member of the wrong JSON type reached the store: AWS's answer is a serialization error.
      sendError(res, new DynamoDBError('SerializationException', 'Unexpected value type in payload'));
    else sendError(res, new DynamoDBError('InternalServerError', 'Internal server error', 500));
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
  const { lambda, stepFunctions } = options;
  const server = createServer((req, res) => {
    const target = req.headers['x-amz-target'];
    if (stepFunctions !== undefined && typeof target === 'string' && target.startsWith('AWSStepFunctions.')) {
      void stepFunctionsRequest(stepFunctions, target, req, res);
    } else if (lambda !== undefined && LAMBDA_PATH.test(req.url ?? '')) void lambdaRequest(lambda, req, res);
    else void handle(dynamodb, req, res);
  });
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4566, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolve({
        url: `http://${host}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
