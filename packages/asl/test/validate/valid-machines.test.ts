import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { definition } from '@fogbank/asl/arbitraries';
import { validate } from '../../src/validate/index.js';

/**
 * Laws over generated valid JSONPath machines: validate() accepts them; removing a transition
 * target or adding a state nothing reaches gives exactly the diagnostic AWS gives.
 */

type Shape = { kind: 'Pass' | 'Wait' | 'Task' | 'Choice' | 'Parallel' | 'Map'; variant: number; nested: readonly Shape[][] };

const { machine: shape } = fc.letrec<{ machine: Shape[]; state: Shape }>((tie) => ({
  machine: fc.array(tie('state'), { minLength: 1, maxLength: 4 }),
  state: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constantFrom('Pass', 'Wait', 'Task', 'Choice') as fc.Arbitrary<Shape['kind']>, variant: fc.nat(3), nested: fc.constant([]) }),
    fc.record({ kind: fc.constant('Parallel' as const), variant: fc.nat(3), nested: fc.array(tie('machine'), { minLength: 1, maxLength: 2 }) }),
    fc.record({ kind: fc.constant('Map' as const), variant: fc.nat(3), nested: fc.tuple(tie('machine')) }),
  ),
}));

/** Turns a shape into a definition with globally unique state names; states run in order. */
function build(states: readonly Shape[], counter = { n: 0 }): Record<string, unknown> {
  const names = states.map(() => `S${counter.n++}`);
  const out: Record<string, unknown> = {};
  states.forEach((s, i) => {
    const next = i + 1 < states.length ? { Next: names[i + 1] } : { End: true };
    const later = names[Math.min(i + 1 + (s.variant % 2), names.length - 1)] as string;
    const name = names[i] as string;
    switch (s.kind) {
      case 'Pass':
        out[name] = { Type: 'Pass', Parameters: { 'v.$': s.variant === 0 ? '$.a' : "States.Format('{}', $.a)", k: 1 }, ResultPath: '$.r', ...next };
        break;
      case 'Wait':
        out[name] = { Type: 'Wait', ...(s.variant === 0 ? { SecondsPath: '$.s' } : { Seconds: s.variant }), ...next };
        break;
      case 'Task':
        out[name] = {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          TimeoutSeconds: 10,
          HeartbeatSeconds: 5,
          Retry: [{ ErrorEquals: ['States.Timeout'], MaxAttempts: s.variant }, { ErrorEquals: ['States.ALL'] }],
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: later }],
          ...next,
        };
        break;
      case 'Choice':
        out[name] = {
          Type: 'Choice',
          Choices: [
            { Variable: '$.x', NumericGreaterThan: s.variant, Next: later },
            { And: [{ Variable: '$.y', IsPresent: true }, { Not: { Variable: '$.y', StringEquals: 'n' } }], Next: later },
          ],
          Default: names[i + 1] ?? later,
        };
        if (i + 1 === states.length) out[name] = { Type: 'Succeed' };
        break;
      case 'Parallel':
        out[name] = { Type: 'Parallel', Branches: s.nested.map((m) => machineOf(m, counter)), ResultSelector: { 'all.$': '$' }, ...next };
        break;
      case 'Map':
        out[name] = { Type: 'Map', ItemsPath: '$.items', MaxConcurrency: s.variant, ItemProcessor: machineOf(s.nested[0] ?? [], counter), ...next };
        break;
    }
  });
  return out;
}

function machineOf(states: readonly Shape[], counter: { n: number }): Record<string, unknown> {
  const built = build(states, counter);
  return { StartAt: Object.keys(built)[0], States: built };
}

describe('generated valid machines', () => {
  test('are accepted', () => {
    fc.assert(
      fc.property(shape, (states) => {
        expect(validate(machineOf(states, { n: 0 }))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  test('a state nothing transitions to is reported unreachable, and nothing else', () => {
    fc.assert(
      fc.property(shape, (states) => {
        const definition = machineOf(states, { n: 0 }) as { States: Record<string, unknown> };
        definition.States.Orphan = { Type: 'Succeed' };
        expect(validate(definition)).toEqual([
          { severity: 'ERROR', code: 'MISSING_TRANSITION_TARGET', message: 'State "Orphan" is not reachable.', location: '/States/Orphan' },
        ]);
      }),
      { numRuns: 100 },
    );
  });

  test('a Next naming no state is a missing target at that Next', () => {
    fc.assert(
      fc.property(shape.filter((s) => s.length > 1 && s[0]?.kind !== 'Choice'), (states) => {
        const definition = machineOf(states, { n: 0 }) as { StartAt: string; States: Record<string, Record<string, unknown>> };
        const first = definition.States[definition.StartAt] as Record<string, unknown>;
        first.Next = 'Nowhere';
        const diagnostics = validate(definition);
        expect(diagnostics[0]).toEqual({
          severity: 'ERROR',
          code: 'MISSING_TRANSITION_TARGET',
          message: "Missing 'Next' target: Nowhere",
          location: `/States/${definition.StartAt}/Next`,
        });
      }),
      { numRuns: 100 },
    );
  });
});

describe('definitions from @fogbank/asl/arbitraries', () => {
  test('are accepted (the generators promise valid definitions)', () => {
    fc.assert(
      fc.property(definition(), (generated) => {
        expect(validate(generated)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
