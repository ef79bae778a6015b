/**
 * JSONata evaluations recomputed from recorded AWS runs (see corpus-checks.ts): every check is a
 * field AWS evaluated, with the inputs the history shows and the value or cause AWS produced.
 */
import { describe, expect, test } from 'vitest';
import { StatesError } from '../../src/errors.js';
import type { Json, JsonObject } from '../../src/json.js';
import {
  compileJsonataCondition,
  compileJsonataTemplate,
  isJsonataExpression,
  type JsonataBindings,
} from '../../src/jsonata/index.js';
import {
  CORPUS_AVAILABLE,
  CORPUS_DIR,
  executionChecks,
  loadCases,
  matchesRecorded,
  testStateChecks,
  type Check,
} from './corpus-checks.js';

const cases = CORPUS_AVAILABLE ? loadCases() : [];
const checks: Check[] = cases.flatMap((c) =>
  c.kind === 'execution' ? executionChecks(c) : c.kind === 'test-state' ? testStateChecks(c) : [],
);

function bindingsOf(check: Check): JsonataBindings {
  return {
    input: check.input,
    context: check.context,
    result: check.result,
    errorOutput: check.errorOutput,
    variables: { get: (name) => check.variables[name] },
  };
}

async function choose(state: JsonObject, bindings: JsonataBindings): Promise<Json> {
  const rules = (state['Choices'] ?? []) as JsonObject[];
  for (const [i, rule] of rules.entries()) {
    if (await compileJsonataCondition(rule['Condition'] as string, `Choices[${i}]/Condition`).evaluate(bindings)) {
      return rule['Next'] as Json;
    }
  }
  return (state['Default'] ?? null) as Json;
}

async function failValue(value: JsonObject, bindings: JsonataBindings): Promise<Json> {
  const out: JsonObject = {};
  for (const key of ['Error', 'Cause']) {
    const field = value[key] as Json;
    out[key] = isJsonataExpression(field) ? await compileJsonataTemplate(field, key).evaluate(bindings) : field;
  }
  return out;
}

/** Evaluates the check's field as the engine would; returns the value or the StatesError cause. */
async function evaluate(check: Check): Promise<{ value?: Json; cause?: string }> {
  const bindings = bindingsOf(check);
  try {
    switch (check.what) {
      case 'Condition':
        return typeof check.value === 'string'
          ? { value: await compileJsonataCondition(check.value, check.field).evaluate(bindings) }
          : { value: await choose(check.value as JsonObject, bindings) };
      case 'Items': {
        const items = await compileJsonataTemplate(check.value, check.field).evaluate(bindings, { expect: 'array' });
        return { value: (items as Json[]).length };
      }
      case 'Fail':
        return { value: await failValue(check.value as JsonObject, bindings) };
      default:
        return { value: await compileJsonataTemplate(check.value, check.field).evaluate(bindings) };
    }
  } catch (error) {
    if (error instanceof StatesError && error.error === 'States.QueryEvaluationError' && error.decorate) {
      return { cause: error.cause ?? '' };
    }
    throw error;
  }
}

describe.skipIf(!CORPUS_AVAILABLE)(`JSONata evaluations recorded in ${CORPUS_DIR}`, () => {
  test('the corpus yields checks', () => {
    expect(checks.length).toBeGreaterThan(100);
  });

  test.for(checks.map((check, i) => ({ ...check, n: i })))('$category $state $what #$n', async (check) => {
    const got = await evaluate(check);
    if (check.expectedCause !== undefined) {
      expect(got.cause).toBe(check.expectedCause);
    } else {
      expect(got.cause).toBeUndefined();
      if (!matchesRecorded(got.value, check.expected, check.masks)) expect(got.value).toEqual(check.expected);
    }
  });
});

test.skipIf(CORPUS_AVAILABLE)(`JSONata corpus checks skipped: no corpus at ${CORPUS_DIR}`, () => {});
