import { TaskError, testState, virtualClock, type TestStateRequest } from '@fogbank/asl';
import { describe, expect, test } from 'vitest';

const ROLE = 'arn:aws:iam::123456789012:role/test';
const options = () => ({ clock: virtualClock(Date.parse('2025-01-01T00:00:00Z')), ids: counter() });

function counter(): () => string {
  let n = 0;
  return () => `id-${++n}`;
}

const run = (request: TestStateRequest, extra: Record<string, unknown> = {}) => testState(request, { ...options(), ...extra });

describe('inspection data', () => {
  test('a JSONPath Pass reports each input step, and no result without Result', async () => {
    const response = await run({
      definition: { Type: 'Pass', InputPath: '$.a', Parameters: { 'x.$': '$' }, ResultPath: '$.r', OutputPath: '$.r', End: true },
      input: { a: 1 },
      inspectionLevel: 'DEBUG',
    });
    expect(response).toEqual({
      status: 'SUCCEEDED',
      output: { x: 1 },
      inspectionData: {
        input: { a: 1 },
        afterInputPath: 1,
        afterParameters: { x: 1 },
        afterResultSelector: { x: 1 },
        afterResultPath: { a: 1, r: { x: 1 } },
      },
    });
  });

  test('a Pass with Result reports the result and what follows it', async () => {
    const response = await run({ definition: { Type: 'Pass', Result: false, ResultPath: '$.r', Next: 'B' }, input: {}, inspectionLevel: 'TRACE' });
    expect(response).toEqual({
      status: 'SUCCEEDED',
      output: { r: false },
      nextState: 'B',
      inspectionData: { input: {}, result: false, afterResultSelector: false, afterResultPath: { r: false } },
    });
  });

  test('INFO has no inspection data', async () => {
    expect(await run({ definition: { Type: 'Succeed' }, input: [1] })).toEqual({ status: 'SUCCEEDED', output: [1] });
  });

  test('variables: given ones are visible, assigned ones are reported after the state', async () => {
    const response = await run({
      definition: { Type: 'Pass', QueryLanguage: 'JSONata', Assign: { total: '{% $total + $states.input.n %}' }, Output: '{% $total %}', End: true },
      input: { n: 2 },
      variables: '{"total": 40}',
      inspectionLevel: 'DEBUG',
    });
    // Output reads the variables as they were before the state.
    expect(response).toEqual({ status: 'SUCCEEDED', output: 40, inspectionData: { input: { n: 2 }, variables: { total: 42 } } });
  });
});

describe('Task', () => {
  const lambda = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'Payload.$': '$' }, ResultSelector: { 'v.$': '$.Payload' }, End: true };

  test('without a mock it calls the registered integration with the parameters', async () => {
    const calls: unknown[] = [];
    const response = await run(
      { definition: lambda, input: { n: 1 }, roleArn: ROLE, inspectionLevel: 'DEBUG' },
      { integrations: { 'arn:aws:states:::lambda:invoke': (input: unknown) => (calls.push(input), { Payload: 7 }) } },
    );
    expect(calls).toEqual([{ Payload: { n: 1 } }]);
    expect(response).toEqual({
      status: 'SUCCEEDED',
      output: { v: 7 },
      inspectionData: {
        input: { n: 1 },
        afterInputPath: { n: 1 },
        afterParameters: { Payload: { n: 1 } },
        result: { Payload: 7 },
        afterResultSelector: { v: 7 },
        afterResultPath: { v: 7 },
      },
    });
  });

  test('an integration error fails the state once, without retrying', async () => {
    let calls = 0;
    const response = await run(
      { definition: { ...lambda, Retry: [{ ErrorEquals: ['Other'] }] }, input: {}, roleArn: ROLE },
      {
        integrations: {
          'arn:aws:states:::lambda:invoke': () => {
            calls++;
            throw new TaskError('Boom', 'it broke');
          },
        },
      },
    );
    expect(calls).toBe(1);
    expect(response).toEqual({ status: 'FAILED', error: 'Boom', cause: 'it broke' });
  });

  const retrying = {
    ...lambda,
    Retry: [
      { ErrorEquals: ['Other'], MaxAttempts: 1 },
      { ErrorEquals: ['MockException'], IntervalSeconds: 3, BackoffRate: 2, MaxAttempts: 4, MaxDelaySeconds: 20 },
    ],
    Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Handle' }],
  };
  const error = { errorOutput: { error: 'MockException', cause: 'mocked' } };

  test.for([
    [0, 3],
    [2, 12],
    [3, 20],
  ])('RETRIABLE after %i retries, backing off %i seconds (capped by MaxDelaySeconds)', async ([count, seconds]) => {
    const response = await run({ definition: retrying, input: { a: 1 }, mock: error, stateConfiguration: { retrierRetryCount: count }, inspectionLevel: 'DEBUG' });
    expect(response.status).toBe('RETRIABLE');
    expect(response.inspectionData?.errorDetails).toEqual({ retryIndex: 1, retryBackoffIntervalSeconds: seconds });
  });

  test('once the retrier is spent, the catcher takes the error', async () => {
    const response = await run({ definition: retrying, input: { a: 1 }, mock: error, stateConfiguration: { retrierRetryCount: 4 }, inspectionLevel: 'DEBUG' });
    expect(response).toMatchObject({
      status: 'CAUGHT_ERROR',
      output: { a: 1, error: { Error: 'MockException', Cause: 'mocked' } },
      error: 'MockException',
      cause: 'mocked',
      nextState: 'Handle',
      inspectionData: { errorDetails: { retryIndex: 1, catchIndex: 0 } },
    });
  });

  test('$$.State.RetryCount is the retrierRetryCount given', async () => {
    const response = await run({
      definition: { ...lambda, ResultSelector: { 'n.$': '$$.State.RetryCount', 'name.$': '$$.State.Name' } },
      input: {},
      mock: { result: '{"Payload": 1}' },
      stateConfiguration: { retrierRetryCount: 2 },
    });
    expect(response.output).toEqual({ n: 2, name: 'StateName' });
  });

  test('a mocked context object is what $$ reads, its Task.Token included', async () => {
    const response = await run({
      definition: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
        Parameters: { 'token.$': '$$.Task.Token', 'who.$': '$$.Execution.Name' },
        End: true,
      },
      input: {},
      context: { Execution: { Name: 'mine' }, Task: { Token: 't-1' } },
      mock: { result: '"done"' },
      inspectionLevel: 'DEBUG',
    });
    expect(response.inspectionData?.afterParameters).toEqual({ token: 't-1', who: 'mine' });
    expect(response.output).toBe('done');
  });

  test('a Task with no mock and no integration fails saying what is missing', async () => {
    const response = await run({ definition: lambda, input: {}, roleArn: ROLE });
    expect(response).toMatchInlineSnapshot(`
      {
        "cause": "fogbank has no integration for the resource 'arn:aws:states:::lambda:invoke' of state 'StateName': register one in the integrations option (e.g. { 'arn:aws:lambda:*': handler }).",
        "error": "States.Runtime",
        "status": "FAILED",
      }
    `);
  });
});

describe('other states', () => {
  test('Choice: the rule taken is the next state, its Assign applied', async () => {
    const response = await run({
      definition: {
        Type: 'Choice',
        QueryLanguage: 'JSONata',
        Choices: [{ Condition: '{% $states.input.n > 1 %}', Assign: { big: true }, Next: 'Big' }],
        Default: 'Small',
      },
      input: { n: 2 },
      inspectionLevel: 'DEBUG',
    });
    expect(response).toEqual({ status: 'SUCCEEDED', output: { n: 2 }, nextState: 'Big', inspectionData: { input: { n: 2 }, variables: { big: true } } });
  });

  test('a lone state may name any target, itself included', async () => {
    const definition = { Type: 'Choice', Choices: [{ Variable: '$.n', NumericLessThan: 3, Next: 'StateName' }], Default: 'Done' };
    expect(await run({ definition, input: { n: 1 } })).toEqual({ status: 'SUCCEEDED', output: { n: 1 }, nextState: 'StateName' });
    expect(await run({ definition, input: { n: 5 } })).toEqual({ status: 'SUCCEEDED', output: { n: 5 }, nextState: 'Done' });
  });

  test('a state named inside a Parallel branch of a JSONata machine is tested in JSONata', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'Inner', States: { Inner: { Type: 'Pass', Output: '{% $states.input.x * 2 %}', End: true } } }] },
      },
    };
    expect(await run({ definition, stateName: 'Inner', input: { x: 21 } })).toEqual({ status: 'SUCCEEDED', output: 42 });
  });

  test('Wait waits on the clock; past five minutes TestState ends with States.Timeout', async () => {
    const clock = virtualClock(0);
    expect(await testState({ definition: { Type: 'Wait', Seconds: 60, End: true }, input: 1 }, { clock })).toEqual({ status: 'SUCCEEDED', output: 1 });
    expect(clock.now()).toBe(60_000);
    expect(await testState({ definition: { Type: 'Wait', Seconds: 301, End: true }, input: 1 }, { clock })).toEqual({ status: 'FAILED', error: 'States.Timeout' });
  });

  test('path failures carry AWS prefix naming the tested state', async () => {
    const response = await run({ definition: { Type: 'Pass', InputPath: '$.missing', End: true }, input: {} });
    expect(response).toMatchInlineSnapshot(`
      {
        "cause": "An error occurred while executing the state 'StateName' (entered at the event id #2). Invalid path '$.missing' : No results for path: $['missing']",
        "error": "States.Runtime",
        "status": "FAILED",
      }
    `);
  });
});

describe('mocked Map and Parallel', () => {
  const map = {
    Type: 'Map',
    ItemsPath: '$.items',
    ItemSelector: { 'i.$': '$$.Map.Item.Index', 'v.$': '$$.Map.Item.Value' },
    ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
    ToleratedFailurePercentage: 50,
    ResultPath: '$.out',
    End: true,
  };

  test('a Map reports its item processing and applies its output processing to the mocked result', async () => {
    const response = await run({ definition: map, input: { items: ['a', 'b'] }, mock: { result: [1, 2] }, inspectionLevel: 'DEBUG' });
    expect(response).toEqual({
      status: 'SUCCEEDED',
      output: { items: ['a', 'b'], out: [1, 2] },
      inspectionData: {
        input: { items: ['a', 'b'] },
        afterInputPath: { items: ['a', 'b'] },
        afterItemsPath: ['a', 'b'],
        afterItemSelector: [
          { i: 0, v: 'a' },
          { i: 1, v: 'b' },
        ],
        maxConcurrency: 0,
        toleratedFailurePercentage: 50,
        afterResultSelector: [1, 2],
        afterResultPath: { items: ['a', 'b'], out: [1, 2] },
      },
    });
  });

  test('failed iterations beyond the tolerated percentage fail the Map', async () => {
    const ok = await run({ definition: map, input: { items: [1, 2] }, mock: { result: [1, 2] }, stateConfiguration: { mapIterationFailureCount: 1 } });
    expect(ok.status).toBe('SUCCEEDED');
    const failed = await run({ definition: map, input: { items: [1, 2] }, mock: { result: [1, 2] }, stateConfiguration: { mapIterationFailureCount: 2 } });
    expect(failed).toEqual({
      status: 'FAILED',
      error: 'States.ExceedToleratedFailureThreshold',
      cause: 'The specified tolerated failure threshold was exceeded',
    });
  });

  test("mapItemReaderData is read as the ItemReader's ReaderConfig says (CSV with a header row, MaxItems)", async () => {
    const definition = {
      Type: 'Map',
      ItemReader: {
        Resource: 'arn:aws:states:::s3:getObject',
        ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', MaxItems: 2 },
        Parameters: { Bucket: 'b', Key: 'k.csv' },
      },
      ItemSelector: { 'name.$': '$$.Map.Item.Value.name' },
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
      End: true,
    };
    const response = await run({
      definition,
      input: {},
      mock: { result: '[1, 2]' },
      stateConfiguration: { mapItemReaderData: 'name,size\r\n"Smith, J",1\r\nLee,2\r\nKim,3\r\n' },
      inspectionLevel: 'DEBUG',
    });
    expect(response.inspectionData?.afterItemSelector).toEqual([{ name: 'Smith, J' }, { name: 'Lee' }]);
  });

  test('a Parallel mocked with an error goes to its catcher', async () => {
    const response = await run({
      definition: {
        Type: 'Parallel',
        Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', End: true } } }],
        Catch: [{ ErrorEquals: ['States.BranchFailed'], Next: 'Recover' }],
        End: true,
      },
      input: {},
      mock: { errorOutput: { error: 'States.BranchFailed', cause: 'branch B' } },
    });
    expect(response).toEqual({
      status: 'CAUGHT_ERROR',
      output: { Error: 'States.BranchFailed', Cause: 'branch B' },
      error: 'States.BranchFailed',
      cause: 'branch B',
      nextState: 'Recover',
    });
  });
});
