import fc from 'fast-check';
import { StateMachine, testState, virtualClock } from '@fogbank/asl';
import { executionInput, jsonValue, passFields, taskFields } from '@fogbank/asl/arbitraries';
import { describe, expect, test } from 'vitest';

// TestState runs a state on the same compiled plan as an execution: what it says about a state
// is what a run of that state does.

const fields = { deterministic: true, resources: ['arn:aws:states:::lambda:invoke'], maxWaitSeconds: 0 };
// The context objects differ on purpose (TestState's has no RedriveCount, other names).
const readsNoContext = (state: object) => !JSON.stringify(state).includes('$$');

describe('TestState laws', () => {
  test('a Pass state answers as a one-state execution of it', async () => {
    await fc.assert(
      fc.asyncProperty(passFields(fields).filter(readsNoContext), executionInput(), async (pass, input) => {
        const state = { ...pass, Type: 'Pass', End: true };
        const tested = await testState({ definition: state, input }, { clock: virtualClock(0) });
        const run = await StateMachine.from({ StartAt: 'StateName', States: { StateName: state } }, { clock: virtualClock(0), type: 'EXPRESS' }).start(input).result;
        expect(tested).toEqual(run);
      }),
      { numRuns: 100 },
    );
  });

  test('a mocked Task result answers as an integration returning it', async () => {
    const task = taskFields(fields).map((t) => {
      const { Retry: _retry, Catch: _catch, TimeoutSeconds: _t, HeartbeatSeconds: _h, ...rest } = t;
      return { ...rest, Type: 'Task', End: true };
    });
    await fc.assert(
      fc.asyncProperty(task.filter(readsNoContext), executionInput(), jsonValue({ maxDepth: 2 }), async (state, input, result) => {
        const request = { definition: state, input, inspectionLevel: 'DEBUG' as const };
        const mocked = await testState({ ...request, mock: { result: JSON.stringify(result), fieldValidationMode: 'NONE' } }, { clock: virtualClock(0) });
        const called = await testState(
          { ...request, roleArn: 'arn:aws:iam::123456789012:role/r' },
          { clock: virtualClock(0), integrations: { 'arn:aws:states:::lambda:invoke': () => result } },
        );
        expect(mocked).toEqual(called);
      }),
      { numRuns: 100 },
    );
  });
});
