import fc from 'fast-check';
import type { Json, JsonObject } from '../json.js';
import { INPUT_PATHS } from './vocabulary.js';

const COMPARISONS = ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'] as const;
const TYPE_TESTS = ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp'] as const;

/** Options of {@link choiceRule}. */
export interface ChoiceRuleOptions {
  /**
   * Paths a rule's `Variable` and `*Path` operands read.
   * @default the fields of `executionInput()`, `$$.Execution.Name` and one absent field
   */
  readonly paths?: readonly string[];
  /**
   * How deep `And`, `Or` and `Not` nest.
   * @default 2
   */
  readonly maxDepth?: number;
}

/**
 * A JSONPath Choice rule without `Next` (the caller adds it): one comparison
 * (`String*`, `StringMatches`, `Numeric*`, `BooleanEquals`, `Timestamp*`, each `*Path` form) or
 * type test (`Is*` with `true` or `false`) on a `Variable`, or `And` / `Or` / `Not` of nested
 * rules. Exactly one operator per rule, as AWS requires.
 */
export function choiceRule(options: ChoiceRuleOptions = {}): fc.Arbitrary<JsonObject> {
  const paths = options.paths ?? [...INPUT_PATHS.filter((p) => p !== '$.missing'), '$$.Execution.Name', '$.missing'];
  const maxDepth = options.maxDepth ?? 2;
  // An absent Variable fails the Choice state (States.Runtime): keep it rare.
  const path = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...paths.filter((p) => p !== '$.missing')) },
    { weight: paths.includes('$.missing') ? 1 : 0, arbitrary: fc.constant('$.missing') },
  );
  const timestamp = fc
    .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2026-12-31T23:59:59Z'), noInvalidDate: true })
    .map((d) => d.toISOString());
  const pattern = fc
    .array(fc.constantFrom('a', 'b', ',', ' ', '*', '\\*', 'hello'), { maxLength: 4 })
    .map((parts) => parts.join(''));
  const operand = (kind: 'String' | 'Numeric' | 'Timestamp'): fc.Arbitrary<Json> =>
    kind === 'String'
      ? fc.constantFrom('a', 'b,c', 'hello world', '', 'z')
      : kind === 'Numeric'
        ? fc.oneof(fc.integer({ min: -100, max: 100 }), fc.constantFrom(0.5, -2.25, 1e3))
        : timestamp;

  const comparison = fc
    .tuple(fc.constantFrom('String', 'Numeric', 'Timestamp' as const), fc.constantFrom(...COMPARISONS), fc.boolean())
    .chain(([kind, op, viaPath]) =>
      viaPath
        ? path.map((p) => ({ [`${kind}${op}Path`]: p }) as JsonObject)
        : operand(kind).map((v) => ({ [`${kind}${op}`]: v }) as JsonObject),
    );
  const operator: fc.Arbitrary<JsonObject> = fc.oneof(
    { weight: 5, arbitrary: comparison },
    { weight: 1, arbitrary: pattern.map((p) => ({ StringMatches: p })) },
    { weight: 1, arbitrary: fc.boolean().map((b) => ({ BooleanEquals: b })) },
    { weight: 1, arbitrary: path.map((p) => ({ BooleanEqualsPath: p })) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...TYPE_TESTS), fc.boolean()).map(([t, b]) => ({ [t]: b })) },
  );
  const simple = fc.tuple(path, operator).map(([variable, op]) => ({ Variable: variable, ...op }));

  const rule = (depth: number): fc.Arbitrary<JsonObject> => {
    if (depth >= maxDepth) return simple;
    const nested = rule(depth + 1);
    return fc.oneof(
      { weight: 4, arbitrary: simple },
      { weight: 1, arbitrary: fc.array(nested, { minLength: 1, maxLength: 3 }).map((rules) => ({ And: rules })) },
      { weight: 1, arbitrary: fc.array(nested, { minLength: 1, maxLength: 3 }).map((rules) => ({ Or: rules })) },
      { weight: 1, arbitrary: nested.map((r) => ({ Not: r })) },
    );
  };
  return rule(0);
}
