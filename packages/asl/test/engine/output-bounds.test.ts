import { describe, expect, test } from 'vitest';
import { StateMachine, virtualClock } from '../../src/index.js';
import { MAX_PAYLOAD_BYTES } from '../../src/engine/limits.js';

// A Map or Parallel adds up its children's output sizes instead of measuring the array they make.
// These pin the quota at its exact edge through that sum: 262,144 bytes pass, one more fails.

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** Strings whose Map output ({"s": item} per item) is exactly `total` bytes of JSON. */
function itemsFor(total: number, count = 2000): string[] {
  const items = Array.from({ length: count - 1 }, (_, i) => `é${'x'.repeat(110)}${i}`);
  const output = (list: string[]) => bytes(list.map((s) => ({ s })));
  items.push('y'.repeat(total - output([...items, ''])));
  expect(output(items)).toBe(total);
  return items;
}

const mapState = {
  Type: 'Map',
  ItemsPath: '$.items',
  ItemSelector: { 's.$': '$$.Map.Item.Value' },
  ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Line', States: { Line: { Type: 'Pass', End: true } } },
  End: true,
};

const machines = {
  'a top-level Map': { StartAt: 'Lines', States: { Lines: mapState } },
  'a Map inside a Parallel branch': {
    StartAt: 'Fork',
    States: { Fork: { Type: 'Parallel', Branches: [{ StartAt: 'Lines', States: { Lines: mapState } }], OutputPath: '$[0]', End: true } },
  },
};

describe.each(['EXPRESS', 'STANDARD'] as const)('%s: output size added up from the children', (type) => {
  test.each(Object.entries(machines))('%s: 262,144 bytes pass, 262,145 fail with States.DataLimitExceeded', async (_name, definition) => {
    const machine = StateMachine.from(definition, { type, clock: virtualClock() });
    const atLimit = itemsFor(MAX_PAYLOAD_BYTES);
    const passed = await machine.start({ items: atLimit }).result;
    expect(passed.status).toBe('SUCCEEDED');
    expect(bytes(passed.output)).toBe(MAX_PAYLOAD_BYTES);

    const failed = await machine.start({ items: itemsFor(MAX_PAYLOAD_BYTES + 1) }).result;
    expect(failed).toMatchObject({
      status: 'FAILED',
      error: 'States.DataLimitExceeded',
      cause: "The state/task 'Lines' returned a result with a size exceeding the maximum number of bytes service limit.",
    });
  });

  test('a Parallel whose branches are each small but together over the quota fails', async () => {
    const branch = (n: number) => ({ StartAt: `B${n}`, States: { [`B${n}`]: { Type: 'Pass', Parameters: { 'v.$': `$.parts[${n}]` }, End: true } } });
    const machine = StateMachine.from({ StartAt: 'Fork', States: { Fork: { Type: 'Parallel', Branches: [0, 1, 2].map(branch), End: true } } }, { type, clock: virtualClock() });
    // [{"v":"…"},{"v":"…"},{"v":"…"}]: 2 brackets, 2 commas, 3 × (8 + length) bytes.
    const parts = (total: number) => {
      const each = Math.floor((total - 4) / 3) - 8;
      const lengths = [each, each, total - 4 - 3 * 8 - 2 * each];
      return lengths.map((length) => 'p'.repeat(length));
    };
    const passed = await machine.start({ parts: parts(MAX_PAYLOAD_BYTES) }).result;
    expect(passed.status).toBe('SUCCEEDED');
    expect(bytes(passed.output)).toBe(MAX_PAYLOAD_BYTES);
    const failed = await machine.start({ parts: parts(MAX_PAYLOAD_BYTES + 1) }).result;
    expect(failed).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(failed.cause).toContain("'Fork'");
  });
});
