// DynamoDB benchmarks: each scenario (scenarios.mjs) through fogbank's in-process API, and
// through the real AWS SDK over HTTP against fogbank's server and against dynalite 4.0.0, each
// server in a process of its own whose CPU time per operation is measured there; then the
// Query-page cost at 1,000 and 1,000,000 items, and issue 5's targets, met or not.
// Run: pnpm build && node bench/dynamodb/run.mjs [--quick]
import os from 'node:os';
import { contenders, floors } from './contenders.mjs';
import { sideBySide } from './measure.mjs';
import { queryPageAtScale } from './query-at-scale.mjs';
import { scenarios } from './scenarios.mjs';

const quick = process.argv.includes('--quick');
const IN_PROCESS_OPS = quick ? 2000 : 20000;
const HTTP_OPS = quick ? 200 : 2000;
const LARGE_TABLE = quick ? 100_000 : 1_000_000;

// Issue 5's targets.
const CPU_RATIO_MAX = 0.2; // fogbank's server CPU per operation at most a fifth of dynalite's
const THROUGHPUT_RATIO_MIN = 20; // the in-process API at least 20 times dynalite's HTTP throughput
const PAGE_RATIO_MAX = 1.2; // "costs the same": within 20%, about the spread of repeated runs here

console.log(
  `node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; ` +
    `${quick ? 'quick' : 'full'} run. On a shared machine compare ratios, not absolute numbers.`,
);

// A GetItem the floor server answers with its constant body, whatever the scenario.
const floorRun = (floor) => () => floor.call('getItem', { TableName: 'bench', Key: { pk: { S: 'p0' }, sk: { N: '1' } } });

/**
 * One scenario, every contender side by side, plus the two floors in the same rotation.
 * @returns {Promise<Record<string, { opsPerSecond: number, usPerOp: number, serverCpuUsPerOp?: number, items?: number } | { unsupported: string }>>}
 */
async function runScenario(name) {
  const results = {};
  const instances = [];
  const entries = [];
  for (const contender of contenders) {
    const instance = await contender.start();
    instances.push(instance);
    let lastOp = '';
    const call = (op, input) => ((lastOp = op), instance.call(op, input));
    try {
      const run = await scenarios[name](call);
      // An operation the contender lacks fails here, before anything is timed. The item count
      // shows that every contender does the same work.
      const output = await run(0);
      const items = output?.Count ?? (output?.Item ? 1 : undefined);
      entries.push({ label: contender.label, run, ops: contender.http ? HTTP_OPS : IN_PROCESS_OPS, cpu: instance.cpu, items });
    } catch (error) {
      results[contender.label] = { unsupported: `${lastOp} answers ${error.name}: ${error.message}` };
    }
  }
  for (const { label, start } of floors) {
    const floor = await start();
    instances.push(floor);
    entries.push({ label, run: floorRun(floor), ops: HTTP_OPS, cpu: floor.cpu });
  }
  const measured = await sideBySide(entries);
  entries.forEach((entry, k) => (results[entry.label] = { ...measured[k], items: entry.items }));
  for (const instance of instances) await instance.close();
  return results;
}

const results = {};
for (const name of Object.keys(scenarios)) results[name] = await runScenario(name);

const rows = [];
for (const [name, byContender] of Object.entries(results))
  for (const contender of [...contenders, ...floors]) {
    const r = byContender[contender.label];
    rows.push({
      scenario: name,
      contender: contender.name,
      'ops/s': r.unsupported ? `not supported (${r.unsupported})` : r.opsPerSecond,
      'µs/op': r.unsupported ? '-' : r.usPerOp,
      'server CPU µs/op': r.serverCpuUsPerOp ?? '-',
      'items/op': r.items ?? '-',
    });
  }
console.table(rows);

const met = (ok) => (ok ? 'met' : 'NOT met');
const targets = [];
for (const [name, r] of Object.entries(results)) {
  const { fogbank: fog, 'fogbank in-process': local, dynalite: dyn, 'node:http floor': httpFloor, 'node:net floor': netFloor } = r;
  const row = { scenario: name };
  if (dyn.unsupported || fog.unsupported || local.unsupported) {
    row['server CPU fogbank ÷ dynalite'] = dyn.unsupported ? `not measurable: dynalite's ${dyn.unsupported}` : 'fogbank failed';
    targets.push(row);
    continue;
  }
  const cpuRatio = fog.serverCpuUsPerOp / dyn.serverCpuUsPerOp;
  const throughputRatio = local.opsPerSecond / dyn.opsPerSecond;
  row['server CPU fogbank ÷ dynalite'] = +cpuRatio.toFixed(3);
  row[`≤ ${CPU_RATIO_MAX}`] = met(cpuRatio <= CPU_RATIO_MAX);
  row['node:http floor ÷ dynalite'] = +(httpFloor.serverCpuUsPerOp / dyn.serverCpuUsPerOp).toFixed(3);
  row['node:net floor ÷ dynalite'] = +(netFloor.serverCpuUsPerOp / dyn.serverCpuUsPerOp).toFixed(3);
  // Each server's own work: fogbank's above the node:net floor, dynalite's above node:http's.
  row['own work, fogbank ÷ dynalite'] = +((fog.serverCpuUsPerOp - netFloor.serverCpuUsPerOp) / (dyn.serverCpuUsPerOp - httpFloor.serverCpuUsPerOp)).toFixed(3);
  row['in-process ÷ dynalite HTTP ops/s'] = +throughputRatio.toFixed(1);
  row[`≥ ${THROUGHPUT_RATIO_MIN}`] = met(throughputRatio >= THROUGHPUT_RATIO_MIN);
  targets.push(row);
}
console.log(
  "Targets (issue 5). For reading only: 'node:http floor ÷ dynalite' is the ratio a server doing no work over node:http " +
    "reaches (dynalite's stack); 'node:net floor ÷ dynalite' the same over node:net (fogbank's stack); 'own work' compares each " +
    "server's CPU above its own floor.",
);
console.table(targets);

const page = await queryPageAtScale(LARGE_TABLE, IN_PROCESS_OPS);
const large = quick ? '100,000 items' : '1,000,000 items';
console.log(`Query page (100 items of a 1,000-item partition, in-process): target ≤ ${PAGE_RATIO_MAX}× from 1,000 to ${large}.`);
const pageRow = (table, us) => ({ table, 'query page µs': us, [`${large} ÷ this`]: +(page.large / us).toFixed(2), target: met(page.large / us <= PAGE_RATIO_MAX) });
console.table([
  pageRow('1,000 items, alone', page.smallAlone),
  pageRow(`1,000 items, ${large} in the same heap`, page.smallSameHeap),
  { table: large, 'query page µs': page.large },
]);

// Exit code 1 when fogbank could not run a scenario; dynalite's gaps are reported, not failures.
if (Object.values(results).some((r) => r.fogbank.unsupported || r['fogbank in-process'].unsupported)) process.exitCode = 1;
