// DynamoDB benchmarks: each scenario through the in-process API and through the real AWS SDK
// over HTTP (server in a child process, its CPU time per operation measured there), plus the
// Query-page cost at 1,000 and 1,000,000 items. Run: pnpm build && node bench/dynamodb/run.mjs
// dynalite is not a contender here: it is not among the project's allowed dependencies.
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { DynamoDB } from '../../packages/dynamodb/dist/index.js';
import { fill, scenarios, schema, TABLE } from './scenarios.mjs';

const sdk = createRequire(new URL('../../packages/server/package.json', import.meta.url))('@aws-sdk/client-dynamodb');
const quick = process.argv.includes('--quick');
const IN_PROCESS_OPS = quick ? 2000 : 20000;
const HTTP_OPS = quick ? 200 : 2000;

// Five timed chunks after a warm-up; the median chunk is reported (the machine may be shared).
async function measure(run, ops) {
  for (let i = 0; i < Math.min(200, ops / 10); i++) await run(i);
  const chunk = Math.ceil(ops / 5);
  const perOp = [];
  for (let c = 0; c < 5; c++) {
    const start = performance.now();
    for (let i = c * chunk; i < (c + 1) * chunk; i++) await run(i);
    perOp.push((performance.now() - start) / chunk);
  }
  const ms = perOp.sort((a, b) => a - b)[2];
  return { opsPerSecond: Math.round(1000 / ms), usPerOp: +(ms * 1000).toFixed(2) };
}

async function inProcess(name) {
  const db = new DynamoDB();
  const run = await scenarios[name]((op, input) => db.call(op, input));
  return measure(run, IN_PROCESS_OPS);
}

async function overHttp(name, childScript = './server-child.mjs') {
  const child = fork(new URL(childScript, import.meta.url), { stdio: 'inherit' });
  const next = () => new Promise((resolve) => child.once('message', resolve));
  const { url } = await next();
  const client = new sdk.DynamoDBClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
  const call = (op, input) => client.send(new sdk[`${op[0].toUpperCase()}${op.slice(1)}Command`](input));
  const run = childScript === './server-child.mjs' ? await scenarios[name](call) : () => call('getItem', { TableName: TABLE, Key: { pk: { S: 'p0' }, sk: { N: '1' } } });
  for (let i = 0; i < 100; i++) await run(i);
  child.send('cpu');
  const before = (await next()).cpu;
  const timing = await measure(run, HTTP_OPS);
  child.send('cpu');
  const after = (await next()).cpu;
  client.destroy();
  child.send('exit');
  const cpuUs = after.user - before.user + after.system - before.system;
  // measure() also runs a warm-up of up to 200 ops inside the CPU window.
  const counted = Math.ceil(HTTP_OPS / 5) * 5 + Math.min(200, HTTP_OPS / 10);
  return { ...timing, serverCpuUsPerOp: +(cpuUs / counted).toFixed(1) };
}

async function queryPageAtScale(total) {
  const db = new DynamoDB();
  await db.createTable(schema);
  const call = (op, input) => db.call(op, input);
  // One queried partition of 1,000 items; the rest of the table in other partitions.
  await fill(call, 1, 1000);
  const others = Math.max(0, total - 1000);
  for (let p = 0; p < others / 1000; p++)
    for (let s = 0; s < 1000; s += 25) {
      const batch = [];
      for (let k = s; k < s + 25; k++) batch.push({ PutRequest: { Item: { pk: { S: `o${p}` }, sk: { N: String(k) } } } });
      await call('batchWriteItem', { RequestItems: { [TABLE]: batch } });
    }
  const run = (i) => call('query', { TableName: TABLE, KeyConditionExpression: 'pk = :p AND sk >= :s', ExpressionAttributeValues: { ':p': { S: 'p0' }, ':s': { N: String((i * 37) % 900) } }, Limit: 100 });
  return measure(run, IN_PROCESS_OPS);
}

const rows = [];
for (const name of Object.keys(scenarios)) {
  const local = await inProcess(name);
  const http = await overHttp(name);
  rows.push({ scenario: name, 'in-process ops/s': local.opsPerSecond, 'in-process µs/op': local.usPerOp, 'SDK+HTTP ops/s': http.opsPerSecond, 'server CPU µs/op': http.serverCpuUsPerOp });
}
const floor = await overHttp('get', './bare-child.mjs');
rows.push({ scenario: 'node:http floor (constant body)', 'in-process ops/s': '-', 'in-process µs/op': '-', 'SDK+HTTP ops/s': floor.opsPerSecond, 'server CPU µs/op': floor.serverCpuUsPerOp });
console.table(rows);
const small = await queryPageAtScale(1000);
const large = await queryPageAtScale(quick ? 100_000 : 1_000_000);
console.table([
  { table: '1,000 items', 'query page µs': small.usPerOp },
  { table: quick ? '100,000 items' : '1,000,000 items', 'query page µs': large.usPerOp },
]);
