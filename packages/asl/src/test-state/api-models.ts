/**
 * The output shapes of the service APIs TestState checks a mocked Task result against
 * (`fieldValidationMode`), written down from the AWS API models for the integrations fogbank
 * knows. A resource outside this table is not checked: fogbank does not carry every AWS model.
 */
import { isJsonObject, type Json } from '../json.js';
import { validationError } from './errors.js';

export type Shape =
  | { readonly t: 'string'; readonly min?: number; readonly max?: number; readonly values?: readonly string[] }
  | { readonly t: 'blob'; readonly min?: number; readonly max?: number }
  | { readonly t: 'timestamp' }
  | { readonly t: 'boolean' }
  | { readonly t: 'integer' | 'long' | 'double'; readonly min?: number; readonly max?: number }
  | { readonly t: 'list'; readonly member: Shape }
  | { readonly t: 'map' }
  | { readonly t: 'any' }
  | { readonly t: 'structure'; readonly members: Readonly<Record<string, Shape>>; readonly required?: readonly string[] };

const str: Shape = { t: 'string' };
const int: Shape = { t: 'integer' };
const long: Shape = { t: 'long' };
const double: Shape = { t: 'double' };
const bool: Shape = { t: 'boolean' };
const time: Shape = { t: 'timestamp' };
const map: Shape = { t: 'map' };
const any: Shape = { t: 'any' };
const oneOf = (...values: string[]): Shape => ({ t: 'string', values });
const struct = (members: Record<string, Shape>, required: string[] = []): Shape => ({ t: 'structure', members, required });
const list = (member: Shape): Shape => ({ t: 'list', member });

const consumedCapacity = struct({
  TableName: str,
  CapacityUnits: double,
  ReadCapacityUnits: double,
  WriteCapacityUnits: double,
  Table: struct({ ReadCapacityUnits: double, WriteCapacityUnits: double, CapacityUnits: double }),
  LocalSecondaryIndexes: map,
  GlobalSecondaryIndexes: map,
});
const itemCollectionMetrics = struct({ ItemCollectionKey: map, SizeEstimateRangeGB: list(double) });
const dynamoWrite = struct({ Attributes: map, ConsumedCapacity: consumedCapacity, ItemCollectionMetrics: itemCollectionMetrics });

const lambdaConfiguration = struct({
  FunctionName: str,
  FunctionArn: str,
  Role: str,
  Handler: str,
  CodeSize: long,
  Description: str,
  Timeout: { t: 'integer', min: 1 },
  MemorySize: { t: 'integer', min: 128, max: 10240 },
  LastModified: str,
  CodeSha256: str,
  Version: str,
  State: oneOf('Pending', 'Active', 'Inactive', 'Failed'),
  PackageType: oneOf('Zip', 'Image'),
  Architectures: list(oneOf('x86_64', 'arm64')),
});

/** Output shapes by integration: optimized ones by `service:action`, AWS SDK ones by `aws-sdk:service:action`. */
const MODELS: Readonly<Record<string, Shape>> = {
  'lambda:invoke': struct({ StatusCode: int, FunctionError: str, LogResult: str, Payload: any, ExecutedVersion: { t: 'string', min: 1, max: 1024 } }),
  'states:startExecution': struct({ ExecutionArn: { t: 'string', min: 1, max: 256 }, StartDate: time }, ['ExecutionArn', 'StartDate']),
  'events:putEvents': struct({ FailedEntryCount: int, Entries: list(struct({ EventId: str, ErrorCode: str, ErrorMessage: str })) }),
  'dynamodb:putItem': dynamoWrite,
  'dynamodb:updateItem': dynamoWrite,
  'dynamodb:deleteItem': dynamoWrite,
  'dynamodb:getItem': struct({ Item: map, ConsumedCapacity: consumedCapacity }),
  'sqs:sendMessage': struct({ MD5OfMessageBody: str, MD5OfMessageAttributes: str, MD5OfMessageSystemAttributes: str, MessageId: str, SequenceNumber: str }),
  'sns:publish': struct({ MessageId: str, SequenceNumber: str }),
  'aws-sdk:kms:encrypt': struct({
    CiphertextBlob: { t: 'blob', min: 1, max: 6144 },
    KeyId: { t: 'string', min: 1, max: 2048 },
    EncryptionAlgorithm: oneOf('SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE'),
  }),
  'aws-sdk:s3:getObject': struct({
    Body: any,
    DeleteMarker: bool,
    AcceptRanges: str,
    Expiration: str,
    Restore: str,
    LastModified: time,
    ContentLength: long,
    ETag: str,
    MissingMeta: int,
    VersionId: str,
    CacheControl: str,
    ContentDisposition: str,
    ContentEncoding: str,
    ContentLanguage: str,
    ContentRange: str,
    ContentType: str,
    Expires: time,
    WebsiteRedirectLocation: str,
    ServerSideEncryption: oneOf('AES256', 'aws:fsx', 'aws:kms', 'aws:kms:dsse'),
    Metadata: map,
    SSECustomerAlgorithm: str,
    SSECustomerKeyMD5: str,
    SSEKMSKeyId: str,
    BucketKeyEnabled: bool,
    StorageClass: oneOf(
      'STANDARD',
      'REDUCED_REDUNDANCY',
      'STANDARD_IA',
      'ONEZONE_IA',
      'INTELLIGENT_TIERING',
      'GLACIER',
      'DEEP_ARCHIVE',
      'OUTPOSTS',
      'GLACIER_IR',
      'SNOW',
      'EXPRESS_ONEZONE',
      'FSX_OPENZFS',
    ),
    RequestCharged: oneOf('requester'),
    ReplicationStatus: oneOf('COMPLETE', 'PENDING', 'FAILED', 'REPLICA', 'COMPLETED'),
    PartsCount: int,
    TagCount: int,
    ObjectLockMode: oneOf('GOVERNANCE', 'COMPLIANCE'),
    ObjectLockRetainUntilDate: time,
    ObjectLockLegalHoldStatus: oneOf('ON', 'OFF'),
  }),
  'aws-sdk:lambda:getFunction': struct({
    Configuration: lambdaConfiguration,
    Code: struct({ RepositoryType: str, Location: str, ImageUri: str, ResolvedImageUri: str }),
    Tags: map,
    Concurrency: struct({ ReservedConcurrentExecutions: { t: 'integer', min: 0 } }),
  }),
};

/**
 * The output shape for a Task resource (`arn:aws:states:::dynamodb:putItem`,
 * `arn:aws:states:::aws-sdk:s3:getObject`), or `undefined` when fogbank has no model for it.
 */
export function modelFor(resourceType: string, action: string): Shape | undefined {
  return MODELS[`${resourceType}:${action}`];
}

export type FieldValidationMode = 'STRICT' | 'PRESENT' | 'NONE';

/**
 * Checks a mocked result against a shape: AWS's "Mock result schema validation error: ..." for
 * the first problem found. Fields the model does not know are allowed; `STRICT` also requires
 * the model's required fields.
 */
export function checkMockResult(shape: Shape, value: Json, mode: FieldValidationMode): void {
  if (mode === 'NONE') return;
  if (shape.t === 'structure' && !isJsonObject(value)) throw validationError('Mocked result must be a JSON object.');
  const problem = check(shape, value, null, mode === 'STRICT');
  if (problem !== null) throw validationError(`Mock result schema validation error: ${problem}`);
}

function check(shape: Shape, value: Json, name: string | null, strict: boolean): string | null {
  const field = `Field '${name ?? ''}'`;
  switch (shape.t) {
    case 'any':
    case 'map':
      return null;
    case 'string':
    case 'blob':
    case 'timestamp':
      if (typeof value !== 'string') return `${field} must be a string`;
      if (shape.t === 'timestamp') return null;
      if (shape.t === 'string' && shape.values !== undefined && !shape.values.includes(value)) return `${field} is not an expected value`;
      if (shape.min !== undefined && value.length < shape.min) return `${field} is smaller than the minimum length`;
      if (shape.max !== undefined && value.length > shape.max) return `${field} is larger than the maximum length`;
      return null;
    case 'boolean':
      return typeof value === 'boolean' ? null : `${field} must be a boolean`;
    case 'integer':
    case 'long':
    case 'double':
      if (typeof value !== 'number') return `${field} must be a number`;
      if (shape.min !== undefined && value < shape.min) return `${field} is less than the minimum value`;
      if (shape.max !== undefined && value > shape.max) return `${field} exceeds the maximum value`;
      return null;
    case 'list': {
      if (!Array.isArray(value)) return `${field} must be an array`;
      for (const item of value) {
        const problem = check(shape.member, item, name, strict);
        if (problem !== null) return problem;
      }
      return null;
    }
    case 'structure': {
      if (!isJsonObject(value)) return `${field} must be an object`;
      if (strict) {
        for (const required of shape.required ?? []) if (!(required in value)) return `Required field '${required}' is missing`;
      }
      for (const [key, member] of Object.entries(shape.members)) {
        if (!(key in value)) continue;
        const problem = check(member, value[key]!, key, strict);
        if (problem !== null) return problem;
      }
      return null;
    }
    default:
      return shape satisfies never;
  }
}
