/**
 * `createCloud()`: Step Functions, Lambda, DynamoDB, SQS and SNS wired into one local cloud, with one clock,
 * the Task integrations between them, and (by default) an HTTP endpoint so AWS SDK clients in
 * handlers reach the same services.
 */
import { realClock, type Clock, type Integrations } from '@fogbank/asl';
import { DynamoDB } from '@fogbank/dynamodb';
import type { LambdaServiceOptions } from '@fogbank/lambda';
import { createServer } from 'node:net';
import { startEndpoint, type Endpoint } from './cli/serve/endpoint.js';
import { CloudLambda } from './cloud-lambda.js';
import { dynamoDbIntegrations } from './integrations/dynamodb.js';
import { lambdaIntegrations } from './integrations/lambda.js';
import { snsIntegrations } from './integrations/sns.js';
import { sqsIntegrations } from './integrations/sqs.js';
import { runtimeModulePaths } from './runtime-modules.js';
import type { MockConfig } from './mocks/mock-config.js';
import { Sns } from './sns/service.js';
import { Sqs } from './sqs/service.js';
import { StepFunctions } from './step-functions/service.js';

/** Options of {@link createCloud}; every field is optional. */
export interface CloudOptions {
  /** @default 'us-east-1' */
  region?: string;
  /** @default '123456789012' */
  accountId?: string;
  /**
   * One clock for every service: Wait states, retries, timeouts, Lambda's Event retries and idle
   * reclaim, DynamoDB timestamps. A virtual clock (`virtualClock()` from `@fogbank/asl`) makes
   * them take no real time; handlers' own run time stays real.
   * @default realClock
   */
  clock?: Clock;
  /** Ids for executions, task tokens, request ids, mappings. @default crypto.randomUUID */
  ids?: () => string;
  /** Randomness for retry jitter and `States.MathRandom`. @default Math.random */
  random?: () => number;
  /** Lambda settings besides region, account and clock (`mode: 'inline'`, `stopwatch`, ...). */
  lambda?: Omit<LambdaServiceOptions, 'region' | 'accountId' | 'clock' | 'endpointUrl'>;
  /**
   * Serve every service on a loopback port (Step Functions, Lambda, and `@fogbank/server`'s
   * DynamoDB) and hand its URL to handlers (`AWS_ENDPOINT_URL`), so `new DynamoDBClient({})` or
   * `new SFNClient({})` in a handler talks to this cloud.
   * `false` runs without a port.
   * @default true
   */
  server?: boolean | { port?: number; host?: string };
  /** Task resources of your own, or replacements for the cloud's (`ARN pattern -> integration`). */
  integrations?: Integrations;
  /**
   * Step Functions Local's mock configuration (object, e.g. from `mockConfig().build()`, or a
   * JSON file's path). Start an execution on `<state machine ARN>#<test case>` to use one.
   */
  mockConfig?: MockConfig | string;
}

/**
 * The per-service endpoint variables of the AWS SDKs (`AWS_ENDPOINT_URL_<SERVICE>`), all pointing
 * at the cloud's endpoint, so a client that honours only those (or a user variable that sets the
 * general one elsewhere) still reaches the cloud.
 */
function serviceEndpoints(url: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_DYNAMODB: url,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: url,
    AWS_ENDPOINT_URL_LAMBDA: url,
    AWS_ENDPOINT_URL_SFN: url,
    AWS_ENDPOINT_URL_SQS: url,
    AWS_ENDPOINT_URL_SNS: url,
  };
}

/** A free TCP port on `host`, as the system hands one out. */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** A running local cloud. */
export interface Cloud {
  readonly region: string;
  readonly accountId: string;
  readonly clock: Clock;
  readonly lambda: CloudLambda;
  readonly dynamodb: DynamoDB;
  /** Standard queues in memory, on the cloud's clock; served on the endpoint (SQS JSON 1.0) when it runs. */
  readonly sqs: Sqs;
  /** Topics delivering to `sqs` subscriptions; served on the endpoint (SNS query protocol) when it runs. */
  readonly sns: Sns;
  readonly stepFunctions: StepFunctions;
  /** The HTTP endpoint's URL when the server runs, e.g. `http://127.0.0.1:41234`. */
  readonly endpoint: string | undefined;
  /** Stops executions, Lambda environments, mappings and the server. */
  close(): Promise<void>;
}

/**
 * Creates a local cloud.
 *
 * @example
 * const cloud = await createCloud({ clock: virtualClock() });
 * await cloud.lambda.createFunction({ FunctionName: 'hello', Handler: 'index.handler', Code: { Directory: './fn' } });
 * const { stateMachineArn } = await cloud.stepFunctions.createStateMachine({ name: 'flow', definition });
 * const { executionArn } = await cloud.stepFunctions.startExecution({ stateMachineArn, input: '{}' });
 * const done = await cloud.stepFunctions.waitForExecution(executionArn);
 * await cloud.close();
 */
export async function createCloud(options: CloudOptions = {}): Promise<Cloud> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const clock = options.clock ?? realClock;
  const ids = options.ids ?? (() => crypto.randomUUID());
  const dynamodb = new DynamoDB({ region, accountId, clock, newId: ids });
  const where = typeof options.server === 'object' ? options.server : {};
  const host = where.host ?? '127.0.0.1';
  // The port is known before the services exist, so functions get the endpoint in their
  // environment and the server gets every service.
  const port = options.server === false ? undefined : (where.port ?? (await freePort(host)));
  const endpointUrl = port === undefined ? undefined : `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  // Served queues live at the endpoint: the SQS client sends each request to its QueueUrl's host.
  const sqs = new Sqs({ region, accountId, clock, ids, ...(endpointUrl !== undefined ? { endpointUrl } : {}) });
  const sns = new Sns({ region, accountId, clock, ids, sqs });
  const lambda = new CloudLambda(
    {
      runtimeModulePaths: runtimeModulePaths(),
      ...options.lambda,
      region,
      accountId,
      clock,
      ...(endpointUrl !== undefined ? { endpointUrl, platformVariables: { ...serviceEndpoints(endpointUrl), ...options.lambda?.platformVariables } } : {}),
    },
    dynamodb,
    ids,
  );
  const stepFunctions = new StepFunctions({
    region,
    accountId,
    clock,
    ids,
    ...(options.random !== undefined ? { random: options.random } : {}),
    ...(options.mockConfig !== undefined ? { mockConfig: options.mockConfig } : {}),
    integrations: { ...lambdaIntegrations(lambda, ids), ...dynamoDbIntegrations(dynamodb, ids), ...sqsIntegrations(sqs, ids), ...snsIntegrations(sns, ids), ...options.integrations },
  });
  let closed: Promise<void> | undefined;
  let endpoint: Endpoint | undefined;
  const cloud: Cloud = {
    region,
    accountId,
    clock,
    lambda,
    dynamodb,
    sqs,
    sns,
    stepFunctions,
    endpoint: endpointUrl,
    close() {
      closed ??= (async () => {
        sqs.close();
        await stepFunctions.close();
        await lambda.close();
        await endpoint?.close();
      })();
      return closed;
    },
  };
  if (port !== undefined) {
    // One port for every service: Step Functions' and Lambda's protocols, and @fogbank/server's
    // DynamoDB and DynamoDB Streams.
    try {
      endpoint = await startEndpoint(cloud, port, host);
    } catch (error) {
      await lambda.close();
      throw error;
    }
  }
  return cloud;
}
