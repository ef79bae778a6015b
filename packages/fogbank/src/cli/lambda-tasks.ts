import { TaskError, type Integrations, type Json } from '@fogbank/asl';
import { LambdaServiceException, type LambdaService } from '@fogbank/lambda';

/**
 * Task integrations backed by a {@link LambdaService}: a Lambda function ARN as `Resource` (the
 * task's result is the function's answer) and the optimized `arn:aws:states:::lambda:invoke`
 * (the result is Invoke's response envelope, the answer under `Payload`), as Step Functions does.
 * Every other resource fails the task with `States.Runtime`, saying the CLI has no integration
 * for it.
 */
export function lambdaIntegrations(lambda: LambdaService): Integrations {
  return {
    'arn:aws:lambda:*': async (input, context) => {
      const name = functionOfArn(context.resource);
      const response = await invoke(lambda, { FunctionName: name.functionName, Qualifier: name.qualifier, Payload: input });
      if (response.functionError) throw functionFailure(response.payload);
      return parsePayload(response.payload);
    },
    'arn:aws:states:::lambda:invoke': async (input) => {
      const parameters = (typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {}) as Record<string, Json>;
      const functionName = parameters['FunctionName'];
      if (typeof functionName !== 'string') {
        throw new TaskError('States.Runtime', "lambda:invoke needs the parameter 'FunctionName' (a function name or ARN).");
      }
      const qualifier = typeof parameters['Qualifier'] === 'string' ? parameters['Qualifier'] : undefined;
      const response = await invoke(lambda, { FunctionName: functionName, Qualifier: qualifier, Payload: parameters['Payload'] ?? {} });
      if (response.functionError) throw functionFailure(response.payload);
      return envelope(response.payload, response.requestId);
    },
    // Last, so the Lambda patterns above win (patterns are tried in insertion order).
    '*': (_input, context) => {
      throw new TaskError(
        'States.Runtime',
        `fogbank's CLI has no integration for the resource '${context.resource}' of state '${context.stateName}': it runs Lambda functions (a function ARN, or arn:aws:states:::lambda:invoke) declared in the config file's "functions".`,
      );
    },
  };
}

interface LambdaCall {
  readonly FunctionName: string;
  readonly Qualifier: string | undefined;
  readonly Payload: Json;
}

async function invoke(lambda: LambdaService, call: LambdaCall): Promise<{ payload: string; functionError: boolean; requestId: string }> {
  try {
    const response = await lambda.invoke({
      FunctionName: call.FunctionName,
      Payload: JSON.stringify(call.Payload),
      ...(call.Qualifier !== undefined ? { Qualifier: call.Qualifier } : {}),
    });
    return { payload: response.Payload.transformToString(), functionError: response.FunctionError !== undefined, requestId: response.$metadata.requestId };
  } catch (thrown) {
    // Step Functions names Lambda API errors `Lambda.<Exception>`, the cause being the API's message.
    if (thrown instanceof LambdaServiceException) {
      throw new TaskError(`Lambda.${thrown.name}`, `${thrown.message} (Service: Lambda, Status Code: ${thrown.statusCode}, Request ID: fogbank)`);
    }
    throw thrown;
  }
}

/** A function error: `error` is the answer's `errorType`, `cause` the whole error answer. */
function functionFailure(payload: string): TaskError {
  let errorType = 'Lambda.Unknown';
  try {
    const parsed = JSON.parse(payload) as unknown;
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as Record<string, unknown>)['errorType'] === 'string') {
      errorType = (parsed as Record<string, string>)['errorType']!;
    }
  } catch {
    // A non-JSON error answer keeps the generic name; the cause still carries the text.
  }
  return new TaskError(errorType, payload);
}

function parsePayload(payload: string): Json {
  return payload === '' ? null : (JSON.parse(payload) as Json);
}

/** Invoke's response as `lambda:invoke` returns it (recorded from AWS: conformance `task_from_input`). */
function envelope(payload: string, requestId: string): Json {
  const length = String(Buffer.byteLength(payload));
  return {
    ExecutedVersion: '$LATEST',
    Payload: parsePayload(payload),
    SdkHttpMetadata: {
      AllHttpHeaders: {
        'X-Amz-Executed-Version': ['$LATEST'],
        'x-amzn-Remapped-Content-Length': ['0'],
        Connection: ['keep-alive'],
        'x-amzn-RequestId': [requestId],
        'Content-Length': [length],
        'Content-Type': ['application/json'],
      },
      HttpHeaders: {
        Connection: 'keep-alive',
        'Content-Length': length,
        'Content-Type': 'application/json',
        'X-Amz-Executed-Version': '$LATEST',
        'x-amzn-Remapped-Content-Length': '0',
        'x-amzn-RequestId': requestId,
      },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}

/** `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]` -> name and qualifier. */
export function functionOfArn(arn: string): { functionName: string; qualifier: string | undefined } {
  const parts = arn.split(':');
  return { functionName: parts[6] ?? arn, qualifier: parts[7] };
}
