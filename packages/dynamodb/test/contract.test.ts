/** The contract suite through the in-process API. */
import { DynamoDB } from '@fogbank/dynamodb';
import { defineContract } from './contract/run.js';

defineContract('DynamoDB contract (in-process)', async () => {
  const db = new DynamoDB({ clock: { now: () => Date.UTC(2026, 0, 1) }, newId: () => 'id' });
  return {
    call: (op, input) => db.call(op, input) as Promise<Record<string, unknown>>,
    close: async () => {},
  };
});
