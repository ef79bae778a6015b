import fc from 'fast-check';
import { expect, test } from 'vitest';
import { StateMachine, virtualClock } from '@fogbank/asl';
import { integrations } from '@fogbank/asl/arbitraries';

// The Retry laws, on a Task whose integration fails a given number of times: how many attempts
// are made, whether the state succeeds, and how long each back-off lasts. The delay before retry
// n (1-based) is min(IntervalSeconds * BackoffRate^(n-1), MaxDelaySeconds) (without jitter).

const FN = 'arn:aws:lambda:us-east-1:123456789012:function:flaky';

const retrier = fc.record(
  {
    IntervalSeconds: fc.integer({ min: 1, max: 60 }),
    MaxAttempts: fc.integer({ min: 0, max: 4 }),
    BackoffRate: fc.constantFrom(1, 1.5, 2, 2.5, 3),
    MaxDelaySeconds: fc.integer({ min: 1, max: 120 }),
  },
  { requiredKeys: [] },
);

test('attempts, outcome and back-off delays follow the retrier', async () => {
  await fc.assert(
    fc.asyncProperty(retrier, fc.integer({ min: 0, max: 6 }), async (r, failures) => {
      const machine = StateMachine.from(
        {
          StartAt: 'T',
          States: {
            T: {
              Type: 'Task',
              Resource: FN,
              Retry: [{ ErrorEquals: ['Flaky.Error'], ...r }],
              Catch: [{ ErrorEquals: ['Flaky.Error'], ResultPath: '$.error', Next: 'Caught' }],
              End: true,
            },
            Caught: { Type: 'Pass', End: true },
          },
        },
        { clock: virtualClock(), integrations: integrations({ [FN]: { kind: 'flaky', failures, error: 'Flaky.Error' } }) },
      );
      const execution = machine.start({ id: 1 });
      const result = await execution.result;

      const maxAttempts = r.MaxAttempts ?? 3;
      const retries = Math.min(failures, maxAttempts);
      const events = execution.history;
      const scheduled = events.filter((e) => e.type === 'LambdaFunctionScheduled');
      expect(scheduled.length).toBe(retries + 1);
      expect(result.status).toBe('SUCCEEDED');
      if (failures <= maxAttempts) expect(result.output).toEqual({ id: 1 });
      else expect(result.output).toMatchObject({ id: 1, error: { Error: 'Flaky.Error' } });

      const failed = events.filter((e) => e.type === 'LambdaFunctionFailed');
      for (let n = 1; n <= retries; n++) {
        const seconds = Math.min((r.IntervalSeconds ?? 1) * (r.BackoffRate ?? 2) ** (n - 1), r.MaxDelaySeconds ?? Infinity);
        const waited = scheduled[n]!.timestamp.getTime() - failed[n - 1]!.timestamp.getTime();
        expect(waited).toBe(Math.round(seconds * 1000));
      }
    }),
    { numRuns: 200 },
  );
});
