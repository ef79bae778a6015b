/**
 * Laws of JSONata and workflow variables (issue 3), through running machines:
 * - a JSONata `Output` of `{% $states.input %}` is the identity;
 * - an inner scope (Parallel branch, Map iteration) never changes an outer variable;
 * - assigning the same values in either order gives the same variables.
 */
import fc from 'fast-check';
import { StateMachine, virtualClock, type Json, type JsonObject } from '@fogbank/asl';
import { jsonValue } from '@fogbank/asl/arbitraries';
import { describe, expect, test } from 'vitest';

const RUNS = 60;

async function run(definition: object, input: Json = {}): Promise<{ status: string; output?: Json }> {
  const machine = StateMachine.from(definition, { clock: virtualClock(0), type: 'EXPRESS' });
  return machine.start(input).result;
}

/** A literal that neither language would evaluate: no `{% %}` string, no `key.$`. */
const literal = jsonValue({ maxDepth: 2, maxLength: 3 }).filter((v) => {
  const text = JSON.stringify(v);
  return !text.includes('{%') && !text.includes('.$"');
});

/** Variable names; `states` is JSONata's reserved `$states`. */
const variableName = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,6}$/).filter((n) => n !== 'states');
const variables = fc.dictionary(variableName, literal, { minKeys: 1, maxKeys: 5, noNullPrototype: true });

/** A JSONata Output that reads every one of `names` back. */
const readBack = (names: readonly string[]) => `{% {${names.map((n) => `"${n}": $${n}`).join(', ')}} %}`;

describe('JSONata Output identity', () => {
  test('"{% $states.input %}" outputs the input unchanged, whatever its shape', async () => {
    const machine = StateMachine.from(
      { QueryLanguage: 'JSONata', StartAt: 'Echo', States: { Echo: { Type: 'Pass', Output: '{% $states.input %}', End: true } } },
      { clock: virtualClock(0), type: 'EXPRESS' },
    );
    await fc.assert(
      fc.asyncProperty(jsonValue(), async (input) => {
        expect(await machine.start(input).result).toEqual({ status: 'SUCCEEDED', output: input });
      }),
      { numRuns: 200 },
    );
  });
});

describe('variable scopes', () => {
  test('no Parallel branch or Map iteration changes an outer variable, whatever it assigns', async () => {
    await fc.assert(
      fc.asyncProperty(variables, variables, fc.constantFrom('JSONata', 'JSONPath'), async (outer, innerValues, language) => {
        const names = Object.keys(outer);
        // Inner scopes assign the outer names and names of their own.
        const inner: JsonObject = { ...innerValues };
        for (const name of names) inner[name] = innerValues[name] ?? 'inner';
        const branch = (name: string) => ({ StartAt: name, States: { [name]: { Type: 'Pass', Assign: inner, End: true } } });
        const definition = {
          QueryLanguage: language,
          StartAt: 'Init',
          States: {
            Init: { Type: 'Pass', Assign: outer, Next: 'Branches' },
            Branches: { Type: 'Parallel', Branches: [branch('Left'), branch('Right')], Next: 'Iterations' },
            Iterations: {
              Type: 'Map',
              ...(language === 'JSONata' ? { Items: [1, 2, 3] } : { ItemsPath: '$' }),
              ItemProcessor: branch('Each'),
              Next: 'Read',
            },
            Read: { Type: 'Pass', QueryLanguage: 'JSONata', Output: readBack(names), End: true },
          },
        };
        // A JSONPath machine cannot hold a JSONata state: read back with JSONPath there.
        if (language === 'JSONPath') {
          const read: JsonObject = {};
          for (const name of names) read[`${name}.$`] = `$${name}`;
          (definition.States as Record<string, object>)['Read'] = { Type: 'Pass', Parameters: read, End: true };
        }
        const input = language === 'JSONPath' ? [1, 2, 3] : {};
        expect(await run(definition, input)).toEqual({ status: 'SUCCEEDED', output: outer });
      }),
      { numRuns: RUNS },
    );
  });
});

describe('assignment order', () => {
  test('the same values assigned in either key order give the same variables', async () => {
    await fc.assert(
      fc.asyncProperty(variables, fc.constantFrom('JSONata', 'JSONPath'), async (values, language) => {
        const names = Object.keys(values);
        const reversed: JsonObject = {};
        for (const name of [...names].reverse()) reversed[name] = values[name]!;
        const read =
          language === 'JSONata'
            ? { Type: 'Pass', Output: readBack(names), End: true }
            : { Type: 'Pass', Parameters: Object.fromEntries(names.map((n) => [`${n}.$`, `$${n}`])), End: true };
        const machineWith = (assign: JsonObject) => ({
          QueryLanguage: language,
          StartAt: 'Assign',
          States: { Assign: { Type: 'Pass', Assign: assign, Next: 'Read' }, Read: read },
        });
        const forward = await run(machineWith(values));
        const backward = await run(machineWith(reversed));
        expect(forward).toEqual({ status: 'SUCCEEDED', output: values });
        expect(backward).toEqual(forward);
      }),
      { numRuns: RUNS },
    );
  });
});
