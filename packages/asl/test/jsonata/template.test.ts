import { describe, expect, test } from 'vitest';
import { StatesError } from '../../src/errors.js';
import { NO_VARIABLES, type VariableLookup } from '../../src/eval-env.js';
import type { Json, JsonObject } from '../../src/json.js';
import {
  compileJsonataCondition,
  compileJsonataTemplate,
  isJsonataExpression,
  isJsonataTemplate,
  JsonataSyntaxError,
  type JsonataBindings,
} from '../../src/jsonata/index.js';

const context: JsonObject = { Execution: { Name: 'run-1' }, State: { Name: 'S', RetryCount: 0 } };

function variables(values: Record<string, Json>): VariableLookup {
  return { get: (name) => values[name] };
}

function bindings(input: Json, extra: Partial<JsonataBindings> = {}): JsonataBindings {
  return { input, context, variables: NO_VARIABLES, ...extra };
}

async function failure(promise: Promise<unknown>): Promise<StatesError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error('expected a StatesError');
}

describe('compileJsonataTemplate: values', () => {
  test.for([
    { name: 'a literal', value: { a: 1, b: ['x'] }, input: {}, expected: { a: 1, b: ['x'] } },
    { name: 'a string not wrapped in {% %}', value: ' {% 1 %}', input: {}, expected: ' {% 1 %}' },
    { name: 'one expression', value: '{% $states.input.a + 1 %}', input: { a: 1 }, expected: 2 },
    {
      name: 'expressions at any depth',
      value: { x: ['{% $states.input.a %}', { y: '{% $states.input.a * 10 %}' }], z: 'lit' },
      input: { a: 2 },
      expected: { x: [2, { y: 20 }], z: 'lit' },
    },
    { name: 'a sequence becomes a plain array', value: '{% $states.input.items.v %}', input: { items: [{ v: 1 }, { v: 2 }] }, expected: [1, 2] },
    { name: 'a one-item sequence is the item', value: '{% $states.input.items.v %}', input: { items: [{ v: 1 }] }, expected: 1 },
    { name: 'a constructed array stays an array', value: '{% [$states.input.a] %}', input: { a: 1 }, expected: [1] },
    { name: 'object constructors drop undefined keys', value: "{% {'a': $states.input.missing, 'b': 1} %}", input: {}, expected: { b: 1 } },
    { name: '1/0 is "Infinity"', value: '{% 1/0 %}', input: {}, expected: 'Infinity' },
    { name: '1/0 in an array', value: '{% [1/0, -1/0] %}', input: {}, expected: ['Infinity', '-Infinity'] },
    { name: '1/0 in an object', value: "{% {'k': 1/0} %}", input: {}, expected: { k: 'Infinity' } },
    { name: 'NaN', value: '{% $parseInteger("abc", "0") %}', input: {}, expected: 'NaN' },
    { name: 'null is a value', value: '{% null %}', input: {}, expected: null },
    { name: 'a regular expression', value: '{% $contains("hello$world", /^hello\\$/) %}', input: {}, expected: true },
    { name: 'a local binding', value: '{% $variable := 1 %}', input: {}, expected: 1 },
  ])('$name', async ({ value, input, expected }) => {
    const compiled = compileJsonataTemplate(value as Json, 'Output');
    expect(await compiled.evaluate(bindings(input as Json))).toEqual(expected);
  });

  test('$states holds input, context, then result or errorOutput when present', async () => {
    const compiled = compileJsonataTemplate('{% $states %}', 'Output');
    expect(await compiled.evaluate(bindings({ a: 1 }))).toEqual({ input: { a: 1 }, context });
    const withResult = await compiled.evaluate(bindings({ a: 1 }, { result: [1] }));
    expect(Object.keys(withResult as JsonObject)).toEqual(['input', 'context', 'result']);
    const caught = await compiled.evaluate(bindings({}, { errorOutput: { Error: 'E', Cause: 'c' } }));
    expect(caught).toEqual({ input: {}, context, errorOutput: { Error: 'E', Cause: 'c' } });
  });

  test('workflow variables are $name; a template reads them all from one lookup', async () => {
    const compiled = compileJsonataTemplate({ x: '{% $y %}', y: '{% $x %}', n: '{% $count($list) %}' }, 'Assign');
    const vars = variables({ x: 1, y: 2, list: [1, 2, 3] });
    expect(await compiled.evaluate(bindings({}, { variables: vars }))).toEqual({ x: 2, y: 1, n: 3 });
    expect(compiled.variableNames).toEqual(['y', 'x', 'list']);
    expect(compiled.dynamic).toBe(true);
  });

  test('a variable named like a function is not reported, local names neither', () => {
    const compiled = compileJsonataTemplate('{% ($f := function($v) { $v + $k }; $sum([$f(1)])) %}', 'Output');
    expect(compiled.variableNames).toEqual(['k']);
  });

  test('a literal is returned as written, without evaluation', async () => {
    const literal = { a: [1, 2] };
    const compiled = compileJsonataTemplate(literal, 'Output');
    expect(compiled.dynamic).toBe(false);
    expect(await compiled.evaluate(bindings({}))).toBe(literal);
  });

  test('inputs are never mutated', async () => {
    const input = deepFreeze({ items: [{ v: [1, 2] }, { v: [3] }], n: [3, 1, 2] });
    const compiled = compileJsonataTemplate(
      { a: '{% $states.input.items.v %}', b: '{% $sort($states.input.n) %}', c: '{% $states.input.items[0] %}' },
      'Output',
    );
    expect(await compiled.evaluate(bindings(input))).toEqual({ a: [1, 2, 3], b: [1, 2, 3], c: { v: [1, 2] } });
  });
});

describe('compileJsonataTemplate: AWS errors', () => {
  test.for([
    {
      name: 'undefined at the root',
      value: '{% $doesNotExist %}',
      field: 'Output',
      cause: "The JSONata expression '$doesNotExist' specified for the field 'Output' returned nothing (undefined).",
    },
    {
      name: 'undefined under a key',
      value: { result: '{% $doesNotExist %}' },
      field: 'Output',
      cause: "The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).",
    },
    {
      name: 'undefined in an array of a nested field',
      value: { a: { b: [1, '{%$states.input.nope%}'] } },
      field: 'Choices[1]/Output',
      cause:
        "The JSONata expression '$states.input.nope' specified for the field 'Choices[1]/Output/a/b[1]' returned nothing (undefined).",
    },
    {
      name: 'an unknown function',
      value: { FunctionResult: '{% $randomSeeded($states.input.FunctionInput.fst) %}' },
      field: 'Output',
      cause:
        "The JSONata expression '$randomSeeded($states.input.FunctionInput.fst)' specified for the field 'Output/FunctionResult' threw an error during evaluation. T1006: Attempted to invoke a non-function",
    },
    {
      name: '$eval is unavailable',
      value: '{% $eval("1+1") %}',
      field: 'Output',
      cause:
        "The JSONata expression '$eval(\"1+1\")' specified for the field 'Output' threw an error during evaluation. T1006: Attempted to invoke a non-function",
    },
    {
      name: 'a type error',
      value: '{% $sum("a") %}',
      field: 'Arguments',
      cause:
        "The JSONata expression '$sum(\"a\")' specified for the field 'Arguments' threw an error during evaluation. T0412: Argument 1 of function \"sum\" must be an array of \"numbers\"",
    },
    {
      name: 'a function',
      value: '{% $fn := function($x){$x} %}',
      field: 'Items',
      cause: "The JSONata expression '$fn := function($x){$x}' specified for the field 'Items' returned an unsupported result type.",
    },
  ])('$name', async ({ value, field, cause }) => {
    const error = await failure(compileJsonataTemplate(value as Json, field).evaluate(bindings({})));
    expect(error).toEqual(new StatesError('States.QueryEvaluationError', cause, true));
  });

  test.for([
    { value: '1', type: 'number', shown: '1' },
    { value: "'string'", type: 'string', shown: '"string"' },
    { value: 'true', type: 'boolean', shown: 'true' },
    { value: 'null', type: 'null', shown: 'null' },
    { value: "{'foo': 'bar'}", type: 'object', shown: '{"foo":"bar"}' },
  ])("Items that are $type", async ({ value, type, shown }) => {
    const error = await failure(compileJsonataTemplate(`{% ${value} %}`, 'Items').evaluate(bindings({}), { expect: 'array' }));
    expect(error.cause).toBe(
      `The JSONata expression '${value}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${type}' for value: ${shown}`,
    );
  });

  test('an expected integer', async () => {
    const compiled = compileJsonataTemplate('{% $states.input.t %}', 'TimeoutSeconds');
    expect(await compiled.evaluate(bindings({ t: 3 }), { expect: 'integer' })).toBe(3);
    const error = await failure(compiled.evaluate(bindings({ t: 1.5 }), { expect: 'integer' }));
    expect(error.cause).toBe(
      "The JSONata expression '$states.input.t' specified for the field 'TimeoutSeconds' returned an unexpected result type. Expected 'integer', but was 'number' for value: 1.5",
    );
  });

  test('an expression that does not parse fails at compile time with AWS wording', () => {
    let thrown: unknown;
    try {
      compileJsonataTemplate({ a: ['{% a[1,2) %}'] }, 'Output');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(JsonataSyntaxError);
    expect((thrown as JsonataSyntaxError).message).toBe('Expected "]", got ","');
    expect((thrown as JsonataSyntaxError).code).toBe('INVALID_JSONATA_EXPRESSION');
    expect((thrown as JsonataSyntaxError).expression).toBe('a[1,2)');
  });
});

describe('compileJsonataCondition', () => {
  const condition = compileJsonataCondition('{% $states.input.cost < 10 %}', 'Choices[0]/Condition');

  test('evaluates to a boolean', async () => {
    expect(await condition.evaluate(bindings({ cost: 5 }))).toBe(true);
    expect(await condition.evaluate(bindings({ cost: 50 }))).toBe(false);
  });

  test('anything but a boolean fails', async () => {
    const error = await failure(compileJsonataCondition('{% $states.input.n %}', 'Choices[2]/Condition').evaluate(bindings({ n: 1 })));
    expect(error.cause).toBe(
      "The JSONata expression '$states.input.n' specified for the field 'Choices[2]/Condition' returned an unexpected result type. Expected 'boolean', but was 'number' for value: 1",
    );
    const nothing = await failure(condition.evaluate(bindings({})));
    expect(nothing.cause).toBe(
      "The JSONata expression '$states.input.cost < 10' specified for the field 'Choices[0]/Condition' returned nothing (undefined).",
    );
  });

  test('must be a {% %} expression', () => {
    expect(() => compileJsonataCondition('true', 'Choices[0]/Condition')).toThrowErrorMatchingInlineSnapshot(
      `[JsonataSyntaxError: The field 'Choices[0]/Condition' must be a JSONata expression written as '{% ... %}'.]`,
    );
  });
});

describe('isJsonataExpression / isJsonataTemplate', () => {
  test.for([
    { value: '{% 1 %}', expression: true, template: true },
    { value: '{%1%}', expression: true, template: true },
    { value: ' {% 1 %}', expression: false, template: false },
    { value: '{% 1 %} ', expression: false, template: false },
    { value: '{%}', expression: false, template: false },
    { value: { a: [{ b: '{% 1 %}' }] }, expression: false, template: true },
    { value: [1, 'x'], expression: false, template: false },
    { value: 3, expression: false, template: false },
  ])('$value', ({ value, expression, template }) => {
    expect(isJsonataExpression(value)).toBe(expression);
    expect(isJsonataTemplate(value as Json)).toBe(template);
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}
