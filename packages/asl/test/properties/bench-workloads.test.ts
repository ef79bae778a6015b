import { describe, expect, test } from 'vitest';
// The bench is plain ESM (bench/ runs with node after `tsc -b`); under vitest `@fogbank/asl`
// resolves to the sources, so this checks the workloads without a build. It lives here because
// the root vitest configuration collects tests from packages/*/test.
import { contenders } from '../../../../bench/contenders/index.mjs';
import { mismatches, runOnce } from '../../../../bench/harness.mjs';
import { workloads } from '../../../../bench/workloads/index.mjs';

describe('bench workloads (small sizes, untimed)', () => {
  test.for(workloads.map((w) => ({ name: w.name, workload: w })))(
    '$name: every contender produces the hand-written output',
    async ({ workload }) => {
      const outputs = await runOnce(workload, contenders, workload.sizes.test);
      expect(outputs.map((o) => o.contender)).toEqual([
        'hand-written',
        'aws-local-stepfunctions',
        'fogbank express',
        'fogbank standard',
        'fogbank express jsonata',
        'fogbank standard jsonata',
        'sync floor',
        'sync copies',
      ]);
      expect(outputs[0]!.output).not.toBeUndefined();
      expect(mismatches(outputs)).toEqual([]);
    },
  );

  test('Standard continues in new executions before the 25,000-event cap, with the same output', async () => {
    const counter = workloads.find((w) => w.name === 'counter-loop')!;
    const standard = contenders.filter((c) => c.name === 'hand-written' || c.name === 'fogbank standard');
    // 7,000 iterations need 28,000 events in one execution: the contender splits them.
    const outputs = await runOnce(counter, standard, 7_000);
    expect(mismatches(outputs)).toEqual([]);
  });
});
