import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { StatesError } from '../../src/errors.js';
import { NO_VARIABLES, type EvalEnv } from '../../src/eval-env.js';
import type { Json } from '../../src/json.js';
import { compileIntrinsic, IntrinsicSyntaxError } from '../../src/intrinsics/index.js';
import { compilePath, PathSyntaxError } from '../../src/path/index.js';
import { compileTemplate } from '../../src/payload/index.js';

/**
 * No text makes the compilers throw anything but their syntax errors, and no input makes a
 * compiled path, intrinsic or template throw anything but a `StatesError`.
 */

const env: EvalEnv = { context: { Execution: { Name: 'x' } }, variables: NO_VARIABLES };
const json = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>;

// Text made of path and intrinsic punctuation, so that it gets past the first character often.
const pieces = ['$', '$$', '.', '..', '[', ']', '*', '?', '(', ')', '@', "'", '"', ',', ':', '-1', '0', '2', 'a', 'b', ' ', '==', '<', '>', '&&', '||', '!', '\\', 'States.', 'Array', 'Format', 'MathAdd', 'StringSplit', '{}'];
const noisyText = fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((parts) => parts.join(''));

function onlyThrows(run: () => unknown, allowed: (e: unknown) => boolean): void {
  try {
    run();
  } catch (e) {
    if (!allowed(e)) throw e;
  }
}

describe('robustness', () => {
  test('compilePath throws only PathSyntaxError, and a compiled path never throws', () => {
    fc.assert(
      fc.property(fc.oneof(noisyText, fc.string()), json, (text, input) => {
        let path;
        try {
          path = compilePath(text);
        } catch (e) {
          expect(e).toBeInstanceOf(PathSyntaxError);
          return;
        }
        const value = path.select(input, env);
        if (path.definite && value === undefined) expect(typeof path.explainMiss(input, env)).toBe('string');
        if (!path.definite) expect(Array.isArray(value)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  test('compileIntrinsic throws only IntrinsicSyntaxError, and a compiled call only StatesError', () => {
    const calls = fc.oneof(
      noisyText,
      fc.tuple(fc.constantFrom('Format', 'Array', 'MathAdd', 'StringSplit', 'ArrayGetItem', 'JsonMerge', 'Hash', 'ArrayRange'), fc.array(fc.constantFrom("'a{}'", '1', '-2.5', 'true', 'null', '$', '$.a', '$.b[0]', '$$.Execution.Name', "'SHA-1'", 'false'), { maxLength: 4 })).map(
        ([name, args]) => `States.${name}(${args.join(', ')})`,
      ),
    );
    fc.assert(
      fc.property(calls, json, (text, input) => {
        let call;
        try {
          call = compileIntrinsic(text);
        } catch (e) {
          expect(e).toBeInstanceOf(IntrinsicSyntaxError);
          return;
        }
        onlyThrows(
          () => call(input, env),
          (e) => e instanceof StatesError,
        );
      }),
      { numRuns: 1500 },
    );
  });

  test('a compiled template throws only StatesError', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('a.$', 'b.$', 'c'), fc.constantFrom('$.a', '$.a[*]', '$$.Execution.Name', 'States.ArrayLength($.a)', '$')), json, (template, input) => {
        const build = compileTemplate(template);
        onlyThrows(
          () => build(input, env),
          (e) => e instanceof StatesError,
        );
      }),
      { numRuns: 500 },
    );
  });
});
