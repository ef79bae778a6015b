import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { validateEnvironment } from './environment-variables.js';
import { InvalidParameterValueException, UnsupportedFeatureError, ValidationException } from './errors.js';

/** `Code` of CreateFunction. fogbank reads code from a directory (`Directory`, its extension). */
export interface FunctionCode {
  /** fogbank: the unzipped deployment package on disk (what `/var/task` would hold). */
  Directory?: string;
  ZipFile?: Uint8Array;
  S3Bucket?: string;
  S3Key?: string;
  S3ObjectVersion?: string;
  ImageUri?: string;
}

export type Architecture = 'x86_64' | 'arm64';

/** The input of CreateFunction (the SDK's `CreateFunctionRequest`, the fields fogbank models). */
export interface CreateFunctionRequest {
  FunctionName: string;
  Handler?: string;
  /** Required for Zip packages, as on AWS. */
  Runtime?: string;
  /** Not enforced (no IAM); defaults to a placeholder role ARN. */
  Role?: string;
  Code: FunctionCode;
  Description?: string;
  /** Seconds, 1-900. @default 3 */
  Timeout?: number;
  /** MB, 128-10240. @default 128 */
  MemorySize?: number;
  Environment?: { Variables?: Record<string, string> };
  /** fogbank: layer directories (each holding `nodejs/node_modules`), at most 5. */
  Layers?: string[];
  Architectures?: Architecture[];
  PackageType?: 'Zip' | 'Image';
  Publish?: boolean;
  /** Accepted and not modelled further (no ListTags). */
  Tags?: Record<string, string>;
  /** `/tmp` size, 512-10240 MB. Reported back; the directory is not capped. @default 512 */
  EphemeralStorage?: { Size: number };
  /** Only `LogFormat: 'Text'` with the default log group is supported. */
  LoggingConfig?: { LogFormat?: 'Text' | 'JSON'; ApplicationLogLevel?: string; SystemLogLevel?: string; LogGroup?: string };
  /** Only `PassThrough` is supported (no X-Ray). */
  TracingConfig?: { Mode?: 'Active' | 'PassThrough' };
  DeadLetterConfig?: { TargetArn?: string };
  VpcConfig?: object;
  FileSystemConfigs?: object[];
  ImageConfig?: object;
  SnapStart?: { ApplyOn?: string };
  CodeSigningConfigArn?: string;
  KMSKeyArn?: string;
}

/** Settings AWS has and fogbank does not model: a clear error instead of a silent no-op. */
type AdvancedSettings = Pick<
  CreateFunctionRequest,
  'LoggingConfig' | 'TracingConfig' | 'DeadLetterConfig' | 'VpcConfig' | 'FileSystemConfigs' | 'ImageConfig' | 'SnapStart' | 'KMSKeyArn'
>;

function checkUnsupported(input: AdvancedSettings & { CodeSigningConfigArn?: string }): void {
  const logging = input.LoggingConfig;
  if (logging !== undefined) {
    if (logging.LogFormat === 'JSON' || logging.ApplicationLogLevel !== undefined || logging.SystemLogLevel !== undefined) {
      throw new UnsupportedFeatureError('LoggingConfig with the JSON log format or log levels (Text only)');
    }
    if (logging.LogGroup !== undefined) throw new UnsupportedFeatureError('LoggingConfig.LogGroup (logs go to /aws/lambda/<name>)');
  }
  if (input.TracingConfig?.Mode === 'Active') throw new UnsupportedFeatureError('TracingConfig Active (X-Ray)');
  if (input.DeadLetterConfig?.TargetArn !== undefined) {
    throw new UnsupportedFeatureError('DeadLetterConfig; use an OnFailure destination with putFunctionEventInvokeConfig');
  }
  const unsupported: [unknown, string][] = [
    [input.VpcConfig, 'VpcConfig'],
    [input.FileSystemConfigs, 'FileSystemConfigs (EFS)'],
    [input.ImageConfig, 'ImageConfig (container images)'],
    [input.CodeSigningConfigArn, 'CodeSigningConfigArn'],
    [input.KMSKeyArn, 'KMSKeyArn'],
    [input.SnapStart?.ApplyOn === 'PublishedVersions' ? true : undefined, 'SnapStart'],
  ];
  for (const [value, name] of unsupported) if (value !== undefined) throw new UnsupportedFeatureError(name);
}

function ephemeralProblems(storage: { Size: number } | undefined): string[] {
  if (storage === undefined) return [];
  if (storage.Size < 512) return [constraint(storage.Size, 'ephemeralStorage.size', 'Member must have value greater than or equal to 512')];
  if (storage.Size > 10240) return [constraint(storage.Size, 'ephemeralStorage.size', 'Member must have value less than or equal to 10240')];
  return [];
}

/** UpdateFunctionConfiguration's input. */
export interface UpdateFunctionConfigurationRequest extends AdvancedSettings {
  FunctionName: string;
  EphemeralStorage?: { Size: number };
  Handler?: string;
  Runtime?: string;
  Role?: string;
  Description?: string;
  Timeout?: number;
  MemorySize?: number;
  Environment?: { Variables?: Record<string, string> };
  Layers?: string[];
}

/** UpdateFunctionCode's input. */
export interface UpdateFunctionCodeRequest extends FunctionCode {
  FunctionName: string;
  Architectures?: Architecture[];
  Publish?: boolean;
}

/** The SDK's `FunctionConfiguration`. */
export interface FunctionConfiguration {
  FunctionName: string;
  FunctionArn: string;
  Runtime: string;
  Role: string;
  Handler: string;
  CodeSize: number;
  Description: string;
  Timeout: number;
  MemorySize: number;
  LastModified: string;
  CodeSha256: string;
  Version: '$LATEST';
  Environment?: { Variables: Record<string, string> };
  TracingConfig: { Mode: 'PassThrough' };
  RevisionId: string;
  Layers?: { Arn: string; CodeSize: number }[];
  State: 'Active';
  LastUpdateStatus: 'Successful';
  PackageType: 'Zip';
  Architectures: Architecture[];
  EphemeralStorage: { Size: number };
  LoggingConfig: { LogFormat: 'Text'; LogGroup: string };
}

/** The stored form of a function ($LATEST). */
export interface FunctionRecord {
  readonly name: string;
  readonly arn: string;
  runtime: string;
  handler: string;
  role: string;
  description: string;
  timeout: number;
  memorySize: number;
  variables: Record<string, string>;
  layers: string[];
  architecture: Architecture;
  ephemeralStorageMb: number;
  codeDir: string;
  codeSha256: string;
  codeSize: number;
  lastModified: string;
  revisionId: string;
  /** Bumped on every code or configuration change: environments of older versions are retired. */
  version: number;
  reservedConcurrency: number | undefined;
}

/** Node.js runtimes fogbank runs. The host's Node executes the code whatever the label. */
export const NODE_RUNTIMES = ['nodejs20.x', 'nodejs22.x', 'nodejs24.x'] as const;

// Runtimes CreateFunction accepts today (AWS lists them, in no documented order, when a value is
// unknown). https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
const CREATABLE_RUNTIMES = [
  'nodejs20.x', 'nodejs22.x', 'nodejs24.x', 'python3.10', 'python3.11', 'python3.12', 'python3.13', 'python3.14',
  'java8.al2', 'java11', 'java17', 'java21', 'java25', 'dotnet8', 'ruby3.3', 'ruby3.4', 'provided.al2',
  'provided.al2023',
];

// Runtimes past their "block function create" date, with the newest runtime of the family that
// AWS's message recommends. nodejs18.x: deprecated 2025-09-01, create blocked 2026-02-03.
const DEPRECATED_RUNTIMES: Record<string, string> = Object.fromEntries([
  ...['nodejs', 'nodejs4.3', 'nodejs4.3-edge', 'nodejs6.10', 'nodejs8.10', 'nodejs10.x', 'nodejs12.x', 'nodejs14.x', 'nodejs16.x', 'nodejs18.x'].map(
    (r) => [r, 'nodejs24.x'],
  ),
  ...['python2.7', 'python3.6', 'python3.7', 'python3.8', 'python3.9'].map((r) => [r, 'python3.14']),
  ...['dotnetcore1.0', 'dotnetcore2.0', 'dotnetcore2.1', 'dotnetcore3.1', 'dotnet6'].map((r) => [r, 'dotnet8']),
  ...['ruby2.5', 'ruby2.7', 'ruby3.2'].map((r) => [r, 'ruby3.4']),
  ['java8', 'java25'],
  ['go1.x', 'provided.al2023'],
  ['provided', 'provided.al2023'],
]);

const NAME_PATTERN =
  /^(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?$/;
const NAME_PATTERN_TEXT =
  '(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?';

/** Collects `Value ... at '...' failed to satisfy constraint: ...` problems into one exception. */
function throwValidation(problems: string[]): void {
  if (problems.length === 0) return;
  const count = problems.length === 1 ? '1 validation error' : `${problems.length} validation errors`;
  throw new ValidationException(`${count} detected: ${problems.join('; ')}`);
}

const constraint = (value: unknown, field: string, rule: string): string =>
  `Value '${String(value)}' at '${field}' failed to satisfy constraint: ${rule}`;

/** The model constraints shared by create and update (fields that are present). */
function modelProblems(input: Partial<CreateFunctionRequest>): string[] {
  const problems: string[] = [];
  if (input.FunctionName !== undefined && (!NAME_PATTERN.test(input.FunctionName) || input.FunctionName.length > 140)) {
    problems.push(
      input.FunctionName.length > 140
        ? constraint(input.FunctionName, 'functionName', 'Member must have length less than or equal to 140')
        : constraint(input.FunctionName, 'functionName', `Member must satisfy regular expression pattern: ${NAME_PATTERN_TEXT}`),
    );
  }
  if (input.Timeout !== undefined) {
    if (input.Timeout < 1) problems.push(constraint(input.Timeout, 'timeout', 'Member must have value greater than or equal to 1'));
    if (input.Timeout > 900) problems.push(constraint(input.Timeout, 'timeout', 'Member must have value less than or equal to 900'));
  }
  if (input.MemorySize !== undefined) {
    if (input.MemorySize < 128) problems.push(constraint(input.MemorySize, 'memorySize', 'Member must have value greater than or equal to 128'));
    if (input.MemorySize > 10240) problems.push(constraint(input.MemorySize, 'memorySize', 'Member must have value less than or equal to 10240'));
  }
  if (input.Handler !== undefined) {
    if (input.Handler.length > 128) problems.push(constraint(input.Handler, 'handler', 'Member must have length less than or equal to 128'));
    else if (!/^[^\s]+$/.test(input.Handler)) problems.push(constraint(input.Handler, 'handler', 'Member must satisfy regular expression pattern: [^\\s]+'));
  }
  if (input.Layers !== undefined && input.Layers.length > 5) {
    problems.push(constraint(`[${input.Layers.join(', ')}]`, 'layers', 'Member must have length less than or equal to 5'));
  }
  return problems;
}

function checkRuntime(runtime: string): void {
  if ((NODE_RUNTIMES as readonly string[]).includes(runtime)) return;
  const successor = DEPRECATED_RUNTIMES[runtime];
  if (successor !== undefined) {
    throw new InvalidParameterValueException(
      `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime (${successor}) while creating or updating functions.`,
    );
  }
  if (CREATABLE_RUNTIMES.includes(runtime)) {
    throw new UnsupportedFeatureError(`the ${runtime} runtime (fogbank runs ${NODE_RUNTIMES.join(', ')})`);
  }
  throw new InvalidParameterValueException(
    `Value ${runtime} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [${CREATABLE_RUNTIMES.join(', ')}] or be a valid ARN`,
  );
}

function resolveDirectory(dir: string, what: string): string {
  const resolved = path.resolve(dir);
  let isDir = false;
  try {
    isDir = statSync(resolved).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new InvalidParameterValueException(`${what} '${dir}' is not a directory (fogbank reads code from directories).`);
  return resolved;
}

/** Checks `Code` and returns the code directory with its size and SHA-256. */
export function resolveCode(code: FunctionCode): { codeDir: string; codeSize: number; codeSha256: string } {
  if (code.ZipFile !== undefined || code.S3Bucket !== undefined || code.ImageUri !== undefined) {
    throw new UnsupportedFeatureError('Code.ZipFile, Code.S3Bucket or Code.ImageUri; pass Code.Directory with the unzipped package');
  }
  if (code.Directory === undefined) {
    throw new InvalidParameterValueException('Code.Directory is required (fogbank reads the unzipped package from a directory).');
  }
  const codeDir = resolveDirectory(code.Directory, 'Code.Directory');
  return { codeDir, ...digestDirectory(codeDir) };
}

// Hashes the file list (paths, sizes, modification times), not the bytes: a large node_modules
// must not slow createFunction down. Any edit still changes the digest.
function digestDirectory(dir: string): { codeSize: number; codeSha256: string } {
  const hash = createHash('sha256');
  let size = 0;
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const stat = statSync(full);
        size += stat.size;
        hash.update(`${path.relative(dir, full)}\0${stat.size}\0${stat.mtimeMs}\n`);
      }
    }
  };
  walk(dir);
  return { codeSize: size, codeSha256: hash.digest('base64') };
}

/** Validates a CreateFunction request and returns the stored record (without timestamps). */
export function validateCreate(
  input: CreateFunctionRequest,
  arnOf: (name: string) => string,
): Omit<FunctionRecord, 'lastModified' | 'revisionId'> {
  throwValidation([...modelProblems(input), ...ephemeralProblems(input.EphemeralStorage)]);
  checkUnsupported(input);
  if (input.PackageType === 'Image') throw new UnsupportedFeatureError('PackageType Image (container images)');
  if (input.Publish === true) throw new UnsupportedFeatureError('Publish: true (published versions and aliases)');
  if (input.Runtime === undefined || input.Handler === undefined) {
    throw new InvalidParameterValueException('Runtime and Handler are mandatory parameters for functions created with deployment packages.');
  }
  const runtime = input.Runtime;
  checkRuntime(runtime);
  const variables = input.Environment?.Variables ?? {};
  validateEnvironment(variables);
  const architecture = input.Architectures?.[0] ?? 'x86_64';
  const name = nameFromIdentifier(input.FunctionName);
  return {
    name,
    arn: arnOf(name),
    runtime,
    handler: input.Handler,
    role: input.Role ?? `arn:aws:iam::${arnOf(name).split(':')[4]}:role/fogbank-lambda-role`,
    description: input.Description ?? '',
    timeout: input.Timeout ?? 3,
    memorySize: input.MemorySize ?? 128,
    variables: { ...variables },
    layers: (input.Layers ?? []).map((dir) => resolveDirectory(dir, 'Layer')),
    architecture,
    ephemeralStorageMb: input.EphemeralStorage?.Size ?? 512,
    ...resolveCode(input.Code),
    version: 1,
    reservedConcurrency: undefined,
  };
}

/** Applies an UpdateFunctionConfiguration request to a record after validating it. */
export function applyConfigurationUpdate(record: FunctionRecord, input: UpdateFunctionConfigurationRequest): void {
  throwValidation([...modelProblems({ ...input, FunctionName: undefined as unknown as string }), ...ephemeralProblems(input.EphemeralStorage)]);
  checkUnsupported(input);
  if (input.Runtime !== undefined) checkRuntime(input.Runtime);
  const variables = input.Environment?.Variables;
  if (variables !== undefined) validateEnvironment(variables);
  const layers = input.Layers?.map((dir) => resolveDirectory(dir, 'Layer'));
  if (input.Runtime !== undefined) record.runtime = input.Runtime;
  if (input.Handler !== undefined) record.handler = input.Handler;
  if (input.Role !== undefined) record.role = input.Role;
  if (input.Description !== undefined) record.description = input.Description;
  if (input.Timeout !== undefined) record.timeout = input.Timeout;
  if (input.MemorySize !== undefined) record.memorySize = input.MemorySize;
  if (variables !== undefined) record.variables = { ...variables };
  if (layers !== undefined) record.layers = layers;
  if (input.EphemeralStorage !== undefined) record.ephemeralStorageMb = input.EphemeralStorage.Size;
}

/** `orders`, `orders:$LATEST`, `123456789012:function:orders` or a full ARN -> `orders`. */
export function nameFromIdentifier(identifier: string): string {
  const match = NAME_PATTERN.exec(identifier);
  return match?.[7] ?? identifier;
}

/** The qualifier of an identifier (`orders:prod` -> `prod`), if any. */
export function qualifierFromIdentifier(identifier: string): string | undefined {
  return NAME_PATTERN.exec(identifier)?.[9];
}

/** AWS's `LastModified` format: `2024-01-02T03:04:05.678+0000`. */
export function formatLastModified(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

export function toConfiguration(record: FunctionRecord, region: string, accountId: string): FunctionConfiguration {
  return {
    FunctionName: record.name,
    FunctionArn: record.arn,
    Runtime: record.runtime,
    Role: record.role,
    Handler: record.handler,
    CodeSize: record.codeSize,
    Description: record.description,
    Timeout: record.timeout,
    MemorySize: record.memorySize,
    LastModified: record.lastModified,
    CodeSha256: record.codeSha256,
    Version: '$LATEST',
    ...(Object.keys(record.variables).length > 0 ? { Environment: { Variables: { ...record.variables } } } : {}),
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: record.revisionId,
    ...(record.layers.length > 0
      ? { Layers: record.layers.map((dir) => ({ Arn: `arn:aws:lambda:${region}:${accountId}:layer:${path.basename(dir)}:1`, CodeSize: 0 })) }
      : {}),
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: [record.architecture],
    EphemeralStorage: { Size: record.ephemeralStorageMb },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${record.name}` },
  };
}
