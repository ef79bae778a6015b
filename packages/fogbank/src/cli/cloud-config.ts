import { readFile } from 'node:fs/promises';
import type { Clock, Integrations } from '@fogbank/asl';
import { DynamoDBError } from '@fogbank/dynamodb';
import { LambdaServiceException } from '@fogbank/lambda';
import { createCloud, type Cloud } from '../cloud.js';
import { StepFunctionsError } from '../step-functions/errors.js';
import type { ResolvedConfig } from './config.js';
import { CliError, messageOf } from './errors.js';

/** Options of {@link startConfiguredCloud}. */
export interface ConfiguredCloudOptions {
  readonly clock?: Clock;
  readonly ids?: () => string;
  /** The HTTP endpoint: handlers' SDK clients reach the cloud's DynamoDB through it. @default true (a free loopback port) */
  readonly server?: boolean | { port?: number; host?: string };
  /** Task integrations replacing the cloud's (mocked states). */
  readonly integrations?: Integrations;
}

/**
 * A cloud from `createCloud()` holding everything the config declares: functions, tables, event
 * source mappings, then state machines (in that order, so mappings find their tables). A refused
 * entry stops here with the service's own error, naming the entry.
 */
export async function startConfiguredCloud(config: ResolvedConfig, options: ConfiguredCloudOptions = {}): Promise<Cloud> {
  const cloud = await createCloud({
    ...(options.clock !== undefined ? { clock: options.clock } : {}),
    ...(options.ids !== undefined ? { ids: options.ids } : {}),
    server: options.server ?? true,
    ...(options.integrations !== undefined ? { integrations: options.integrations } : {}),
    // Environments stay warm for the whole command, as a deployed function between close calls.
    lambda: { idleTimeoutMs: Infinity },
  });
  let entry = '';
  try {
    for (const [i, fn] of config.functions.entries()) {
      entry = `functions[${i}] (${fn.FunctionName})`;
      await cloud.lambda.createFunction(fn);
    }
    for (const [i, table] of config.tables.entries()) {
      entry = `tables[${i}] (${table.TableName})`;
      await cloud.dynamodb.createTable(table);
    }
    for (const [i, mapping] of config.eventSourceMappings.entries()) {
      entry = `eventSourceMappings[${i}]`;
      await cloud.lambda.createEventSourceMapping(mapping as Parameters<Cloud['lambda']['createEventSourceMapping']>[0]);
    }
    for (const [i, machine] of config.stateMachines.entries()) {
      entry = `stateMachines[${i}] (${machine.name})`;
      const definition = typeof machine.definition === 'string' ? await readFile(machine.definition, 'utf8') : machine.definition;
      await cloud.stepFunctions.createStateMachine({ name: machine.name, definition, type: machine.type ?? 'STANDARD' });
    }
  } catch (thrown) {
    await cloud.close();
    if (thrown instanceof LambdaServiceException || thrown instanceof DynamoDBError || thrown instanceof StepFunctionsError) {
      throw new CliError('FOGBANK_INVALID_CONFIG', `${config.file}: ${entry}: ${thrown.name}: ${thrown.message}`);
    }
    throw new CliError('FOGBANK_INVALID_CONFIG', `${config.file}: ${entry}: ${messageOf(thrown)}`);
  }
  return cloud;
}
