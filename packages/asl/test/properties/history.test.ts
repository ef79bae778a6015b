import fc from 'fast-check';
import { expect, test } from 'vitest';
import { StateMachine, virtualClock, type HistoryEvent } from '@fogbank/asl';
import { definition, executionInput, integrations, integrationScript } from '@fogbank/asl/arbitraries';

// The shape laws of a Standard history (GetExecutionHistory), for any generated definition:
// ids run 1..n, every event points back to an earlier one, time never goes backwards, the
// history opens with ExecutionStarted and closes with the one final event, and every payload
// is a JSON string.

const FINAL = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionTimedOut', 'ExecutionAborted']);
const PAYLOAD_KEYS = new Set(['input', 'output']);

function checkShape(history: readonly HistoryEvent[]): void {
  expect(history[0]).toMatchObject({ id: 1, previousEventId: 0, type: 'ExecutionStarted' });
  expect(FINAL.has(history.at(-1)!.type)).toBe(true);
  expect(history.filter((e) => FINAL.has(e.type))).toHaveLength(1);
  history.forEach((event, i) => {
    expect(event.id).toBe(i + 1);
    expect(event.previousEventId).toBeGreaterThanOrEqual(0);
    expect(event.previousEventId).toBeLessThan(event.id);
    if (i > 0) expect(event.timestamp.getTime()).toBeGreaterThanOrEqual(history[i - 1]!.timestamp.getTime());
    for (const [key, details] of Object.entries(event)) {
      if (!key.endsWith('EventDetails') || details === undefined) continue;
      for (const [field, value] of Object.entries(details as Record<string, unknown>)) {
        if (PAYLOAD_KEYS.has(field)) expect(() => JSON.parse(value as string)).not.toThrow();
      }
    }
  });
}

/** A macrotask later: anything still running after the result would have recorded by then. */
function settled(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1));
}

test('every Standard history has the shape of GetExecutionHistory', async () => {
  await fc.assert(
    fc.asyncProperty(definition(), integrationScript(), executionInput(), async (def, script, input) => {
      const machine = StateMachine.from(def, { clock: virtualClock(), integrations: integrations(script) });
      const execution = machine.start(input);
      await execution.result;
      await settled();
      checkShape(execution.history);
    }),
    { numRuns: 150 },
  );
});

test('a stopped execution ends its history with ExecutionAborted, whatever it was doing', async () => {
  await fc.assert(
    fc.asyncProperty(definition(), integrationScript(), executionInput(), fc.nat({ max: 5 }), async (def, script, input, ticks) => {
      const clock = virtualClock(Date.parse('2025-01-01T00:00:00Z'), { autoAdvance: false });
      const machine = StateMachine.from(def, { clock, integrations: integrations(script) });
      const execution = machine.start(input);
      // Let it run a little (no timer fires: the clock only moves by hand), then stop it.
      for (let i = 0; i < ticks; i++) await new Promise((resolve) => setImmediate(resolve));
      execution.stop({ error: 'Bench.Stop', cause: 'stopped by the test' });
      const result = await execution.result;
      await settled();
      checkShape(execution.history);
      if (result.status === 'ABORTED') {
        expect(result).toEqual({ status: 'ABORTED', error: 'Bench.Stop', cause: 'stopped by the test' });
        expect(execution.history.at(-1)!.type).toBe('ExecutionAborted');
      }
    }),
    { numRuns: 150 },
  );
});
