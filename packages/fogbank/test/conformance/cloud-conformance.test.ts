/**
 * Conformance through the real integrations: every `execution` case of the recorded AWS corpus
 * that needs Lambda, DynamoDB, nested executions, callbacks, activities, SQS or SNS (and nothing
 * fogbank does not serve, such as S3), run through `createCloud()` and compared, after masking,
 * with AWS's status, output, error, cause and history events.
 *
 * UPDATE_KNOWN_FAILURES=1 rewrites cloud-known-failures.json from this run instead of failing.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { CORPUS_DIR, corpusAvailable, loadCase, readIndex, type IndexEntry, type Json } from '../../../asl/test/conformance/corpus.js';
import { readKnownFailures, updateKnownFailures, verdictOf, writeKnownFailures } from '../../../asl/test/conformance/known-failures.js';
import { compareCase, formatMismatches } from '../../../asl/test/conformance/run-case.js';
import { runCloudCase, runCloudTestState, type CloudCase } from './cloud-case.js';
import { compareTestStateCase, type TestStateCase } from '../../../asl/test/conformance/test-state-case.js';
import { crcAsWildcard, maskedDateLengthAsWildcard, recordedDatesAsWildcard, nestedTokensUnwrapped, recordedShortIdsAsHarness, roleMaskedByResource, toNodeRuntime } from './expectations.js';

const KNOWN_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cloud-known-failures.json');
/** What this issue's integrations serve. */
const SERVED = new Set(['lambda', 'dynamodb', 'nested-sfn', 'callback', 'activity', 'credentials', 'sqs', 'sns']);
/** The integrations issue 6 names: its target counts the cases that need one of these. */
const INTEGRATED = new Set(['lambda', 'dynamodb', 'nested-sfn', 'callback', 'activity']);
const SELECTED = new Set([...INTEGRATED, 'sqs', 'sns']);

/** Categories that exercise the Step Functions API itself (StartSyncExecution, history paging, StopExecution). */
const API_CATEGORIES = new Set(['sfn_api', 'sfn_api_express', 'express']);

/**
 * Execution cases needing at least one integration this issue wires, or exercising the API
 * itself, and needing only what fogbank serves.
 */
export function isCloudCase(entry: IndexEntry): boolean {
  const selected = entry.needs.some((n) => SELECTED.has(n)) || API_CATEGORIES.has(entry.category);
  return entry.kind === 'execution' && selected && entry.needs.every((n) => SERVED.has(n));
}

/** The recorded expectation, adjusted where fogbank cannot reproduce it (see expectations.ts). */
function expectationFor(c: CloudCase): CloudCase {
  const python = (c.needsDetails?.lambda ?? []).length > 0;
  const recorded = maskedDateLengthAsWildcard(crcAsWildcard(c.expected as unknown as Json));
  const expected = nestedTokensUnwrapped(roleMaskedByResource(recordedShortIdsAsHarness(recordedDatesAsWildcard(recorded), c.input), c.masks));
  return { ...c, expected: (python ? toNodeRuntime(expected, c.masks) : expected) as unknown as CloudCase['expected'] };
}

const available = corpusAvailable();
const updating = process.env['UPDATE_KNOWN_FAILURES'] === '1';

describe.skipIf(!available)(available ? 'sfn conformance through createCloud()' : `sfn conformance through createCloud() (skipped: no corpus at ${CORPUS_DIR})`, () => {
  const entries = available ? readIndex() : [];
  const cases = entries.filter(isCloudCase).map((e) => loadCase(e) as CloudCase);
  const outOfScope = entries.filter((e) => e.kind === 'execution' && e.needs.some((n) => SELECTED.has(n)) && !isCloudCase(e));
  const integrated = new Set(cases.filter((c) => c.needs.some((n) => INTEGRATED.has(n))).map((c) => c.id));
  const known = readKnownFailures(KNOWN_FILE);
  const failures = new Map<string, string>();
  let passed = 0;
  let passedIntegrated = 0;
  let ran = 0;

  afterAll(() => {
    const pct = (n: number, of: number) => (of === 0 ? 0 : (n / of) * 100).toFixed(1);
    console.log(
      `sfn conformance through createCloud(): ${passed}/${cases.length} cases pass (${pct(passed, cases.length)}%); ` +
        `needing lambda/dynamodb/nested-sfn/callback/activity: ${passedIntegrated}/${integrated.size} (${pct(passedIntegrated, integrated.size)}%); ` +
        `${outOfScope.length} more need services fogbank does not serve (${[...new Set(outOfScope.flatMap((e) => e.needs.filter((n) => !SERVED.has(n))))].join(', ')})`,
    );
    if (updating && ran === cases.length) writeKnownFailures(updateKnownFailures(known, failures), KNOWN_FILE);
  });

  test('cloud-known-failures.json names only selected cases', () => {
    const ids = new Set(cases.map((c) => c.id));
    expect(Object.keys(known).filter((id) => !ids.has(id))).toEqual([]);
  });

  for (const c of cases) {
    test(c.id, async () => {
      let report: string;
      try {
        report = formatMismatches(compareCase(expectationFor(c), await runCloudCase(c)));
      } catch (thrown) {
        report = `  fogbank threw: ${thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown)}`;
      }
      ran++;
      const ok = report === '';
      if (ok && integrated.has(c.id)) passedIntegrated++;
      if (ok) passed++;
      else failures.set(c.id, report.split('\n')[0]!);
      if (updating) return;
      const verdict = verdictOf(ok, c.id in known);
      if (verdict === 'unexpected-failure') expect.fail(`case fails and is not in cloud-known-failures.json:\n${report}`);
      if (verdict === 'unexpected-pass') expect.fail(`case passes now: remove it from cloud-known-failures.json (was: ${known[c.id]})`);
    });
  }
});

describe.skipIf(!available)('sfn TestState conformance through createCloud()', () => {
  const cases = available
    ? readIndex()
        .filter((e) => e.kind === 'test-state' && e.needs.some((n) => INTEGRATED.has(n)) && e.needs.every((n) => SERVED.has(n)))
        .map((e) => loadCase(e) as unknown as TestStateCase & CloudCase)
    : [];
  for (const c of cases) {
    test(c.id, async () => {
      const expected = (c.needsDetails?.lambda ?? []).length > 0 ? toNodeRuntime(c.expected as unknown as Json) : (c.expected as unknown as Json);
      const mismatches = compareTestStateCase({ ...c, expected } as unknown as TestStateCase, await runCloudTestState(c));
      expect(formatMismatches(mismatches)).toBe('');
    });
  }
});
