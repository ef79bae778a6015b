import { describe, expect, test } from 'vitest';
import { StateMachine, TaskError, virtualClock } from '../../src/index.js';
import { compileMachine } from '../../src/engine/compile.js';
import type { CompiledMap } from '../../src/engine/types.js';

// A JSONPath ItemSelector that reads the context only inside the item (or its fixed parts) shares
// one context object across items; any other read gets a fresh context per item. Either way every
// item's input must be what AWS builds for that item alone.

const map = (itemSelector: object, extra: object = {}) => ({
  StartAt: 'Lines',
  States: {
    Lines: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemSelector: itemSelector,
      ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Line', States: { Line: { Type: 'Pass', End: true } } },
      ...extra,
      End: true,
    },
  },
});

function shared(itemSelector: object): boolean {
  return (compileMachine(map(itemSelector) as never).states.get('Lines') as CompiledMap).itemContextShared;
}

describe('which ItemSelectors share one context across items', () => {
  test.each([
    [{ 'v.$': '$$.Map.Item.Value' }],
    [{ 'id.$': '$$.Map.Item.Value.id', 'i.$': '$$.Map.Item.Index', 'c.$': '$.c' }],
    [{ 'n.$': '$$.Execution.Name', 's.$': '$$.State.EnteredTime', 'm.$': '$$.StateMachine.Id' }],
    [{ 'f.$': "States.Format('{}-{}', $$.Map.Item.Index, $$.Map.Item.Value.id)" }],
    [{ nested: { 'v.$': '$$.Map.Item.Value[0]' }, list: [{ 'i.$': '$$.Map.Item.Index' }] }],
    [{ literal: '$$.Map.Item' }],
  ])('%j shares', (selector) => expect(shared(selector)).toBe(true));

  test.each([
    [{ 'item.$': '$$.Map.Item' }],
    [{ 'map.$': '$$.Map' }],
    [{ 'all.$': '$$' }],
    [{ 'a.$': 'States.Array($$.Map.Item)' }],
    [{ 'w.$': '$$.Map.Item.*' }],
    [{ 'b.$': "$$['Map']['Item']['Value']" }],
    [{ 'd.$': '$$..Index' }],
    [{ nested: { 'item.$': '$$.Map.Item' } }],
    [{ 'x.$': '$$.Map.Item.ValueOf' }],
  ])('%j does not', (selector) => expect(shared(selector)).toBe(false));
});

describe.each(['EXPRESS', 'STANDARD'] as const)('%s: each item gets its own input', (type) => {
  const items = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

  test.each([
    ['shared', { 'id.$': '$$.Map.Item.Value.id', 'i.$': '$$.Map.Item.Index', 'v.$': '$$.Map.Item.Value' }, items.map((v, i) => ({ id: v.id, i, v }))],
    ['fresh', { 'item.$': '$$.Map.Item', 'map.$': '$$.Map' }, items.map((v, i) => ({ item: { Index: i, Value: v }, map: { Item: { Index: i, Value: v } } }))],
    ['intrinsic', { 'f.$': "States.Format('{}:{}', $$.Map.Item.Index, $$.Map.Item.Value.id)" }, items.map((v, i) => ({ f: `${i}:${v.id}` }))],
  ])('%s context', async (_kind, selector, expected) => {
    const machine = StateMachine.from(map(selector, { MaxConcurrency: 2 }), { type, clock: virtualClock() });
    const result = await machine.start({ items }).result;
    expect(result).toEqual({ status: 'SUCCEEDED', output: expected });
  });

  test('a retried Map reads its new RetryCount through the shared context', async () => {
    let calls = 0;
    const definition = {
      StartAt: 'Lines',
      States: {
        Lines: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemSelector: { 'retry.$': '$$.State.RetryCount', 'i.$': '$$.Map.Item.Index' },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            StartAt: 'Work',
            States: { Work: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:work', End: true } },
          },
          Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 1, MaxAttempts: 2 }],
          End: true,
        },
      },
    };
    const machine = StateMachine.from(definition, {
      type,
      clock: virtualClock(),
      integrations: {
        'arn:aws:lambda:*': async (input) => {
          if (++calls <= 2) throw new TaskError('Flaky', 'first attempt');
          return input;
        },
      },
    });
    const result = await machine.start({ items: [1, 2] }).result;
    expect(result).toEqual({ status: 'SUCCEEDED', output: [{ retry: 1, i: 0 }, { retry: 1, i: 1 }] });
  });
});
