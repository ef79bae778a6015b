/**
 * @fogbank/lambda: AWS Lambda in-process. Node.js handlers run in execution environments (worker
 * threads) with Lambda's cold starts, timeouts, memory limits, concurrency, logs and errors,
 * behind the Lambda API's SDK shapes.
 */
export { LambdaService, type InvokeRequest, type InvokeResponse } from './service.js';
export { type LambdaServiceOptions, type ResolvedLambdaOptions, type ExecutionMode, LAMBDA_DEFAULTS } from './options.js';
export { type Clock, type Timer, type Stopwatch, realClock, realStopwatch } from './clock.js';
export { type IdSource, randomIds, sequentialIds } from './ids.js';
export {
  LambdaServiceException,
  ResourceNotFoundException,
  ResourceConflictException,
  InvalidParameterValueException,
  ValidationException,
  InvalidRequestContentException,
  RequestEntityTooLargeException,
  TooManyRequestsException,
  type ThrottleReason,
  UnsupportedFeatureError,
} from './errors.js';
export type {
  CreateFunctionRequest,
  UpdateFunctionConfigurationRequest,
  UpdateFunctionCodeRequest,
  FunctionCode,
  FunctionConfiguration,
  Architecture,
} from './function-config.js';
export { NODE_RUNTIMES } from './function-config.js';
export { RESERVED_ENVIRONMENT_KEYS, ENVIRONMENT_LIMIT_BYTES } from './environment-variables.js';
export { PAYLOAD_LIMITS, PayloadBlob } from './payload.js';
export { type LambdaEvent } from './lambda-events.js';
export { type CostReport, type FunctionCost, LAMBDA_PRICES } from './cost.js';
export type { EventInvokeConfig, AsyncInvocationRecord } from './event-queue.js';
export type { LogStore, OutputLogEvent, LogStream } from './log-store.js';
export { MINIMUM_UNRESERVED_CONCURRENCY } from './concurrency.js';
export { heapLimits } from './sandboxes.js';
