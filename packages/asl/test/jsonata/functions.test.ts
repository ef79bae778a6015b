import { describe, expect, test } from 'vitest';
import { StatesError } from '../../src/errors.js';
import { NO_VARIABLES } from '../../src/eval-env.js';
import type { Json } from '../../src/json.js';
import { compileJsonataTemplate, javaRandomFirstDouble, type JsonataBindings } from '../../src/jsonata/index.js';

const base: JsonataBindings = { input: {}, context: {}, variables: NO_VARIABLES };

async function run(expression: string, extra: Partial<JsonataBindings> = {}): Promise<Json> {
  return compileJsonataTemplate(`{% ${expression} %}`, 'Output').evaluate({ ...base, ...extra });
}

async function cause(expression: string): Promise<string | undefined> {
  try {
    await run(expression);
  } catch (error) {
    if (error instanceof StatesError) return error.cause?.replace(/^.*threw an error during evaluation/, '');
    throw error;
  }
  throw new Error(`${expression} did not fail`);
}

describe('$partition', () => {
  test.for([
    { expr: '$partition([0], 1)', expected: [[0]] },
    { expr: '$partition([0], 4)', expected: [[0]] },
    { expr: '$partition([0, 1, 2], 2)', expected: [[0, 1], [2]] },
    { expr: '$partition([0, 1, 2, 3], 3)', expected: [[0, 1, 2], [3]] },
    { expr: '$partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)', expected: [[1, 2, 3], [4, 5, 6], [7, 8, 9]] },
    { expr: '$partition([1, 2, 3], 1.9)', expected: [[1], [2], [3]] },
  ])('$expr', async ({ expr, expected }) => {
    expect(await run(expr)).toEqual(expected);
  });

  test('errors', async () => {
    expect(await cause('$partition([1], -1)')).toBe('. D3137: Second argument must be zero or greater');
    expect(await cause('$partition([1], 1, 2)')).toBe('. T0410: Argument 3 of function "partition" does not match function signature');
  });
});

describe('$range', () => {
  test.for([
    { expr: '$range(0, 9, 3)', expected: [0, 3, 6, 9] },
    { expr: '$range(0, 10, 3)', expected: [0, 3, 6, 9] },
    { expr: '$range(1, 9, 2)', expected: [1, 3, 5, 7, 9] },
    { expr: '$range(1, 9, 9)', expected: 1 },
    { expr: '$range(10, 0, -5)', expected: [10, 5, 0] },
    { expr: '$range(0, 10, 2)', expected: [0, 2, 4, 6, 8, 10] },
  ])('$expr', async ({ expr, expected }) => {
    expect(await run(expr)).toEqual(expected);
  });

  test('a step that never reaches the end returns nothing', async () => {
    expect(await cause('$range(5, 1, 1)')).toBe(
      "The JSONata expression '$range(5, 1, 1)' specified for the field 'Output' returned nothing (undefined).",
    );
  });
});

describe('$hash', () => {
  test.for([
    { algorithm: 'MD5', digest: '5d41402abc4b2a76b9719d911017c592' },
    { algorithm: 'SHA-1', digest: 'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d' },
    { algorithm: 'SHA-256', digest: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824' },
  ])('$algorithm', async ({ algorithm, digest }) => {
    expect(await run(`$hash('hello', '${algorithm}')`)).toBe(digest);
  });

  test('an unknown algorithm', async () => {
    expect(await cause("$hash('a', 'SHA-3')")).toBe(
      ". D3137: Hash algorithm 'SHA-3' must be one of SHA-1, SHA-384, SHA-256, SHA-512, MD5",
    );
  });
});

describe('$random', () => {
  test('a seeded call is Java Random(seed).nextDouble()', async () => {
    expect(javaRandomFirstDouble(42)).toBe(0.7275636800328681);
    expect(await run('$random(42)')).toBe(0.7275636800328681);
    expect(await run('$random(42)')).toBe(await run('$random(42)'));
  });

  test('an unseeded call uses the injected source', async () => {
    expect(await run('$random()', { random: () => 0.25 })).toBe(0.25);
    const value = await run('$random()');
    expect(typeof value === 'number' && value >= 0 && value < 1).toBe(true);
  });

  test('a non-numeric seed', async () => {
    expect(await cause("$random('x')")).toBe('. T0410: Argument 1 of function "random" does not match function signature');
  });
});

describe('$uuid, $parse, $now, $millis', () => {
  test('$uuid', async () => {
    expect(await run('$uuid()', { uuid: () => 'fixed' })).toBe('fixed');
    expect(await run('$uuid()')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test.for([
    { text: '-0', expected: 0 },
    { text: '1.1', expected: 1.1 },
    { text: 'true', expected: true },
    { text: '"HelloWorld"', expected: 'HelloWorld' },
    { text: '{"Arg1": 1, "Arg2": []}', expected: { Arg1: 1, Arg2: [] } },
  ])('parse $text', async ({ text, expected }) => {
    expect(await run('$parse($states.input)', { input: text })).toEqual(expected);
  });

  test('$parse of invalid JSON', async () => {
    expect(await cause("$parse('{')")).toBe('. D3137: Invalid JSON');
  });

  test('$now and $millis read the injected clock', async () => {
    const now = () => Date.UTC(2025, 0, 1);
    expect(await run('$now()', { now })).toBe('2025-01-01T00:00:00.000Z');
    expect(await run('$millis()', { now })).toBe(1735689600000);
    expect(await run("$now('[Y0001]-[M01]')", { now })).toBe('2025-01');
  });

  test('jsonata built-ins still work beside them', async () => {
    expect(await run('$map([1, 2], function($v) { $v * 2 })')).toEqual([2, 4]);
    expect(await run('$map(["1", "[2]"], $parse)')).toEqual([1, [2]]);
    expect(await run('$fromMillis(0)')).toBe('1970-01-01T00:00:00.000Z');
  });
});

describe('evaluation bound', () => {
  test('a recursion without a base case fails instead of hanging the run', async () => {
    const started = Date.now();
    expect(await cause('($f := function($x) { $f($x + 1) }; $f(1))')).toBe(
      ': fogbank stopped the evaluation after 2000000 steps (AWS also bounds JSONata evaluation; does a recursive function lack a base case?)',
    );
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
