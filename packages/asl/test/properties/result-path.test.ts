import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { definitePath, jsonValue, referencePath } from '@fogbank/asl/arbitraries';
import { NO_VARIABLES, type EvalEnv } from '../../src/eval-env.js';
import { StatesError } from '../../src/errors.js';
import { compilePath } from '../../src/path/index.js';
import { compileResultPath } from '../../src/payload/index.js';
import { applicable, FIELDS, overlapping } from './documents.js';

// The ResultPath merge laws, on the compiled ResultPath. (engine.test.ts checks the same laws
// through a Pass state of a running machine.)

const env: EvalEnv = { context: {}, variables: NO_VARIABLES };
const fieldPath = referencePath({ fields: FIELDS, maxLength: 3 }).filter((p) => p !== '$');

/** Two definite paths name disjoint nodes when neither is a prefix of the other. */
function disjoint(p: string, q: string): boolean {
  const norm = (s: string) => s.replace(/\['([^']*)'\]/g, '.$1');
  const [a, b] = [norm(p), norm(q)];
  const prefix = (x: string, y: string) => y === x || y.startsWith(`${x}.`) || y.startsWith(`${x}[`);
  return !prefix(a, b) && !prefix(b, a);
}

describe('ResultPath merge laws (compiled)', () => {
  test('"$" (and absent) replaces the input with the result', () => {
    fc.assert(
      fc.property(jsonValue(), jsonValue(), (input, result) => {
        expect(compileResultPath('$')(input, result)).toEqual(result);
        expect(compileResultPath(undefined)(input, result)).toEqual(result);
      }),
    );
  });

  test('null passes the input through', () => {
    fc.assert(
      fc.property(jsonValue(), jsonValue(), (input, result) => {
        expect(compileResultPath(null)(input, result)).toEqual(input);
      }),
    );
  });

  test('"$.a.b" sets exactly that node, leaves every other node as it was, and does not mutate the input', () => {
    const cases = fc
      .tuple(overlapping, fieldPath, jsonValue())
      .filter(([input, path]) => applicable(input, path))
      .chain(([input, path, result]) => definitePath(input).map((other) => ({ input, path, result, other })));
    fc.assert(
      fc.property(cases, ({ input, path, result, other }) => {
        const before = structuredClone(input);
        const output = compileResultPath(path)(input, result);
        expect(compilePath(path).select(output, env)).toEqual(result);
        if (disjoint(path, other.path)) expect(compilePath(other.path).select(output, env)).toEqual(other.value);
        expect(input).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  test('a path through a non-object fails with States.ResultPathMatchFailure, never anything else', () => {
    const cases = fc.tuple(overlapping, fieldPath, jsonValue()).filter(([input, path]) => !applicable(input, path));
    fc.assert(
      fc.property(cases, ([input, path, result]) => {
        expect(() => compileResultPath(path)(input, result)).toThrow(StatesError);
        try {
          compileResultPath(path)(input, result);
        } catch (e) {
          expect(e).toMatchObject({ error: 'States.ResultPathMatchFailure' });
        }
      }),
      { numRuns: 200 },
    );
  });

  test('setting twice at the same path keeps the last result (idempotent placement)', () => {
    const cases = fc.tuple(overlapping, fieldPath, jsonValue(), jsonValue()).filter(([input, path]) => applicable(input, path));
    fc.assert(
      fc.property(cases, ([input, path, r1, r2]) => {
        const apply = compileResultPath(path);
        expect(apply(apply(input, r1), r2)).toEqual(apply(input, r2));
      }),
      { numRuns: 200 },
    );
  });
});
