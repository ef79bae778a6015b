/**
 * Lambda Task resources: a function ARN (the `LambdaFunction*` events; the result is the
 * function's response) and `arn:aws:states:::lambda:invoke` (the whole Invoke response envelope).
 * A function error fails the task with the error document's `errorType` and the document as
 * cause; an API error of Invoke becomes `Lambda.<Exception>` with the Java SDK's cause text.
 */
import { TaskError, type Integration, type Json, type JsonObject } from '@fogbank/asl';
import { LambdaServiceException, type InvokeRequest, type InvokeResponse, type LambdaService } from '@fogbank/lambda';

/** The Lambda Task resources of a cloud, served by its `LambdaService`. */
export function lambdaIntegrations(lambda: Pick<LambdaService, 'invoke'>, newRequestId: () => string): Record<string, Integration> {
  const functionResource: Integration = async (input, ctx) => {
    const response = await invoke(lambda, newRequestId, { FunctionName: ctx.resource, Payload: JSON.stringify(input) });
    const text = response.Payload.transformToString();
    if (response.FunctionError !== undefined) throw functionError(text, false);
    return parseResponse(text);
  };

  const invokeResource: Integration = async (parameters, ctx) => {
    const request = isObject(parameters) ? parameters : {};
    const call: InvokeRequest = { FunctionName: typeof request['FunctionName'] === 'string' ? request['FunctionName'] : '' };
    const payload = request['Payload'];
    if (payload !== undefined && payload !== null) call.Payload = typeof payload === 'string' ? payload : JSON.stringify(payload);
    for (const key of ['InvocationType', 'LogType', 'ClientContext', 'Qualifier'] as const) {
      const value = request[key];
      if (typeof value === 'string') (call as unknown as Record<string, string>)[key] = value;
    }
    const response = await invoke(lambda, newRequestId, call);
    const text = response.Payload.transformToString();
    if (response.FunctionError !== undefined) throw functionError(text, true);
    return invokeEnvelope(response, text, ctx.clock.now());
  };

  return {
    'arn:aws:lambda:*': functionResource,
    'arn:aws:states:::lambda:invoke': invokeResource,
  };
}

async function invoke(lambda: Pick<LambdaService, 'invoke'>, newRequestId: () => string, request: InvokeRequest): Promise<InvokeResponse> {
  try {
    return await lambda.invoke(request);
  } catch (error) {
    if (error instanceof LambdaServiceException) throw apiError(error, newRequestId());
    throw error;
  }
}

/**
 * The Java SDK's rendering of a Lambda API error, as Step Functions records it. AWS reports a
 * missing unqualified function as `...:function:<name>:$LATEST` (recorded: services/ and
 * error_handling/ cases with an unknown function).
 */
function apiError(error: LambdaServiceException, requestId: string): TaskError {
  let message = error.message;
  if (error.name === 'ResourceNotFoundException' && /^Function not found: arn:[^:]+:lambda:[^:]+:\d+:function:[^:]+$/.test(message)) {
    message += ':$LATEST';
  }
  return new TaskError(
    `Lambda.${error.name}`,
    `${message} (Service: AWSLambda; Status Code: ${error.statusCode}; Error Code: ${error.name}; Request ID: ${requestId}; Proxy: null)`,
  );
}

/**
 * A function error: the error document's `errorType` is the error name (`Lambda.Unknown` without
 * one). The function-ARN resource keeps the document's text as the cause; `lambda:invoke`
 * re-serialises it compactly, as AWS does.
 */
function functionError(text: string, compact: boolean): TaskError {
  let document: Json = null;
  try {
    document = JSON.parse(text) as Json;
  } catch {
    return new TaskError('Lambda.Unknown', text);
  }
  const type = isObject(document) && typeof document['errorType'] === 'string' ? document['errorType'] : 'Lambda.Unknown';
  return new TaskError(type, compact ? JSON.stringify(document) : text);
}

/** A response payload is JSON text; anything else comes back as a string. */
function parseResponse(text: string): Json {
  if (text === '') return null;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

/** The Invoke response as Step Functions hands it to the state (AWS's key order). */
function invokeEnvelope(response: InvokeResponse, text: string, nowMs: number): JsonObject {
  const requestId = response.$metadata.requestId;
  const length = String(Buffer.byteLength(text, 'utf8'));
  const date = new Date(nowMs).toUTCString();
  const version = response.ExecutedVersion ?? '$LATEST';
  const traceId = `Root=1-${Math.floor(nowMs / 1000).toString(16)}-${requestId.replace(/-/g, '').slice(0, 24)};Sampled=0`;
  const log = response.LogResult;
  const all: JsonObject = {};
  if (log !== undefined) all['X-Amz-Log-Result'] = [log];
  Object.assign(all, {
    'X-Amz-Executed-Version': [version],
    'x-amzn-Remapped-Content-Length': ['0'],
    Connection: ['keep-alive'],
    'x-amzn-RequestId': [requestId],
    'Content-Length': [length],
    Date: [date],
    'X-Amzn-Trace-Id': [traceId],
    'Content-Type': ['application/json'],
  });
  const headers: JsonObject = { Connection: 'keep-alive', 'Content-Length': length, 'Content-Type': 'application/json', Date: date, 'X-Amz-Executed-Version': version };
  if (log !== undefined) headers['X-Amz-Log-Result'] = log;
  Object.assign(headers, { 'x-amzn-Remapped-Content-Length': '0', 'x-amzn-RequestId': requestId, 'X-Amzn-Trace-Id': traceId });
  const out: JsonObject = { ExecutedVersion: version };
  if (log !== undefined) out['LogResult'] = log;
  Object.assign(out, {
    Payload: parseResponse(text),
    SdkHttpMetadata: { AllHttpHeaders: all, HttpHeaders: headers, HttpStatusCode: response.StatusCode },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: response.StatusCode,
  });
  return out;
}

function isObject(value: Json): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
