import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { compileChoiceRule } from '../../src/choice/index.js';
import { NO_VARIABLES, type EvalEnv } from '../../src/eval-env.js';
import { isJsonObject, type Json, type JsonObject } from '../../src/json.js';
import { jsonEquals } from '../../src/path/index.js';

/**
 * The recorded AWS choice-operator scenarios (`../shared/conformance/sfn/cases/choice_operators`),
 * checked against the Choice compiler alone: each case is a Choice state whose branches are Pass
 * states with distinct `Result`s, so the recorded output names the branch AWS took. The whole
 * engine runs these cases again in the conformance suite.
 */

const corpus = fileURLToPath(new URL('../../../../../shared/conformance/sfn/cases/choice_operators/', import.meta.url));
const present = existsSync(corpus);

interface ChoiceCase {
  id: string;
  file: string;
  kind: string;
  queryLanguage: string;
  definition: JsonObject;
  input: Json;
  expected: { status: string; output?: Json; error?: string; cause?: string };
}

function loadCases(): ChoiceCase[] {
  if (!present) return [];
  return readdirSync(corpus)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ ...(JSON.parse(readFileSync(corpus + file, 'utf8')) as Omit<ChoiceCase, 'file'>), file }))
    .filter((c) => c.kind === 'execution' && c.queryLanguage === 'JSONPath');
}

function context(input: Json): JsonObject {
  return {
    Execution: { Id: 'arn:aws:states:us-east-1:111111111111:execution:sm:exec', Input: input, Name: 'exec', RoleArn: 'role', StartTime: '2025-01-01T00:00:00.000Z', RedriveCount: 0 },
    StateMachine: { Id: 'arn:aws:states:us-east-1:111111111111:stateMachine:sm', Name: 'sm' },
    State: { EnteredTime: '2025-01-01T00:00:00.000Z', Name: 'CheckValues', RetryCount: 0 },
  };
}

/** The state the Choice goes to, or the error it fails with. */
function route(choice: JsonObject, input: Json, env: EvalEnv): { next: string } | { error: string } {
  const rules = choice.Choices as JsonObject[];
  for (const rule of rules) {
    if (compileChoiceRule(rule)(input, env)) return { next: rule.Next as string };
  }
  return typeof choice.Default === 'string' ? { next: choice.Default } : { error: 'no rule matched and no Default' };
}

/** The branch whose Pass `Result` is the recorded output: the one AWS took. */
function expectedBranch(states: JsonObject, choice: JsonObject, output: Json): string {
  const targets = new Set([...(choice.Choices as JsonObject[]).map((r) => r.Next as string), choice.Default as string]);
  const matching = [...targets].filter((name) => {
    const state = states[name];
    return isJsonObject(state) && state.Type === 'Pass' && state.Result !== undefined && jsonEquals(state.Result, output);
  });
  if (matching.length !== 1) throw new Error(`cannot tell the branch from the output ${JSON.stringify(output)}: candidates ${JSON.stringify(matching)}`);
  return matching[0] as string;
}

const cases = loadCases();

describe.skipIf(!present)(`choice_operators corpus (skipped when ${corpus} is absent)`, () => {
  test('holds the 387 JSONPath execution cases', () => {
    expect(cases.length).toBe(387);
  });

  test.for(cases.map((c) => ({ name: c.file.replace(/\.json$/, ''), c })))('$name', ({ c }) => {
    const states = c.definition.States as JsonObject;
    const choice = states[c.definition.StartAt as string] as JsonObject;
    expect(choice.Type).toBe('Choice');
    expect(c.expected.status).toBe('SUCCEEDED');
    const env: EvalEnv = { context: context(c.input), variables: NO_VARIABLES };
    expect(route(choice, c.input, env)).toEqual({ next: expectedBranch(states, choice, c.expected.output as Json) });
  });
});
