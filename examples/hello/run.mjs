import { readFile } from 'node:fs/promises';
import { StateMachine, TaskError, virtualClock } from '@fogbank/asl';

/**
 * Runs the order workflow once on a virtual clock: the payment service is down for the first
 * call (the Retry waits 2 s of simulated time), the Wait of one day returns at once.
 */
export async function runExample() {
  const definition = await readFile(new URL('./order.asl.json', import.meta.url), 'utf8');
  const clock = virtualClock(Date.parse('2025-01-01T00:00:00Z'));
  let calls = 0;
  const machine = StateMachine.from(definition, {
    name: 'orders',
    clock,
    integrations: {
      'arn:aws:lambda:*:function:charge': async (input) => {
        calls += 1;
        if (calls === 1) throw new TaskError('Payments.Unavailable', 'the payment service is warming up');
        return { charged: input.lines.length * 10, currency: 'EUR' };
      },
    },
  });
  const execution = machine.start({ orderId: 'o-1', lines: [{ sku: 'apple' }, { sku: 'pear' }] }, { name: 'first-order' });
  const result = await execution.result;
  return { result, history: execution.history, simulatedSeconds: (clock.now() - Date.parse('2025-01-01T00:00:00Z')) / 1000 };
}
