/**
 * Issue-3 execution conformance: every `execution` case of the recorded AWS corpus that uses
 * JSONata or workflow variables anywhere (top-level or per-state `QueryLanguage: JSONata`, a
 * `{% %}` expression, an `Assign`) and needs nothing or only Lambda, whatever its top-level
 * query language. Runs and compares exactly like executions.test.ts (same harness modules);
 * cases also in the JSONPath suite are run by both, each against its own known-failures list.
 *
 * Also every `variable-references` case: `variableReferences(definition)` and, where the machine
 * compiles, `machine.variableReferences` must equal what DescribeStateMachine returned.
 *
 * UPDATE_KNOWN_FAILURES=1 rewrites known-failures-issue3.json from this run instead of failing.
 * CONFORMANCE_REPORT=<file> writes every failing case with all its mismatches there (for triage).
 */
import { writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as asl from '@fogbank/asl';
import { afterAll, describe, expect, test } from 'vitest';
import { CORPUS_DIR, corpusAvailable, loadCase, readIndex, type ExecutionCase, type IndexEntry, type Json } from './corpus.js';
import { readKnownFailures, updateKnownFailures, verdictOf, writeKnownFailures } from './known-failures.js';
import { compareCase, formatMismatches, runCase, type EngineApi } from './run-case.js';

const KNOWN_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'known-failures-issue3.json');

/** The static-analysis features (the corpus's `features`) that mark JSONata or variables. */
const ISSUE3_FEATURES: ReadonlySet<string> = new Set(['jsonata', 'jsonata-expression', 'variables-assign']);

interface FeaturedCase extends ExecutionCase {
  readonly features?: readonly string[];
  readonly stateQueryLanguages?: readonly string[];
}

/** Whether a case exercises issue 3: JSONata at any level, or workflow variables. */
function usesJsonataOrVariables(c: FeaturedCase): boolean {
  if (c.queryLanguage === 'JSONata' || (c.stateQueryLanguages ?? []).includes('JSONata')) return true;
  return (c.features ?? []).some((f) => ISSUE3_FEATURES.has(f));
}

interface VariableReferencesCase {
  readonly id: string;
  readonly definition: Json;
  readonly expected: { readonly variableReferences: Json };
}

function isCandidate(entry: IndexEntry): boolean {
  return entry.kind === 'execution' && entry.needs.every((need) => need === 'lambda');
}

function issue3Cases(): FeaturedCase[] {
  return readIndex()
    .filter(isCandidate)
    .map((entry) => loadCase(entry) as FeaturedCase)
    .filter(usesJsonataOrVariables);
}

function variableReferenceCases(): VariableReferencesCase[] {
  return readIndex()
    .filter((entry) => entry.kind === 'variable-references')
    .map((entry) => loadCase(entry) as unknown as VariableReferencesCase);
}

/** What fogbank reports for a case: the pure function, checked against the machine's getter. */
function referencesOf(c: VariableReferencesCase): unknown {
  const fromDefinition = asl.variableReferences(c.definition as object);
  let machine: asl.StateMachine | undefined;
  try {
    machine = asl.StateMachine.from(c.definition as object);
  } catch (thrown) {
    // Only features fogbank does not run (e.g. ItemReader) may stop the machine from compiling.
    if (!(thrown instanceof asl.InvalidDefinitionError) || thrown.diagnostics.some((d) => d.code !== 'UNSUPPORTED_BY_FOGBANK')) throw thrown;
  }
  if (machine !== undefined) expect(machine.variableReferences).toEqual(fromDefinition);
  return fromDefinition;
}

const available = corpusAvailable();
const api = asl as unknown as EngineApi;
const updating = process.env['UPDATE_KNOWN_FAILURES'] === '1';
const reportFile = process.env['CONFORMANCE_REPORT'];

const title = available
  ? 'sfn execution conformance (issue 3: JSONata and variables)'
  : `sfn execution conformance, issue 3 (skipped: no corpus at ${CORPUS_DIR})`;

const known = readKnownFailures(KNOWN_FILE);
// Both suites share one list, written once at the end.
const failures = new Map<string, string>();
const reports: Record<string, string> = {};
const executionCases = available ? issue3Cases() : [];
const referenceCases = available ? variableReferenceCases() : [];
const counts = { executions: 0, references: 0 };

afterAll(() => {
  if (!available) return;
  const line = (label: string, passed: number, total: number) =>
    `${label}: ${passed}/${total} cases pass (${total === 0 ? '0.0' : ((passed / total) * 100).toFixed(1)}%)`;
  console.log(
    `sfn conformance (issue 3): ${line('executions', counts.executions, executionCases.length)}, ${line('variable-references', counts.references, referenceCases.length)}; ${Object.keys(known).length} listed in known-failures-issue3.json`,
  );
  if (updating) writeKnownFailures(updateKnownFailures(known, failures), KNOWN_FILE);
  if (reportFile !== undefined) writeFileSync(reportFile, `${JSON.stringify(reports, null, 2)}\n`);
});

/** Records the outcome and fails the test when it disagrees with the known-failures list. */
function judge(id: string, report: string): void {
  const ok = report === '';
  if (!ok) {
    failures.set(id, report.split('\n')[0]!);
    reports[id] = report;
  }
  if (updating) return;
  const verdict = verdictOf(ok, id in known);
  if (verdict === 'unexpected-failure') expect.fail(`case fails and is not in known-failures-issue3.json:\n${report}`);
  if (verdict === 'unexpected-pass') expect.fail(`case passes now: remove it from known-failures-issue3.json (was: ${known[id]})`);
}

describe.skipIf(!available)(title, () => {
  test('known-failures-issue3.json names only selected cases', () => {
    const ids = new Set([...executionCases, ...referenceCases].map((c) => c.id));
    expect(Object.keys(known).filter((id) => !ids.has(id))).toEqual([]);
  });

  test('the selection finds the JSONata and variable cases', () => {
    // Guards the selectors: this corpus copy holds 137 such execution cases (63 with top-level
    // JSONata) and 17 variable-references cases.
    expect(executionCases.length).toBeGreaterThan(100);
    expect(executionCases.filter((c) => c.queryLanguage === 'JSONata').length).toBeGreaterThan(50);
    expect(referenceCases.length).toBeGreaterThan(10);
  });

  describe('executions', () => {
    for (const c of executionCases) {
      test(c.id, async () => {
        let report: string;
        try {
          report = formatMismatches(compareCase(c, await runCase(c, api)));
        } catch (thrown) {
          report = `  fogbank threw: ${thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown)}`;
        }
        if (report === '') counts.executions++;
        judge(c.id, report);
      });
    }
  });

  describe('variableReferences', () => {
    for (const c of referenceCases) {
      test(c.id, () => {
        const actual = referencesOf(c);
        const expected = c.expected.variableReferences;
        const report = isDeepStrictEqual(actual, expected) ? '' : `  expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
        if (report === '') counts.references++;
        judge(c.id, report);
      });
    }
  });
});
