import { describe, expect, test } from 'vitest';
import { StateMachine, virtualClock } from '../../src/index.js';
import type { Json, JsonObject } from '../../src/json.js';

// On AWS every payload crosses the wire as JSON: nothing a handler or the caller does to an
// object afterwards can change an execution's data or its recorded history.

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:work';
const machine = (integration: (input: Json) => unknown, type: 'STANDARD' | 'EXPRESS' = 'STANDARD') =>
  StateMachine.from(
    {
      StartAt: 'Work',
      States: {
        Work: { Type: 'Task', Resource: LAMBDA, ResultPath: '$.result', Next: 'Done' },
        Done: { Type: 'Pass', End: true },
      },
    },
    { type, clock: virtualClock(), integrations: { 'arn:aws:lambda:*': async (input) => integration(input) as Json } },
  );

const payload = (execution: { history: readonly object[] }, type: string, field: 'input' | 'output'): unknown => {
  const event = execution.history.find((e) => (e as { type: string }).type === type) as Record<string, { input?: string; output?: string }>;
  const details = Object.values(event).find((v) => typeof v === 'object' && v !== null && field in v)!;
  return JSON.parse(details[field]!);
};

describe('payloads are values, as JSON makes them', () => {
  test('a handler that changes its input changes neither the state input nor the history', async () => {
    const execution = machine((input) => {
      (input as JsonObject)['order'] = 'changed by the handler';
      return 'ok';
    }).start({ order: 'original' });
    expect(await execution.result).toEqual({ status: 'SUCCEEDED', output: { order: 'original', result: 'ok' } });
    expect(payload(execution, 'TaskStateEntered', 'input')).toEqual({ order: 'original' });
  });

  test('a handler that keeps its result and changes it later changes neither output nor history', async () => {
    const fixture = { status: 'first' };
    const m = machine(() => fixture);
    const first = m.start({});
    expect((await first.result).output).toEqual({ result: { status: 'first' } });
    fixture.status = 'changed later';
    expect(payload(first, 'TaskStateExited', 'output')).toEqual({ result: { status: 'first' } });
    expect(payload(first, 'ExecutionSucceeded', 'output')).toEqual({ result: { status: 'first' } });
  });

  test('a Standard history, once read, is text: later changes to the output do not reach it', async () => {
    const execution = machine(() => ({ items: [1, 2, 3] })).start({});
    const { output } = await execution.result;
    expect(payload(execution, 'ExecutionSucceeded', 'output')).toEqual({ result: { items: [1, 2, 3] } });
    ((output as JsonObject)['result'] as JsonObject)['items'] = [];
    expect(payload(execution, 'PassStateExited', 'output')).toEqual({ result: { items: [1, 2, 3] } });
  });

  test.each(['STANDARD', 'EXPRESS'] as const)('%s: a Date in a result arrives as its text, undefined as null', async (type) => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    expect((await machine(() => ({ at, gone: undefined }), type).start({}).result).output).toEqual({ result: { at: '2026-01-02T03:04:05.678Z' } });
    expect((await machine(() => undefined, type).start({}).result).output).toEqual({ result: null });
  });

  test.each(['STANDARD', 'EXPRESS'] as const)('%s: a result JSON cannot carry fails the task with States.TaskFailed', async (type) => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const result = await machine(() => cyclic, type).start({}).result;
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
    expect(result.cause).toMatch(/^The integration returned a value that is not JSON: Converting circular structure to JSON/);
    expect((await machine(() => 10n, type).start({}).result).cause).toBe('The integration returned a value that is not JSON: Do not know how to serialize a BigInt');
  });
});
