import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ChoiceRuleError, compileChoiceRule, compileChoices } from '../../src/choice/index.js';
import { StatesError } from '../../src/errors.js';
import type { EvalEnv } from '../../src/eval-env.js';
import type { Json, JsonObject } from '../../src/json.js';

const env: EvalEnv = {
  context: { Execution: { Name: 'run-1', Input: { tier: 'gold' } }, State: { Name: 'Route', RetryCount: 0 } },
  variables: { get: (name) => ({ limit: 10, user: { name: 'ana', admin: true } } as Record<string, Json>)[name] },
};

function run(rule: JsonObject, input: Json): boolean {
  return compileChoiceRule(rule)(input, env);
}

function failure(rule: JsonObject, input: Json): StatesError {
  try {
    run(rule, input);
  } catch (e) {
    if (e instanceof StatesError) return e;
    throw e;
  }
  throw new Error('the rule did not fail');
}

/** Every JSON type, to show which ones an operator accepts. */
const VALUES: readonly Json[] = [null, true, false, 0, 1, -1.5, '', 'a', '1', '2016-03-14T01:59:00Z', [], [1], {}, { a: 1 }];

describe('comparisons with a literal', () => {
  test.for([
    // Strings: exact, by UTF-16 code units.
    { rule: { StringEquals: 'Hello' }, yes: ['Hello'], no: ['hello', 'Hello ', ' Hello', 1, null] },
    { rule: { StringLessThan: 'B' }, yes: ['A', 'AZZ', '', 'A\uFFFF'], no: ['B', 'b', 'BA', 0] },
    { rule: { StringGreaterThan: 'B' }, yes: ['BA', 'b', 'C'], no: ['B', 'A', ''] },
    { rule: { StringLessThanEquals: 'B' }, yes: ['A', 'B'], no: ['BA', 'b'] },
    { rule: { StringGreaterThanEquals: 'B' }, yes: ['B', 'BA'], no: ['A', ''] },
    // Numbers: by value, integers and decimals alike.
    { rule: { NumericEquals: 1 }, yes: [1, 1.0], no: ['1', true, 1.5, null] },
    { rule: { NumericEquals: 0 }, yes: [0, -0], no: [false, '', null, '0'] },
    { rule: { NumericLessThan: 1 }, yes: [0, -1, 0.999], no: [1, 2, '0', null] },
    { rule: { NumericGreaterThan: 1 }, yes: [1.001, 2], no: [1, 0, '2'] },
    { rule: { NumericLessThanEquals: 1 }, yes: [1, 0], no: [1.001, '1'] },
    { rule: { NumericGreaterThanEquals: 1.5 }, yes: [1.5, 2], no: [1.499, '2'] },
    // Booleans: only real booleans.
    { rule: { BooleanEquals: true }, yes: [true], no: [false, 'true', 1, null] },
    { rule: { BooleanEquals: false }, yes: [false], no: [true, 'false', 0, null, ''] },
    // Timestamps: instants, whatever the offset or the fraction digits.
    {
      rule: { TimestampEquals: '2012-10-09T19:00:55Z' },
      yes: ['2012-10-09T19:00:55Z', '2012-10-09T20:00:55+01:00', '2012-10-09T19:00:55.000000Z', '2012-10-09t19:00:55z'],
      no: ['2012-10-09T19:00:56Z', '2012-10-09T19:00:55', '2012-10-09T19:00:55.000000001Z', '', 0, null],
    },
    {
      rule: { TimestampLessThan: '2012-10-09T19:00:55Z' },
      yes: ['2012-10-09T19:00:54.999999999Z', '2012-10-09T20:00:54+01:00'],
      no: ['2012-10-09T19:00:55Z', 'yesterday', 5],
    },
    { rule: { TimestampGreaterThan: '2012-10-09T19:00:55Z' }, yes: ['2012-10-09T19:00:55.000000001Z'], no: ['2012-10-09T19:00:55Z'] },
    { rule: { TimestampLessThanEquals: '2012-10-09T19:00:55Z' }, yes: ['2012-10-09T19:00:55Z', '2000-01-01T00:00Z'], no: ['2012-10-09T19:00:56Z'] },
    { rule: { TimestampGreaterThanEquals: '2012-10-09T19:00:55Z' }, yes: ['2012-10-09T19:00:55Z', '2012-10-09T18:00:56-01:00'], no: ['2012-10-09T19:00:54Z'] },
  ] as { rule: JsonObject; yes: Json[]; no: Json[] }[])('$rule', ({ rule, yes, no }) => {
    for (const value of yes) expect(run({ Variable: '$.v', ...rule }, { v: value }), JSON.stringify(value)).toBe(true);
    for (const value of no) expect(run({ Variable: '$.v', ...rule }, { v: value }), JSON.stringify(value)).toBe(false);
  });
});

describe('comparisons with a ...Path operand', () => {
  test.for([
    { op: 'StringEqualsPath', yes: [['a', 'a']], no: [['a', 'b'], [1, 1], [null, null], ['1', 1]] },
    { op: 'StringLessThanPath', yes: [['a', 'b']], no: [['b', 'a'], ['a', 'a'], [1, 2], ['a', 2]] },
    { op: 'StringGreaterThanPath', yes: [['b', 'a']], no: [['a', 'b'], [2, 1]] },
    { op: 'StringLessThanEqualsPath', yes: [['a', 'a'], ['', 'a']], no: [['b', 'a']] },
    { op: 'StringGreaterThanEqualsPath', yes: [['a', 'a'], ['b', 'a']], no: [['a', 'b']] },
    { op: 'NumericEqualsPath', yes: [[1, 1], [0, -0]], no: [[1, 2], ['1', '1'], [null, null], [true, true]] },
    { op: 'NumericLessThanPath', yes: [[1, 2]], no: [[2, 1], [1, 1], ['1', '2']] },
    { op: 'NumericGreaterThanPath', yes: [[2, 1]], no: [[1, 2], ['2', '1']] },
    { op: 'NumericLessThanEqualsPath', yes: [[1, 1], [1, 2]], no: [[2, 1]] },
    { op: 'NumericGreaterThanEqualsPath', yes: [[1, 1], [2, 1]], no: [[1, 2]] },
    { op: 'BooleanEqualsPath', yes: [[true, true], [false, false]], no: [[true, false], [null, null], ['true', 'true'], [1, 1]] },
    {
      op: 'TimestampEqualsPath',
      yes: [['2012-10-09T19:00:55Z', '2012-10-09T21:00:55+02:00']],
      no: [['2012-10-09T19:00:55Z', '2012-10-09T19:00:56Z'], ['x', 'x'], [1, 1], ['2012-10-09T19:00:55', '2012-10-09T19:00:55']],
    },
    { op: 'TimestampLessThanPath', yes: [['2012-10-09T19:00:55Z', '2012-10-09T19:00:56Z']], no: [['2012-10-09T19:00:56Z', '2012-10-09T19:00:55Z']] },
    { op: 'TimestampGreaterThanPath', yes: [['2012-10-09T19:00:56Z', '2012-10-09T19:00:55Z']], no: [['2012-10-09T19:00:55Z', '2012-10-09T19:00:55Z']] },
    { op: 'TimestampLessThanEqualsPath', yes: [['2012-10-09T19:00:55Z', '2012-10-09T19:00:55Z']], no: [['2012-10-09T19:00:56Z', '2012-10-09T19:00:55Z']] },
    { op: 'TimestampGreaterThanEqualsPath', yes: [['2012-10-09T19:00:55Z', '2012-10-09T19:00:55Z']], no: [['2012-10-09T19:00:54Z', '2012-10-09T19:00:55Z']] },
  ] as { op: string; yes: [Json, Json][]; no: [Json, Json][] }[])('$op', ({ op, yes, no }) => {
    const rule = { Variable: '$.left', [op]: '$.right' };
    for (const [left, right] of yes) expect(run(rule, { left, right }), JSON.stringify([left, right])).toBe(true);
    for (const [left, right] of no) expect(run(rule, { left, right }), JSON.stringify([left, right])).toBe(false);
  });
});

describe('type tests', () => {
  const TYPE_TESTS: Record<string, (v: Json) => boolean> = {
    IsNull: (v) => v === null,
    IsNumeric: (v) => typeof v === 'number',
    IsString: (v) => typeof v === 'string',
    IsBoolean: (v) => typeof v === 'boolean',
    IsTimestamp: (v) => v === '2016-03-14T01:59:00Z',
    IsPresent: () => true,
  };
  test.for(Object.keys(TYPE_TESTS))('%s with true and false, over every JSON type', (op) => {
    const truth = TYPE_TESTS[op] as (v: Json) => boolean;
    for (const value of VALUES) {
      expect(run({ Variable: '$.v', [op]: true }, { v: value }), `${op}: true on ${JSON.stringify(value)}`).toBe(truth(value));
      expect(run({ Variable: '$.v', [op]: false }, { v: value }), `${op}: false on ${JSON.stringify(value)}`).toBe(!truth(value));
    }
  });

  test('IsPresent: false matches an absent path, and null is present', () => {
    expect(run({ Variable: '$.missing', IsPresent: false }, { v: 1 })).toBe(true);
    expect(run({ Variable: '$.missing', IsPresent: true }, { v: 1 })).toBe(false);
    expect(run({ Variable: '$.v.deeper', IsPresent: false }, { v: 'text' })).toBe(true);
    expect(run({ Variable: '$.v[3]', IsPresent: false }, { v: [1] })).toBe(true);
    expect(run({ Variable: '$.v', IsPresent: true }, { v: null })).toBe(true);
  });

  test('IsTimestamp accepts what Wait accepts', () => {
    for (const v of ['2016-03-14T01:59:00.123456Z', '2016-03-14T01:59+05:00']) expect(run({ Variable: '$.v', IsTimestamp: true }, { v })).toBe(true);
    for (const v of ['2016-03-14T01:59:00', '2016-03-14 01:59:00Z', '2016-02-30T00:00:00Z']) expect(run({ Variable: '$.v', IsTimestamp: true }, { v })).toBe(false);
  });
});

describe('StringMatches', () => {
  test.for([
    { pattern: 'log-*.txt', yes: ['log-.txt', 'log-2024.txt', 'log-a.b.txt'], no: ['log-2024.txt.gz', 'xlog-1.txt', 'log-1.TXT'] },
    { pattern: '*', yes: ['', 'anything'], no: [] },
    { pattern: '', yes: [''], no: ['a'] },
    { pattern: 'a*b*c', yes: ['abc', 'aXbYc', 'abbc', 'acbc'], no: ['ab', 'acb', 'abcX'] },
    { pattern: '*a*a*', yes: ['aa', 'xaya'], no: ['a', 'xyz'] },
    // `?` and brackets are no wildcards.
    { pattern: 'a?c', yes: ['a?c'], no: ['abc'] },
    { pattern: '[ab]', yes: ['[ab]'], no: ['a'] },
    // Escapes: the JSON text "a\\*b" is the pattern a\*b, a literal asterisk.
    { pattern: 'a\\*b', yes: ['a*b'], no: ['aXb', 'a\\*b', 'ab'] },
    { pattern: 'a\\\\*', yes: ['a\\', 'a\\xyz'], no: ['a', 'ab'] },
    { pattern: 'a\\\\\\*', yes: ['a\\*'], no: ['a\\x'] },
    { pattern: 'C:\\dir', yes: ['C:\\dir'], no: ['C:dir'] },
  ])('$pattern', ({ pattern, yes, no }) => {
    for (const v of yes) expect(run({ Variable: '$.v', StringMatches: pattern }, { v }), v).toBe(true);
    for (const v of no) expect(run({ Variable: '$.v', StringMatches: pattern }, { v }), v).toBe(false);
  });

  test('is false for values that are not strings', () => {
    for (const v of [null, 1, true, ['a'], { a: 'a' }]) expect(run({ Variable: '$.v', StringMatches: '*' }, { v })).toBe(false);
  });
});

describe('And, Or, Not', () => {
  const adult: JsonObject = { Variable: '$.age', NumericGreaterThanEquals: 18 };
  const gold: JsonObject = { Variable: '$.tier', StringEquals: 'gold' };
  test('nest to any depth', () => {
    const rule: JsonObject = { Or: [{ And: [adult, { Not: gold }] }, { Not: { Not: { Variable: '$.vip', BooleanEquals: true } } }], Next: 'X' };
    expect(run(rule, { age: 20, tier: 'silver', vip: false })).toBe(true);
    expect(run(rule, { age: 20, tier: 'gold', vip: false })).toBe(false);
    expect(run(rule, { age: 12, tier: 'gold', vip: true })).toBe(true);
  });

  test('stop at the first rule that decides them, so an IsPresent guard protects what follows', () => {
    const guarded: JsonObject = { And: [{ Variable: '$.flag', IsPresent: true }, { Variable: '$.flag', BooleanEquals: true }] };
    expect(run(guarded, {})).toBe(false);
    expect(run(guarded, { flag: true })).toBe(true);
    const either: JsonObject = { Or: [{ Variable: '$.a', IsPresent: false }, { Variable: '$.a', NumericEquals: 1 }] };
    expect(run(either, {})).toBe(true);
  });

  test('a missing Variable inside Not still fails', () => {
    expect(failure({ Not: { Variable: '$.gone', StringEquals: 'x' } }, {}).cause).toMatchInlineSnapshot(
      `"Invalid path '$.gone': The choice state's condition path references an invalid value."`,
    );
  });
});

describe('paths', () => {
  test('Variable reads the context object and workflow variables', () => {
    expect(run({ Variable: '$$.Execution.Input.tier', StringEquals: 'gold' }, {})).toBe(true);
    expect(run({ Variable: '$$.State.RetryCount', NumericEquals: 0 }, {})).toBe(true);
    expect(run({ Variable: '$limit', NumericGreaterThan: 5 }, {})).toBe(true);
    expect(run({ Variable: '$user.admin', BooleanEquals: true }, {})).toBe(true);
    expect(run({ Variable: '$nobody', IsPresent: false }, {})).toBe(true);
    expect(run({ Variable: '$.n', NumericLessThanPath: '$limit' }, { n: 3 })).toBe(true);
    expect(run({ Variable: '$.name', StringEqualsPath: '$user.name' }, { name: 'ana' })).toBe(true);
  });

  test('Variable may be the whole input, an index or a quoted name', () => {
    expect(run({ Variable: '$', StringEquals: 'No messages' }, 'No messages')).toBe(true);
    expect(run({ Variable: '$.items[1]', NumericEquals: 2 }, { items: [1, 2] })).toBe(true);
    expect(run({ Variable: "$['a b']", IsNull: true }, { 'a b': null })).toBe(true);
  });
});

describe('run-time errors', () => {
  test('a Variable that selects nothing is a decorated States.Runtime, for every operator but IsPresent', () => {
    for (const rule of [
      { StringEquals: 'x' },
      { NumericEquals: 1 },
      { BooleanEquals: true },
      { TimestampEquals: '2016-03-14T01:59:00Z' },
      { StringMatches: '*' },
      { IsNull: false },
      { IsString: false },
      { IsTimestamp: false },
      { StringEqualsPath: '$.other' },
    ] as JsonObject[]) {
      const error = failure({ Variable: '$.missing', ...rule }, { other: 'x' });
      expect({ error: error.error, cause: error.cause, decorate: error.decorate }).toEqual({
        error: 'States.Runtime',
        cause: "Invalid path '$.missing': The choice state's condition path references an invalid value.",
        decorate: true,
      });
    }
  });

  test('a ...Path operand that selects nothing fails the same way, naming that path', () => {
    expect(failure({ Variable: '$.left', NumericEqualsPath: '$.right' }, { left: 7 }).cause).toMatchInlineSnapshot(
      `"Invalid path '$.right': The choice state's condition path references an invalid value."`,
    );
  });

  test('a path through a value of the wrong shape selects nothing', () => {
    expect(failure({ Variable: '$.a.b', StringEquals: 'x' }, { a: 'text' }).cause).toMatchInlineSnapshot(
      `"Invalid path '$.a.b': The choice state's condition path references an invalid value."`,
    );
    expect(failure({ Variable: '$.a[5]', StringEquals: 'x' }, { a: [] }).error).toBe('States.Runtime');
  });
});

describe('malformed rules fail at compile time', () => {
  test.for([
    { rule: { Variable: '$.a', Next: 'X' }, message: "The Choice rule has no comparison operator (such as 'StringEquals', 'IsPresent' or 'And')." },
    { rule: { Variable: '$.a', StringEquals: 'x', IsNull: true }, message: "The Choice rule has two operators, 'StringEquals' and 'IsNull'; a rule has exactly one." },
    { rule: { Variable: '$.a', NumericEquals: '1' }, message: `'NumericEquals' needs a number, but was "1".` },
    { rule: { Variable: '$.a', StringEquals: 1 }, message: "'StringEquals' needs a string, but was 1." },
    { rule: { Variable: '$.a', BooleanEquals: 'true' }, message: `'BooleanEquals' needs true or false, but was "true".` },
    { rule: { Variable: '$.a', IsPresent: 'yes' }, message: `'IsPresent' needs true or false, but was "yes".` },
    {
      rule: { Variable: '$.a', TimestampEquals: '2016-12-05T21:29:29' },
      message: `'TimestampEquals' needs an RFC 3339 timestamp such as 2016-03-14T01:59:00Z, but was "2016-12-05T21:29:29".`,
    },
    { rule: { StringEquals: 'x' }, message: "'Variable' must be a reference path such as '$.status', but was null." },
    { rule: { Variable: '$.a[*]', StringEquals: 'x' }, message: "'Variable' must be a reference path, which selects a single value; '$.a[*]' can select several." },
    { rule: { Variable: '$.a', StringEqualsPath: 3 }, message: "'StringEqualsPath' must be a reference path such as '$.status', but was 3." },
    { rule: { And: [] }, message: "'And' at /And must be a non-empty array of Choice rules." },
    { rule: { Or: [{ Variable: '$.a' }] }, message: "The Choice rule at /Or[0] has no comparison operator (such as 'StringEquals', 'IsPresent' or 'And')." },
    { rule: { Not: [{ Variable: '$.a', IsNull: true }] }, message: 'The Choice rule at /Not must be an object, but was [{"Variable":"$.a","IsNull":true}].' },
  ] as { rule: JsonObject; message: string }[])('$message', ({ rule, message }) => {
    expect(() => compileChoiceRule(rule)).toThrow(new ChoiceRuleError(message));
  });
});

describe('compileChoices', () => {
  test('picks the first matching rule, or -1', () => {
    const pick = compileChoices([
      { Variable: '$.n', NumericLessThan: 0, Next: 'Negative' },
      { Variable: '$.n', NumericLessThan: 10, Next: 'Small' },
      { Variable: '$.n', NumericLessThan: 100, Next: 'Medium' },
    ]);
    expect([-5, 5, 50, 500].map((n) => pick({ n }, env))).toEqual([0, 1, 2, -1]);
  });

  test('names the rule in compile errors', () => {
    expect(() => compileChoices([{ Variable: '$.n', IsNull: true }, { Variable: '$.n' }])).toThrow(
      new ChoiceRuleError("The Choice rule at /Choices[1] has no comparison operator (such as 'StringEquals', 'IsPresent' or 'And')."),
    );
  });
});

describe('StringMatches law', () => {
  /** A second, regex-based reading of the same pattern language, to check the segment matcher. */
  function reference(pattern: string): RegExp {
    let source = '';
    for (let i = 0; i < pattern.length; i++) {
      const ch = pattern[i] as string;
      const next = pattern[i + 1];
      if (ch === '\\' && (next === '*' || next === '\\')) {
        source += `\\${next}`;
        i++;
      } else if (ch === '*') source += '[\\s\\S]*';
      else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
    return new RegExp(`^${source}$`);
  }

  test('agrees with a regex reading of the pattern', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '*', '\\', '?'), maxLength: 8 });
    fc.assert(
      fc.property(text, text, (pattern, value) => {
        expect(run({ Variable: '$.v', StringMatches: pattern }, { v: value })).toBe(reference(pattern).test(value));
      }),
      { numRuns: 2000 },
    );
  });
});
