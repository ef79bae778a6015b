import { expect, test } from 'vitest';
import { genericReason, summaryLine, updateKnownFailures, verdictOf } from './known-failures.js';

test('a listed case that passes and an unlisted case that fails are both errors', () => {
  expect(verdictOf(true, false)).toBe('pass');
  expect(verdictOf(false, true)).toBe('known-failure');
  expect(verdictOf(false, false)).toBe('unexpected-failure');
  expect(verdictOf(true, true)).toBe('unexpected-pass');
});

test('regeneration keeps reasons of cases still failing, drops fixed ones, adds generic reasons', () => {
  const previous = { b: 'Map ToleratedFailureCount not modelled', fixed: 'old reason' };
  const failures = new Map([
    ['c', '  $.output.x: expected 1,\n got 2'],
    ['b', '  $.status: expected FAILED, got SUCCEEDED'],
  ]);
  expect(updateKnownFailures(previous, failures)).toEqual({
    b: 'Map ToleratedFailureCount not modelled',
    c: genericReason('$.output.x: expected 1, got 2'),
  });
  expect(Object.keys(updateKnownFailures({}, failures))).toEqual(['b', 'c']);
});

test('summary line', () => {
  expect(summaryLine(755, 700, 55)).toBe('sfn execution conformance: 700/755 cases pass (92.7%), 55 listed in known-failures.json');
});
