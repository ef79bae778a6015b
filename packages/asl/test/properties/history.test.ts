import fc from 'fast-check';
import { expect, test } from 'vitest';
import { StateMachine, virtualClock, type HistoryEvent } from '@fogbank/asl';
import { definition, executionInput, integrations, integrationScript, STATE_TYPES } from '@fogbank/asl/arbitraries';
import { JSONATA_TYPES } from './documents.js';

// The shape laws of a Standard history (GetExecutionHistory), for any generated definition:
// ids run 1..n, every event points back to an earlier one, time never goes backwards, the
// history opens with ExecutionStarted and closes with the one final event, and every payload
// is a JSON string.

const FINAL = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionTimedOut', 'ExecutionAborted']);
const PAYLOAD_KEYS = new Set(['input', 'output']);

/** The parsed `input` or `output` of an event's details. */
function payload(event: HistoryEvent, field: 'input' | 'output'): unknown {
  for (const [key, details] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && details !== undefined && field in (details as object)) {
      return JSON.parse((details as Record<string, string>)[field]!);
    }
  }
  return undefined;
}

/**
 * Data flow through the history: a state entered right after another exited gets that output as
 * its input, and the first state gets the execution's input. This also guards payloads that are
 * serialised lazily: a value changed after it was recorded would show here.
 */
function checkDataFlow(history: readonly HistoryEvent[]): void {
  for (const event of history) {
    if (!event.type.endsWith('StateEntered')) continue;
    const previous = history[event.previousEventId - 1];
    if (previous === undefined) continue;
    if (previous.type.endsWith('StateExited') || previous.type === 'ExecutionStarted') {
      expect(payload(event, 'input')).toEqual(payload(previous, previous.type === 'ExecutionStarted' ? 'input' : 'output'));
    }
  }
  const last = history.at(-1)!;
  const before = history[last.previousEventId - 1];
  if (last.type === 'ExecutionSucceeded' && before !== undefined && before.type.endsWith('StateExited')) {
    expect(payload(last, 'output')).toEqual(payload(before, 'output'));
  }
}

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

// Found by the laws below: after an awaited JSONata evaluation, a state in a branch that a failing
// sibling aborted went on and recorded events (EvaluationFailed, ...) after ExecutionFailed.
test('no EvaluationFailed after ExecutionFailed when a Parallel aborts a JSONata Choice mid-evaluation', async () => {
  const choice = {
    StartAt: 'C',
    States: { C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.s = "a" %}', Next: 'S' }] }, S: { Type: 'Succeed' } },
  };
  const wait = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, End: true } } };
  const def = {
    QueryLanguage: 'JSONata',
    StartAt: 'P',
    States: {
      P: {
        Type: 'Parallel',
        End: true,
        Branches: [
          { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E' } } },
          { StartAt: 'Q', States: { Q: { Type: 'Parallel', End: true, Branches: [wait, choice] } } },
        ],
      },
    },
  };
  const execution = StateMachine.from(def, { clock: virtualClock() }).start({});
  await execution.result;
  await settled();
  expect(execution.history.at(-1)!.type).toBe('ExecutionFailed');
});

/** A macrotask later: anything still running after the result would have recorded by then. */
function settled(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1));
}

test.for(['JSONPath', 'JSONata'] as const)('%s: every Standard history has the shape of GetExecutionHistory', async (queryLanguage) => {
  const stateTypes = queryLanguage === 'JSONata' ? JSONATA_TYPES : STATE_TYPES;
  await fc.assert(
    fc.asyncProperty(definition({ queryLanguage, stateTypes }), integrationScript(), executionInput(), async (def, script, input) => {
      const machine = StateMachine.from(def, { clock: virtualClock(), integrations: integrations(script) });
      const execution = machine.start(input);
      await execution.result;
      await settled();
      checkShape(execution.history);
      checkDataFlow(execution.history);
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
