import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { StatesError } from '../../src/errors.js';
import type { EvalEnv } from '../../src/eval-env.js';
import type { Json } from '../../src/json.js';
import { PathSyntaxError } from '../../src/path/index.js';
import {
  compileInputPath,
  compileOutputPath,
  compileResultPath,
  compileTemplate,
  compileValueSelector,
  resultPathGrowth,
} from '../../src/payload/index.js';

const env: EvalEnv = {
  context: { Execution: { Name: 'run-1', Input: { n: 1 } }, Map: { Item: { Index: 3, Value: 'v' } } },
  variables: { get: (name) => (name === 'limit' ? 10 : undefined) },
};

function failure(run: () => unknown): { error: string; cause: string; decorate: boolean } {
  try {
    run();
  } catch (e) {
    if (e instanceof StatesError) return { error: e.error, cause: e.cause, decorate: e.decorate };
    throw e;
  }
  throw new Error('expected a StatesError');
}

describe('InputPath and OutputPath', () => {
  test.for([
    { path: undefined, input: { a: 1 }, expected: { a: 1 } },
    { path: '$', input: { a: 1 }, expected: { a: 1 } },
    { path: null, input: { a: 1 }, expected: {} },
    { path: '$.a', input: { a: { b: 2 } }, expected: { b: 2 } },
    { path: '$.a[*].b', input: { a: [{ b: 1 }, { c: 2 }, { b: 3 }] }, expected: [1, 3] },
    { path: '$.a[?(@.b > 1)]', input: { a: [{ b: 1 }, { b: 3 }] }, expected: [{ b: 3 }] },
    { path: '$.none[*]', input: { a: 1 }, expected: [] },
    { path: '$$.Execution.Name', input: {}, expected: 'run-1' },
    { path: '$limit', input: {}, expected: 10 },
  ])('$path', ({ path, input, expected }) => {
    expect(compileInputPath(path)(input, env)).toEqual(expected);
    expect(compileOutputPath(path)(input, env)).toEqual(expected);
  });

  test.for([
    { path: '$.NoSuchInputPath', input: { 'int-literal': 0 }, cause: "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']" },
    { path: '$.no.such.result.path', input: { a: 1 }, cause: "Invalid path '$.no.such.result.path' : Missing property in path $['no']" },
  ])('a miss is a decorated States.Runtime: $path', ({ path, input, cause }) => {
    expect(failure(() => compileInputPath(path)(input, env))).toEqual({ error: 'States.Runtime', cause, decorate: true });
    expect(failure(() => compileOutputPath(path)(input, env))).toEqual({ error: 'States.Runtime', cause, decorate: true });
  });

  test('null gives a fresh object each time', () => {
    const select = compileInputPath(null);
    expect(select(1, env)).not.toBe(select(1, env));
  });
});

describe('ResultPath', () => {
  // The engine skips measuring the output of a Pass with a constant Result when the input's size
  // plus this growth is under the quota: the growth must never be too small.
  test('resultPathGrowth bounds how much the merged output\'s JSON can exceed the input\'s', () => {
    const key = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 6 });
    const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');
    let checked = 0;
    const inputs = fc.oneof(fc.jsonValue(), fc.dictionary(key, fc.jsonValue()));
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 4 }), inputs, fc.jsonValue(), (keys, input, result) => {
        const text = '$' + keys.map((k) => `[${JSON.stringify(k).replace(/^"|"$/g, "'")}]`).join('');
        let merge: (input: Json, result: Json) => Json;
        try {
          merge = compileResultPath(text);
        } catch {
          return; // a key the path grammar cannot spell
        }
        let output: Json;
        try {
          output = merge(input as Json, result as Json);
        } catch {
          return; // the path runs into a non-object: the state fails instead
        }
        expect(bytes(output)).toBeLessThanOrEqual(bytes(input) + resultPathGrowth(text, bytes(result))!);
        checked++;
      }),
    );
    expect(checked).toBeGreaterThan(20); // the generators reach the merge, not only its failures
    expect(resultPathGrowth(null, 10)).toBe(0);
    expect(resultPathGrowth('$', 10)).toBeNull();
    expect(resultPathGrowth(undefined, 10)).toBeNull();
    expect(resultPathGrowth('$.a.bc', 10)).toBe(10 + 12 + 18);
  });

  test.for([
    { path: undefined, input: { a: 1 }, result: 'r', expected: 'r' },
    { path: '$', input: { a: 1 }, result: 'r', expected: 'r' },
    { path: null, input: { a: 1 }, result: 'r', expected: { a: 1 } },
    { path: '$.b', input: { a: 1 }, result: 'r', expected: { a: 1, b: 'r' } },
    { path: '$.a', input: { a: 1, z: 2 }, result: 'r', expected: { a: 'r', z: 2 } },
    { path: '$.x.y.z', input: { a: 1 }, result: 0, expected: { a: 1, x: { y: { z: 0 } } } },
    { path: '$.x.y', input: { x: { k: true } }, result: null, expected: { x: { k: true, y: null } } },
    { path: "$['a b']", input: {}, result: false, expected: { 'a b': false } },
    { path: '$.list[1]', input: { list: [1, 2, 3] }, result: 'r', expected: { list: [1, 'r', 3] } },
    { path: '$.list[-1].v', input: { list: [{}, { w: 1 }] }, result: 'r', expected: { list: [{}, { w: 1, v: 'r' }] } },
  ])('$path', ({ path, input, result, expected }) => {
    expect(compileResultPath(path)(input, result)).toEqual(expected);
  });

  test.for([
    { path: '$.a', input: 'text' },
    { path: '$.a.b', input: { a: 1 } },
    { path: '$.a.b', input: { a: null } },
    { path: '$.a.b', input: { a: [] } },
    { path: '$.list[5]', input: { list: [] } },
    { path: '$[0]', input: { a: 1 } },
  ])('cannot be applied: $path to $input', ({ path, input }) => {
    expect(failure(() => compileResultPath(path)(input, 'r'))).toEqual({
      error: 'States.ResultPathMatchFailure',
      cause: `Unable to apply ReferencePath ${path} to input ${JSON.stringify(input)}`,
      decorate: false,
    });
  });

  test.for(['$.a[*]', '$..a', '$$.Execution', '$var.x', '$.a[0:1]'])('%s is not a reference path into the input', (path) => {
    expect(() => compileResultPath(path)).toThrow(PathSyntaxError);
  });

  test('copies only along the path and never mutates the input', () => {
    const shared = { big: [1, 2, 3] };
    const input = { keep: shared, into: { old: 1 } };
    const output = compileResultPath('$.into.new')(input, 'r') as { keep: unknown; into: unknown };
    expect(input).toEqual({ keep: { big: [1, 2, 3] }, into: { old: 1 } });
    expect(output.keep).toBe(shared);
  });

  test('law: reading the ResultPath back gives the result, and other keys are untouched', () => {
    const key = fc.constantFrom('a', 'b', 'c');
    fc.assert(
      fc.property(fc.dictionary(key, fc.jsonValue() as fc.Arbitrary<Json>), fc.array(key, { minLength: 1, maxLength: 3 }), fc.jsonValue() as fc.Arbitrary<Json>, (input, keys, result) => {
        const path = `$.${keys.join('.')}`;
        let output: Json;
        try {
          output = compileResultPath(path)(input, result);
        } catch (e) {
          expect(e).toBeInstanceOf(StatesError);
          return;
        }
        expect(compileOutputPath(path)(output, env)).toEqual(result);
        for (const k of Object.keys(input)) if (k !== keys[0]) expect((output as Record<string, Json>)[k]).toEqual(input[k]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('payload templates', () => {
  test('paths, context, variables, intrinsics, literals, nesting and arrays', () => {
    const template = compileTemplate({
      'id.$': '$.order.id',
      'all.$': '$.order.items[*].sku',
      'run.$': '$$.Execution.Name',
      'index.$': '$$.Map.Item.Index',
      'limit.$': '$limit',
      'greeting.$': "States.Format('Order {} of {}', $.order.id, $$.Execution.Name)",
      literal: '$.not.a.path',
      nested: { deeper: [{ 'sku.$': '$.order.items[0].sku' }, 1, null] },
      list: ['a', { 'b.$': '$.order.id' }],
    });
    const input = { order: { id: 7, items: [{ sku: 'A' }, { sku: 'B' }] } };
    expect(template(input, env)).toEqual({
      id: 7,
      all: ['A', 'B'],
      run: 'run-1',
      index: 3,
      limit: 10,
      greeting: 'Order 7 of run-1',
      literal: '$.not.a.path',
      nested: { deeper: [{ sku: 'A' }, 1, null] },
      list: ['a', { b: 7 }],
    });
  });

  test('a template that is an array, and a scalar template', () => {
    expect(compileTemplate([{ 'x.$': '$.a' }, 'lit'])({ a: 1 }, env)).toEqual([{ x: 1 }, 'lit']);
    expect(compileTemplate(5)({}, env)).toBe(5);
  });

  test('builds new objects on every call', () => {
    const template = compileTemplate({ nested: { a: 1 } });
    expect(template({}, env)).not.toBe(template({}, env));
  });

  test.for([
    {
      template: { 'value.$': '$.no_such_jsonpath' },
      input: { 'int-literal': 0 },
      cause: `The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{"int-literal":0}'`,
    },
    {
      template: { 'value.$': '$$.Execution.Input.no_such_jsonpath' },
      input: { 'int-literal': 0 },
      cause: `The JSONPath '$$.Execution.Input.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{"int-literal":0}'`,
    },
    {
      template: { outer: { 'inner.$': "States.Format('{}', $.missing)" } },
      input: { a: 'x' },
      cause: `The JSONPath '$.missing' specified for the field 'inner.$' could not be found in the input '{"a":"x"}'`,
    },
  ])('a miss names the field: $cause', ({ template, input, cause }) => {
    expect(failure(() => compileTemplate(template)(input, env))).toEqual({ error: 'States.Runtime', cause, decorate: true });
  });

  test.for([{ 'x.$': 5 }, { 'x.$': 'not a path' }, { 'x.$': null }])('rejects a .$ value that is neither path nor intrinsic: %j', (template) => {
    expect(() => compileTemplate(template)).toThrow("The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call");
  });

  test('law: a template without .$ keys builds an equal copy of itself', () => {
    const noDollarKeys = (fc.jsonValue() as fc.Arbitrary<Json>).filter((v) => !JSON.stringify(v).includes('.$"'));
    fc.assert(
      fc.property(noDollarKeys, (template) => {
        expect(compileTemplate(template)({ unused: true }, env)).toEqual(template);
      }),
      { numRuns: 200 },
    );
  });

  test('a key named __proto__ stays a key', () => {
    const out = compileTemplate(JSON.parse('{"__proto__": {"polluted": true}, "a.$": "$.a"}') as Json)({ a: 1 }, env) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('compileValueSelector', () => {
  test('paths and intrinsics; undefined when a definite path finds nothing', () => {
    expect(compileValueSelector('$.wait')({ wait: 5 }, env)).toBe(5);
    expect(compileValueSelector('$.missing')({}, env)).toBeUndefined();
    expect(compileValueSelector("States.Format('{}-{}', $.a, $.b)")({ a: 1, b: 'x' }, env)).toBe('1-x');
  });
});
