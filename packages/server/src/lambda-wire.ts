import { LambdaServiceException, UnsupportedFeatureError, type CreateFunctionRequest, type LambdaService, type UpdateFunctionConfigurationRequest } from '@fogbank/lambda';
import { reply, wireJson } from './http.js';
import type { HttpRequest, HttpResponse } from './http1.js';

/** Lambda's REST-JSON paths (API versions 2015-03-31, 2017-10-31, 2019-09-30). */
export const LAMBDA_PATH = /^\/(2015-03-31|2017-10-31|2019-09-30)\/functions(\/|$|\?)/;

const JSON_TYPE = { 'content-type': 'application/json' };

/**
 * Lambda's REST-JSON protocol for what fogbank's Lambda serves: Invoke (`X-Amz-Invocation-Type`,
 * `X-Amz-Log-Type: Tail`, `X-Amz-Client-Context`; `X-Amz-Function-Error` and `X-Amz-Log-Result`
 * back), Create/Get/List/Delete function, Get/UpdateFunctionConfiguration and the reserved
 * concurrency calls. Errors carry `x-amzn-ErrorType` and AWS's body.
 */
export async function lambdaRequest(lambda: LambdaService, req: HttpRequest): Promise<HttpResponse> {
  const url = new URL(req.url, 'http://fogbank');
  const parts = url.pathname.split('/').filter((p) => p !== '').map(decodeURIComponent);
  const [version, , functionName, sub] = parts;
  const method = req.method;
  try {
    const body = req.body;
    const json = (): Record<string, unknown> => (body.byteLength === 0 ? {} : (JSON.parse(body.toString('utf8')) as Record<string, unknown>));
    const qualifier = url.searchParams.get('Qualifier') ?? undefined;
    if (functionName === undefined) {
      if (method === 'POST') return reply(201, JSON_TYPE, wireJson(await lambda.createFunction(json() as unknown as CreateFunctionRequest)));
      if (method === 'GET') {
        const maxItems = url.searchParams.get('MaxItems');
        const marker = url.searchParams.get('Marker');
        return reply(200, JSON_TYPE, wireJson(await lambda.listFunctions({ ...(marker !== null ? { Marker: marker } : {}), ...(maxItems !== null ? { MaxItems: Number(maxItems) } : {}) })));
      }
    } else if (sub === 'invocations' && method === 'POST') {
      const header = (name: string): string | undefined => req.headers[name];
      const response = await lambda.invoke({
        FunctionName: functionName,
        Payload: body,
        ...(header('x-amz-invocation-type') !== undefined ? { InvocationType: header('x-amz-invocation-type') as 'RequestResponse' } : {}),
        ...(header('x-amz-log-type') !== undefined ? { LogType: header('x-amz-log-type') as 'Tail' } : {}),
        ...(header('x-amz-client-context') !== undefined ? { ClientContext: header('x-amz-client-context')! } : {}),
        ...(qualifier !== undefined ? { Qualifier: qualifier } : {}),
      });
      const headers: Record<string, string> = { ...JSON_TYPE, 'x-amzn-requestid': response.$metadata.requestId };
      if (response.FunctionError !== undefined) headers['x-amz-function-error'] = response.FunctionError;
      if (response.LogResult !== undefined) headers['x-amz-log-result'] = response.LogResult;
      if (response.ExecutedVersion !== undefined) headers['x-amz-executed-version'] = response.ExecutedVersion;
      return reply(response.StatusCode, headers, response.Payload);
    } else if (sub === undefined) {
      if (method === 'GET') return reply(200, JSON_TYPE, wireJson(await lambda.getFunction({ FunctionName: functionName })));
      if (method === 'DELETE') {
        await lambda.deleteFunction({ FunctionName: functionName, ...(qualifier !== undefined ? { Qualifier: qualifier } : {}) });
        return reply(204, {}, '');
      }
    } else if (sub === 'configuration') {
      if (method === 'GET') return reply(200, JSON_TYPE, wireJson(await lambda.getFunctionConfiguration({ FunctionName: functionName })));
      if (method === 'PUT') return reply(200, JSON_TYPE, wireJson(await lambda.updateFunctionConfiguration({ ...json(), FunctionName: functionName } as UpdateFunctionConfigurationRequest)));
    } else if (sub === 'concurrency') {
      if (method === 'PUT') return reply(200, JSON_TYPE, wireJson(await lambda.putFunctionConcurrency({ ReservedConcurrentExecutions: Number(json()['ReservedConcurrentExecutions']), FunctionName: functionName })));
      if (method === 'GET') return reply(200, JSON_TYPE, wireJson(await lambda.getFunctionConcurrency({ FunctionName: functionName })));
      if (method === 'DELETE') {
        await lambda.deleteFunctionConcurrency({ FunctionName: functionName });
        return reply(204, {}, '');
      }
    }
    return errorReply(404, 'UnknownOperationException', `fogbank does not serve ${method} /${version ?? ''}/functions${functionName !== undefined ? `/${functionName}` : ''}${sub !== undefined ? `/${sub}` : ''}`);
  } catch (thrown) {
    if (thrown instanceof LambdaServiceException) {
      return reply(thrown.statusCode, { ...JSON_TYPE, 'x-amzn-errortype': thrown.name }, JSON.stringify(thrown.toJSON()));
    }
    if (thrown instanceof UnsupportedFeatureError) return errorReply(400, 'InvalidParameterValueException', thrown.message);
    if (thrown instanceof SyntaxError) return errorReply(400, 'InvalidRequestContentException', 'Could not parse request body into json.');
    return errorReply(500, 'ServiceException', `fogbank internal error: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
  }
}

function errorReply(status: number, type: string, message: string): HttpResponse {
  return reply(status, { ...JSON_TYPE, 'x-amzn-errortype': type }, JSON.stringify({ Type: 'User', Message: message }));
}
