import fc from 'fast-check';
import { expect, test } from 'vitest';
import { StateMachine, virtualClock, type JsonObject } from '@fogbank/asl';
import { definition, executionInput, integrations, integrationScript, type IntegrationScript } from '@fogbank/asl/arbitraries';

// The machine type changes what is recorded, not what happens: for any definition and input,
// STANDARD and EXPRESS end the same way (unless the Express execution reached its 5 minutes).

function run(def: JsonObject, script: IntegrationScript, input: JsonObject, type: 'STANDARD' | 'EXPRESS') {
  let id = 0;
  const machine = StateMachine.from(def, {
    type,
    clock: virtualClock(Date.parse('2025-01-01T00:00:00Z')),
    integrations: integrations(script),
    ids: () => `id-${++id}`,
    random: () => 0.5,
  });
  return machine.start(input, { name: 'run' });
}

test('Standard and Express give the same result; only Standard keeps a history', async () => {
  await fc.assert(
    fc.asyncProperty(
      definition({ maxWaitSeconds: 60 }),
      integrationScript(undefined, { maxSeconds: 30 }),
      executionInput(),
      async (def, script, input) => {
        const standard = run(def, script, input, 'STANDARD');
        const express = run(def, script, input, 'EXPRESS');
        const [s, e] = [await standard.result, await express.result];
        expect(express.history).toEqual([]);
        expect(standard.history.length).toBeGreaterThan(1);
        fc.pre(e.status !== 'TIMED_OUT');
        expect(e).toEqual(s);
      },
    ),
    { numRuns: 100 },
  );
});
