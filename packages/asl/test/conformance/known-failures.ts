/**
 * The explicit list of corpus cases fogbank does not pass yet, each with its reason
 * (`known-failures.json`, case id -> reason). The suite fails when a case outside the list fails
 * or a listed case passes, so the list always says exactly where fogbank differs from AWS.
 *
 * Regenerate with `UPDATE_KNOWN_FAILURES=1 pnpm vitest run packages/asl/test/conformance`:
 * reasons of cases still failing are kept, new failures get a generic reason to triage.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const KNOWN_FAILURES_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'known-failures.json');

export type KnownFailures = Readonly<Record<string, string>>;

export function readKnownFailures(file = KNOWN_FAILURES_FILE): KnownFailures {
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as KnownFailures;
}

export type Verdict = 'pass' | 'known-failure' | 'unexpected-failure' | 'unexpected-pass';

export function verdictOf(passed: boolean, listed: boolean): Verdict {
  if (passed) return listed ? 'unexpected-pass' : 'pass';
  return listed ? 'known-failure' : 'unexpected-failure';
}

/** The reason written for a failure nobody has triaged yet. */
export function genericReason(firstMismatch: string): string {
  const detail = firstMismatch.replace(/\s+/g, ' ').trim().slice(0, 160);
  return `untriaged: ${detail}`;
}

/**
 * The list after a run: every failing case, with its old reason when it had one, else a generic
 * one; passing cases drop out. Sorted by id so diffs stay small.
 */
export function updateKnownFailures(
  previous: KnownFailures,
  failures: ReadonlyMap<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of [...failures.keys()].sort()) out[id] = previous[id] ?? genericReason(failures.get(id)!);
  return out;
}

export function writeKnownFailures(list: KnownFailures, file = KNOWN_FAILURES_FILE): void {
  writeFileSync(file, `${JSON.stringify(list, null, 2)}\n`);
}

/** `pass counts` line printed after the suite. */
export function summaryLine(total: number, passed: number, known: number): string {
  const pct = total === 0 ? 0 : (passed / total) * 100;
  return `sfn execution conformance: ${passed}/${total} cases pass (${pct.toFixed(1)}%), ${known} listed in known-failures.json`;
}
