import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { choiceRule } from '../../src/arbitraries/choice-rules.js';
import { compileChoiceRule, compileChoiceRuleAsClosures } from '../../src/choice/index.js';
import { NO_VARIABLES } from '../../src/eval-env.js';
import type { Json, JsonObject } from '../../src/json.js';

// compileChoiceRule generates one function per rule with the common tests inline; the closure
// form is the reference. Same answer, or the same error, for every rule and input.

const env = { context: { Execution: { Name: 'run-1' } }, variables: NO_VARIABLES };
const PATHS = ['$.a', '$.b', '$.c.d', '$$.Execution.Name', '$.missing'];

const value: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom('a', 'b,c', 'hello world', '', 'z', 'hello', '2025-06-01T00:00:00Z', '2024-01-01T00:00:00.000Z', 'A'),
  fc.integer({ min: -100, max: 100 }),
  fc.constantFrom(0, -0, 0.5, -2.25, 1e3, 100, -100),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
);
const input: fc.Arbitrary<JsonObject> = fc.record(
  { a: value, b: value, c: fc.oneof(fc.record({ d: value }, { requiredKeys: [] }), value) },
  { requiredKeys: [] },
);

function outcome(run: () => boolean): { value: boolean } | { error: string } {
  try {
    return { value: run() };
  } catch (thrown) {
    return { error: thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown) };
  }
}

describe('generated Choice rules', () => {
  test('agree with the closure form on every rule and input', () => {
    fc.assert(
      fc.property(choiceRule({ paths: PATHS, maxDepth: 3 }), fc.array(input, { minLength: 1, maxLength: 8 }), (rule, inputs) => {
        const generated = compileChoiceRule(rule);
        const closures = compileChoiceRuleAsClosures(rule);
        for (const doc of inputs) {
          expect(outcome(() => generated(doc, env))).toEqual(outcome(() => closures(doc, env)));
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('literals that need care: quotes, line separators, lone surrogates, -0, exponents', () => {
    const cases: [JsonObject, Json, boolean][] = [
      [{ Variable: '$.a', StringEquals: 'say "hi"\\\u2028\u2029' }, 'say "hi"\\\u2028\u2029', true],
      [{ Variable: '$.a', StringLessThan: '\ud800' }, '\u00ff', true],
      [{ Variable: '$.a', NumericEquals: -0 }, 0, true],
      [{ Variable: '$.a', NumericGreaterThan: 1e21 }, 2e21, true],
      [{ Variable: '$.a', NumericLessThanEquals: 5e-324 }, 0, true],
      [{ Variable: '$.a', NumericEquals: 1 }, '1', false],
      [{ Variable: '$.a', StringGreaterThanEquals: 'b' }, 2, false],
      [{ Not: { Variable: '$.a', IsPresent: true } }, null, false],
    ];
    for (const [rule, a, expected] of cases) {
      expect(compileChoiceRule(rule)({ a }, env), JSON.stringify(rule)).toBe(expected);
      expect(compileChoiceRuleAsClosures(rule)({ a }, env)).toBe(expected);
    }
  });

  test('a definition object holding NaN or Infinity keeps the closure semantics', () => {
    for (const n of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const rule = { Variable: '$.a', NumericLessThan: n };
      for (const a of [1, Number.MAX_VALUE]) expect(compileChoiceRule(rule)({ a }, env)).toBe(compileChoiceRuleAsClosures(rule)({ a }, env));
    }
  });
});
