import { describe, expect, test } from 'vitest';
import type { HistoryEvent } from '@fogbank/asl';
import { run } from './helpers.js';

// At the top level, a Map whose iterations never await runs them in batches and a Parallel of
// never-awaiting branches finishes without promises. Inside a one-branch Parallel the same states
// take the general path (one promise per iteration and branch), with nothing running alongside.
// Both must record the same events: the wrapped run's are the top-level run's, two ids later.

const chain = (prefix: string, length: number) => {
  const states: Record<string, object> = {};
  for (let i = 0; i < length; i++) {
    states[`${prefix}${i}`] = { Type: 'Pass', Result: i + 1, ResultPath: `$.${prefix}${i}`, ...(i < length - 1 ? { Next: `${prefix}${i + 1}` } : { End: true }) };
  }
  return { StartAt: `${prefix}0`, States: states };
};
// Fails with States.ResultPathMatchFailure when its input is not an object.
const picky = (name: string) => ({ StartAt: name, States: { [name]: { Type: 'Pass', Result: 1, ResultPath: '$.a.b', End: true } } });
const choosy = {
  StartAt: 'C',
  States: {
    C: { Type: 'Choice', Choices: [{ Variable: '$.i', NumericGreaterThan: 20, Next: 'Big' }], Default: 'Small' },
    Big: { Type: 'Pass', Result: 'big', End: true },
    Small: { Type: 'Succeed' },
  },
};

const cases: { name: string; state: object; input: unknown }[] = [
  { name: 'Parallel of Pass chains, ResultSelector, ResultPath', state: { Type: 'Parallel', Branches: [chain('a', 3), chain('b', 2)], ResultSelector: { 'first.$': '$[0]' }, ResultPath: '$.r' }, input: { x: 1 } },
  { name: 'Parallel whose second branch fails', state: { Type: 'Parallel', Branches: [chain('a', 2), picky('q'), chain('b', 2)] }, input: { a: 5 } },
  { name: 'Parallel with a failing branch, caught', state: { Type: 'Parallel', Branches: [chain('a', 2), picky('q')], Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'After' }] }, input: { a: 5 } },
  { name: 'Map with tolerated failures', state: { Type: 'Map', MaxConcurrency: 2, ToleratedFailureCount: 1, ItemProcessor: picky('q') }, input: [{}, 3, {}, 4, {}] },
  { name: 'Map with a failure percentage', state: { Type: 'Map', MaxConcurrency: 3, ToleratedFailurePercentage: 30, ItemProcessor: picky('q') }, input: [{}, 3, {}, {}, {}, {}, 4, {}] },
  { name: 'Map with a failing iteration, caught', state: { Type: 'Map', ItemProcessor: picky('q'), Catch: [{ ErrorEquals: ['States.ALL'], Next: 'After' }] }, input: [{}, {}, 3, {}] },
  { name: 'Map of 45 items (batches of 40) through a Choice', state: { Type: 'Map', ItemSelector: { 'v.$': '$$.Map.Item.Value', 'i.$': '$$.Map.Item.Index' }, ItemProcessor: choosy }, input: Array.from({ length: 45 }, (_, i) => i) },
  { name: 'Map whose ItemSelector fails', state: { Type: 'Map', MaxConcurrency: 2, ItemSelector: { 'x.$': '$$.Map.Item.Value.a' }, ItemProcessor: chain('c', 1) }, input: [{ a: 1 }, { b: 2 }, { a: 3 }] },
];

/** The events between the execution's first and last, as the wrapped run would number them. */
function shifted(events: readonly HistoryEvent[]): object[] {
  return events.slice(1, -1).map(({ timestamp: _, id, previousEventId, ...rest }) => ({ ...rest, id: id + 2, previousEventId: previousEventId === 0 ? 3 : previousEventId + 2 }));
}

describe('fast paths record what the general path records', () => {
  test.for(cases)('$name', async ({ state, input }) => {
    const after = { After: { Type: 'Pass', End: true } };
    const usesAfter = JSON.stringify(state).includes('"After"');
    const topLevel = { StartAt: 'S', States: { S: { ...state, ...(usesAfter ? { Next: 'After' } : { End: true }) }, ...(usesAfter ? after : {}) } };
    const wrapped = { StartAt: 'Wrap', States: { Wrap: { Type: 'Parallel', Branches: [topLevel], End: true } } };

    const top = await run(topLevel, input);
    const inner = await run(wrapped, input);
    const expected = shifted(top.history);
    const actual = inner.history.slice(3, 3 + expected.length).map(({ timestamp: _, ...rest }) => rest);
    expect(actual).toEqual(expected);
    // The wrapped run ends as the top-level one did, one level up.
    if (top.result.status === 'SUCCEEDED') expect(inner.result).toEqual({ status: 'SUCCEEDED', output: [top.result.output] });
    else {
      const cause = top.result.cause?.replace(/event id #(\d+)/, (_, id: string) => `event id #${Number(id) + 2}`);
      expect(inner.result).toEqual({ ...top.result, ...(cause === undefined ? {} : { cause }) });
    }
  });
});
