import { describe, expect, test } from 'vitest';
import { TaskError, virtualClock, type TaskContext } from '@fogbank/asl';
import { outline, pass, run, single, START } from './helpers.js';

const LAMBDA = 'arn:aws:lambda:us-east-1:111111111111:function:f';

function failing(times: number, error = 'Boom', onCall?: (ctx: TaskContext) => void) {
  let calls = 0;
  return {
    calls: () => calls,
    integrations: {
      [LAMBDA]: (input: unknown, ctx: TaskContext) => {
        onCall?.(ctx);
        calls += 1;
        if (calls <= times) throw new TaskError(error, `call ${calls}`);
        return { ok: calls };
      },
    },
  };
}

const task = (extra: Record<string, unknown> = {}) => ({
  StartAt: 'T',
  States: { T: { Type: 'Task', Resource: LAMBDA, End: true, ...extra }, ...('Catch' in extra ? { Handler: pass() } : {}) },
});

// Retry semantics: https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
describe('Retry', () => {
  test('backs off IntervalSeconds * BackoffRate^n on the virtual clock, without a new StateEntered', async () => {
    const fake = failing(2);
    const clock = virtualClock(START);
    const { result, history } = await run(
      task({ Retry: [{ ErrorEquals: ['Boom'], IntervalSeconds: 3, BackoffRate: 2, MaxAttempts: 5 }] }),
      {},
      { clock, integrations: fake.integrations },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: { ok: 3 } });
    expect(clock.now() - START).toBe(3_000 + 6_000);
    expect(history.filter((e) => e.type === 'TaskStateEntered')).toHaveLength(1);
    expect(history.filter((e) => e.type === 'LambdaFunctionScheduled')).toHaveLength(3);
  });

  test('MaxDelaySeconds caps the delay', async () => {
    const clock = virtualClock(START);
    await run(task({ Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 10, BackoffRate: 10, MaxAttempts: 3, MaxDelaySeconds: 15 }] }), {}, {
      clock,
      integrations: failing(3).integrations,
    });
    expect(clock.now() - START).toBe(10_000 + 15_000 + 15_000);
  });

  test('MaxAttempts 0 never retries', async () => {
    const fake = failing(1);
    const { result } = await run(task({ Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 0 }] }), {}, { integrations: fake.integrations });
    expect(result).toEqual({ status: 'FAILED', error: 'Boom', cause: 'call 1' });
    expect(fake.calls()).toBe(1);
  });

  test('the first matching retrier decides, even when it is exhausted', async () => {
    const fake = failing(5);
    const { result } = await run(
      task({ Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 1 }, { ErrorEquals: ['States.ALL'], MaxAttempts: 10 }] }),
      {},
      { integrations: fake.integrations },
    );
    expect(result.status).toBe('FAILED');
    expect(fake.calls()).toBe(2);
  });
});

describe('Catch', () => {
  test('a task failed with no error name: no error on the failed event, {Error: null, Cause: null} for the catcher', async () => {
    const { result, history } = await run(
      task({ Catch: [{ ErrorEquals: ['Boom'], Next: 'Handler' }, { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Handler' }] }),
      { order: 1 },
      { integrations: { [LAMBDA]: () => Promise.reject(new TaskError('')) } },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: { order: 1, error: { Error: null, Cause: null } } });
    expect(history[4]).toEqual(expect.objectContaining({ type: 'LambdaFunctionFailed', lambdaFunctionFailedEventDetails: {} }));
  });

  test('ResultPath places {Error, Cause} into the raw input', async () => {
    const { result, history } = await run(
      task({ Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Handler' }] }),
      { order: 1 },
      { integrations: failing(1).integrations },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: { order: 1, error: { Error: 'Boom', Cause: 'call 1' } } });
    expect(outline(history)).toEqual([
      '1 <- 0 ExecutionStarted',
      '2 <- 0 TaskStateEntered',
      '3 <- 2 LambdaFunctionScheduled',
      '4 <- 3 LambdaFunctionStarted',
      '5 <- 4 LambdaFunctionFailed',
      '6 <- 5 TaskStateExited',
      '7 <- 6 PassStateEntered',
      '8 <- 7 PassStateExited',
      '9 <- 8 ExecutionSucceeded',
    ]);
  });

  test('States.Runtime is never caught, not even when named', async () => {
    const { result } = await run(
      task({ InputPath: '$.missing', Catch: [{ ErrorEquals: ['States.Runtime'], Next: 'Handler' }] }),
      {},
      { integrations: failing(0).integrations },
    );
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.Runtime');
  });

  test('an uncaught task failure goes straight to ExecutionFailed, with no TaskStateExited', async () => {
    const { history } = await run(task(), {}, { integrations: failing(1).integrations });
    expect(outline(history).slice(-2)).toEqual(['5 <- 4 LambdaFunctionFailed', '6 <- 5 ExecutionFailed']);
  });
});

describe('Task timeouts and unknown resources', () => {
  test('TimeoutSeconds fails the task with States.Timeout in simulated time', async () => {
    const clock = virtualClock(START);
    const { result, history } = await run(task({ TimeoutSeconds: 5 }), {}, {
      clock,
      integrations: { [LAMBDA]: async (_input, ctx) => { await ctx.sleep(60_000); return 'late'; } },
    });
    expect(result).toEqual({ status: 'FAILED', error: 'States.Timeout' });
    expect(history.map((e) => e.type)).toContain('LambdaFunctionTimedOut');
    expect(clock.now() - START).toBe(5_000);
  });

  test('a resource without an integration fails clearly, never silently passes', async () => {
    const { result } = await run(task(), {});
    expect(result).toMatchInlineSnapshot(`
      {
        "cause": "fogbank has no integration for the resource 'arn:aws:lambda:us-east-1:111111111111:function:f' of state 'T': register one in the integrations option (e.g. { 'arn:aws:lambda:*': handler }).",
        "error": "States.Runtime",
        "status": "FAILED",
      }
    `);
  });

  test('a chain of Pass states growing the payload fails at the state whose output passes 256 KiB', async () => {
    // Each state adds 50,000 characters: the sixth output is over the quota. Outputs of such
    // states are not measured one by one (the engine adds a bound of what each one adds).
    const chunk = 'x'.repeat(50_000);
    const states: Record<string, object> = {};
    for (let i = 1; i <= 8; i++) {
      states[`S${i}`] = { Type: 'Pass', Result: chunk, ResultPath: `$.part${i}`, ...(i < 8 ? { Next: `S${i + 1}` } : { End: true }) };
    }
    const { result } = await run({ StartAt: 'S1', States: states }, {});
    expect(result).toEqual({
      status: 'FAILED',
      error: 'States.DataLimitExceeded',
      cause: "The state/task 'S6' returned a result with a size exceeding the maximum number of bytes service limit.",
    });
  });

  test('a result over 256 KiB fails the task with States.DataLimitExceeded, which Catch can take', async () => {
    const { result } = await run(task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handler' }] }), {}, {
      integrations: { [LAMBDA]: () => 'x'.repeat(300_000) },
    });
    expect(result.output).toEqual({
      Error: 'States.DataLimitExceeded',
      Cause: `The state/task '${LAMBDA}' returned a result with a size exceeding the maximum number of bytes service limit.`,
    });
  });
});

describe('the request of each attempt', () => {
  // Recorded (scenarios/test_lambda_invoke_with_retry_extended_input): each retried
  // LambdaFunctionScheduled carries $$.State.RetryCount 1, 2, 3 in its input.
  test('Parameters are built anew for every attempt, so $$.State.RetryCount counts retries', async () => {
    const seen: unknown[] = [];
    await run(task({ Parameters: { 'retry.$': '$$.State.RetryCount' }, Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 2 }] }), {}, {
      integrations: {
        [LAMBDA]: (input: unknown) => {
          seen.push(input);
          if (seen.length < 3) throw new TaskError('Boom');
          return 1;
        },
      },
    });
    expect(seen).toEqual([{ retry: 0 }, { retry: 1 }, { retry: 2 }]);
  });
});

describe('parameters AWS checks before scheduling a task', () => {
  test('apigateway:invoke with a Headers value that is not a list of strings fails with States.Runtime, scheduling nothing', async () => {
    let called = false;
    const { result, history } = await run(
      single({ Type: 'Task', Resource: 'arn:aws:states:::apigateway:invoke', Parameters: { ApiEndpoint: 'x', Method: 'GET', 'Headers.$': '$.h' }, End: true }),
      { h: { custom: 'one' } },
      { integrations: { 'arn:aws:states:::apigateway:invoke': () => ((called = true), {}) } },
    );
    expect(result).toEqual({
      status: 'FAILED',
      error: 'States.Runtime',
      cause:
        "An error occurred while executing the state 'S' (entered at the event id #2). The Parameters '{\"ApiEndpoint\":\"x\",\"Method\":\"GET\",\"Headers\":{\"custom\":\"one\"}}' could not be used to start the Task: [The value of the field 'Headers' has an invalid format]",
    });
    expect(called).toBe(false);
    expect(outline(history)).toEqual(['1 <- 0 ExecutionStarted', '2 <- 0 TaskStateEntered', '3 <- 2 ExecutionFailed']);
  });

  test('lists of strings pass through to the integration', async () => {
    const { result } = await run(
      single({ Type: 'Task', Resource: 'arn:aws:states:::apigateway:invoke', Parameters: { Headers: { a: ['1', '2'] }, QueryParameters: { q: ['x'] } }, End: true }),
      {},
      { integrations: { 'arn:aws:states:::apigateway:invoke': (input) => input } },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: { Headers: { a: ['1', '2'] }, QueryParameters: { q: ['x'] } } });
  });
});
