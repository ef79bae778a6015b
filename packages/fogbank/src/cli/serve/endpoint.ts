import { createServer } from 'node:http';
import { handle } from '@fogbank/server';
import type { Cloud } from '../../cloud.js';
import { LAMBDA_PATH, lambdaRequest } from './lambda-wire.js';
import { stepFunctionsRequest } from './step-functions-wire.js';

/** A listening endpoint. */
export interface Endpoint {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * One port for the whole cloud: Step Functions' JSON 1.0 (`X-Amz-Target: AWSStepFunctions.*`),
 * Lambda's REST-JSON (`/2015-03-31/functions/...`), and everything else to `@fogbank/server`'s
 * DynamoDB and DynamoDB Streams handler. Any SigV4 credentials are accepted.
 */
export function startEndpoint(cloud: Cloud, port: number, host: string): Promise<Endpoint> {
  const server = createServer((req, res) => {
    const target = req.headers['x-amz-target'];
    if (typeof target === 'string' && target.startsWith('AWSStepFunctions.')) void stepFunctionsRequest(cloud.stepFunctions, target, req, res);
    else if (LAMBDA_PATH.test(req.url ?? '')) void lambdaRequest(cloud.lambda, req, res);
    else void handle(cloud.dynamodb, req, res);
  });
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : port;
      resolve({
        url: `http://${host}:${bound}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
