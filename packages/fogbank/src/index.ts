/**
 * fogbank: the package users install. Wires @fogbank/asl, @fogbank/lambda and @fogbank/dynamodb
 * into one local cloud.
 * @packageDocumentation
 */
export { StepFunctions } from './step-functions/service.js';
export { type StepFunctionsOptions, type ResolvedStepFunctionsOptions, STEP_FUNCTIONS_DEFAULTS } from './step-functions/options.js';
export { StepFunctionsError, type StepFunctionsErrorName } from './step-functions/errors.js';
export type {
  CreateStateMachineInput,
  UpdateStateMachineInput,
  DescribeStateMachineOutput,
  DescribeExecutionOutput,
  ExecutionListItem,
  ExecutionStatus,
  StartSyncExecutionOutput,
  ValidateDefinitionOutput,
} from './step-functions/shapes.js';
export type { HistoryPage, HistoryPageRequest } from './step-functions/history-page.js';
export type { ActivityTask } from './step-functions/activities.js';
export type { JsonText } from './step-functions/payloads.js';
export { createCloud, type Cloud, type CloudOptions } from './cloud.js';
export { CloudLambda } from './cloud-lambda.js';
export type { CreateEventSourceMappingInput, EventSourceMappingConfiguration, LambdaStreamRecord } from './event-source-mappings.js';
export { type MockConfig, type MockedInvocation, MockConfigError } from './mocks/mock-config.js';
export { mockConfig, MockConfigBuilder, MockedResponseBuilder } from './mocks/mock-builder.js';
export type { Tag } from './step-functions/tags.js';
export { Sqs, SQS_OPERATIONS, type SqsOptions, type SqsOperation } from './sqs/service.js';
export { SqsError, type SqsErrorName } from './sqs/errors.js';
export type * as SqsShapes from './sqs/shapes.js';
export { Sns, SnsError, SNS_OPERATIONS, type SnsOptions, type SnsOperation, type SnsErrorName, type PublishInput, type PublishOutput } from './sns/service.js';
