import fc from 'fast-check';
import { JSONPath } from 'jsonpath-plus';
import { describe, expect, test } from 'vitest';
import { NO_VARIABLES, type EvalEnv } from '../../src/eval-env.js';
import type { Json } from '../../src/json.js';
import { compilePath } from '../../src/path/index.js';

const env: EvalEnv = { context: {}, variables: NO_VARIABLES };

// Names chosen so that jsonpath-plus and Jayway read them alike: no numeric keys (jsonpath-plus
// indexes objects with them) and no `length` (jsonpath-plus reads it off arrays and strings).
const names = fc.constantFrom('a', 'b', 'c', 'item', 'Value', 'x_y', 'with space', 'dash-ed', "quo'te");
const leaf = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 4 }));
const node: fc.Arbitrary<Json> = fc.letrec<{ node: Json }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(names, tie('node'), { maxKeys: 4 }),
  ),
})).node;
// jsonpath-plus answers nothing for a scalar document, so the top level is a container.
const document: fc.Arbitrary<Json> = fc.oneof(fc.array(node, { maxLength: 4 }), fc.dictionary(names, node, { maxKeys: 4 }));

type Step = { name: string } | { index: number };
const step: fc.Arbitrary<Step> = fc.oneof(names.map((name) => ({ name })), fc.integer({ min: -4, max: 4 }).map((index) => ({ index })));

function render(steps: Step[], bracketNames: boolean): string {
  return (
    '$' +
    steps
      .map((s) => {
        if ('index' in s) return `[${s.index}]`;
        if (bracketNames || !/^[A-Za-z_]+$/.test(s.name)) return `['${s.name.replace(/'/g, "\\'")}']`;
        return `.${s.name}`;
      })
      .join('')
  );
}

// jsonpath-plus takes the path as an array of components, so no quoting stands between the two.
function jsonpathPlus(steps: Step[], doc: Json): unknown[] {
  const path = ['$', ...steps.map((s) => ('index' in s ? (s.index < 0 ? `${s.index}:${s.index === -1 ? '' : s.index + 1}` : String(s.index)) : s.name))];
  return (JSONPath({ path, json: doc as object, wrap: true, eval: 'safe' }) as unknown[] | undefined) ?? [];
}

describe('compilePath agrees with jsonpath-plus', () => {
  test('definite paths read the same value (or both find nothing)', () => {
    fc.assert(
      fc.property(document, fc.array(step, { maxLength: 4 }), fc.boolean(), (doc, steps, brackets) => {
        const ours = compilePath(render(steps, brackets)).select(doc, env);
        const theirs = jsonpathPlus(steps, doc);
        // jsonpath-plus reads a string's characters by index; Jayway does not.
        if (theirs.length > 0 && ours === undefined && steps.some((s, i) => 'index' in s && typeof walk(doc, steps.slice(0, i)) === 'string')) return;
        expect(ours).toEqual(theirs[0]);
      }),
      { numRuns: 500 },
    );
  });

  test('wildcards over arrays and objects select the same values', () => {
    fc.assert(
      fc.property(document, fc.array(step, { maxLength: 2 }), (doc, steps) => {
        const ours = compilePath(`${render(steps, true)}[*]`).select(doc, env);
        const container = walk(doc, steps);
        if (typeof container !== 'object' || container === null) return;
        const theirs = (JSONPath({ path: '$.*', json: container, wrap: true }) as unknown[] | undefined) ?? [];
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 300 },
    );
  });
});

function walk(doc: Json | undefined, steps: Step[]): Json | undefined {
  let v = doc;
  for (const s of steps) {
    if (v === undefined) return undefined;
    if ('index' in s) v = Array.isArray(v) ? v[s.index < 0 ? v.length + s.index : s.index] : undefined;
    else v = typeof v === 'object' && v !== null && !Array.isArray(v) && Object.hasOwn(v, s.name) ? v[s.name] : undefined;
  }
  return v;
}
