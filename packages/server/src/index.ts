/**
 * @fogbank/server: one HTTP endpoint speaking AWS wire protocols (DynamoDB and DynamoDB Streams,
 * Step Functions and SQS JSON 1.0, Lambda REST-JSON, SNS query), an adapter over the in-process services.
 * @packageDocumentation
 */
export { startServer, handle, operationOf, type ServerOptions, type RunningServer } from './server.js';
export { decodeRequest, encodeResponse } from './wire.js';
export { STEP_FUNCTIONS_OPERATIONS, stepFunctionsRequest, type StepFunctionsApi } from './step-functions-wire.js';
export { LAMBDA_PATH, lambdaRequest } from './lambda-wire.js';
export { SQS_OPERATIONS, sqsRequest, type SqsApi } from './sqs-wire.js';
export { SNS_OPERATIONS, snsRequest, type SnsApi } from './sns-wire.js';
