import { describe, expect, test } from 'vitest';
import { InvalidDefinitionError, StateMachine, virtualClock } from '@fogbank/asl';
import { machine, outline, pass, run, START } from './helpers.js';

describe('Wait and the virtual clock', () => {
  test('a Wait of a day takes no real time and moves the clock a day', async () => {
    const clock = virtualClock(START);
    const { result } = await run({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 86_400, End: true } } }, { a: 1 }, { clock });
    expect(result).toEqual({ status: 'SUCCEEDED', output: { a: 1 } });
    expect(clock.now() - START).toBe(86_400_000);
  });

  test('with autoAdvance off, time moves only when the test advances it', async () => {
    const clock = virtualClock(START, { autoAdvance: false });
    const { machine: m } = machine({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 10, End: true } } }, { clock });
    const execution = m.start({});
    await new Promise((resolve) => setImmediate(resolve));
    expect(execution.status).toBe('RUNNING');
    clock.advance(10_000);
    expect(await execution.result).toEqual({ status: 'SUCCEEDED', output: {} });
  });

  test('a past Timestamp proceeds at once', async () => {
    const clock = virtualClock(START);
    await run({ StartAt: 'W', States: { W: { Type: 'Wait', Timestamp: '2020-01-01T00:00:00Z', End: true } } }, {}, { clock });
    expect(clock.now()).toBe(START);
  });

  test('SecondsPath with a negative value is AWS\'s States.Runtime', async () => {
    const { result } = await run({ StartAt: 'W', States: { W: { Type: 'Wait', SecondsPath: '$.s', End: true } } }, { s: -1 });
    expect(result.cause).toBe(
      "An error occurred while executing the state 'W' (entered at the event id #2). The SecondsPath parameter references a negative value: $.s == -1",
    );
  });
});

describe('stopping and timing out', () => {
  test('stop() during a Wait aborts the execution; ExecutionAborted links to event 0', async () => {
    const clock = virtualClock(START, { autoAdvance: false });
    const { machine: m } = machine({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 10, End: true } } }, { clock });
    const execution = m.start({});
    await new Promise((resolve) => setImmediate(resolve));
    execution.stop({ error: 'Operator', cause: 'changed my mind' });
    expect(await execution.result).toEqual({ status: 'ABORTED', error: 'Operator', cause: 'changed my mind' });
    expect(outline(execution.history)).toEqual(['1 <- 0 ExecutionStarted', '2 <- 0 WaitStateEntered', '3 <- 0 ExecutionAborted']);
  });

  test('the definition TimeoutSeconds times the execution out', async () => {
    const { result, history } = await run({
      TimeoutSeconds: 5,
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 60, End: true } },
    });
    expect(result).toEqual({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(history.at(-1)?.type).toBe('ExecutionTimedOut');
  });

  // Real time on purpose: on the real clock the timeout is armed only when the run first awaits,
  // counting the time its synchronous start already took.
  test('on the real clock, TimeoutSeconds counts from the start even when the first states run synchronously', async () => {
    const started = Date.now();
    const execution = StateMachine.from(
      { TimeoutSeconds: 1, StartAt: 'P', States: { P: { Type: 'Pass', Next: 'W' }, W: { Type: 'Wait', Seconds: 30, End: true } } },
      { type: 'EXPRESS' },
    ).start({});
    expect(await execution.result).toEqual({ status: 'TIMED_OUT', error: 'States.Timeout' });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(5000);
  });

  test('on a virtual clock, an integration that outlives its Task TimeoutSeconds in real time is timed out at the deadline', async () => {
    const clock = virtualClock(START);
    let aborted = false;
    // Real time on purpose: the integration really hangs (a handler sleeping past the timeout).
    const hang = (_input: unknown, ctx: { signal: AbortSignal }) =>
      new Promise<never>((_, reject) => ctx.signal.addEventListener('abort', () => ((aborted = true), reject(new Error('aborted')))));
    const { result, history } = await run(
      { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:111111111111:function:slow', TimeoutSeconds: 1, End: true } } },
      {},
      { clock, integrations: { 'arn:aws:lambda:*': hang } },
    );
    expect(result).toEqual({ status: 'FAILED', error: 'States.Timeout' });
    expect(aborted).toBe(true);
    expect(outline(history).slice(-3)).toEqual(['4 <- 3 LambdaFunctionStarted', '5 <- 4 LambdaFunctionTimedOut', '6 <- 5 ExecutionFailed']);
    expect(history.at(-2)!.timestamp.getTime() - START).toBe(1000);
  });

  test('busy(deadline) holds a virtual clock until the deadline passes in real time, then moves it there', async () => {
    const clock = virtualClock(START);
    const timer = clock.timer(40);
    const end = clock.busy(40);
    await timer.fired;
    expect(clock.now() - START).toBe(40);
    end();
    // Without a deadline the hold lasts until it is ended; the timer then fires at once.
    const later = clock.timer(10);
    const endLater = clock.busy();
    await new Promise((resolve) => setImmediate(() => setImmediate(() => setImmediate(resolve))));
    expect(clock.now() - START).toBe(40);
    endLater();
    await later.fired;
    expect(clock.now() - START).toBe(50);
  });

  test('with autoAdvance off, a deadline passing in real time does not move the clock', async () => {
    const clock = virtualClock(START, { autoAdvance: false });
    const timer = clock.timer(20);
    let fired = false;
    void timer.fired.then(() => (fired = true));
    const end = clock.busy(20);
    // Real time on purpose: the deadline passes in real time and must change nothing.
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect([fired, clock.now() - START]).toEqual([false, 0]);
    end();
    clock.advance(20);
    await timer.fired;
    expect(clock.now() - START).toBe(20);
  });

  test('Express executions end at 5 minutes', async () => {
    const clock = virtualClock(START);
    const { result } = await run({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 301, End: true } } }, {}, { clock, type: 'EXPRESS' });
    expect(result).toEqual({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(clock.now() - START).toBe(300_000);
  });
});

describe('Parallel', () => {
  test('a failing branch aborts its waiting sibling, which records WaitStateAborted', async () => {
    const { result, history } = await run({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 100, End: true } } },
            { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Broken', Cause: 'branch 2' } } },
          ],
        },
      },
    });
    expect(result).toEqual({ status: 'FAILED', error: 'Broken', cause: 'branch 2' });
    expect(history.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'ParallelStateEntered',
      'ParallelStateStarted',
      'WaitStateEntered',
      'FailStateEntered',
      'WaitStateAborted',
      'ParallelStateFailed',
      'ExecutionFailed',
    ]);
  });

  test('branch results come back in branch order', async () => {
    const { result } = await run({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 5, Next: 'A' }, A: pass({ Result: 'slow' }) } },
            { StartAt: 'B', States: { B: pass({ Result: 'fast' }) } },
          ],
        },
      },
    });
    expect(result.output).toEqual(['slow', 'fast']);
  });
});

describe('definitions fogbank does not run', () => {
  test('Map ItemReader is rejected up front with a clear diagnostic', () => {
    const definition = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemReader: { Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b', Key: 'k' } },
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    };
    try {
      StateMachine.from(definition);
      expect.fail('StateMachine.from accepted a definition fogbank cannot run');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidDefinitionError);
      expect((error as InvalidDefinitionError).diagnostics).toEqual([
        {
          severity: 'ERROR',
          code: 'UNSUPPORTED_BY_FOGBANK',
          message: 'Map ItemReader is not supported by this version of fogbank',
          location: '/States/M/ItemReader',
        },
      ]);
    }
  });
});

describe('long synchronous loops', () => {
  test('a Pass/Choice loop that never ends can still be stopped: the loop yields to the event loop', async () => {
    const { machine: m } = machine(
      {
        StartAt: 'A',
        States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Choice', Choices: [{ Variable: '$.go', BooleanEquals: true, Next: 'A' }], Default: 'Done' }, Done: pass() },
      },
      { type: 'EXPRESS' },
    );
    const execution = m.start({ go: true });
    execution.stop({ error: 'Enough' });
    expect(await execution.result).toEqual({ status: 'ABORTED', error: 'Enough' });
  });
});
