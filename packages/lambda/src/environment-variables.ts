import { InvalidParameterValueException, ValidationException } from './errors.js';

/**
 * Keys Lambda sets itself and refuses in `Environment.Variables`
 * (docs: https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
 */
export const RESERVED_ENVIRONMENT_KEYS: readonly string[] = [
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
];

const RESERVED = new Set(RESERVED_ENVIRONMENT_KEYS);
const KEY_PATTERN = /^[a-zA-Z]([a-zA-Z0-9_])+$/;
/** The 4 KB rule is measured on the compact JSON of the map (LocalStack's AWS-validated test). */
export const ENVIRONMENT_LIMIT_BYTES = 4096;

/**
 * Checks `Environment.Variables` as CreateFunction / UpdateFunctionConfiguration do: key pattern,
 * reserved keys, then the 4 KB limit. Throws AWS's exceptions with AWS's texts.
 */
export function validateEnvironment(variables: Record<string, string>): void {
  for (const key of Object.keys(variables)) {
    if (!KEY_PATTERN.test(key)) {
      throw new ValidationException(
        "1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]",
      );
    }
  }
  const reserved = Object.keys(variables).filter((key) => RESERVED.has(key));
  if (reserved.length > 0) {
    throw new InvalidParameterValueException(
      'Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ' +
        reserved.join(', '),
    );
  }
  const measured = JSON.stringify(variables);
  if (Buffer.byteLength(measured, 'utf8') > ENVIRONMENT_LIMIT_BYTES) {
    throw new InvalidParameterValueException(
      `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${measured}`,
    );
  }
}

/** What the runtime environment of one execution environment is built from. */
export interface RuntimeEnvironmentInput {
  functionName: string;
  handler: string;
  runtime: string;
  memorySize: number;
  region: string;
  logGroupName: string;
  logStreamName: string;
  taskRoot: string;
  tmpDir: string;
  layers: readonly string[];
  variables: Readonly<Record<string, string>>;
  endpointUrl?: string | undefined;
  platformVariables?: Readonly<Record<string, string>>;
  runtimeModulePaths?: readonly string[];
}

/**
 * The `process.env` of an execution environment: Lambda's reserved and unreserved variables
 * (paths mapped to the host: LAMBDA_TASK_ROOT is the code directory, layers stand in for
 * `/opt`), then the function's own variables. Credentials are dummies, as a handler must never
 * reach real AWS from a fogbank test.
 */
export function buildRuntimeEnvironment(input: RuntimeEnvironmentInput): Record<string, string> {
  const major = /^nodejs(\d+)/.exec(input.runtime)?.[1] ?? '20';
  // Later layers override earlier ones in /opt, so they come first on NODE_PATH.
  const layerPaths = [...input.layers]
    .reverse()
    .flatMap((dir) => [`${dir}/nodejs/node${major}/node_modules`, `${dir}/nodejs/node_modules`]);
  const env: Record<string, string> = {
    AWS_LAMBDA_FUNCTION_NAME: input.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(input.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: input.logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: input.logStreamName,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_EXECUTION_ENV: `AWS_Lambda_${input.runtime}`,
    AWS_REGION: input.region,
    AWS_DEFAULT_REGION: input.region,
    AWS_ACCESS_KEY_ID: 'fogbank',
    AWS_SECRET_ACCESS_KEY: 'fogbank',
    AWS_SESSION_TOKEN: 'fogbank',
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    _HANDLER: input.handler,
    LAMBDA_TASK_ROOT: input.taskRoot,
    LAMBDA_RUNTIME_DIR: input.taskRoot,
    LANG: 'en_US.UTF-8',
    PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    TMPDIR: input.tmpDir,
    NODE_PATH: [...layerPaths, ...(input.runtimeModulePaths ?? []), input.taskRoot].join(':'),
    ...(input.endpointUrl !== undefined ? { AWS_ENDPOINT_URL: input.endpointUrl } : {}),
    ...input.platformVariables,
  };
  return { ...env, ...input.variables };
}
