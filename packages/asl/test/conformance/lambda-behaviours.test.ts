import { TaskError } from '@fogbank/asl';
import { describe, expect, test } from 'vitest';
import { Matcher } from './compare.js';
import type { Json, LambdaDetail } from './corpus.js';
import { functionNameOf, lambdaIntegrations, pythonJson, pythonRepr, type LambdaTaskContext } from './lambda-behaviours.js';
import { maskValue } from './masking.js';

const detail = (functionName: string, file: string): LambdaDetail => ({
  functionName,
  functionArn: `arn:aws:lambda:us-east-1:111111111111:function:${functionName}`,
  handlerSource: `tests/aws/services/stepfunctions/templates/x/lambdafunctions/${file}`,
  runtime: 'python3.12',
  behaviour: '',
});

const setup = {
  functions: [
    detail('id_fn', 'id_function.py'),
    detail('raise_fn', 'raise_exception.py'),
    detail('custom_fn', 'raise_custom_exception.py'),
    detail('bytes_fn', 'return_bytes_str.py'),
    detail('wait_fn', 'wait_60_seconds.py'),
    detail('large_fn', 'large_output_string.py'),
    detail('echo_fn', 'echo_function.py'),
    detail('decorated_fn', 'return_decorated_input.py'),
  ],
  region: 'us-east-1',
  accountId: '111111111111',
};

function context(resource: string, slept: number[] = []): LambdaTaskContext {
  return {
    resource,
    clock: { now: () => Date.UTC(2025, 0, 1) },
    sleep: async (ms) => {
      slept.push(ms);
    },
  };
}

const fnArn = (name: string) => `arn:aws:lambda:us-east-1:111111111111:function:${name}`;
const INVOKE = 'arn:aws:states:::lambda:invoke';

async function failure(promise: Promise<unknown>): Promise<TaskError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TaskError) return error;
    throw error;
  }
  throw new Error('expected a TaskError');
}

describe('Python serialisation', () => {
  test('json.dumps defaults: spaced separators, non-ASCII escaped; compact on request', () => {
    expect(pythonJson({ a: 1, b: [true, null, 'é'] })).toBe('{"a": 1, "b": [true, null, "\\u00e9"]}');
    expect(pythonJson({ a: 1, b: [2] }, true)).toBe('{"a":1,"b":[2]}');
  });

  test('repr of the parsed event, as an f-string prints it', () => {
    expect(pythonRepr(['string-literal'])).toBe("['string-literal']");
    expect(pythonRepr({ a: null, b: true, c: "it's", d: 1.5 })).toBe(`{'a': None, 'b': True, 'c': "it's", 'd': 1.5}`);
  });
});

describe('function ARN resource (arn:aws:lambda:*)', () => {
  const fn = lambdaIntegrations(setup)['arn:aws:lambda:*']!;

  test('identity returns its event; bytes come back parsed; echo returns its constant', async () => {
    expect(await fn({ a: [1] }, context(fnArn('id_fn')))).toEqual({ a: [1] });
    expect(await fn({}, context(fnArn('bytes_fn')))).toBe('HelloWorld!');
    expect(await fn({}, context(fnArn('echo_fn')))).toEqual({ Return: 'HelloWorld' });
    expect(await fn(['x'], context(`${fnArn('decorated_fn')}:$LATEST`))).toBe("input-event-['x']");
  });

  test('an exception fails the task with the class name and the runtime document, Python-style', async () => {
    const fresh = lambdaIntegrations(setup)['arn:aws:lambda:*']!;
    const error = await failure(fresh({}, context(fnArn('raise_fn'))));
    expect(error.error).toBe('Exception');
    expect(error.cause).toBe(
      '{"errorMessage": "Some exception was raised.", "errorType": "Exception", "requestId": "00000001-0000-4000-8000-000000000000", ' +
        '"stackTrace": ["  File \\"/var/task/handler.py\\", line 2, in handler\\n    raise Exception(\\"Some exception was raised.\\")\\n"]}',
    );
    const custom = await failure(fn({}, context(fnArn('custom_fn'))));
    expect(custom.error).toBe('CustomException');
    expect(JSON.parse(custom.cause!)).toMatchObject({ errorMessage: '', errorType: 'CustomException' });
  });

  test('waiting 60 s goes through the context clock, not real time', async () => {
    const slept: number[] = [];
    expect(await fn({ p: 1 }, context(fnArn('wait_fn'), slept))).toEqual({ p: 1 });
    expect(slept).toEqual([60_000]);
  });

  test('the large output is 257 KiB of text', async () => {
    const out = await fn({}, context(fnArn('large_fn')));
    expect(typeof out === 'string' && out.length).toBe(263_168);
  });
});

describe('arn:aws:states:::lambda:invoke', () => {
  const invoke = lambdaIntegrations(setup)[INVOKE]!;

  test('returns the Invoke response; Content-Length is the Python payload size', async () => {
    const out = (await invoke({ FunctionName: 'id_fn', Payload: { a: 1, b: 'x' } }, context(INVOKE))) as Record<string, Json>;
    expect(Object.keys(out)).toEqual(['ExecutedVersion', 'Payload', 'SdkHttpMetadata', 'SdkResponseMetadata', 'StatusCode']);
    expect(out['Payload']).toEqual({ a: 1, b: 'x' });
    expect(out['SdkHttpMetadata']).toMatchObject({ HttpHeaders: { 'Content-Length': '18' }, HttpStatusCode: 200 });
  });

  test('a null Payload sends {}; a string Payload is the raw JSON text', async () => {
    const empty = (await invoke({ FunctionName: fnArn('id_fn'), Payload: null }, context(INVOKE))) as Record<string, Json>;
    expect(empty['Payload']).toEqual({});
    const text = (await invoke({ FunctionName: 'id_fn', Payload: '"HelloWorld"' }, context(INVOKE))) as Record<string, Json>;
    expect(text['Payload']).toBe('HelloWorld');
  });

  test('an unknown function is Lambda.ResourceNotFoundException', async () => {
    const fresh = lambdaIntegrations(setup)[INVOKE]!;
    const error = await failure(fresh({ FunctionName: 'nope', Payload: null }, context(INVOKE)));
    expect(error.error).toBe('Lambda.ResourceNotFoundException');
    expect(error.cause).toBe(
      'Function not found: arn:aws:lambda:us-east-1:111111111111:function:nope:$LATEST (Service: AWSLambda; Status Code: 404; ' +
        'Error Code: ResourceNotFoundException; Request ID: 00000001-0000-4000-8000-000000000000; Proxy: null)',
    );
  });

  test('a function error carries the runtime document compactly', async () => {
    const error = await failure(invoke({ FunctionName: 'raise_fn' }, context(INVOKE)));
    expect(error.cause!.startsWith('{"errorMessage":"Some exception was raised.","errorType":"Exception","requestId":')).toBe(true);
  });

  test('the response matches the envelope AWS recorded (services test_invoke, LogType Tail)', async () => {
    const out = await invoke({ FunctionName: 'id_fn', Payload: null, LogType: 'Tail' }, context(INVOKE));
    const recorded = {
      ExecutedVersion: '$LATEST',
      LogResult: '<LogResult:1>',
      Payload: {},
      SdkHttpMetadata: {
        AllHttpHeaders: {
          'X-Amz-Log-Result': ['<LogResult:1>'],
          'X-Amz-Executed-Version': ['$LATEST'],
          'x-amzn-Remapped-Content-Length': ['0'],
          Connection: ['keep-alive'],
          'x-amzn-RequestId': 'x-amzn-RequestId',
          'Content-Length': ['2'],
          Date: 'date',
          'X-Amzn-Trace-Id': 'X-Amzn-Trace-Id',
          'Content-Type': ['application/json'],
        },
        HttpHeaders: {
          Connection: 'keep-alive',
          'Content-Length': '2',
          'Content-Type': 'application/json',
          Date: 'date',
          'X-Amz-Executed-Version': '$LATEST',
          'X-Amz-Log-Result': '<LogResult:1>',
          'x-amzn-Remapped-Content-Length': '0',
          'x-amzn-RequestId': 'x-amzn-RequestId',
          'X-Amzn-Trace-Id': 'X-Amzn-Trace-Id',
        },
        HttpStatusCode: 200,
      },
      SdkResponseMetadata: { RequestId: 'RequestId' },
      StatusCode: 200,
    };
    expect(new Matcher().compare(recorded, maskValue(out))).toEqual([]);
  });
});

test('function names from names, partial and full ARNs', () => {
  expect(functionNameOf('f_1')).toBe('f_1');
  expect(functionNameOf('function:f_1:alias')).toBe('f_1');
  expect(functionNameOf(fnArn('f-1'))).toBe('f-1');
  expect(functionNameOf('arn:aws:states:::lambda:invoke')).toBeUndefined();
});
