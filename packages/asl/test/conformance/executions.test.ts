/**
 * Execution conformance: every JSONPath `execution` case of the recorded AWS corpus that needs
 * nothing or only Lambda, run through `StateMachine.from(...).start(...)` on a virtual clock and
 * compared, after masking, with AWS's status, output, error, cause and history events.
 *
 * UPDATE_KNOWN_FAILURES=1 rewrites known-failures.json from this run instead of failing.
 * CONFORMANCE_REPORT=<file> writes every failing case with all its mismatches there (for triage).
 */
import { writeFileSync } from 'node:fs';
import * as asl from '@fogbank/asl';
import { afterAll, describe, expect, test } from 'vitest';
import { CORPUS_DIR, corpusAvailable, selectedCases, type ExecutionCase } from './corpus.js';
import {
  readKnownFailures,
  summaryLine,
  updateKnownFailures,
  verdictOf,
  writeKnownFailures,
} from './known-failures.js';
import { compareCase, formatMismatches, runCase, type EngineApi } from './run-case.js';

const available = corpusAvailable();
const api = asl as unknown as Partial<EngineApi>;
const engineReady = typeof api.StateMachine?.from === 'function' && typeof api.virtualClock === 'function';
const updating = process.env['UPDATE_KNOWN_FAILURES'] === '1';
const reportFile = process.env['CONFORMANCE_REPORT'];

const title = !available
  ? `sfn execution conformance (skipped: no corpus at ${CORPUS_DIR})`
  : !engineReady
    ? 'sfn execution conformance (skipped: @fogbank/asl does not export StateMachine and virtualClock yet)'
    : 'sfn execution conformance';

describe.skipIf(!available || !engineReady)(title, () => {
  const cases: ExecutionCase[] = available ? selectedCases() : [];
  const known = readKnownFailures();
  const failures = new Map<string, string>();
  const reports: Record<string, string> = {};
  let passed = 0;
  let ran = 0;

  afterAll(() => {
    console.log(summaryLine(cases.length, passed, Object.keys(known).length));
    // A filtered run (-t) would drop the cases it skipped from the list: only a full run rewrites it.
    if (updating && ran === cases.length) writeKnownFailures(updateKnownFailures(known, failures));
    else if (updating) console.warn(`known-failures.json left as is: ${ran} of ${cases.length} cases ran`);
    if (reportFile !== undefined) writeFileSync(reportFile, `${JSON.stringify(reports, null, 2)}\n`);
  });

  test('known-failures.json names only selected cases', () => {
    const ids = new Set(cases.map((c) => c.id));
    expect(Object.keys(known).filter((id) => !ids.has(id))).toEqual([]);
  });

  for (const c of cases) {
    test(c.id, async () => {
      let report: string;
      try {
        const mismatches = compareCase(c, await runCase(c, api as EngineApi));
        report = formatMismatches(mismatches);
      } catch (thrown) {
        report = `  fogbank threw: ${thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown)}`;
      }
      ran++;
      const ok = report === '';
      if (ok) passed++;
      else {
        failures.set(c.id, report.split('\n')[0]!);
        reports[c.id] = report;
      }
      if (updating) return;
      const verdict = verdictOf(ok, c.id in known);
      if (verdict === 'unexpected-failure') expect.fail(`case fails and is not in known-failures.json:\n${report}`);
      if (verdict === 'unexpected-pass') expect.fail(`case passes now: remove it from known-failures.json (was: ${known[c.id]})`);
    });
  }
});
