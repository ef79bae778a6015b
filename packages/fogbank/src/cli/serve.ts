import type { Cloud } from '../cloud.js';
import { startConfiguredCloud } from './cloud-config.js';
import type { ResolvedConfig } from './config.js';

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
 * until it is stopped. Close it with `cloud.close()`.
 */
export async function serveConfig(options: ServeOptions): Promise<{ cloud: Cloud; summary: ServeSummary }> {
  const cloud = await startConfiguredCloud(options.config, { server: { port: options.port ?? 4566, host: options.host ?? '127.0.0.1' } });
  const machines = await cloud.stepFunctions.listStateMachines({ maxResults: 1000 });
  return {
    cloud,
    summary: {
      endpoint: cloud.endpoint!,
      // @fogbank/server speaks DynamoDB's protocols today; Step Functions' and Lambda's are issue 7's second part.
      protocols: ['DynamoDB (JSON 1.0)', 'DynamoDB Streams (JSON 1.0)'],
      functions: options.config.functions.map((f) => f.FunctionName),
      tables: options.config.tables.map((t) => t.TableName),
      stateMachines: machines.stateMachines.map((m) => m.stateMachineArn),
    },
  };
}
