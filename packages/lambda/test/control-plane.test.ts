// CreateFunction and friends: SDK shapes, AWS's validation texts and exception names.
// Sources: API_CreateFunction (limits, patterns), configuration-envvars (reserved keys, 4 KB rule,
// text as AWS returns it), LocalStack's AWS-recorded snapshots (ResourceConflict / NotFound texts).
import { afterEach, describe, expect, test } from 'vitest';
import { LambdaService, sequentialIds } from '@fogbank/lambda';
import { ManualClock, fixture } from './helpers.js';

const basic = { FunctionName: 'orders', Handler: 'index.echo', Runtime: 'nodejs20.x', Code: { Directory: fixture('basic') } };

let lambda: LambdaService;
afterEach(() => lambda?.close());

const service = () => (lambda = new LambdaService({ clock: new ManualClock(), ids: sequentialIds() }));

async function rejection(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as Error;
    return { name: e.name, message: e.message };
  }
  throw new Error('expected a rejection');
}

describe('createFunction', () => {
  test('returns the FunctionConfiguration with defaults filled in', async () => {
    const config = await service().createFunction({ ...basic, Environment: { Variables: { TABLE: 'orders' } } });
    expect(config).toMatchObject({
      FunctionName: 'orders',
      FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders',
      Runtime: 'nodejs20.x',
      Handler: 'index.echo',
      Timeout: 3,
      MemorySize: 128,
      Version: '$LATEST',
      LastModified: '2025-01-01T00:00:00.000+0000',
      RevisionId: '00000000-0000-4000-8000-000000000001',
      Environment: { Variables: { TABLE: 'orders' } },
      State: 'Active',
      LastUpdateStatus: 'Successful',
      PackageType: 'Zip',
      Architectures: ['x86_64'],
      EphemeralStorage: { Size: 512 },
      LoggingConfig: { LogFormat: 'Text', LogGroup: '/aws/lambda/orders' },
    });
    expect(config.CodeSize).toBeGreaterThan(0);
    expect(config.CodeSha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  test('a taken name is a ResourceConflictException', async () => {
    await service().createFunction(basic);
    expect(await rejection(lambda.createFunction(basic))).toEqual({
      name: 'ResourceConflictException',
      message: 'Function already exist: orders',
    });
  });

  test.for([
    { name: 'timeout 0', input: { Timeout: 0 }, message: "1 validation error detected: Value '0' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1" },
    { name: 'timeout 901', input: { Timeout: 901 }, message: "1 validation error detected: Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900" },
    { name: 'memory 127', input: { MemorySize: 127 }, message: "1 validation error detected: Value '127' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128" },
    { name: 'memory 10241', input: { MemorySize: 10241 }, message: "1 validation error detected: Value '10241' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240" },
    { name: 'two problems', input: { Timeout: 901, MemorySize: 64 }, message: "2 validation errors detected: Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900; Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128" },
    { name: 'bad name', input: { FunctionName: 'my function' }, message: "1 validation error detected: Value 'my function' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?" },
    { name: 'handler with a space', input: { Handler: 'index .handler' }, message: "1 validation error detected: Value 'index .handler' at 'handler' failed to satisfy constraint: Member must satisfy regular expression pattern: [^\\s]+" },
  ])('model constraint: $name is a ValidationException', async ({ input, message }) => {
    expect(await rejection(service().createFunction({ ...basic, ...input }))).toEqual({ name: 'ValidationException', message });
  });

  test('reserved environment keys are refused with the keys named', async () => {
    const err = await rejection(
      service().createFunction({ ...basic, Environment: { Variables: { AWS_REGION: 'x', TABLE: 't', AWS_LAMBDA_FUNCTION_NAME: 'h' } } }),
    );
    expect(err).toEqual({
      name: 'InvalidParameterValueException',
      message:
        'Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: AWS_REGION, AWS_LAMBDA_FUNCTION_NAME',
    });
  });

  test('the 4 KB limit is measured on the compact JSON of the map', async () => {
    // {"KK":"<v>"} is 9 bytes of syntax and key: 4087 characters of value fit exactly, one more does not.
    await service().createFunction({ ...basic, FunctionName: 'fits', Environment: { Variables: { KK: 'v'.repeat(4087) } } });
    const err = await rejection(
      lambda.createFunction({ ...basic, FunctionName: 'over', Environment: { Variables: { KK: 'v'.repeat(4088) } } }),
    );
    expect(err.name).toBe('InvalidParameterValueException');
    expect(err.message).toBe(
      `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: {"KK":"${'v'.repeat(4088)}"}`,
    );
  });

  test('environment keys must match [a-zA-Z]([a-zA-Z0-9_])+', async () => {
    expect(await rejection(service().createFunction({ ...basic, Environment: { Variables: { '1BAD': 'x' } } }))).toEqual({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]",
    });
  });

  test('an unknown runtime is refused with the enum; a real non-Node runtime is unsupported', async () => {
    const unknown = await rejection(service().createFunction({ ...basic, Runtime: 'nodejs99.x' }));
    expect(unknown.name).toBe('InvalidParameterValueException');
    expect(unknown.message).toMatch(/^Value nodejs99\.x at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: \[.*nodejs20\.x.*\] or be a valid ARN$/);
    expect(await rejection(lambda.createFunction({ ...basic, Runtime: 'python3.12' }))).toEqual({
      name: 'UnsupportedFeatureError',
      message: 'fogbank does not support the python3.12 runtime (fogbank runs nodejs20.x, nodejs22.x, nodejs24.x).',
    });
  });

  test('a runtime past its block-create date gets AWS\'s deprecation text', async () => {
    // Text as AWS returns it (e.g. re:Post "The runtime parameter of nodejs14.x is no longer supported ...").
    expect(await rejection(service().createFunction({ ...basic, Runtime: 'nodejs16.x' }))).toEqual({
      name: 'InvalidParameterValueException',
      message:
        'The runtime parameter of nodejs16.x is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime (nodejs24.x) while creating or updating functions.',
    });
  });

  test('Runtime and Handler are mandatory for Zip packages', async () => {
    expect(await rejection(service().createFunction({ FunctionName: 'x', Handler: 'index.echo', Code: { Directory: fixture('basic') } }))).toEqual({
      name: 'InvalidParameterValueException',
      message: 'Runtime and Handler are mandatory parameters for functions created with deployment packages.',
    });
  });

  test('zip and S3 code are not supported: a clear error, not a stub', async () => {
    expect(await rejection(service().createFunction({ ...basic, Code: { ZipFile: new Uint8Array([1]) } }))).toEqual({
      name: 'UnsupportedFeatureError',
      message:
        'fogbank does not support Code.ZipFile, Code.S3Bucket or Code.ImageUri; pass Code.Directory with the unzipped package.',
    });
  });

  test.for([
    { name: 'JSON logs', input: { LoggingConfig: { LogFormat: 'JSON' as const } }, message: 'fogbank does not support LoggingConfig with the JSON log format or log levels (Text only).' },
    { name: 'X-Ray', input: { TracingConfig: { Mode: 'Active' as const } }, message: 'fogbank does not support TracingConfig Active (X-Ray).' },
    { name: 'a DLQ', input: { DeadLetterConfig: { TargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq' } }, message: 'fogbank does not support DeadLetterConfig; use an OnFailure destination with putFunctionEventInvokeConfig.' },
    { name: 'a VPC', input: { VpcConfig: { SubnetIds: ['s'] } }, message: 'fogbank does not support VpcConfig.' },
  ])('settings fogbank does not model fail clearly: $name', async ({ input, message }) => {
    expect(await rejection(service().createFunction({ ...basic, ...input }))).toEqual({ name: 'UnsupportedFeatureError', message });
  });

  test('EphemeralStorage is validated and reported back', async () => {
    const config = await service().createFunction({ ...basic, EphemeralStorage: { Size: 1024 } });
    expect(config.EphemeralStorage).toEqual({ Size: 1024 });
    expect(await rejection(lambda.createFunction({ ...basic, FunctionName: 'small', EphemeralStorage: { Size: 256 } }))).toEqual({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value '256' at 'ephemeralStorage.size' failed to satisfy constraint: Member must have value greater than or equal to 512",
    });
  });
});

describe('reading, updating and deleting', () => {
  test('getFunction, listFunctions with pagination, and not-found errors', async () => {
    service();
    for (const name of ['c', 'a', 'b']) await lambda.createFunction({ ...basic, FunctionName: name });
    const got = await lambda.getFunction({ FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:a' });
    expect(got.Configuration.FunctionName).toBe('a');
    expect(got.Code.Location).toMatch(/^file:\/\/.*\/fixtures\/basic$/);
    const first = await lambda.listFunctions({ MaxItems: 2 });
    expect(first.Functions.map((f) => f.FunctionName)).toEqual(['a', 'b']);
    const second = await lambda.listFunctions({ MaxItems: 2, Marker: first.NextMarker as string });
    expect(second).toMatchObject({ Functions: [{ FunctionName: 'c' }] });
    expect(second.NextMarker).toBeUndefined();
    expect(await rejection(lambda.getFunction({ FunctionName: 'nope' }))).toEqual({
      name: 'ResourceNotFoundException',
      message: 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope',
    });
    expect(await rejection(lambda.invoke({ FunctionName: 'nope' }))).toEqual({
      name: 'ResourceNotFoundException',
      message: 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope:$LATEST',
    });
  });

  test('updateFunctionConfiguration validates like create and bumps the revision', async () => {
    service();
    await lambda.createFunction(basic);
    const updated = await lambda.updateFunctionConfiguration({ FunctionName: 'orders', Timeout: 10, MemorySize: 256 });
    expect(updated).toMatchObject({ Timeout: 10, MemorySize: 256, RevisionId: '00000000-0000-4000-8000-000000000002' });
    expect(await rejection(lambda.updateFunctionConfiguration({ FunctionName: 'orders', Timeout: 1000 }))).toEqual({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value '1000' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900",
    });
    expect((await lambda.getFunctionConfiguration({ FunctionName: 'orders' })).Timeout).toBe(10);
  });

  test('deleteFunction removes it', async () => {
    service();
    await lambda.createFunction(basic);
    expect(await lambda.deleteFunction({ FunctionName: 'orders' })).toEqual({});
    expect((await rejection(lambda.getFunction({ FunctionName: 'orders' }))).name).toBe('ResourceNotFoundException');
  });
});

describe('putFunctionConcurrency', () => {
  test('reserves, reads back, and keeps 100 unreserved', async () => {
    lambda = new LambdaService({ accountConcurrency: 1000 });
    await lambda.createFunction(basic);
    await lambda.createFunction({ ...basic, FunctionName: 'other' });
    expect(await lambda.putFunctionConcurrency({ FunctionName: 'orders', ReservedConcurrentExecutions: 800 })).toEqual({
      ReservedConcurrentExecutions: 800,
    });
    expect((await lambda.getFunction({ FunctionName: 'orders' })).Concurrency).toEqual({ ReservedConcurrentExecutions: 800 });
    expect(await rejection(lambda.putFunctionConcurrency({ FunctionName: 'other', ReservedConcurrentExecutions: 101 }))).toEqual({
      name: 'InvalidParameterValueException',
      message:
        "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].",
    });
    expect(await rejection(lambda.putFunctionConcurrency({ FunctionName: 'other', ReservedConcurrentExecutions: -1 }))).toEqual({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value '-1' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 0",
    });
    await lambda.deleteFunctionConcurrency({ FunctionName: 'orders' });
    expect(await lambda.getFunctionConcurrency({ FunctionName: 'orders' })).toEqual({});
  });
});
