import type { Cloud } from '../../cloud.js';
import { startConfiguredCloud } from '../cloud-config.js';
import type { ResolvedConfig } from '../config.js';
import { CliError, messageOf } from '../errors.js';
import { startEndpoint, type Endpoint } from './endpoint.js';

/** Options of {@link serveConfig}. */
export interface ServeOptions {
  readonly config: ResolvedConfig;
  /** @default 4566 (LocalStack's, so existing `--endpoint-url` settings work) */
  readonly port?: number;
  /** @default '127.0.0.1' (the endpoint accepts any credentials: keep it local) */
  readonly host?: string;
}

/** What is being served, as `fogbank serve` prints it on stdout (one JSON line). */
export interface ServeSummary {
  readonly endpoint: string;
  /** The AWS wire protocols the endpoint speaks in this version. */
  readonly protocols: readonly string[];
  readonly functions: readonly string[];
  readonly tables: readonly string[];
  readonly stateMachines: readonly string[];
}

/**
 * Starts a cloud from the config with its HTTP endpoint on `port`: what `fogbank serve` runs
 * until it is stopped. `close()` stops the endpoint and the cloud.
 */
export async function serveConfig(options: ServeOptions): Promise<{ cloud: Cloud; summary: ServeSummary; close(): Promise<void> }> {
  // The cloud keeps its own loopback server for handlers' SDK clients (DynamoDB); the endpoint
  // users point their SDKs and the AWS CLI at serves every protocol on the requested port.
  const cloud = await startConfiguredCloud(options.config);
  let endpoint: Endpoint;
  try {
    endpoint = await startEndpoint(cloud, options.port ?? 4566, options.host ?? '127.0.0.1');
  } catch (thrown) {
    await cloud.close();
    throw new CliError('FOGBANK_USAGE', `Cannot listen on ${options.host ?? '127.0.0.1'}:${options.port ?? 4566}: ${messageOf(thrown)}`);
  }
  const machines = await cloud.stepFunctions.listStateMachines({ maxResults: 1000 });
  return {
    cloud,
    close: async () => {
      await endpoint.close();
      await cloud.close();
    },
    summary: {
      endpoint: endpoint.url,
      protocols: ['Step Functions (JSON 1.0)', 'Lambda (REST-JSON)', 'DynamoDB (JSON 1.0)', 'DynamoDB Streams (JSON 1.0)', 'SQS (JSON 1.0)', 'SNS (query)'],
      functions: options.config.functions.map((f) => f.FunctionName),
      tables: options.config.tables.map((t) => t.TableName),
      stateMachines: machines.stateMachines.map((m) => m.stateMachineArn),
    },
  };
}
