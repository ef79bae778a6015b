import { describe, expect, test } from 'vitest';
import { MAX_HISTORY_EVENTS, type Clock } from '@fogbank/asl';
import { outline, pass, run } from './helpers.js';

// Event ids and previousEventIds as recorded against AWS (conformance corpus, base and scenarios).
describe('Standard history', () => {
  test('a Pass or Choice that runs without awaiting exits at the instant it entered; other events read the clock', async () => {
    // A clock that moves a millisecond at every reading shows which events share one.
    let now = Date.parse('2025-01-01T00:00:00Z');
    const ticking: Clock = { now: () => (now += 1), timer: () => ({ fired: new Promise(() => {}), cancel() {} }), busy: () => () => {} };
    const definition = {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Next: 'B' },
        B: { Type: 'Choice', Choices: [{ Variable: '$.x', NumericEquals: 1, Next: 'C' }], Default: 'C' },
        C: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:111111111111:function:f', End: true },
      },
    };
    const { history } = await run(definition, { x: 1 }, { clock: ticking, integrations: { 'arn:aws:lambda:*': async () => 'ok' } });
    const time = (type: string, nth = 0) => history.filter((e) => e.type === type)[nth]!.timestamp.getTime();
    expect(time('PassStateExited')).toBe(time('PassStateEntered'));
    expect(time('ChoiceStateExited')).toBe(time('ChoiceStateEntered'));
    expect(time('ChoiceStateEntered')).toBeGreaterThan(time('PassStateExited'));
    expect(time('TaskStateExited')).toBeGreaterThan(time('TaskStateEntered'));
    for (let i = 1; i < history.length; i++) expect(history[i]!.timestamp.getTime()).toBeGreaterThanOrEqual(history[i - 1]!.timestamp.getTime());
  });

  test('a failing ItemSelector fails the Map: iterations it started abort, and nothing is recorded after the failure', async () => {
    const map = (processor: object) => ({
      StartAt: 'M',
      States: {
        M: { Type: 'Map', MaxConcurrency: 2, ItemSelector: { 'x.$': '$$.Map.Item.Value.a' }, ItemProcessor: processor, End: true },
      },
    });
    const passes = { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } };
    const waits = { StartAt: 'A', States: { A: { Type: 'Wait', Seconds: 1, End: true } } };
    const expected = ['1 <- 0 ExecutionStarted', '2 <- 0 MapStateEntered', '3 <- 2 MapStateStarted', '4 <- 3 MapIterationStarted'];
    // Iterations that never await run in batches; others one by one: both record the same way.
    for (const processor of [passes, waits]) {
      const { history, result } = await run(map(processor), [{ a: 1 }, { b: 2 }, { a: 3 }]);
      expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
      expect(result.cause).toContain("The JSONPath '$$.Map.Item.Value.a' specified for the field 'x.$' could not be found");
      expect(outline(history).slice(0, 4)).toEqual(expected);
      expect(history.at(-1)!.type).toBe('ExecutionFailed');
      expect(history.filter((e) => e.type === 'MapIterationAborted')).toHaveLength(1);
    }
  });

  test('a long run keeps every event in order across the history\'s storage chunks', async () => {
    // 4 events per iteration: 2,004 events fill chunks of 32, 64, 128, 256 and then 512 events.
    const loop = {
      StartAt: 'Count',
      States: {
        Count: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)' }, Next: 'More' },
        More: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericLessThan: 500, Next: 'Count' }], Default: 'Done' },
        Done: { Type: 'Succeed' },
      },
    };
    const { history, result } = await run(loop, { n: 0 });
    expect(result).toEqual({ status: 'SUCCEEDED', output: { n: 500 } });
    expect(history).toHaveLength(1 + 4 * 500 + 2 + 1);
    history.forEach((event, index) => {
      expect(event.id).toBe(index + 1);
      expect(event.previousEventId).toBe(index === 1 ? 0 : index); // the first state links to 0
    });
    const counted = history.filter((e) => e.type === 'PassStateExited').map((e) => JSON.parse(e.stateExitedEventDetails!.output!).n);
    expect(counted).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
  });

  test('a Pass chain: the first state links to event 0, then each event to the one before', async () => {
    const { history } = await run({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: pass() } }, { x: 1 });
    expect(outline(history)).toEqual([
      '1 <- 0 ExecutionStarted',
      '2 <- 0 PassStateEntered',
      '3 <- 2 PassStateExited',
      '4 <- 3 PassStateEntered',
      '5 <- 4 PassStateExited',
      '6 <- 5 ExecutionSucceeded',
    ]);
    expect(history[0]).toMatchObject({
      executionStartedEventDetails: { input: '{"x":1}', inputDetails: { truncated: false }, roleArn: 'arn:aws:iam::111111111111:role/fogbank' },
    });
    expect(history[1]).toMatchObject({ stateEnteredEventDetails: { name: 'A', input: '{"x":1}', inputDetails: { truncated: false } } });
    expect(history[2]).toMatchObject({ stateExitedEventDetails: { name: 'A', output: '{"x":1}', outputDetails: { truncated: false } } });
    expect(history[5]).toMatchObject({ executionSucceededEventDetails: { output: '{"x":1}', outputDetails: { truncated: false } } });
    expect(history[0]!.timestamp).toEqual(new Date('2025-01-01T00:00:00.000Z'));
  });

  test('a distributed Map: MapStateExited links to MapRunStarted, as AWS has recorded since late 2024', async () => {
    const { history } = await run(
      {
        StartAt: 'M',
        States: {
          M: { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'I', States: { I: pass() } }, End: true },
        },
      },
      [1, 2],
    );
    expect(outline(history)).toEqual([
      '1 <- 0 ExecutionStarted',
      '2 <- 0 MapStateEntered',
      '3 <- 2 MapStateStarted',
      '4 <- 3 MapRunStarted',
      '5 <- 4 MapRunSucceeded',
      '6 <- 5 MapStateSucceeded',
      '7 <- 4 MapStateExited',
      '8 <- 7 ExecutionSucceeded',
    ]);
  });

  test('an inline Map: iterations link to the previous iteration\'s last event', async () => {
    const { history } = await run(
      {
        StartAt: 'M',
        States: {
          M: { Type: 'Map', MaxConcurrency: 1, ItemProcessor: { StartAt: 'I', States: { I: pass() } }, End: true },
        },
      },
      [1, 2],
    );
    expect(outline(history)).toEqual([
      '1 <- 0 ExecutionStarted',
      '2 <- 0 MapStateEntered',
      '3 <- 2 MapStateStarted',
      '4 <- 3 MapIterationStarted',
      '5 <- 4 PassStateEntered',
      '6 <- 5 PassStateExited',
      '7 <- 6 MapIterationSucceeded',
      '8 <- 6 MapIterationStarted',
      '9 <- 8 PassStateEntered',
      '10 <- 9 PassStateExited',
      '11 <- 10 MapIterationSucceeded',
      '12 <- 11 MapStateSucceeded',
      '13 <- 11 MapStateExited',
      '14 <- 13 ExecutionSucceeded',
    ]);
  });

  test('a Parallel whose branch fails is caught: Failed links to the failing event, Exited to Failed', async () => {
    const { history, result } = await run({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E', Cause: 'C' } } }],
          Catch: [{ ErrorEquals: ['E'], Next: 'Caught' }],
          End: true,
        },
        Caught: pass(),
      },
    });
    expect(result).toEqual({ status: 'SUCCEEDED', output: { Error: 'E', Cause: 'C' } });
    expect(outline(history)).toEqual([
      '1 <- 0 ExecutionStarted',
      '2 <- 0 ParallelStateEntered',
      '3 <- 2 ParallelStateStarted',
      '4 <- 3 FailStateEntered',
      '5 <- 4 ParallelStateFailed',
      '6 <- 5 ParallelStateExited',
      '7 <- 6 PassStateEntered',
      '8 <- 7 PassStateExited',
      '9 <- 8 ExecutionSucceeded',
    ]);
  });

  test(`the ${MAX_HISTORY_EVENTS}-event cap fails the execution with event ${MAX_HISTORY_EVENTS} as ExecutionFailed`, async () => {
    const loop = {
      StartAt: 'Count',
      States: {
        Count: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)' }, Next: 'Check' },
        Check: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericLessThan: 100000, Next: 'Count' }], Default: 'Done' },
        Done: { Type: 'Succeed' },
      },
    };
    const { history, result } = await run(loop, { n: 0 });
    expect(result).toEqual({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: `The execution reached the maximum number of history events (${MAX_HISTORY_EVENTS}).`,
    });
    expect(history).toHaveLength(MAX_HISTORY_EVENTS);
    expect(history.at(-1)).toMatchObject({ id: MAX_HISTORY_EVENTS, type: 'ExecutionFailed' });
  });

  test('Express keeps no history but still runs', async () => {
    const { history, result } = await run({ StartAt: 'A', States: { A: pass({ Result: 1 }) } }, {}, { type: 'EXPRESS' });
    expect(result).toEqual({ status: 'SUCCEEDED', output: 1 });
    expect(history).toEqual([]);
  });
});
