/**
 * Workflow variables at run time: scopes of Parallel branches and Map iterations (read outer,
 * never change outer, siblings isolated, nothing leaks out), evaluation against the values from
 * state entry, `assignedVariables` on `*StateExited`, and AWS's variable quotas.
 */
import { describe, expect, test } from 'vitest';
import { run } from '../engine/helpers.js';

const exitedAssignments = (history: readonly object[]) =>
  history.flatMap((e) => {
    const details = Object.values(e).find((v) => typeof v === 'object' && v !== null && 'assignedVariables' in v) as
      | { name: string; assignedVariables: Record<string, string> }
      | undefined;
    return details === undefined ? [] : [[details.name, details.assignedVariables] as const];
  });

describe('scopes', () => {
  const inner = (name: string, assign: object, output: string) => ({
    StartAt: name,
    States: { [name]: { Type: 'Pass', Assign: assign, Next: `${name}Out` }, [`${name}Out`]: { Type: 'Pass', Output: output, End: true } },
  });

  test('Parallel branches read outer variables, keep their own to themselves, and never change the outer ones', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { x: 1 }, Next: 'P' },
        P: {
          Type: 'Parallel',
          Branches: [
            inner('A', { a: '{% $x + 1 %}', x: 100 }, '{% {"x": $x, "a": $a, "seesB": $exists($b)} %}'),
            inner('B', { b: '{% $x + 2 %}' }, '{% {"x": $x, "b": $b, "seesA": $exists($a)} %}'),
          ],
          Next: 'After',
        },
        After: { Type: 'Pass', Output: '{% {"x": $x, "a": $exists($a), "b": $exists($b), "branches": $states.input} %}', End: true },
      },
    };
    const { result } = await run(definition);
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: {
        x: 1,
        a: false,
        b: false,
        branches: [
          { x: 100, a: 2, seesB: false },
          { x: 1, b: 3, seesA: false },
        ],
      },
    });
  });

  test('Map iterations see outer variables, not each other’s, and leave nothing behind (JSONPath)', async () => {
    const definition = {
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { bias: 10, items: [1, 2, 3] }, Next: 'M' },
        M: {
          Type: 'Map',
          ItemsPath: '$items',
          MaxConcurrency: 1,
          ItemProcessor: {
            StartAt: 'Keep',
            States: {
              Keep: { Type: 'Pass', Assign: { 'seen.$': '$' , bias: 0 }, Next: 'Sum' },
              Sum: { Type: 'Pass', Parameters: { 'v.$': 'States.MathAdd($seen, $bias)' }, End: true },
            },
          },
          Next: 'After',
        },
        After: { Type: 'Pass', Parameters: { 'bias.$': '$bias', 'results.$': '$' }, End: true },
      },
    };
    const { result } = await run(definition);
    expect(result).toEqual({ status: 'SUCCEEDED', output: { bias: 10, results: [{ v: 1 }, { v: 2 }, { v: 3 }] } });
  });

  test('a Choice rule that assigns inside a Map iteration keeps the variable to that iteration', async () => {
    const definition = {
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { seen: 'none' }, Next: 'M' },
        M: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemProcessor: {
            StartAt: 'Route',
            States: {
              Route: { Type: 'Choice', Choices: [{ Variable: '$', NumericGreaterThan: 1, Assign: { 'seen.$': '$' }, Next: 'Read' }], Default: 'Read' },
              Read: { Type: 'Pass', Parameters: { 'seen.$': '$seen' }, End: true },
            },
          },
          Next: 'After',
        },
        After: { Type: 'Pass', Parameters: { 'seen.$': '$seen', 'results.$': '$' }, End: true },
      },
    };
    const { result } = await run(definition, { items: [1, 2, 3] });
    expect(result).toEqual({ status: 'SUCCEEDED', output: { seen: 'none', results: [{ seen: 'none' }, { seen: 2 }, { seen: 3 }] } });
  });

  test('an iteration that assigns nothing itself reads outer variables; a branch nested in it keeps its own', async () => {
    const definition = {
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { bias: 10 }, Next: 'M' },
        M: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemProcessor: {
            StartAt: 'Fork',
            States: {
              Fork: {
                Type: 'Parallel',
                Branches: [{ StartAt: 'Shadow', States: { Shadow: { Type: 'Pass', Assign: { bias: 0 }, Next: 'Read' }, Read: { Type: 'Pass', Parameters: { 'inner.$': '$bias' }, End: true } } }],
                Next: 'Outer',
              },
              Outer: { Type: 'Pass', Parameters: { 'inner.$': '$[0].inner', 'outer.$': 'States.MathAdd($bias, 0)' }, End: true },
            },
          },
          Next: 'After',
        },
        After: { Type: 'Pass', Parameters: { 'bias.$': '$bias', 'results.$': '$' }, End: true },
      },
    };
    const { result } = await run(definition, { items: [1, 2] });
    expect(result).toEqual({ status: 'SUCCEEDED', output: { bias: 10, results: [{ inner: 0, outer: 10 }, { inner: 0, outer: 10 }] } });
  });

  test('a catcher of a Parallel assigns in the scope the Parallel lives in', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Boom', Cause: 'bad' } } }],
          Catch: [{ ErrorEquals: ['States.ALL'], Assign: { why: '{% $states.errorOutput.Error %}' }, Next: 'After' }],
          End: true,
        },
        After: { Type: 'Pass', Output: '{% $why %}', End: true },
      },
    };
    expect((await run(definition)).result).toEqual({ status: 'SUCCEEDED', output: 'Boom' });
  });
});

describe('evaluation and history', () => {
  test('Assign and Output read the values from state entry: a swap works; assignedVariables holds JSON text', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { x: 3, y: { n: 'six' } }, Next: 'Swap' },
        Swap: { Type: 'Pass', Assign: { x: '{% $y %}', y: '{% $x %}' }, Output: '{% [$x, $y] %}', Next: 'Show' },
        Show: { Type: 'Pass', Output: '{% [$x, $y] %}', End: true },
      },
    };
    const { result, history } = await run(definition);
    expect(result).toEqual({ status: 'SUCCEEDED', output: [{ n: 'six' }, 3] });
    expect(exitedAssignments(history)).toEqual([
      ['Init', { x: '3', y: '{"n":"six"}' }],
      ['Swap', { x: '{"n":"six"}', y: '3' }],
    ]);
  });
});

describe('quotas', () => {
  const big = (chars: number) => `{% $pad('', ${chars}, 'x') %}`;

  test('a variable over 256 KiB fails the state with States.DataLimitExceeded, which a catcher takes', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        // 262,142 characters are 262,144 bytes of JSON text (quotes included): exactly the quota.
        A: { Type: 'Pass', Assign: { v: big(262_142) }, Next: 'B' },
        B: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'Inner', States: { Inner: { Type: 'Pass', End: true } } }],
          Assign: { w: big(262_143) },
          Catch: [{ ErrorEquals: ['States.DataLimitExceeded'], Output: '{% $states.errorOutput %}', Next: 'Done' }],
          End: true,
        },
        Done: { Type: 'Succeed' },
      },
    };
    const { result } = await run(definition);
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: {
        Error: 'States.DataLimitExceeded',
        Cause: "The state 'B' assigned the variable 'w' a value with a size exceeding the maximum number of bytes service limit.",
      },
    });
  });

  test('one Assign over 256 KiB in total fails, although each variable fits', async () => {
    const definition = { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', Assign: { a: big(140_000), b: big(140_000) }, End: true } } };
    expect((await run(definition)).result).toEqual({
      status: 'FAILED',
      error: 'States.DataLimitExceeded',
      cause: "The state 'A' assigned variables with a total size exceeding the maximum number of bytes service limit.",
    });
  });

  test('more than 10 MiB of variables in one execution fails; reassigning a name replaces its bytes', async () => {
    const states: Record<string, object> = {};
    const count = 42;
    for (let i = 0; i < count; i++) {
      states[`S${i}`] = { Type: 'Pass', Assign: { [`v${i}`]: big(250_000) }, ...(i + 1 < count ? { Next: `S${i + 1}` } : { End: true }) };
    }
    const { result } = await run({ QueryLanguage: 'JSONata', StartAt: 'S0', States: states });
    // 41 values of 250,002 bytes is 10,250,082 bytes; the 42nd passes 10,485,760.
    expect(result).toEqual({
      status: 'FAILED',
      error: 'States.DataLimitExceeded',
      cause: "The state 'S41' assigned variables that bring the execution's variables to a size exceeding the maximum number of bytes service limit.",
    });
    const same: Record<string, object> = {};
    for (let i = 0; i < count; i++) same[`S${i}`] = { Type: 'Pass', Assign: { v: big(250_000) }, ...(i + 1 < count ? { Next: `S${i + 1}` } : { End: true, Output: 'ok' }) };
    expect((await run({ QueryLanguage: 'JSONata', StartAt: 'S0', States: same })).result).toEqual({ status: 'SUCCEEDED', output: 'ok' });
  });
});
