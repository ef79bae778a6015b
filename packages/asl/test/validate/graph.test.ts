import { describe, expect, test } from 'vitest';
import { problems } from './helpers.js';

const pass = (next?: string) => (next === undefined ? { Type: 'Pass', End: true } : { Type: 'Pass', Next: next });

// AWS's reference example (asl-semantics.md section 4) and floci's AWS-measured cases.
describe('transitions and reachability', () => {
  test("a missing target is 'Next' whatever the field; unreachable states follow (recorded example)", () => {
    expect(problems({ StartAt: 'pass1', States: { pass1: pass('pass3'), pass2: pass() } })).toMatchInlineSnapshot(`
      [
        "MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at /States/pass1/Next",
        "MISSING_TRANSITION_TARGET: State "pass2" is not reachable. at /States/pass2",
      ]
    `);
  });

  test('Choice Next and Default, Catch Next and StartAt targets', () => {
    const choice = { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'Ghost1' }], Default: 'Ghost2' };
    expect(problems({ StartAt: 'C', States: { C: choice, Z: pass() } })).toMatchInlineSnapshot(`
      [
        "MISSING_TRANSITION_TARGET: Missing 'Next' target: Ghost1 at /States/C/Choices[0]/Next",
        "MISSING_TRANSITION_TARGET: Missing 'Next' target: Ghost2 at /States/C/Default",
        "MISSING_TRANSITION_TARGET: State "Z" is not reachable. at /States/Z",
      ]
    `);
    const task = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Ghost' }], End: true };
    expect(problems({ StartAt: 'T', States: { T: task } })).toMatchInlineSnapshot(`
      [
        "MISSING_TRANSITION_TARGET: Missing 'Next' target: Ghost at /States/T/Catch[0]/Next",
      ]
    `);
    expect(problems({ StartAt: 'Nope', States: { A: pass() } })).toMatchInlineSnapshot(`
      [
        "MISSING_TRANSITION_TARGET: Missing 'Next' target: Nope at /StartAt",
        "MISSING_TRANSITION_TARGET: State "A" is not reachable. at /States/A",
      ]
    `);
  });

  test('reachability is graph reachability from StartAt: a cycle nothing enters is unreachable', () => {
    expect(problems({ StartAt: 'A', States: { A: pass(), B: pass('C'), C: pass('B') } })).toMatchInlineSnapshot(`
      [
        "MISSING_TRANSITION_TARGET: State "B" is not reachable. at /States/B",
        "MISSING_TRANSITION_TARGET: State "C" is not reachable. at /States/C",
      ]
    `);
  });

  test('no terminal state at the top level: MISSING_END_STATE without location, and no reachability report', () => {
    expect(problems({ StartAt: 'A', States: { A: pass('B'), B: pass('A'), Unused: pass('A') } })).toMatchInlineSnapshot(`
      [
        "MISSING_END_STATE: Workflow has no terminal state at null",
      ]
    `);
    expect(problems({ StartAt: 'A', States: { A: pass('NOPE') } })).toMatchInlineSnapshot(`
      [
        "MISSING_TRANSITION_TARGET: Missing 'Next' target: NOPE at /States/A/Next",
        "MISSING_END_STATE: Workflow has no terminal state at null",
      ]
    `);
    expect(problems({ StartAt: 'A', States: { A: pass('B'), B: pass('A'), C: pass() } })).toMatchInlineSnapshot(`
      [
        "MISSING_TRANSITION_TARGET: State "C" is not reachable. at /States/C",
      ]
    `);
  });

  test('nested machines: their own targets and reachability; a loop without end is accepted there', () => {
    const loop = { StartAt: 'A', States: { A: pass('B'), B: pass('A') } };
    expect(problems({ StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: loop, End: true } } })).toEqual([]);
    const branch = { StartAt: 'W', States: { W: pass(), Ghost: pass(), Out: pass('M') } };
    expect(problems({ StartAt: 'M', States: { M: { Type: 'Parallel', Branches: [branch], End: true } } })).toMatchInlineSnapshot(`
      [
        "MISSING_TRANSITION_TARGET: Missing 'Next' target: M at /States/M/Branches[0]/States/Out/Next",
        "MISSING_TRANSITION_TARGET: State "Ghost" is not reachable. at /States/M/Branches[0]/States/Ghost",
        "MISSING_TRANSITION_TARGET: State "Out" is not reachable. at /States/M/Branches[0]/States/Out",
      ]
    `);
    const processor = { StartAt: 'Nope', States: { X: pass() } };
    expect(problems({ StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: processor, End: true } } })).toMatchInlineSnapshot(`
      [
        "MISSING_TRANSITION_TARGET: Missing 'Next' target: Nope at /States/M/ItemProcessor/StartAt",
        "MISSING_TRANSITION_TARGET: State "X" is not reachable. at /States/M/ItemProcessor/States/X",
      ]
    `);
  });

  test('state names are unique across the whole definition, nested machines included', () => {
    const branch = { StartAt: 'A', States: { A: pass() } };
    expect(
      problems({ StartAt: 'A', States: { A: { Type: 'Parallel', Branches: [branch, { StartAt: 'B', States: { B: pass() } }], End: true } } }),
    ).toMatchInlineSnapshot(`
      [
        "DUPLICATE_STATE_NAME: Duplicate State name: A at /States/A/Branches[0]/States/A",
      ]
    `);
  });
});
