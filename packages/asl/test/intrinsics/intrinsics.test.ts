import { describe, expect, test } from 'vitest';
import { StatesError } from '../../src/errors.js';
import { NO_VARIABLES } from '../../src/eval-env.js';
import type { Json } from '../../src/json.js';
import { compileIntrinsic, IntrinsicSyntaxError, isIntrinsicCall, type IntrinsicEnv } from '../../src/intrinsics/index.js';
import { javaRandomInt } from '../../src/intrinsics/java.js';

const env: IntrinsicEnv = {
  context: { Execution: { Name: 'run-1' }, StateMachine: { Id: 'arn:sm', Name: 'sm' } },
  variables: { get: (name) => (name === 'count' ? 3 : undefined) },
};

const run = (text: string, input: Json = {}, e: IntrinsicEnv = env): Json => compileIntrinsic(text)(input, e);

function failure(text: string, input: Json = {}): string {
  try {
    run(text, input);
  } catch (e) {
    if (e instanceof StatesError) {
      expect(e.error).toBe('States.Runtime');
      expect(e.decorate).toBe(true);
      return e.cause;
    }
    throw e;
  }
  throw new Error('expected a StatesError');
}

describe('intrinsic functions (values recorded against AWS, or from its documentation)', () => {
  test.for([
    { call: "States.Format('Hello, my name is {}.', $.name)", input: { name: 'Arnav' }, expected: 'Hello, my name is Arnav.' },
    { call: "States.Format('{} and {}', $.a, $.b)", input: { a: 1.1, b: null }, expected: '1.1 and null' },
    { call: "States.Format('{}', $.o)", input: { o: { Arg1: 1, Arg2: [], s: 'x', n: { m: [true, 'y'] } } }, expected: '{Arg1=1, Arg2=[], s=x, n={m=[true, y]}}' },
    { call: "States.Format('snd={}.', $$.StateMachine)", input: {}, expected: 'snd={Id=arn:sm, Name=sm}.' },
    { call: "States.Format('\\{\\} is {}, it\\'s \\\\', $.a)", input: { a: 'literal' }, expected: "{} is literal, it's \\" },
    { call: 'States.Format($.t, $.a)', input: { t: 'x={}', a: 2 }, expected: 'x=2' },
    { call: "States.StringToJson('{\"a\": [1, 2]}')", input: {}, expected: { a: [1, 2] } },
    { call: 'States.StringToJson($.s)', input: { s: '' }, expected: null },
    { call: 'States.StringToJson($.s)', input: { s: ' ' }, expected: null },
    { call: 'States.StringToJson($.s)', input: { s: '-0' }, expected: 0 },
    { call: 'States.StringToJson($.s)', input: { s: '"HelloWorld"' }, expected: 'HelloWorld' },
    { call: 'States.JsonToString($.v)', input: { v: { Arg1: 1, Arg2: [] } }, expected: '{"Arg1":1,"Arg2":[]}' },
    { call: 'States.JsonToString($.v)', input: { v: 1.1 }, expected: '1.1' },
    { call: 'States.Array()', input: {}, expected: [] },
    { call: "States.Array('a', 1, -2.5, true, false, null, $.x, $$.Execution.Name, $count)", input: { x: [1] }, expected: ['a', 1, -2.5, true, false, null, [1], 'run-1', 3] },
    { call: 'States.ArrayPartition($.a, 2)', input: { a: [0, 1, 2] }, expected: [[0, 1], [2]] },
    { call: 'States.ArrayPartition($.a, 5)', input: { a: [] }, expected: [] },
    { call: 'States.ArrayContains($.a, $.v)', input: { a: [[1, 2, 3], 2], v: [1, 2, 3] }, expected: true },
    { call: 'States.ArrayContains($.a, $.v)', input: { a: [{ 1: 2, 2: [] }], v: { 2: [], 1: 2 } }, expected: true },
    { call: 'States.ArrayContains($.a, $.v)', input: { a: [], v: [] }, expected: false },
    { call: 'States.ArrayContains($.a, $.v)', input: { a: ['1'], v: 1 }, expected: false },
    { call: 'States.ArrayRange(0, 9, 3)', input: {}, expected: [0, 3, 6, 9] },
    { call: 'States.ArrayRange(0, 10, 3)', input: {}, expected: [0, 3, 6, 9] },
    { call: 'States.ArrayRange(1, 9, 9)', input: {}, expected: [1] },
    { call: 'States.ArrayRange(5, 1, -2)', input: {}, expected: [5, 3, 1] },
    { call: 'States.ArrayRange(1, 5, -1)', input: {}, expected: [] },
    { call: 'States.ArrayGetItem($.a, 5)', input: { a: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, expected: 6 },
    { call: 'States.ArrayLength($.a)', input: { a: [null, [], {}] }, expected: 3 },
    { call: 'States.ArrayUnique($.a)', input: { a: [1, 2, 2, '2', { a: 1 }, { a: 1 }, [1], [1], null, null] }, expected: [1, 2, '2', { a: 1 }, [1], null] },
    { call: 'States.Base64Encode($.s)', input: { s: 'Data to encode' }, expected: 'RGF0YSB0byBlbmNvZGU=' },
    { call: 'States.Base64Encode($.s)', input: { s: '' }, expected: '' },
    { call: 'States.Base64Decode($.s)', input: { s: 'RGF0YSB0byBlbmNvZGU=' }, expected: 'Data to encode' },
    { call: "States.Hash('input data', 'MD5')", input: {}, expected: '812f45842bc6d66ee14572ce20db8e86' },
    { call: "States.Hash('input data', 'SHA-256')", input: {}, expected: 'b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3' },
    { call: "States.Hash('input data', 'SHA-1')", input: {}, expected: 'aaff4a450a104cd177d28d18d74485e8cae074b7' },
    {
      call: 'States.JsonMerge($.a, $.b, false)',
      input: { a: { a: { a1: 1, a2: 2 }, b: 2, d: 3 }, b: { a: { a3: 1, a4: 2 }, c: 3, d: 4 } },
      expected: { a: { a3: 1, a4: 2 }, b: 2, d: 4, c: 3 },
    },
    { call: 'States.MathAdd($.a, $.b)', input: { a: 1.49, b: 1.5 }, expected: 3 },
    { call: 'States.MathAdd($.a, $.b)', input: { a: 1.5, b: 1.51 }, expected: 4 },
    { call: 'States.MathAdd($.a, 0)', input: { a: -1.5 }, expected: -1 },
    { call: 'States.MathAdd($.a, 0)', input: { a: -2.5 }, expected: -2 },
    { call: 'States.MathAdd($.a, 0.5)', input: { a: -0.5 }, expected: 1 },
    { call: 'States.MathAdd(States.ArrayLength($.a), -1)', input: { a: [1, 2] }, expected: 1 },
    { call: 'States.StringSplit($.s, $.d)', input: { s: ',,,,', d: ',' }, expected: [] },
    { call: 'States.StringSplit($.s, $.d)', input: { s: ' , , ', d: ',' }, expected: [' ', ' ', ' '] },
    { call: "States.StringSplit('This.is+a,test=string', '.+,=')", input: {}, expected: ['This', 'is', 'a', 'test', 'string'] },
    { call: 'States.StringSplit($.s, $.d)', input: { s: 'split on T and \nnew line', d: 'T\n' }, expected: ['split on ', ' and ', 'new line'] },
    { call: 'States.MathRandom(0, 999, 3)', input: {}, expected: javaRandomInt(3, 999) },
  ])('$call', ({ call, input, expected }) => {
    expect(run(call, input)).toEqual(expected);
  });

  test('Java Random: the seeded generator matches java.util.Random', () => {
    // new Random(42).nextInt(10) == 0, new Random(0).nextInt(100) == 60 (Java 8-21).
    expect(javaRandomInt(42, 10)).toBe(0);
    expect(javaRandomInt(0, 100)).toBe(60);
    expect(javaRandomInt(42, 16)).toBe(javaRandomInt(42, 16));
  });

  test('randomness comes from env.random when given', () => {
    const seeded: IntrinsicEnv = { ...env, random: () => 0.5 };
    expect(run('States.MathRandom(10, 20)', {}, seeded)).toBe(15);
    expect(run('States.MathRandom(12.5, 44.51)', {}, { ...env, random: () => 0 })).toBe(13);
    expect(run('States.UUID()', {}, seeded)).toBe('80808080-8080-4080-8080-808080808080');
    expect(run('States.UUID()', {})).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const value = run('States.MathRandom(-99999, -9999)', {}) as number;
    expect(Number.isInteger(value) && value >= -99999 && value < -9999).toBe(true);
  });

  test('the documented nine-deep nesting works', () => {
    // The documentation's example has three placeholders and two values; this is the same shape with two.
    const call =
      "States.Format('{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))";
    expect(run(call, { ImageRecipe: { Arn: 'arn:aws:imagebuilder:us-east-1:1:image-recipe/my-recipe/1.0.0' } })).toBe('1.0');
  });
});

describe('run-time failures are decorated States.Runtime errors', () => {
  test.for([
    { call: 'States.ArrayGetItem($.a, 3)', input: { a: [1, 2, 3] }, cause: 'Invalid arguments in States.ArrayGetItem: the index 3 is out of bounds for an array of 3 items' },
    { call: 'States.ArrayGetItem($.a, 0)', input: { a: 'x' }, cause: 'Invalid arguments in States.ArrayGetItem: the first argument must be an array, but was string' },
    { call: 'States.ArrayPartition($.a, 0)', input: { a: [1] }, cause: 'Invalid arguments in States.ArrayPartition: the chunk size must be greater than 0, but was 0' },
    { call: 'States.ArrayRange(0, 1000, 1)', input: {}, cause: 'Invalid arguments in States.ArrayRange: the range would have 1001 items, more than the limit of 1000' },
    { call: 'States.ArrayRange(0, 10, 0)', input: {}, cause: 'Invalid arguments in States.ArrayRange: the step must not be 0' },
    { call: "States.Format('{} {}', 1)", input: {}, cause: 'Invalid arguments in States.Format: the template has 2 placeholders but 1 value was given' },
    { call: 'States.Format($.t)', input: { t: 3 }, cause: 'Invalid arguments in States.Format: the first argument must be a string, but was number' },
    { call: "States.StringToJson('{nope')", input: {}, cause: 'Invalid arguments in States.StringToJson: the argument is not valid JSON: {nope' },
    { call: "States.Hash('x', 'SHA-3')", input: {}, cause: 'Invalid arguments in States.Hash: the algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, but was SHA-3' },
    { call: 'States.JsonMerge($.a, $.a, true)', input: { a: {} }, cause: 'Invalid arguments in States.JsonMerge: deep merging is not supported; the third argument must be false' },
    { call: 'States.MathAdd(2147483647, 1)', input: {}, cause: 'Invalid arguments in States.MathAdd: the result 2147483648 is outside the 32-bit integer range' },
    { call: "States.MathAdd('1', 1)", input: {}, cause: 'Invalid arguments in States.MathAdd: the first argument must be a number, but was string' },
    { call: 'States.MathRandom(5, 5)', input: {}, cause: 'Invalid arguments in States.MathRandom: the end (5) must be greater than the start (5)' },
    { call: 'States.Base64Decode($.s)', input: { s: '%%%' }, cause: 'Invalid arguments in States.Base64Decode: the argument is not valid Base64: %%%' },
    { call: 'States.Base64Encode($.s)', input: { s: 'x'.repeat(10_001) }, cause: 'Invalid arguments in States.Base64Encode: the argument must be at most 10000 characters long, but has 10001' },
    { call: 'States.ArrayLength($.missing)', input: { a: 1 }, cause: `The JSONPath '$.missing' specified for the field 'States.ArrayLength($.missing)' could not be found in the input '{"a":1}'` },
  ])('$call', ({ call, input, cause }) => {
    expect(failure(call, input)).toBe(cause);
  });
});

describe('syntax', () => {
  test('isIntrinsicCall', () => {
    expect(isIntrinsicCall("States.Format('x')")).toBe(true);
    expect(isIntrinsicCall(' States.UUID ()')).toBe(true);
    expect(isIntrinsicCall('$.States.Format')).toBe(false);
    expect(isIntrinsicCall('States.Format')).toBe(false);
  });

  test('paths with commas, parentheses and quotes inside brackets are one argument', () => {
    const input = { a: [{ b: 'x, y)' }, { b: 'z' }] };
    expect(run("States.Array($.a[?(@.b == 'x, y)')].b, $['a'][1].b)", input)).toEqual([['x, y)'], 'z']);
  });

  test.for([
    { call: 'States.Nope(1)', message: "Invalid intrinsic function call 'States.Nope(1)': States.Nope is not an intrinsic function." },
    { call: 'States.ArrayLength()', message: "Invalid intrinsic function call 'States.ArrayLength()': States.ArrayLength takes 1 argument, but 0 were given." },
    { call: 'States.UUID(1)', message: "Invalid intrinsic function call 'States.UUID(1)': States.UUID takes 0 arguments, but 1 was given." },
    { call: 'States.MathRandom(1)', message: "Invalid intrinsic function call 'States.MathRandom(1)': States.MathRandom takes 2 to 3 arguments, but 1 was given." },
    { call: 'States.Format()', message: "Invalid intrinsic function call 'States.Format()': States.Format takes at least 1 arguments, but 0 were given." },
    { call: "States.Format('x'", message: "Invalid intrinsic function call 'States.Format('x'': missing ')' to close States.Format at position 17." },
    { call: "States.Format('x) ", message: "Invalid intrinsic function call 'States.Format('x) ': unterminated string literal at position 18." },
    { call: 'States.Array(foo)', message: "Invalid intrinsic function call 'States.Array(foo)': unexpected 'f' in the arguments at position 13." },
    {
      call: "States.Format('He said \\\"hi\\\"')",
      message: "Invalid intrinsic function call 'States.Format('He said \\\"hi\\\"')': illegal escape '\\\"' in a string literal; only \\' \\{ \\} and \\\\ are allowed at position 23.",
    },
    { call: 'States.Array(1) x', message: "Invalid intrinsic function call 'States.Array(1) x': unexpected 'x' after the call at position 16." },
    { call: 'States.Array($.a b)', message: "Invalid intrinsic function call 'States.Array($.a b)': Invalid JSONPath '$.a b': a name in dot notation must not contain blanks; use bracket notation ['my prop'] at position 3." },
  ])('$call', ({ call, message }) => {
    expect(() => compileIntrinsic(call)).toThrow(IntrinsicSyntaxError);
    expect(() => compileIntrinsic(call)).toThrow(message);
  });

  test('nesting: 10 levels compile, 11 do not', () => {
    const nest = (depth: number): string => (depth === 1 ? 'States.Array(1)' : `States.Array(${nest(depth - 1)})`);
    expect(compileIntrinsic(nest(10))({}, { context: {}, variables: NO_VARIABLES })).toEqual([[[[[[[[[[1]]]]]]]]]]);
    expect(() => compileIntrinsic(nest(11))).toThrow('intrinsic functions can be nested at most 10 deep');
  });
});
