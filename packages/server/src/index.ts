/**
 * @fogbank/server: one HTTP endpoint speaking AWS wire protocols (DynamoDB and DynamoDB Streams
 * JSON 1.0 so far), an adapter over the in-process services.
 * @packageDocumentation
 */
export { startServer, handle, operationOf, type ServerOptions, type RunningServer } from './server.js';
export { decodeRequest, encodeResponse } from './wire.js';
