/**
 * Definitions conformance: every `invalid-definition` and `validate-definition` case of the
 * recorded AWS corpus (../shared/conformance/sfn, read in place, never copied) through
 * `validate()`. An invalid definition must be rejected and, where the recording is AWS's,
 * `formatInvalidDefinition` must reproduce CreateStateMachine's message exactly (after the
 * case's masks); a ValidateStateMachineDefinition case must give the same
 * `{ result, diagnostics, truncated }`. Cases that do not pass yet are listed, with a reason,
 * in definitions-known-failures.json; a listed case that passes fails the suite until it is
 * removed from the list.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { formatInvalidDefinition, type Diagnostic } from '../../src/errors.js';
import { validate } from '../../src/validate/index.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const corpus = path.resolve(repoRoot, '../shared/conformance/sfn');
const knownFailures = JSON.parse(readFileSync(new URL('./definitions-known-failures.json', import.meta.url), 'utf8')) as Record<string, string>;

interface IndexEntry {
  readonly id: string;
  readonly file: string;
  readonly kind: string;
}

interface DefinitionCase {
  readonly id: string;
  readonly kind: 'invalid-definition' | 'validate-definition';
  readonly definition: unknown;
  readonly stateMachineType?: 'STANDARD' | 'EXPRESS';
  readonly masks?: ReadonlyArray<{ value: string; placeholder: string }>;
  readonly provenance?: { suspectedNonAwsRecording?: boolean };
  readonly expected: {
    readonly message?: string;
    readonly errorCode?: string;
    readonly result?: string;
    readonly diagnostics?: ReadonlyArray<Record<string, string>>;
    readonly truncated?: boolean;
  };
}

function loadCases(): DefinitionCase[] {
  const index = JSON.parse(readFileSync(path.join(corpus, 'index.json'), 'utf8')) as { cases: IndexEntry[] };
  return index.cases
    .filter((c) => c.kind === 'invalid-definition' || c.kind === 'validate-definition')
    .map((c) => JSON.parse(readFileSync(path.join(corpus, c.file), 'utf8')) as DefinitionCase);
}

/** The definitions of the execution cases: AWS created and ran each of them, so each is valid. */
function executedDefinitions(): Array<{ id: string; definition: unknown; type: 'STANDARD' | 'EXPRESS' }> {
  const index = JSON.parse(readFileSync(path.join(corpus, 'index.json'), 'utf8')) as { cases: IndexEntry[] };
  return index.cases
    .filter((c) => c.kind === 'execution')
    .map((c) => {
      const k = JSON.parse(readFileSync(path.join(corpus, c.file), 'utf8')) as DefinitionCase;
      return { id: c.id, definition: k.definition, type: k.stateMachineType ?? 'STANDARD' };
    });
}

/** The corpus's masking of an actual message: the case's masks, then partition and region. */
function mask(text: string, c: DefinitionCase): string {
  let masked = text;
  for (const { value, placeholder } of c.masks ?? []) masked = masked.split(value).join(placeholder);
  return masked.replace(/arn:aws:/g, 'arn:<partition>:').replace(/us-east-1/g, '<region>');
}

/** ValidateStateMachineDefinition's response for `diagnostics` (its default maxResults is 100). */
function validateResponse(diagnostics: readonly Diagnostic[]) {
  return {
    result: diagnostics.some((d) => d.severity === 'ERROR') ? 'FAIL' : 'OK',
    diagnostics: diagnostics.slice(0, 100).map((d) => ({
      code: d.code,
      ...(d.location === '' ? {} : { location: d.location }),
      message: d.message,
      severity: d.severity,
    })),
    truncated: diagnostics.length > 100,
  };
}

/** Why `c` does not pass, or `undefined` when it does. */
function mismatch(c: DefinitionCase): string | undefined {
  const diagnostics = validate(c.definition, { type: c.stateMachineType ?? 'STANDARD' });
  if (c.kind === 'validate-definition') {
    const { result, diagnostics: expectedDiagnostics, truncated } = c.expected;
    const expected = JSON.stringify({ result, diagnostics: expectedDiagnostics, truncated });
    const actual = JSON.stringify(validateResponse(diagnostics));
    return actual === expected ? undefined : `expected ${expected}\n     got ${actual}`;
  }
  const errors = diagnostics.filter((d) => d.severity === 'ERROR');
  const expected = c.expected.message ?? '';
  if (errors.length === 0) return `accepted; AWS rejected it: ${expected}`;
  // LocalStack-recorded messages (the Map Label cases) are not AWS's: only the rejection counts.
  if (c.provenance?.suspectedNonAwsRecording === true || !expected.startsWith('Invalid State Machine Definition')) return undefined;
  const actual = mask(formatInvalidDefinition(errors), c);
  return actual === expected ? undefined : `expected ${expected}\n     got ${actual}`;
}

if (!existsSync(path.join(corpus, 'index.json'))) {
  describe('definitions conformance', () => {
    test.skip(`skipped: the recorded corpus is not at ${corpus} (clone ../shared next to the repository)`, () => {});
  });
} else {
  const cases = loadCases();
  describe('definitions conformance', () => {
    test('every known failure names a case of the corpus', () => {
      const ids = new Set(cases.map((c) => c.id));
      expect(Object.keys(knownFailures).filter((id) => !ids.has(id))).toEqual([]);
    });

    test('every definition AWS ran (all execution cases) passes validation', () => {
      const rejected: string[] = [];
      for (const { id, definition, type } of executedDefinitions()) {
        const errors = validate(definition, { type }).filter((d) => d.severity === 'ERROR');
        if (errors.length > 0) rejected.push(`${id}: ${formatInvalidDefinition(errors)}`);
      }
      expect(rejected).toEqual([]);
    });

    test.for(cases.map((c) => ({ name: c.id, c })))('$name', ({ c }) => {
      const problem = mismatch(c);
      const reason = knownFailures[c.id];
      if (reason === undefined) {
        expect(problem, problem).toBeUndefined();
      } else {
        expect(problem, `listed as a known failure (${reason}) but passes: remove it from definitions-known-failures.json`).toBeDefined();
      }
    });
  });
}
