// One adapter per contender. `start()` gives a fresh store and answers
// { call(op, input), cpu?(), close() }: `call` takes the camelCase operation name and the SDK
// input shape; `cpu` (server contenders only) answers the server process's CPU time in µs.
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDB } from '../../packages/dynamodb/dist/index.js';

// The bench has no SDK dependency of its own: the server package's (the one its tests use) is it.
const sdk = createRequire(new URL('../../packages/server/package.json', import.meta.url))('@aws-sdk/client-dynamodb');

/** The real AWS SDK client against a server running `childScript` in a process of its own. */
async function overHttp(childScript) {
  const child = fork(new URL(childScript, import.meta.url), { stdio: 'inherit' });
  const next = () => new Promise((resolve) => child.once('message', resolve));
  const { url } = await next();
  const client = new sdk.DynamoDBClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
  const send = (op, input) => client.send(new sdk[`${op[0].toUpperCase()}${op.slice(1)}Command`](input));
  return {
    async call(op, input) {
      const output = await send(op, input).catch((error) => {
        // A connection failure (no HTTP status) names the server it happened on.
        if (error.$metadata?.httpStatusCode === undefined) error.message = `${childScript} ${op}: ${error.message}`;
        throw error;
      });
      // dynalite answers CREATING and turns ACTIVE a timer tick later; fogbank is ACTIVE at once.
      if (op === 'createTable')
        while ((await send('describeTable', { TableName: input.TableName })).Table.TableStatus !== 'ACTIVE') await sleep(1);
      return output;
    },
    async cpu() {
      child.send('cpu');
      const { cpu } = await next();
      return cpu.user + cpu.system;
    },
    async close() {
      client.destroy();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('exit');
      await exited;
    },
  };
}

/** @type {{ name: string, label: string, http: boolean, start(): Promise<{ call(op: string, input: object): Promise<any>, cpu?(): Promise<number>, close(): Promise<void> }> }[]} */
export const contenders = [
  {
    name: 'fogbank in-process',
    label: 'fogbank in-process',
    http: false,
    async start() {
      const db = new DynamoDB();
      return { call: (op, input) => db.call(op, input), close: async () => {} };
    },
  },
  { name: 'fogbank SDK+HTTP', label: 'fogbank', http: true, start: () => overHttp('./server-child.mjs') },
  { name: 'dynalite SDK+HTTP', label: 'dynalite', http: true, start: () => overHttp('./dynalite-child.mjs') },
];

/**
 * Servers answering a constant body: what the HTTP stack alone costs a server. node:http's is the
 * floor of any server built on it (dynalite is); node:net's is the floor of fogbank's own HTTP/1.1.
 */
export const floors = [
  { name: 'node:http floor (constant body)', label: 'node:http floor', http: true, start: () => overHttp('./bare-child.mjs') },
  { name: 'node:net floor (constant body)', label: 'node:net floor', http: true, start: () => overHttp('./net-floor-child.mjs') },
];
