import fc from 'fast-check';
import { expect, test } from 'vitest';
import { StateMachine, virtualClock, type Json } from '@fogbank/asl';
import { behaviour, integrations, jsonValue, type Behaviour } from '@fogbank/asl/arbitraries';

// The workflow under test: charge the order, retry while the payment service is unavailable,
// turn a declined card into a Fail state, and write a receipt.
const CHARGE = 'arn:aws:lambda:us-east-1:123456789012:function:charge';
const checkout = {
  StartAt: 'Charge',
  States: {
    Charge: {
      Type: 'Task',
      Resource: CHARGE,
      Parameters: { 'orderId.$': '$.orderId', 'amount.$': '$.amount' },
      ResultPath: '$.payment',
      TimeoutSeconds: 60,
      Retry: [{ ErrorEquals: ['Payment.Unavailable'], IntervalSeconds: 5, MaxAttempts: 3, BackoffRate: 2 }],
      Catch: [{ ErrorEquals: ['Payment.Declined'], ResultPath: '$.error', Next: 'Declined' }],
      Next: 'Receipt',
    },
    Receipt: {
      Type: 'Pass',
      Parameters: { 'orderId.$': '$.orderId', 'paid.$': '$.payment.amount', 'meta.$': '$.meta' },
      End: true,
    },
    Declined: { Type: 'Fail', Error: 'Checkout.Declined', Cause: 'The card was declined' },
  },
};

// Orders as the shop sends them; `meta` is any JSON and must come through untouched.
const order = fc.record({ orderId: fc.uuid(), amount: fc.integer({ min: 1, max: 100_000 }), meta: jsonValue() });

// What the payment service may do: answer (echo or any JSON), fail, fail a few times then
// answer, or answer slowly (up to two minutes, in virtual time).
const paymentService = behaviour({ errors: ['Payment.Declined', 'Payment.Unavailable'], maxFailures: 5, maxSeconds: 120 })
  .filter((b) => !(b.kind === 'slow' && b.seconds === 60)); // exactly at the timeout: either may win

type Order = { orderId: string; amount: number; meta: Json };

/** The outcome the workflow promises, written from its definition. */
function expected(b: Behaviour, input: Order): { status: string; error?: string; output?: Json } {
  const receipt = (paid: Json) => ({ status: 'SUCCEEDED', output: { orderId: input.orderId, paid, meta: input.meta } });
  switch (b.kind) {
    case 'echo':
      return receipt(input.amount);
    case 'slow':
      return b.seconds < 60 ? receipt(input.amount) : { status: 'FAILED', error: 'States.Timeout' };
    case 'return': {
      // The receipt needs `amount` in the service's answer; without it the Pass state fails.
      const v = b.value;
      const hasAmount = typeof v === 'object' && v !== null && !Array.isArray(v) && Object.hasOwn(v, 'amount');
      return hasAmount ? receipt((v as { amount: Json }).amount) : { status: 'FAILED', error: 'States.Runtime' };
    }
    case 'fail':
      return { status: 'FAILED', error: b.error === 'Payment.Declined' ? 'Checkout.Declined' : b.error };
    case 'flaky':
      if (b.error === 'Payment.Declined') return { status: 'FAILED', error: 'Checkout.Declined' };
      // One attempt plus three retries.
      return b.failures <= 3 ? receipt(input.amount) : { status: 'FAILED', error: 'Payment.Unavailable' };
  }
}

test('checkout ends as its definition promises, whatever the payment service does', async () => {
  await fc.assert(
    fc.asyncProperty(order, paymentService, async (input, service) => {
      const machine = StateMachine.from(checkout, {
        clock: virtualClock(), // retries back off 5, 10 and 20 s, and slow answers wait: all in no real time
        integrations: integrations({ [CHARGE]: service }),
      });
      const execution = machine.start(input);
      const { status, error, output } = await execution.result;
      const want = expected(service, input);
      expect({ status, error, output }).toEqual({ status: want.status, error: want.error, output: want.output });

      // The history shows every attempt: one call, plus one per retry.
      const calls = execution.history.filter((e) => e.type === 'LambdaFunctionScheduled').length;
      if (service.kind === 'flaky' && service.error === 'Payment.Unavailable') expect(calls).toBe(Math.min(service.failures, 3) + 1);
    }),
    { numRuns: 200 },
  );
});
