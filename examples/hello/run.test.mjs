import { expect, test } from 'vitest';
import { runExample } from './run.mjs';

test('the order workflow retries the charge, ships each line and waits a day in simulated time', async () => {
  const { result, history, simulatedSeconds } = await runExample();
  expect(result).toEqual({ status: 'SUCCEEDED', output: [{ label: 'apple#0' }, { label: 'pear#1' }] });
  expect(simulatedSeconds).toBe(2 + 86400);
  expect(history.filter((e) => e.type === 'LambdaFunctionScheduled')).toHaveLength(2);
  expect(history.at(-1)?.type).toBe('ExecutionSucceeded');
});
