import { describe, expect, test } from 'vitest';
import { NO_VARIABLES, type EvalEnv } from '../../src/eval-env.js';
import type { Json } from '../../src/json.js';
import { compilePath, PathSyntaxError } from '../../src/path/index.js';

const env: EvalEnv = {
  context: { Execution: { Name: 'run-1', Input: { a: 1 } }, State: { Name: 'S' } },
  variables: { get: (name) => ({ answer: 42, obj: { x: [1, 2] } } as Record<string, Json>)[name] },
};

const store: Json = {
  store: {
    book: [
      { category: 'reference', author: 'Nigel Rees', title: 'Sayings', price: 8.95 },
      { category: 'fiction', author: 'Evelyn Waugh', title: 'Sword', price: 12.99 },
      { category: 'fiction', author: 'Herman Melville', title: 'Moby Dick', isbn: '0-553', price: 8.99 },
      { category: 'fiction', author: 'J. R. R. Tolkien', title: 'LOTR', isbn: '0-395', price: 22.99 },
    ],
    bicycle: { color: 'red', price: 19.95 },
  },
  expensive: 10,
  'a b': 'spaced',
  "it's": 'quoted',
  nothing: null,
  zero: 0,
  constructor: 'own',
  scalars: [1, 2, 3],
};

describe('compilePath: definite paths', () => {
  test.for([
    { path: '$', expected: store },
    { path: '$.expensive', expected: 10 },
    { path: '$.store.bicycle.color', expected: 'red' },
    { path: "$['store']['bicycle']['color']", expected: 'red' },
    { path: '$["store"].bicycle["price"]', expected: 19.95 },
    { path: "$['a b']", expected: 'spaced' },
    { path: "$.['a b']", expected: 'spaced' },
    { path: "$['it\\'s']", expected: 'quoted' },
    { path: '$.store.book[0].author', expected: 'Nigel Rees' },
    { path: '$.store.book[-1].title', expected: 'LOTR' },
    { path: '$.store.book[ 1 ].price', expected: 12.99 },
    { path: '$.nothing', expected: null },
    { path: '$.zero', expected: 0 },
    { path: '$.constructor', expected: 'own' },
    { path: '$.missing', expected: undefined },
    { path: '$.store.book[9]', expected: undefined },
    { path: '$.store.bicycle[0]', expected: undefined },
    { path: '$.expensive.deeper', expected: undefined },
    { path: '$.toString', expected: undefined },
    { path: '$.store.book.length()', expected: undefined },
    { path: "$.store.bicycle['color','price']", expected: { color: 'red', price: 19.95 } },
  ])('$path', ({ path, expected }) => {
    const compiled = compilePath(path);
    expect(compiled.definite).toBe(true);
    expect(compiled.select(store, env)).toEqual(expected);
  });

  test('roots: $$ is the context object, $name a variable', () => {
    expect(compilePath('$$.Execution.Name').select({}, env)).toBe('run-1');
    expect(compilePath('$$').select({}, env)).toBe(env.context);
    expect(compilePath('$answer').select({}, env)).toBe(42);
    expect(compilePath('$obj.x[1]').select({}, env)).toBe(2);
    expect(compilePath('$nope').select({}, env)).toBeUndefined();
    expect(compilePath('$nope.x').select({}, { context: {}, variables: NO_VARIABLES })).toBeUndefined();
  });

  test('reference paths are the names-and-indexes ones', () => {
    expect(compilePath('$.a[0].b').reference).toBe(true);
    expect(compilePath('$.a[*]').reference).toBe(false);
    expect(compilePath("$['a','b']").reference).toBe(false);
  });
});

describe('compilePath: indefinite paths return arrays', () => {
  test.for([
    { path: '$.store.book[*].author', expected: ['Nigel Rees', 'Evelyn Waugh', 'Herman Melville', 'J. R. R. Tolkien'] },
    { path: '$..author', expected: ['Nigel Rees', 'Evelyn Waugh', 'Herman Melville', 'J. R. R. Tolkien'] },
    { path: '$.store.*.color', expected: ['red'] },
    { path: '$.store..price', expected: [8.95, 12.99, 8.99, 22.99, 19.95] },
    { path: '$..book[2].title', expected: ['Moby Dick'] },
    { path: '$..book[-1:].title', expected: ['LOTR'] },
    { path: '$.store.book[0,1].title', expected: ['Sayings', 'Sword'] },
    { path: '$.store.book[:2].title', expected: ['Sayings', 'Sword'] },
    { path: '$.store.book[1:3].title', expected: ['Sword', 'Moby Dick'] },
    { path: '$.store.book[-2:].title', expected: ['Moby Dick', 'LOTR'] },
    { path: '$.store.book[2:].title', expected: ['Moby Dick', 'LOTR'] },
    { path: '$.store.book[?(@.isbn)].title', expected: ['Moby Dick', 'LOTR'] },
    { path: '$.store.book[?(!@.isbn)].title', expected: ['Sayings', 'Sword'] },
    { path: '$.store.book[?(@.price < 10)].title', expected: ['Sayings', 'Moby Dick'] },
    { path: '$.store.book[?(@.price <= $.expensive)].title', expected: ['Sayings', 'Moby Dick'] },
    { path: "$.store.book[?(@.category == 'reference')].price", expected: [8.95] },
    { path: '$.store.book[?(@.category != "fiction")].price', expected: [8.95] },
    { path: "$.store.book[?(@.isbn != '0-553')].title", expected: ['Sayings', 'Sword', 'LOTR'] },
    { path: "$.store.book[?(@.isbn nin ['0-553'])].title", expected: ['Sayings', 'Sword', 'LOTR'] },
    { path: "$.store.book[?(@.isbn == '0-553')].title", expected: ['Moby Dick'] },
    { path: '$.store.book[?(@.price > 10 && @.category == "fiction")].title', expected: ['Sword', 'LOTR'] },
    { path: '$.store.book[?(@.price > 20 || @.price < 9)].title', expected: ['Sayings', 'Moby Dick', 'LOTR'] },
    { path: '$.store.book[?(@.author =~ /.*melville/i)].title', expected: ['Moby Dick'] },
    { path: "$.store.book[?(@.category in ['reference'])].title", expected: ['Sayings'] },
    { path: "$.store.book[?(@.category nin ['fiction'])].title", expected: ['Sayings'] },
    { path: '$.store.book[?(@.price == "8.95")].title', expected: ['Sayings'] },
    { path: '$.store.book[?(@.title size 4)].title', expected: ['LOTR'] },
    { path: '$..book[?(@.price > 20)].title', expected: ['LOTR'] },
    { path: '$.store.bicycle[?(@.color)].price', expected: [19.95] },
    { path: '$.missing[*]', expected: [] },
    { path: "$..['color','price']", expected: [{ color: 'red', price: 19.95 }] },
    // AWS: "The @ operator ... does not match scalar values. It only matches objects."
    { path: '$.store.book[*].price[?(@ > 10)]', expected: [] },
    { path: '$.scalars[?(@ > 1)]', expected: [] },
    { path: '$.expensive[*]', expected: [] },
  ])('$path', ({ path, expected }) => {
    const compiled = compilePath(path);
    expect(compiled.definite).toBe(false);
    expect(compiled.select(store, env)).toEqual(expected);
  });
});

describe('compilePath: misses explained in Jayway words', () => {
  test.for([
    { path: '$.NoSuchInputPath', input: { a: 1 }, message: "No results for path: $['NoSuchInputPath']" },
    { path: '$.no.such.result.path', input: { a: 1 }, message: "Missing property in path $['no']" },
    { path: '$.a.b.c', input: { a: {} }, message: "Missing property in path $['a']['b']" },
    { path: '$.a.b', input: { a: {} }, message: "No results for path: $['a']['b']" },
    { path: '$.a[3].b', input: { a: [] }, message: "No results for path: $['a'][3]['b']" },
    // Recorded by a user against AWS: InputPath "$['a', 'b'].v".
    { path: "$['a', 'b'].v", input: { a: { v: 1 }, b: { v: 2 } }, message: "Multi properties can only be used as path leafs: $['a', 'b']" },
  ])('$path', ({ path, input, message }) => {
    const compiled = compilePath(path);
    expect(compiled.select(input, env)).toBeUndefined();
    expect(compiled.explainMiss(input, env)).toBe(message);
  });
});

describe('compilePath: syntax errors', () => {
  test.for([
    { path: '', message: "Invalid JSONPath '': a path must not be empty at position 0." },
    { path: 'a.b', message: "Invalid JSONPath 'a.b': a path must start with '$' at position 0." },
    { path: '$.', message: "Invalid JSONPath '$.': a path must not end with '.' at position 2." },
    { path: '$..', message: "Invalid JSONPath '$..': a path must not end with '..' at position 3." },
    { path: '$.a b', message: "Invalid JSONPath '$.a b': a name in dot notation must not contain blanks; use bracket notation ['my prop'] at position 3." },
    { path: '$[abc]', message: "Invalid JSONPath '$[abc]': expected an index in brackets but found 'abc' at position 2." },
    { path: "$['a'", message: "Invalid JSONPath '$['a'': expected ']' but the path ended at position 5." },
    { path: '$.a[', message: "Invalid JSONPath '$.a[': expected an index in brackets but found '' at position 4." },
    { path: '$.a[?(@.b >)]', message: "Invalid JSONPath '$.a[?(@.b >)]': unexpected ')' in a filter at position 11." },
    { path: '$.a[0:4:2]', message: "Invalid JSONPath '$.a[0:4:2]': array slices with a step are not supported at position 4." },
  ])('$path', ({ path, message }) => {
    expect(() => compilePath(path)).toThrow(PathSyntaxError);
    expect(() => compilePath(path)).toThrow(message);
  });
});
