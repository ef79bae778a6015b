import fc from 'fast-check';
import type { Json, JsonObject } from '../json.js';
import { jsonValue } from './json.js';
import type { StateFieldOptions } from './states.js';

// The fields of each state type in the JSONata query language (`QueryLanguage: "JSONata"`):
// `Arguments`, `Output`, `Condition`, `Items` and expression-valued `Seconds`, `Timestamp`,
// `Error`, `Cause`, with expressions `{% ... %}` over `$states.input` (the fields of
// `executionInput()`), `$states.context` and, where AWS allows it, `$states.result`.

/** Expressions over the state input, of every JSON type, some of which fail at run time. */
const INPUT_EXPRESSIONS = [
  '{% $states.input %}',
  '{% $states.input.n + 1 %}',
  '{% $states.input.s & "!" %}',
  '{% $count($states.input.items) %}',
  '{% $states.input.flag %}',
  '{% $states.input.obj %}',
  '{% $string($states.input.n) %}',
  '{% $states.context.Execution.Name %}',
  '{% [$states.input.n, $states.input.s] %}',
  '{% {"total": $sum($states.input.items[$type($) = "number"])} %}',
  '{% $states.input.missing %}',
] as const;

/** Boolean expressions for Choice rules (`Condition`). */
const CONDITIONS = [
  '{% $states.input.n > 0 %}',
  '{% $states.input.flag = true %}',
  '{% $exists($states.input.s) %}',
  '{% $type($states.input.items) = "array" %}',
  '{% $states.input.s = "a" or $states.input.n < -10 %}',
  '{% $count($states.input.items) >= 2 %}',
] as const;

const expression = fc.constantFrom(...INPUT_EXPRESSIONS);
const resultExpression = fc.constantFrom('{% $states.result %}', '{% {"input": $states.input, "result": $states.result} %}');

/** A JSONata payload: one expression, or an object with literal and expression fields. */
function payload(): fc.Arbitrary<Json> {
  return fc.oneof(
    expression,
    fc
      .uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'n', 's', 'items', 'meta'), fc.oneof(expression, jsonValue({ maxDepth: 1, maxLength: 2 }))), {
        minLength: 1,
        maxLength: 3,
        selector: ([key]) => key,
      })
      .map((entries) => Object.fromEntries(entries) as JsonObject),
  );
}

const absentOr = <T extends JsonObject>(arb: fc.Arbitrary<T>): fc.Arbitrary<JsonObject> =>
  fc.oneof({ weight: 2, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: arb });

/** A JSONata Choice rule without `Next`. */
export function jsonataCondition(): fc.Arbitrary<JsonObject> {
  return fc.constantFrom(...CONDITIONS).map((Condition) => ({ Condition }));
}

/** JSONata Pass: an optional `Output`. */
export function jsonataPassFields(): fc.Arbitrary<JsonObject> {
  return absentOr(payload().map((Output) => ({ Output })));
}

/** JSONata Wait: `Seconds` or `Timestamp`, each a literal or an expression. */
export function jsonataWaitFields(options: StateFieldOptions): fc.Arbitrary<JsonObject> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 0, max: options.maxWaitSeconds }).map((Seconds) => ({ Seconds })) },
    { weight: 1, arbitrary: fc.constantFrom('{% $states.input.n %}', '{% 5 %}').map((Seconds) => ({ Seconds })) },
    {
      weight: 2,
      arbitrary: fc
        .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2026-12-31T23:59:59Z'), noInvalidDate: true })
        .map((d) => ({ Timestamp: d.toISOString() })),
    },
    { weight: 1, arbitrary: fc.constant({ Timestamp: '{% $states.input.ts %}' }) },
  );
}

/** JSONata Succeed: an optional `Output`. */
export function jsonataSucceedFields(): fc.Arbitrary<JsonObject> {
  return jsonataPassFields();
}

/** JSONata Fail: `Error` and `Cause`, literals or string expressions, each optional. */
export function jsonataFailFields(): fc.Arbitrary<JsonObject> {
  const error = fc.oneof(fc.constant({}), fc.constantFrom('Custom.Error', '{% "E" & $string($states.input.n) %}').map((Error) => ({ Error })));
  const cause = fc.oneof(fc.constant({}), fc.constantFrom('it broke', '{% $string($states.input) %}').map((Cause) => ({ Cause })));
  return fc.tuple(error, cause).map(([e, c]) => ({ ...e, ...c }));
}

/** JSONata Task: `Resource`, `Arguments`, `Output` (may read `$states.result`), `TimeoutSeconds`. */
export function jsonataTaskFields(options: StateFieldOptions): fc.Arbitrary<JsonObject> {
  return fc
    .tuple(
      fc.constantFrom(...options.resources),
      absentOr(payload().map((Arguments) => ({ Arguments }))),
      absentOr(fc.oneof(resultExpression, payload()).map((Output) => ({ Output }))),
      absentOr(fc.integer({ min: 1, max: 3600 }).map((TimeoutSeconds) => ({ TimeoutSeconds }))),
    )
    .map(([Resource, ...rest]) => Object.assign({ Resource }, ...rest) as JsonObject);
}

/** JSONata Parallel: `Arguments`, `Output`. */
export function jsonataParallelFields(): fc.Arbitrary<JsonObject> {
  return fc
    .tuple(absentOr(payload().map((Arguments) => ({ Arguments }))), absentOr(fc.oneof(resultExpression, payload()).map((Output) => ({ Output }))))
    .map(([a, o]) => ({ ...a, ...o }));
}

/** JSONata inline Map: `Items`, `ItemSelector`, `MaxConcurrency`, `Output`. */
export function jsonataMapFields(): fc.Arbitrary<JsonObject> {
  const items = fc.oneof(
    { weight: 6, arbitrary: fc.constant('{% $states.input.items %}') },
    { weight: 1, arbitrary: fc.constantFrom('{% $states.input.obj %}', '{% [1, 2, 3] %}') },
  );
  const selector = fc.constantFrom<JsonObject>(
    { n: '{% $states.context.Map.Item.Index %}', items: '{% $states.context.Map.Item.Value %}' },
    { value: '{% $states.context.Map.Item.Value %}', s: '{% $states.input.s %}' },
  );
  return fc
    .tuple(
      items,
      absentOr(selector.map((ItemSelector) => ({ ItemSelector }))),
      absentOr(fc.integer({ min: 0, max: 50 }).map((MaxConcurrency) => ({ MaxConcurrency }))),
      absentOr(fc.oneof(resultExpression, payload()).map((Output) => ({ Output }))),
    )
    .map(([Items, ...rest]) => Object.assign({ Items }, ...rest) as JsonObject);
}
