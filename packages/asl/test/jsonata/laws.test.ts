import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { NO_VARIABLES } from '../../src/eval-env.js';
import type { Json } from '../../src/json.js';
import { compileJsonataTemplate, type JsonataBindings } from '../../src/jsonata/index.js';

const json = fc.jsonValue() as fc.Arbitrary<Json>;
const bindings = (input: Json, extra: Partial<JsonataBindings> = {}): JsonataBindings => ({
  input,
  context: {},
  variables: NO_VARIABLES,
  ...extra,
});
// JSON cannot tell -0 from 0, and neither can AWS's serialised results.
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('JSONata laws', () => {
  const identity = compileJsonataTemplate('{% $states.input %}', 'Output');

  test('an Output of {% $states.input %} is the identity', async () => {
    await fc.assert(
      fc.asyncProperty(json, async (input) => {
        expect(asJson(await identity.evaluate(bindings(input)))).toEqual(asJson(input));
      }),
      { numRuns: 300 },
    );
  });

  test('a template without expressions evaluates to itself', async () => {
    await fc.assert(
      fc.asyncProperty(json, async (literal) => {
        const compiled = compileJsonataTemplate(literal, 'Output');
        expect(compiled.dynamic).toBe(false);
        expect(await compiled.evaluate(bindings(null))).toBe(literal);
      }),
      { numRuns: 200 },
    );
  });

  test('a variable reads back the value it holds, whatever its name', async () => {
    const name = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,20}$/).filter((n) => n !== 'states');
    await fc.assert(
      fc.asyncProperty(name, json, async (n, value) => {
        const compiled = compileJsonataTemplate({ v: `{% $${n} %}` }, 'Assign');
        const variables = { get: (k: string) => (k === n ? value : undefined) };
        expect(asJson(await compiled.evaluate(bindings(null, { variables })))).toEqual({ v: asJson(value) });
      }),
      { numRuns: 200 },
    );
  });
});
