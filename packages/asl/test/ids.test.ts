import { describe, expect, test } from 'vitest';
import { StateMachine } from '@fogbank/asl';
import { randomUuid } from '../src/ids.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('randomUuid', () => {
  test('makes version 4 UUIDs with the RFC 4122 variant, as crypto.randomUUID does, across batches', () => {
    const ids = Array.from({ length: 1000 }, () => randomUuid());
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('draws fresh entropy for every id: each hex digit of the random part takes all 16 values', () => {
    const ids = Array.from({ length: 2000 }, () => randomUuid());
    const digitsAt = (position: number) => new Set(ids.map((id) => id[position]));
    for (const position of [0, 9, 15, 20, 35]) expect(digitsAt(position).size).toBe(16);
  });

  test('names executions by default, and an Express execution\'s ARN ends with a second id', async () => {
    const execution = StateMachine.from({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }, { type: 'EXPRESS', name: 'm' }).start({});
    expect(execution.name).toMatch(UUID_V4);
    const [, suffix] = execution.executionArn.split(`:express:m:${execution.name}:`);
    expect(suffix).toMatch(UUID_V4);
    expect(suffix).not.toBe(execution.name);
    await execution.result;
  });
});
