import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  choiceRule,
  definitePath,
  definition,
  executionInput,
  jsonValue,
  payloadTemplateFor,
  STATE_TYPES,
} from '@fogbank/asl/arbitraries';
import { NO_VARIABLES, type EvalEnv } from '../../src/eval-env.js';
import { compileChoiceRule } from '../../src/choice/index.js';
import { compilePath } from '../../src/path/index.js';
import { compileTemplate } from '../../src/payload/index.js';
import { validate } from '../../src/validate/index.js';

// The arbitraries are part of the product: what they promise is checked here against the
// compiled paths, templates and rules and against validate().

const env: EvalEnv = { context: { Execution: { Name: 'run' } }, variables: NO_VARIABLES };

describe('definition()', () => {
  test.for(['STANDARD', 'EXPRESS'] as const)('generated definitions pass validate() for %s', (type) => {
    fc.assert(
      fc.property(definition(), (def) => {
        expect(validate(def, { type })).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  test.for(['STANDARD', 'EXPRESS'] as const)('generated JSONata definitions pass validate() for %s', (type) => {
    fc.assert(
      fc.property(definition({ queryLanguage: 'JSONata' }), (def) => {
        expect(validate(def, { type })).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  test.for(STATE_TYPES.map((t) => ({ type: t })))('definitions made of $type states (and one that ends) validate', ({ type }) => {
    fc.assert(
      fc.property(definition({ stateTypes: [type, 'Succeed'], maxDepth: 1 }), (def) => {
        expect(validate(def)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  test('asking for no state that can end a machine says so', () => {
    expect(() => definition({ stateTypes: ['Choice'] })).toThrowErrorMatchingInlineSnapshot(
      `[Error: definition(): stateTypes [Choice] has no state that can end a machine; add one of Pass, Wait, Succeed, Fail, Parallel, Map, Task]`,
    );
  });
});

describe('definitePath()', () => {
  test('selects the value it promises, and is definite', () => {
    const cases = jsonValue({ maxDepth: 4 }).chain((doc) => definitePath(doc).map((p) => ({ doc, ...p })));
    fc.assert(
      fc.property(cases, ({ doc, path, value }) => {
        const compiled = compilePath(path);
        expect(compiled.definite).toBe(true);
        expect(compiled.select(doc, env)).toEqual(value);
      }),
      { numRuns: 500 },
    );
  });
});

describe('payloadTemplateFor()', () => {
  test('a template builds exactly the expected payload', () => {
    const cases = jsonValue({ maxDepth: 3 }).chain((doc) => payloadTemplateFor(doc).map((t) => ({ doc, ...t })));
    fc.assert(
      fc.property(cases, ({ doc, template, expected }) => {
        expect(compileTemplate(template)(doc, env)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('choiceRule()', () => {
  test('rules compile, and evaluate to a boolean or an ASL error on generated inputs', () => {
    fc.assert(
      fc.property(choiceRule(), executionInput(), (rule, input) => {
        const predicate = compileChoiceRule(rule);
        try {
          expect(typeof predicate(input, env)).toBe('boolean');
        } catch (e) {
          expect(e).toMatchObject({ error: 'States.Runtime' });
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('jsonValue()', () => {
  test('survives a JSON round trip', () => {
    fc.assert(
      fc.property(jsonValue(), (v) => {
        expect(JSON.parse(JSON.stringify(v))).toEqual(v);
      }),
    );
  });
});

describe('docs/arbitraries.md', () => {
  test('shows the example test exactly as it runs', () => {
    const doc = readFileSync(new URL('../../../../docs/arbitraries.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('./docs-example.test.ts', import.meta.url), 'utf8');
    const marker = '<!-- example: packages/asl/test/properties/docs-example.test.ts';
    const start = doc.indexOf('```ts\n', doc.indexOf(marker)) + '```ts\n'.length;
    expect(doc.slice(start, doc.indexOf('```\n', start))).toBe(example);
  });
});
