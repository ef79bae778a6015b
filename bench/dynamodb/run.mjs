// DynamoDB benchmarks: each scenario (scenarios.mjs) through fogbank's in-process API, and
// through the real AWS SDK over HTTP against fogbank's server and against dynalite 4.0.0, each
// server in a process of its own whose CPU time per operation is measured there; then the
// Query-page cost at 1,000 and 1,000,000 items, and the targets, met or not.
// Run: pnpm build && node bench/dynamodb/run.mjs [--quick]
import os from 'node:os';
import { contenders, httpFloor } from './contenders.mjs';
import { sideBySide } from './measure.mjs';
import { queryPageAtScale } from './query-at-scale.mjs';
import { scenarios } from './scenarios.mjs';

const quick = process.argv.includes('--quick');
const IN_PROCESS_OPS = quick ? 2000 : 20000;
const HTTP_OPS = quick ? 200 : 2000;
const LARGE_TABLE = quick ? 100_000 : 1_000_000;

// The targets.
const CPU_RATIO_MAX = 0.2; // fogbank's server CPU per operation at most a fifth of dynalite's
const THROUGHPUT_RATIO_MIN = 20; // in-process API at least 20 times dynalite's HTTP throughput
const PAGE_RATIO_MAX = 1.2; // "costs the same": within 20%, the spread of repeated runs here

console.log(
  `node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; ` +
    `${quick ? 'quick' : 'full'} run. On a shared machine compare ratios, not absolute numbers.`,
);

/** scenario -> contender label -> { opsPerSecond, usPerOp, serverCpuUsPerOp? } or { unsupported } */
const results = {};
let fogbankFailed = false;
for (const name of Object.keys(scenarios)) {
  results[name] = {};
  const instances = [];
  const entries = [];
  for (const contender of contenders) {
    const instance = await contender.start();
    instances.push(instance);
    let lastOp = '';
    const call = (op, input) => ((lastOp = op), instance.call(op, input));
    try {
      const run = await scenarios[name](call);
      // An operation the contender lacks fails here, before anything is timed.
      await run(0);
      entries.push({ label: contender.label, run, ops: contender.http ? HTTP_OPS : IN_PROCESS_OPS, cpu: instance.cpu });
    } catch (error) {
      results[name][contender.label] = { unsupported: `${lastOp} answers ${error.name}: ${error.message}` };
      if (contender.label !== 'dynalite') fogbankFailed = true;
    }
  }
  const measured = await sideBySide(entries);
  entries.forEach((entry, k) => (results[name][entry.label] = measured[k]));
  for (const instance of instances) await instance.close();
}

const floorServer = await httpFloor.start();
const [floor] = await sideBySide([{ run: () => floorServer.call('getItem', { TableName: 'bench', Key: { pk: { S: 'p0' } } }), ops: HTTP_OPS, cpu: floorServer.cpu }]);
await floorServer.close();

const rows = [];
for (const [name, byContender] of Object.entries(results))
  for (const contender of contenders) {
    const r = byContender[contender.label];
    rows.push({
      scenario: name,
      contender: contender.name,
      'ops/s': r.unsupported ? `not supported (${r.unsupported})` : r.opsPerSecond,
      'µs/op': r.unsupported ? '-' : r.usPerOp,
      'server CPU µs/op': r.serverCpuUsPerOp ?? '-',
    });
  }
rows.push({ scenario: 'get', contender: httpFloor.name, 'ops/s': floor.opsPerSecond, 'µs/op': floor.usPerOp, 'server CPU µs/op': floor.serverCpuUsPerOp });
console.table(rows);

const met = (ok) => (ok ? 'met' : 'NOT met');
const targets = [];
for (const [name, r] of Object.entries(results)) {
  const fog = r.fogbank;
  const local = r['fogbank in-process'];
  const dyn = r.dynalite;
  if (dyn.unsupported || fog.unsupported || local.unsupported) {
    const missing = dyn.unsupported ? `not measurable: dynalite's ${dyn.unsupported}` : 'fogbank failed';
    targets.push({ scenario: name, 'server CPU fogbank ÷ dynalite': missing, [`≤ ${CPU_RATIO_MAX}`]: '-', 'floor ÷ dynalite': '-', 'above HTTP floor': '-', 'in-process ÷ dynalite HTTP ops/s': '-', [`≥ ${THROUGHPUT_RATIO_MIN}`]: '-' });
    continue;
  }
  const cpuRatio = fog.serverCpuUsPerOp / dyn.serverCpuUsPerOp;
  const aboveFloor = (fog.serverCpuUsPerOp - floor.serverCpuUsPerOp) / (dyn.serverCpuUsPerOp - floor.serverCpuUsPerOp);
  const throughputRatio = local.opsPerSecond / dyn.opsPerSecond;
  targets.push({
    scenario: name,
    'server CPU fogbank ÷ dynalite': +cpuRatio.toFixed(3),
    [`≤ ${CPU_RATIO_MAX}`]: met(cpuRatio <= CPU_RATIO_MAX),
    'floor ÷ dynalite': +(floor.serverCpuUsPerOp / dyn.serverCpuUsPerOp).toFixed(3),
    'above HTTP floor': +aboveFloor.toFixed(3),
    'in-process ÷ dynalite HTTP ops/s': +throughputRatio.toFixed(1),
    [`≥ ${THROUGHPUT_RATIO_MIN}`]: met(throughputRatio >= THROUGHPUT_RATIO_MIN),
  });
}
console.log(
  "Targets (issue 5). 'floor ÷ dynalite': the ratio a server doing no work over node:http would reach, the best one " +
    "possible for a node:http server; 'above HTTP floor': both servers' CPU minus the floor's. Both for reading only.",
);
console.table(targets);

const page = await queryPageAtScale(LARGE_TABLE, IN_PROCESS_OPS);
const large = quick ? '100,000 items' : '1,000,000 items';
console.log(`Query page (100 items of a 1,000-item partition, in-process): target ≤ ${PAGE_RATIO_MAX}× from 1,000 to ${large}.`);
console.table([
  { table: '1,000 items, alone', 'query page µs': page.smallAlone, [`${large} ÷ this`]: +(page.large / page.smallAlone).toFixed(2), target: met(page.large / page.smallAlone <= PAGE_RATIO_MAX) },
  { table: `1,000 items, ${large} in the same heap`, 'query page µs': page.smallSameHeap, [`${large} ÷ this`]: +(page.large / page.smallSameHeap).toFixed(2), target: met(page.large / page.smallSameHeap <= PAGE_RATIO_MAX) },
  { table: large, 'query page µs': page.large, [`${large} ÷ this`]: '-', target: '-' },
]);
if (fogbankFailed) process.exitCode = 1;
