/**
 * The contract suite through the real AWS SDK v3 client (@aws-sdk/client-dynamodb) against
 * startServer on an ephemeral port: the same cases the in-process API passes.
 */
import * as sdk from '@aws-sdk/client-dynamodb';
import { DynamoDB } from '@fogbank/dynamodb';
import { startServer } from '@fogbank/server';
import { defineContract } from '../../dynamodb/test/contract/run.js';

type CommandClass = new (input: Record<string, unknown>) => Parameters<sdk.DynamoDBClient['send']>[0];

defineContract('DynamoDB contract (AWS SDK over HTTP)', async () => {
  const db = new DynamoDB({ clock: { now: () => Date.UTC(2026, 0, 1) }, newId: () => 'id' });
  const server = await startServer({ port: 0, dynamodb: db });
  const client = new sdk.DynamoDBClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
  return {
    call: async (op, input) => {
      const name = `${op.charAt(0).toUpperCase()}${op.slice(1)}Command`;
      const Command = (sdk as unknown as Record<string, CommandClass | undefined>)[name];
      if (Command === undefined) throw new Error(`@aws-sdk/client-dynamodb has no ${name}`);
      const { $metadata: _, ...out } = (await client.send(new Command(input))) as Record<string, unknown>;
      return out;
    },
    close: async () => {
      client.destroy();
      await server.close();
    },
  };
});
