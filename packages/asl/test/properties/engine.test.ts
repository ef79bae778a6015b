import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InvalidDefinitionError, StateMachine, virtualClock, type Json, type JsonObject } from '@fogbank/asl';
import {
  definition,
  executionInput,
  integrations,
  integrationScript,
  jsonValue,
  referencePath,
  STATE_TYPES,
  type IntegrationScript,
} from '@fogbank/asl/arbitraries';
import { NO_VARIABLES } from '../../src/eval-env.js';
import { compilePath } from '../../src/path/index.js';
import { applicable, FIELDS, JSONATA_TYPES, overlapping } from './documents.js';
import { mutation } from './mutate.js';

// Laws of running machines: whatever the definition and input, the engine answers with a
// diagnostic or an ASL result, never a crash; under a virtual clock, injected ids and seeded
// randomness, two runs are identical, history included; ResultPath obeys its merge laws.

const T0 = Date.parse('2025-01-01T00:00:00Z');

/** A machine whose every source of variation (time, ids, randomness) is fixed. */
function fixedMachine(def: unknown, script: IntegrationScript, type: 'STANDARD' | 'EXPRESS' = 'STANDARD') {
  let id = 0;
  let seed = 42;
  return StateMachine.from(def as JsonObject, {
    type,
    clock: virtualClock(T0),
    integrations: integrations(script),
    ids: () => `00000000-0000-4000-8000-${String(++id).padStart(12, '0')}`,
    // A small linear congruential generator: the same sequence every time.
    random: () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648),
  });
}

/** Whether a FAILED result without an error name is explained by a Fail state without `Error`. */
function hasSilentFail(def: Json): boolean {
  return JSON.stringify(def).includes('"Type":"Fail"');
}

async function expectAslOutcome(def: JsonObject, machine: StateMachine, input: Json): Promise<void> {
  const result = await machine.start(input, { name: 'run' }).result;
  expect(['SUCCEEDED', 'FAILED', 'TIMED_OUT']).toContain(result.status);
  if (result.status === 'FAILED') {
    if (result.error === undefined) expect(hasSilentFail(def)).toBe(true);
    expect(result.cause ?? '').not.toContain('fogbank internal error');
  }
}

describe('the engine never crashes', () => {
  test.for([
    { type: 'STANDARD', queryLanguage: 'JSONPath' },
    { type: 'EXPRESS', queryLanguage: 'JSONPath' },
    { type: 'STANDARD', queryLanguage: 'JSONata' },
  ] as const)('generated $type $queryLanguage definitions, inputs and integrations end in an ASL result', async ({ type, queryLanguage }) => {
    await fc.assert(
      fc.asyncProperty(
        definition({ deterministic: false, queryLanguage }),
        integrationScript(),
        fc.oneof(executionInput(), jsonValue()),
        async (def, script, input) => {
          await expectAslOutcome(def, fixedMachine(def, script, type), input);
        },
      ),
      { numRuns: 150 },
    );
  });

  test('mutated definitions are refused with InvalidDefinitionError, or run to an ASL result', async () => {
    const cases = definition({ maxStates: 4 })
      .chain((def) => mutation(def).map((mutated) => ({ def: mutated })));
    await fc.assert(
      fc.asyncProperty(cases, integrationScript(), executionInput(), async ({ def }, script, input) => {
        let machine: StateMachine;
        try {
          machine = fixedMachine(def, script);
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidDefinitionError);
          expect((e as InvalidDefinitionError).diagnostics.length).toBeGreaterThan(0);
          return;
        }
        await expectAslOutcome(def as JsonObject, machine, input);
      }),
      { numRuns: 300 },
    );
  });

  // Found by the property above (validate() used to accept these, then compilation crashed).
  test.for([
    { name: 'a Parallel without Branches', def: { StartAt: 'P', States: { P: { Type: 'Parallel', End: true } } } },
    { name: 'a Choice without Choices', def: { StartAt: 'C', States: { C: { Type: 'Choice', Default: 'S' }, S: { Type: 'Succeed' } } } },
  ])('$name is refused with InvalidDefinitionError', ({ def }) => {
    expect(() => StateMachine.from(def)).toThrow(InvalidDefinitionError);
  });

  test('definition text with a character cut out is refused with InvalidDefinitionError, or runs', async () => {
    const cases = definition({ maxStates: 3, maxDepth: 1 })
      .map((def) => JSON.stringify(def))
      .chain((text) => fc.nat({ max: text.length - 1 }).map((at) => text.slice(0, at) + text.slice(at + 1)));
    await fc.assert(
      fc.asyncProperty(cases, executionInput(), async (text, input) => {
        let machine: StateMachine;
        try {
          machine = StateMachine.from(text, { clock: virtualClock(T0) });
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidDefinitionError);
          return;
        }
        await expectAslOutcome(machine.definition, machine, input);
      }),
      { numRuns: 200 },
    );
  });

  test('any JSON value as a definition is refused with InvalidDefinitionError', () => {
    fc.assert(
      fc.property(jsonValue(), (def) => {
        expect(() => StateMachine.from(def as JsonObject)).toThrow(InvalidDefinitionError);
      }),
      { numRuns: 200 },
    );
  });
});

describe('determinism under the virtual clock', () => {
  test.for(['JSONPath', 'JSONata'] as const)('%s: two runs give the same result and the same history', async (queryLanguage) => {
    await fc.assert(
      // JSONata: without Parallel and Map until the known gap pinned in history.test.ts is fixed.
      fc.asyncProperty(definition({ deterministic: false, queryLanguage, stateTypes: queryLanguage === 'JSONata' ? JSONATA_TYPES : STATE_TYPES }), integrationScript(), executionInput(), async (def, script, input) => {
        const first = fixedMachine(def, script).start(input, { name: 'run' });
        const a = await first.result;
        const second = fixedMachine(def, script).start(input, { name: 'run' });
        const b = await second.result;
        expect(b).toEqual(a);
        expect(second.history).toEqual(first.history);
        expect(first.history.length).toBeGreaterThan(1);
      }),
      { numRuns: 150 },
    );
  });
});

describe('the final event is the last one', () => {
  // Found by the determinism property (minimised from its counterexample): a sibling branch whose
  // Map iteration had a Wait falling due went on recording events after ExecutionFailed.
  test('no event is recorded after ExecutionFailed when a Parallel fails while a sibling Map waits', async () => {
    const def = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'F', States: { F: { Type: 'Fail' } } },
            { StartAt: 'S', States: { S: { Type: 'Succeed', InputPath: '$.s' } } },
            {
              StartAt: 'M',
              States: {
                M: {
                  Type: 'Map',
                  ItemsPath: '$.items',
                  Next: 'T',
                  ItemProcessor: {
                    StartAt: 'A',
                    States: { A: { Type: 'Pass', Next: 'W' }, W: { Type: 'Wait', Timestamp: '2024-01-01T00:00:00Z', End: true } },
                  },
                },
                T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', End: true },
              },
            },
          ],
        },
      },
    };
    const clock = virtualClock(T0);
    const machine = StateMachine.from(def, { clock, integrations: { 'arn:aws:lambda:*': async (x) => x } });
    const execution = machine.start({ items: [false] });
    expect((await execution.result).status).toBe('FAILED');
    // Nothing is left to run: no timer pending, and the last event is the final one.
    expect(clock.pending).toBe(0);
    expect(execution.history.at(-1)!.type).toBe('ExecutionFailed');
  });
});

describe('virtual time', () => {
  test('a Wait of N seconds exits N seconds after it entered, and takes no real time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 10 * 365 * 24 * 3600 }), jsonValue(), async (seconds, input) => {
        const clock = virtualClock(T0);
        const machine = StateMachine.from(
          { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: seconds, End: true } } },
          { clock },
        );
        const started = performance.now();
        const execution = machine.start(input);
        const { status, output } = await execution.result;
        expect({ status, output }).toEqual({ status: 'SUCCEEDED', output: input });
        const at = (type: string) => execution.history.find((e) => e.type === type)!.timestamp.getTime();
        expect(at('WaitStateExited') - at('WaitStateEntered')).toBe(seconds * 1000);
        expect(clock.now()).toBe(T0 + seconds * 1000);
        expect(performance.now() - started).toBeLessThan(1000);
      }),
      { numRuns: 100 },
    );
  });
});

describe('ResultPath merge laws (through a Pass state)', () => {
  const passWith = (result: Json, resultPath: string | null) =>
    StateMachine.from({ StartAt: 'P', States: { P: { Type: 'Pass', Result: result, ResultPath: resultPath, End: true } } });
  const env = { context: {}, variables: NO_VARIABLES };

  test('"$" gives the result, null gives the input', async () => {
    await fc.assert(
      fc.asyncProperty(jsonValue(), jsonValue(), async (input, result) => {
        expect((await passWith(result, '$').start(input).result).output).toEqual(result);
        expect((await passWith(result, null).start(input).result).output).toEqual(input);
      }),
      { numRuns: 100 },
    );
  });

  test('"$.a.b" sets exactly that node and leaves the rest', async () => {
    const path = referencePath({ fields: FIELDS }).filter((p) => p !== '$');
    const cases = fc.tuple(overlapping, path, jsonValue()).filter(([input, p]) => applicable(input, p));
    await fc.assert(
      fc.asyncProperty(cases, async ([input, p, result]) => {
        const { status, output } = await passWith(result, p).start(input).result;
        expect(status).toBe('SUCCEEDED');
        expect(compilePath(p).select(output!, env)).toEqual(result);
        // Removing what ResultPath wrote (and the objects it had to create) gives back the input.
        expect(unset(output!, p.split('.').slice(1), input)).toEqual(input);
      }),
      { numRuns: 150 },
    );
  });
});

/** `doc` with the node at `names` put back as it was in `original` (deleted when it was absent). */
function unset(doc: Json, names: string[], original: Json | undefined): Json | undefined {
  if (names.length === 0) return original;
  const [name, ...rest] = names as [string, ...string[]];
  const obj = doc as JsonObject;
  const before = original !== undefined && typeof original === 'object' && original !== null && !Array.isArray(original) && Object.hasOwn(original, name) ? original[name] : undefined;
  const copy: JsonObject = { ...obj };
  const child = unset(obj[name]!, rest, before);
  if (child === undefined) delete copy[name];
  else copy[name] = child;
  return original === undefined && Object.keys(copy).length === 0 ? undefined : copy;
}
