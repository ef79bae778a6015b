/**
 * TestState conformance: every `test-state` case of the recorded AWS corpus that needs nothing,
 * run through `testState()` on a virtual clock and compared, after masking, with AWS's response
 * (status, output, error, cause, nextState, inspectionData) or with AWS's rejection (exception
 * name and message).
 *
 * UPDATE_KNOWN_FAILURES=1 rewrites test-state-known-failures.json from this run instead of failing.
 * CONFORMANCE_REPORT=<file> writes every failing case with all its mismatches there (for triage).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as asl from '@fogbank/asl';
import { afterAll, describe, expect, test } from 'vitest';
import { CORPUS_DIR, corpusAvailable } from './corpus.js';
import { readKnownFailures, updateKnownFailures, verdictOf, writeKnownFailures } from './known-failures.js';
import { formatMismatches } from './run-case.js';
import { compareTestStateCase, runTestStateCase, selectedTestStateCases, type TestStateApi, type TestStateCase } from './test-state-case.js';

const KNOWN_FAILURES_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'test-state-known-failures.json');
const available = corpusAvailable();
const api = asl as unknown as Partial<TestStateApi>;
const engineReady = typeof api.testState === 'function' && typeof api.virtualClock === 'function';
const updating = process.env['UPDATE_KNOWN_FAILURES'] === '1';
const reportFile = process.env['CONFORMANCE_REPORT'];

const title = !available
  ? `sfn test-state conformance (skipped: no corpus at ${CORPUS_DIR})`
  : !engineReady
    ? 'sfn test-state conformance (skipped: @fogbank/asl does not export testState yet)'
    : 'sfn test-state conformance';

describe.skipIf(!available || !engineReady)(title, () => {
  const cases: TestStateCase[] = available ? selectedTestStateCases() : [];
  const known = readKnownFailures(KNOWN_FAILURES_FILE);
  const failures = new Map<string, string>();
  const reports: Record<string, string> = {};
  let passed = 0;

  afterAll(() => {
    const pct = cases.length === 0 ? 0 : (passed / cases.length) * 100;
    console.log(
      `sfn test-state conformance: ${passed}/${cases.length} cases pass (${pct.toFixed(1)}%), ${Object.keys(known).length} listed in test-state-known-failures.json`,
    );
    if (updating) writeKnownFailures(updateKnownFailures(known, failures), KNOWN_FAILURES_FILE);
    if (reportFile !== undefined) writeFileSync(reportFile, `${JSON.stringify(reports, null, 2)}\n`);
  });

  test('test-state-known-failures.json names only selected cases', () => {
    const ids = new Set(cases.map((c) => c.id));
    expect(Object.keys(known).filter((id) => !ids.has(id))).toEqual([]);
  });

  for (const c of cases) {
    test(c.id, async () => {
      let report: string;
      try {
        report = formatMismatches(compareTestStateCase(c, await runTestStateCase(c, api as TestStateApi)));
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
      if (verdict === 'unexpected-failure') expect.fail(`case fails and is not in test-state-known-failures.json:\n${report}`);
      if (verdict === 'unexpected-pass') expect.fail(`case passes now: remove it from test-state-known-failures.json (was: ${known[c.id]})`);
    });
  }
});
