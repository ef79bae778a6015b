import { describe, expect, test } from 'vitest';
import { compareEvents, Matcher, placeholdersOf } from './compare.js';

const ok = (m: Matcher, expected: unknown, actual: unknown) =>
  m.compare(expected as never, actual as never).map((x) => `${x.path}: ${x.message}`);

describe('Matcher', () => {
  test('plain values must be equal, with no missing or extra keys', () => {
    const m = new Matcher();
    expect(ok(m, { a: 1, b: [true, null] }, { b: [true, null], a: 1 })).toEqual([]);
    expect(ok(m, { a: 1 }, { a: 2 })).toEqual(['$.a: expected 1, got 2']);
    expect(ok(m, { a: 1 }, {})).toEqual(['$.a: missing (expected 1)']);
    expect(ok(m, {}, { a: 1 })).toEqual(['$.a: unexpected 1']);
    expect(ok(m, [1, 2], [1])).toHaveLength(1);
    expect(ok(m, '1', 1)).toHaveLength(1);
    expect(ok(m, null, {})).toHaveLength(1);
  });

  test('<...> placeholders inside text are wildcards; the rest of the text must match', () => {
    const m = new Matcher();
    expect(ok(m, 'arn:<partition>:lambda:<region>:111111111111:function:f', 'arn:aws:lambda:us-east-1:111111111111:function:f')).toEqual([]);
    expect(ok(m, 'arn:<partition>:lambda:<region>:111111111111:function:f', 'arn:aws:lambda:us-east-1:222222222222:function:f')).toHaveLength(1);
  });

  test('numbered placeholders stand for one text each, and different numbers for different texts', () => {
    const m = new Matcher();
    expect(ok(m, { a: '<uuid:1>', b: 'id <uuid:1>' }, { a: 'x-1', b: 'id x-1' })).toEqual([]);
    expect(ok(m, { c: '<uuid:1>' }, { c: 'x-2' })).toHaveLength(1);
    expect(ok(m, { d: '<uuid:2>' }, { d: 'x-1' })).toHaveLength(1);
    expect(ok(m, { d: '<uuid:2>' }, { d: 'x-2' })).toEqual([]);
    // The same number twice in one text must be the same text.
    expect(ok(new Matcher(), 'a <uuid:1> b <uuid:1>', 'a X b Y')).toHaveLength(1);
    expect(ok(new Matcher(), 'a <uuid:1> b <uuid:1>', 'a X b X')).toEqual([]);
  });

  test('a whole-value placeholder from a JsonpathTransformer stands for any value', () => {
    const m = new Matcher(
      placeholdersOf([{ transformer: 'JsonpathTransformer', args: ['$..FunctionResult', 'RandomNumberGenerated'] }]),
    );
    expect(ok(m, { FunctionResult: 'RandomNumberGenerated' }, { FunctionResult: 42 })).toEqual([]);
    expect(ok(m, { FunctionResult: 'RandomNumberGenerated' }, {})).toHaveLength(1);
  });

  test("a mask's placeholder is literal, a transformer's other placeholders are wildcards", () => {
    const transformers = [
      { transformer: 'RegexTransformer', args: ['arn:aws:iam::111111111111:role/r', 'snf_role_arn'] },
      { transformer: 'RegexTransformer', args: ['2025-01-01T00:00:00Z', 'start-date'] },
    ];
    const m = new Matcher(placeholdersOf(transformers, [{ value: 'arn:aws:iam::111111111111:role/r', placeholder: 'snf_role_arn' }]));
    expect(ok(m, { roleArn: 'snf_role_arn' }, { roleArn: 'arn:aws:iam::111111111111:role/other' })).toHaveLength(1);
    expect(ok(m, { at: 'from start-date on' }, { at: 'from 12:00 on' })).toEqual([]);
  });

  test("LocalStack's key-value rules for SDK metadata stand for any value, other keys do not", () => {
    const m = new Matcher();
    expect(ok(m, { RequestId: 'RequestId', Date: 'date' }, { RequestId: 'abc', Date: ['Wed, 01 Jan 2025 00:00:00 GMT'] })).toEqual([]);
    expect(ok(m, { RequestId: 'Other' }, { RequestId: 'abc' })).toHaveLength(1);
    expect(ok(m, { varname2: 'varname2' }, { varname2: 'other' })).toHaveLength(1);
  });
});

describe('compareEvents', () => {
  const ev = (id: unknown, prev: number, type: string, name?: string) => ({
    id,
    previousEventId: prev,
    type,
    ...(name === undefined ? {} : { stateEnteredEventDetails: { name } }),
  });

  test('compares positionally, ids and previousEventIds included', () => {
    const expected = [ev(1, 0, 'ExecutionStarted'), ev(2, 1, 'PassStateEntered', 'A')];
    expect(compareEvents(expected as never, expected as never, new Matcher())).toEqual([]);
    const wrongPrev = [ev(1, 0, 'ExecutionStarted'), ev(2, 0, 'PassStateEntered', 'A')];
    expect(compareEvents(expected as never, wrongPrev as never, new Matcher())).toHaveLength(1);
    const short = [ev(1, 0, 'ExecutionStarted')];
    expect(compareEvents(expected as never, short as never, new Matcher())[0]!.message).toBe(
      'expected 2 events, got 1; first unmatched: expected [1] PassStateEntered, got [1] none',
    );
    const long = [...expected, ev(3, 2, 'PassStateExited')];
    expect(compareEvents(expected as never, long as never, new Matcher())).toHaveLength(1);
  });

  test('zeroed events inside a Parallel state match as a multiset, without ids', () => {
    const expected = [
      ev(1, 0, 'ParallelStateStarted'),
      ev([0], 0, 'PassStateEntered', 'A'),
      ev([0], 0, 'PassStateEntered', 'B'),
      ev(4, 3, 'ParallelStateSucceeded'),
    ];
    const actual = [
      ev(1, 0, 'ParallelStateStarted'),
      ev(2, 1, 'PassStateEntered', 'B'),
      ev(3, 1, 'PassStateEntered', 'A'),
      ev(4, 3, 'ParallelStateSucceeded'),
    ];
    expect(compareEvents(expected as never, actual as never, new Matcher())).toEqual([]);
    const wrong = [...actual];
    wrong[2] = ev(3, 1, 'PassStateEntered', 'C');
    expect(compareEvents(expected as never, wrong as never, new Matcher())).not.toEqual([]);
  });

  test('closing Parallel events the transformer dropped may be left over, nothing else', () => {
    // Recorded: ids 4..6 zeroed, 7 (ParallelStateSucceeded) dropped, then 8.
    const expected = [
      ev(3, 2, 'ParallelStateStarted'),
      ev([0], 0, 'PassStateEntered', 'A'),
      ev([0], 0, 'PassStateEntered', 'B'),
      ev([0], 0, 'PassStateEntered', 'C'),
      ev(8, 7, 'ParallelStateExited'),
    ];
    const actual = (closing: string) => [
      ev(3, 2, 'ParallelStateStarted'),
      ev(4, 3, 'PassStateEntered', 'C'),
      ev(5, 3, 'PassStateEntered', 'A'),
      ev(6, 3, 'PassStateEntered', 'B'),
      ev(7, 6, closing),
      ev(8, 7, 'ParallelStateExited'),
    ];
    expect(compareEvents(expected as never, actual('ParallelStateSucceeded') as never, new Matcher())).toEqual([]);
    expect(compareEvents(expected as never, actual('PassStateExited') as never, new Matcher())).toHaveLength(1);
  });
});
