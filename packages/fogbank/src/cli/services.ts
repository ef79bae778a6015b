import type { Integrations } from '@fogbank/asl';
import { LambdaService, LambdaServiceException, type CostReport, type LambdaServiceOptions } from '@fogbank/lambda';
import type { ResolvedConfig } from './config.js';
import { CliError } from './errors.js';
import { lambdaIntegrations } from './lambda-tasks.js';

/** The services a CLI command runs against: Lambda with the config's functions. */
export interface LocalServices {
  readonly lambda: LambdaService;
  /** Task integrations for state machines (Lambda function ARNs and `lambda:invoke`). */
  readonly integrations: Integrations;
  /** What the Lambda invocations so far would cost on AWS. */
  costReport(): CostReport;
  /** Stops every execution environment. */
  close(): Promise<void>;
}

/**
 * Creates the config's functions in a fresh {@link LambdaService}. Tables, state machines and
 * event source mappings are created by `fogbank serve` (createCloud); `run` and `invoke` say so
 * on stderr instead of ignoring them silently.
 */
export async function startServices(config: ResolvedConfig, options: LambdaServiceOptions, warn: (text: string) => void): Promise<LocalServices> {
  const lambda = new LambdaService(options);
  try {
    for (const fn of config.functions) await lambda.createFunction(fn);
  } catch (thrown) {
    await lambda.close();
    if (thrown instanceof LambdaServiceException) {
      throw new CliError('FOGBANK_INVALID_CONFIG', `${config.file}: CreateFunction failed: ${thrown.name}: ${thrown.message}`);
    }
    throw thrown;
  }
  const ignored = (['tables', 'stateMachines', 'eventSourceMappings'] as const).filter((key) => config[key].length > 0);
  if (ignored.length > 0) {
    warn(`fogbank: ${config.file} declares ${ignored.join(', ')}; this command creates only its functions (tables and event source mappings need the fogbank package's createCloud, not in this version).\n`);
  }
  return {
    lambda,
    integrations: lambdaIntegrations(lambda),
    costReport: () => lambda.costReport(),
    close: () => lambda.close(),
  };
}
