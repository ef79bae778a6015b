/**
 * Issue-3 execution conformance: every `execution` case of the recorded AWS corpus that uses
 * JSONata or workflow variables anywhere (top-level or per-state `QueryLanguage: JSONata`, a
 * `{% %}` expression, an `Assign`) and needs nothing or only Lambda, whatever its top-level
 * query language. Runs and compares exactly like executions.test.ts (same harness modules);
 * cases also in the JSONPath suite are run by both, each against its own known-failures list.
 *
 * UPDATE_KNOWN_FAILURES=1 rewrites known-failures-issue3.json from this run instead of failing.
 * CONFORMANCE_REPORT=<file> writes every failing case with all its mismatches there (for triage).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as asl from '@fogbank/asl';
import { afterAll, describe, expect, test } from 'vitest';
import { CORPUS_DIR, corpusAvailable, loadCase, readIndex, type ExecutionCase, type IndexEntry } from './corpus.js';
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

function isCandidate(entry: IndexEntry): boolean {
  return entry.kind === 'execution' && entry.needs.every((need) => need === 'lambda');
}

function issue3Cases(): FeaturedCase[] {
  return readIndex()
    .filter(isCandidate)
    .map((entry) => loadCase(entry) as FeaturedCase)
    .filter(usesJsonataOrVariables);
}

const available = corpusAvailable();
const api = asl as unknown as EngineApi;
const updating = process.env['UPDATE_KNOWN_FAILURES'] === '1';
const reportFile = process.env['CONFORMANCE_REPORT'];

const title = available
  ? 'sfn execution conformance (issue 3: JSONata and variables)'
  : `sfn execution conformance, issue 3 (skipped: no corpus at ${CORPUS_DIR})`;

describe.skipIf(!available)(title, () => {
  const cases = available ? issue3Cases() : [];
  const known = readKnownFailures(KNOWN_FILE);
  const failures = new Map<string, string>();
  const reports: Record<string, string> = {};
  let passed = 0;

  afterAll(() => {
    const pct = cases.length === 0 ? 0 : (passed / cases.length) * 100;
    console.log(
      `sfn execution conformance (issue 3): ${passed}/${cases.length} cases pass (${pct.toFixed(1)}%), ${Object.keys(known).length} listed in known-failures-issue3.json`,
    );
    if (updating) writeKnownFailures(updateKnownFailures(known, failures), KNOWN_FILE);
    if (reportFile !== undefined) writeFileSync(reportFile, `${JSON.stringify(reports, null, 2)}\n`);
  });

  test('known-failures-issue3.json names only selected cases', () => {
    const ids = new Set(cases.map((c) => c.id));
    expect(Object.keys(known).filter((id) => !ids.has(id))).toEqual([]);
  });

  test('the selection finds the JSONata and variable cases', () => {
    // Guards the selector: the corpus copy holds 137 such cases (63 with top-level JSONata).
    expect(cases.length).toBeGreaterThan(100);
    expect(cases.filter((c) => c.queryLanguage === 'JSONata').length).toBeGreaterThan(50);
  });

  for (const c of cases) {
    test(c.id, async () => {
      let report: string;
      try {
        report = formatMismatches(compareCase(c, await runCase(c, api)));
      } catch (thrown) {
        report = `  fogbank threw: ${thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown)}`;
      }
      const ok = report === '';
      if (ok) passed++;
      else {
        failures.set(c.id, report.split('\n')[0]!);
        reports[c.id] = report;
      }
      if (updating) return;
      const verdict = verdictOf(ok, c.id in known);
      if (verdict === 'unexpected-failure') expect.fail(`case fails and is not in known-failures-issue3.json:\n${report}`);
      if (verdict === 'unexpected-pass') expect.fail(`case passes now: remove it from known-failures-issue3.json (was: ${known[c.id]})`);
    });
  }
});
