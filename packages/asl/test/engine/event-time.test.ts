import { afterEach, describe, expect, test, vi } from 'vitest';
import { StateMachine, virtualClock } from '../../src/index.js';

// On the real clock one reading serves up to 16 event timestamps of one synchronous stretch, and
// expires when the stretch ends. Date.now is replaced by a counter that moves 1 ms per reading,
// so each event's timestamp shows which reading it got.

afterEach(() => {
  vi.restoreAllMocks();
});

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:work';

function machine(passes: number): object {
  const states: Record<string, object> = {};
  for (let i = 0; i < passes; i++) states[`P${i}`] = { Type: 'Pass', Next: i + 1 < passes ? `P${i + 1}` : 'Work' };
  states['Work'] = { Type: 'Task', Resource: LAMBDA, Next: 'After' };
  states['After'] = { Type: 'Pass', End: true };
  return { StartAt: 'P0', States: states };
}

function countingDateNow(): { readings: () => number } {
  let t = Date.parse('2026-01-01T00:00:00Z');
  let readings = 0;
  vi.spyOn(Date, 'now').mockImplementation(() => {
    readings++;
    return (t += 1);
  });
  return { readings: () => readings };
}

describe('event timestamps on the real clock', () => {
  test('a synchronous stretch shares a reading among at most 16 events, in order', async () => {
    const clock = countingDateNow();
    const execution = StateMachine.from(machine(40), { type: 'STANDARD', integrations: { [LAMBDA]: async () => 'done' } }).start({});
    await execution.result;
    const times = execution.history.map((e) => e.timestamp.getTime());
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]!);
    const sharing = new Map<number, number>();
    for (const t of times) sharing.set(t, (sharing.get(t) ?? 0) + 1);
    // Entered and Exited of a Pass share its reading: at most 16 readings' worth of events.
    for (const count of sharing.values()) expect(count).toBeLessThanOrEqual(32);
    // 40 Pass states before the Task's await take 3 readings, not 40.
    const beforeTask = execution.history.findIndex((e) => e.type === 'TaskStateEntered');
    expect(new Set(times.slice(0, beforeTask)).size).toBe(3);
    expect(clock.readings()).toBeLessThan(15);
  });

  test('the first event after an await reads the clock anew', async () => {
    countingDateNow();
    const execution = StateMachine.from(machine(2), { type: 'STANDARD', integrations: { [LAMBDA]: async () => 'done' } }).start({});
    await execution.result;
    const at = (type: string) => execution.history.find((e) => e.type === type)!.timestamp.getTime();
    // LambdaFunctionScheduled comes before the integration's await, LambdaFunctionSucceeded after it.
    expect(at('LambdaFunctionSucceeded')).toBeGreaterThan(at('LambdaFunctionScheduled'));
    expect(at('ExecutionSucceeded')).toBeGreaterThan(at('LambdaFunctionScheduled'));
    expect(at('PassStateEntered')).toBe(at('ExecutionStarted'));
  });

  test('any other clock is read for every event', async () => {
    const clock = virtualClock(Date.parse('2026-01-01T00:00:00Z'));
    const now = vi.spyOn(clock, 'now');
    const execution = StateMachine.from(machine(40), { type: 'STANDARD', clock, integrations: { [LAMBDA]: async () => 'done' } }).start({});
    await execution.result;
    // One reading per Pass (its Exited shares it), one per other event.
    expect(now.mock.calls.length).toBeGreaterThanOrEqual(40 + 6);
  });
});
