import { startServer } from '@fogbank/server';
import type { Cloud } from '../../cloud.js';

/** A listening endpoint. */
export interface Endpoint {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * One port for the whole cloud, served by `@fogbank/server`: Step Functions' JSON 1.0
 * (`X-Amz-Target: AWSStepFunctions.*`), Lambda's REST-JSON (`/2015-03-31/functions/...`), and
 * DynamoDB and DynamoDB Streams. Any SigV4 credentials are accepted.
 */
export async function startEndpoint(cloud: Cloud, port: number, host: string): Promise<Endpoint> {
  const server = await startServer({ port, host, dynamodb: cloud.dynamodb, lambda: cloud.lambda, stepFunctions: cloud.stepFunctions, sqs: cloud.sqs, sns: cloud.sns });
  return { url: server.url, close: () => server.close() };
}
