/**
 * Runs the contract cases against any driver: the in-process API or an SDK client over HTTP.
 */
import { describe, expect, test } from 'vitest';
import { cases, type ContractCase } from './cases.js';

/** Something that performs DynamoDB operations by camelCase name. */
export interface Driver {
  call(op: string, input: Record<string, unknown>): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Defines one test per contract case, each on a fresh store from `makeDriver`. */
export function defineContract(label: string, makeDriver: () => Promise<Driver>): void {
  describe(label, () => {
    test.for(cases as ContractCase[])('$name', async (c) => {
      const driver = await makeDriver();
      try {
        for (const [i, step] of c.steps.entries()) {
          const call = driver.call(step.op, step.input);
          if (step.error) {
            await expect(call, `step ${i} (${step.op})`).rejects.toMatchObject({ name: step.error.name, message: step.error.message });
            continue;
          }
          const out = await call;
          if (step.expect) expect(out, `step ${i} (${step.op})`).toMatchObject(step.expect);
          for (const member of step.absent ?? []) expect(out[member], `step ${i} (${step.op}) ${member}`).toBeUndefined();
        }
      } finally {
        await driver.close();
      }
    });
  });
}
