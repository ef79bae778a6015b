/**
 * `variableReferences` beyond the recorded cases (which are all JSONPath): JSONata states,
 * catchers, Choice rules, nested machines, and what is not a reference.
 */
import { StateMachine, variableReferences } from '@fogbank/asl';
import { describe, expect, test } from 'vitest';

describe('variableReferences', () => {
  test('JSONata: free $names of every expression, minus $states, functions and local bindings', () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: {
          Type: 'Pass',
          Assign: { total: '{% $sum($items) + $bias %}', copy: '{% ($x := 1; $x + $states.input.n) %}' },
          Output: { mapped: '{% $map($items, function($v) { $v * $factor }) %}', ctx: '{% $states.context.Execution.Id %}' },
          Next: 'C',
        },
        C: {
          Type: 'Choice',
          Choices: [{ Condition: '{% $total > $limit %}', Assign: { seen: '{% $flag %}' }, Next: 'Done' }],
          Default: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    };
    expect(variableReferences(definition)).toEqual({ A: ['bias', 'factor', 'items'], C: ['flag', 'limit', 'total'] });
    expect(StateMachine.from(definition).variableReferences).toEqual(variableReferences(definition));
  });

  test('nested states are reported under their own names; catchers and JSONPath intrinsics count', () => {
    const definition = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'Inner',
              States: { Inner: { Type: 'Pass', Parameters: { 'v.$': "States.Format('{} {}', $greeting, $$.Execution.Name)" }, End: true } },
            },
          ],
          Catch: [{ ErrorEquals: ['States.ALL'], Assign: { 'why.$': '$reason' }, Next: 'F' }],
          End: true,
        },
        F: { Type: 'Fail', ErrorPath: '$error' },
      },
    };
    expect(variableReferences(definition)).toEqual({ P: ['reason'], Inner: ['greeting'], F: ['error'] });
  });

  test('assigning, the context object and literals that look like paths are not references', () => {
    expect(
      variableReferences({
        StartAt: 'A',
        States: { A: { Type: 'Pass', Parameters: { x: '$notRead', 'c.$': '$$.State.Name' }, Assign: { y: 1, 'z.$': '$.a' }, End: true } },
      }),
    ).toBeNull();
  });

  test('a state may override the language: each state is read in its own', () => {
    const definition = JSON.stringify({
      StartAt: 'A',
      States: { A: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $a %}', Next: 'B' }, B: { Type: 'Pass', InputPath: '$b', End: true } },
    });
    expect(variableReferences(definition)).toEqual({ A: ['a'], B: ['b'] });
  });
});
