import { describe, expect, test } from 'vitest';
import { pass, run, single } from './helpers.js';

// Data flow per the States Language spec: InputPath -> Parameters -> Result -> ResultSelector ->
// ResultPath -> OutputPath (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html).
describe('Pass data flow', () => {
  test.for([
    { name: 'zero', value: 0 },
    { name: 'false', value: false },
    { name: 'empty string', value: '' },
    { name: 'null', value: null },
    { name: 'empty object', value: {} },
  ])('a falsy Result ($name) is the result', async ({ value }) => {
    const { result } = await run(single(pass({ Result: value })), { keep: 1 });
    expect(result).toEqual({ status: 'SUCCEEDED', output: value });
  });

  test('ResultPath "$" replaces the input, null keeps it, "$.a.b" creates the path', async () => {
    expect((await run(single(pass({ Result: 1, ResultPath: '$' })), { x: 1 })).result.output).toBe(1);
    expect((await run(single(pass({ Result: 1, ResultPath: null })), { x: 1 })).result.output).toEqual({ x: 1 });
    expect((await run(single(pass({ Result: 1, ResultPath: '$.a.b' })), { x: 1 })).result.output).toEqual({ x: 1, a: { b: 1 } });
  });

  test('InputPath and OutputPath select, and null means {}', async () => {
    expect((await run(single(pass({ InputPath: '$.a' })), { a: { b: 2 } })).result.output).toEqual({ b: 2 });
    expect((await run(single(pass({ OutputPath: null })), { a: 1 })).result.output).toEqual({});
    expect((await run(single(pass({ InputPath: null })), { a: 1 })).result.output).toEqual({});
  });

  test('a missing InputPath is an uncatchable States.Runtime with the state and event id', async () => {
    const { result } = await run(single(pass({ InputPath: '$.missing' })), {});
    expect(result).toEqual({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: "An error occurred while executing the state 'S' (entered at the event id #2). Invalid path '$.missing' : No results for path: $['missing']",
    });
  });

  test('the context object is readable from Parameters', async () => {
    const { result } = await run(
      single(pass({ Parameters: { 'name.$': '$$.Execution.Name', 'state.$': '$$.State.Name', 'start.$': '$$.Execution.StartTime' } })),
    );
    expect(result.output).toEqual({ name: 'run', state: 'S', start: '2025-01-01T00:00:00.000Z' });
  });

  test('the execution input is copied: later changes by the caller do not leak in', async () => {
    const input = { a: 1 };
    const { machine: m } = await import('./helpers.js').then((h) => h.machine(single(pass())));
    const execution = m.start(input);
    input.a = 2;
    expect((await execution.result).output).toEqual({ a: 1 });
  });
});
