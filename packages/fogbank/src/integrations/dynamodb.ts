/**
 * DynamoDB Task resources: the optimised `arn:aws:states:::dynamodb:getItem|putItem|updateItem|
 * deleteItem` (result plus `SdkHttpMetadata`, errors `DynamoDB.<Exception>` with the Java SDK v1
 * cause) and the SDK integration `arn:aws:states:::aws-sdk:dynamodb:<action>` (the bare SDK
 * result, errors `DynamoDb.<Exception>` with the Java SDK v2 cause).
 */
import { crc32 } from 'node:zlib';
import { TaskError, type Integration, type Json, type JsonObject } from '@fogbank/asl';
import { DynamoDB, DynamoDBError } from '@fogbank/dynamodb';
import { dynamoDbMetadata } from '../step-functions/sdk-metadata.js';
import { unknownResource } from '../step-functions/service-integrations.js';

const OPTIMISED = new Set(['getItem', 'putItem', 'updateItem', 'deleteItem']);

export function dynamoDbIntegrations(dynamodb: DynamoDB, newRequestId: () => string): Record<string, Integration> {
  const optimised: Integration = async (parameters, ctx) => {
    const action = ctx.resource.slice('arn:aws:states:::dynamodb:'.length);
    if (!OPTIMISED.has(action)) throw unknownResource(ctx.resource);
    const requestId = newRequestId();
    let result: unknown;
    try {
      result = await dynamodb.call(action, parameters);
    } catch (error) {
      if (!(error instanceof DynamoDBError)) throw error;
      const name = error.name === 'ValidationException' ? 'AmazonDynamoDBException' : error.name;
      throw new TaskError(
        `DynamoDB.${name}`,
        `${error.message} (Service: AmazonDynamoDBv2; Status Code: ${error.statusCode}; Error Code: ${error.name}; Request ID: ${requestId}; Proxy: null)`,
      );
    }
    const body = JSON.stringify(result);
    const bytes = Buffer.from(body);
    return { ...(JSON.parse(body) as JsonObject), ...dynamoDbMetadata({ requestId, contentLength: bytes.length, nowMs: ctx.clock.now(), crc32: crc32(bytes) }) };
  };

  const sdk: Integration = async (parameters, ctx) => {
    const action = ctx.resource.slice('arn:aws:states:::aws-sdk:dynamodb:'.length);
    if (!DynamoDB.operations.includes(action)) throw unknownResource(ctx.resource);
    try {
      return JSON.parse(JSON.stringify(await dynamodb.call(action, parameters ?? {}))) as Json;
    } catch (error) {
      if (!(error instanceof DynamoDBError)) throw error;
      const name = error.name === 'ValidationException' ? 'DynamoDbException' : error.name;
      throw new TaskError(`DynamoDb.${name}`, `${error.message} (Service: DynamoDb, Status Code: ${error.statusCode}, Request ID: ${newRequestId()})`);
    }
  };

  return { 'arn:aws:states:::dynamodb:*': optimised, 'arn:aws:states:::aws-sdk:dynamodb:*': sdk };
}
