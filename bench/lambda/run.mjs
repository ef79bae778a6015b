#!/usr/bin/env node
// Lambda sandbox benchmarks (after `pnpm build`): node bench/lambda/run.mjs [--quick] [--json]
//   warm invoke round trip (worker and inline), cold start of a trivial handler, and bursts of
//   concurrent invocations of a handler awaiting 50 ms (100 in worker mode, 1,000 inline).
// lambda-local 2.2.0 runs side by side where it applies: the inline mode's warm invoke and burst
// (it runs handlers in the caller's isolate, re-requiring the entry module on every call, with no
// environments, cold starts or concurrency to compare the worker mode with).
// here; docs/lambda.md explains what it would and would not model.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { LambdaService } from '../../packages/lambda/dist/index.js';
import { bareWorkerBurst, burst, coldStart, lambdaLocalBurst, lambdaLocalInvoke, warmInvoke } from './scenarios.mjs';

const quick = process.argv.includes('--quick');
const asJson = process.argv.includes('--json');
const TARGETS = { warmWorkerMs: 0.2, warmInlineMs: 0.02, coldStartMs: 30, inlineBurstMs: 150, workerBurstMs: 2000, workerBurstMb: 2048 };

async function withService(options, fn) {
  const lambda = new LambdaService(options);
  try {
    return await fn(lambda);
  } finally {
    await lambda.close();
  }
}

// Each scenario runs in a process of its own, so that one scenario's leftovers (a heap grown by
// 10,000 warm invokes, threads of a closed service still being torn down) do not weigh on the next.
const SCENARIOS = {
  warmWorker: () => withService({ mode: 'worker' }, (l) => warmInvoke(l, { warmups: quick ? 200 : 2000, samples: quick ? 1000 : 10000 })),
  warmInline: () => withService({ mode: 'inline' }, (l) => warmInvoke(l, { warmups: quick ? 200 : 2000, samples: quick ? 1000 : 10000 })),
  coldStart: () => withService({ mode: 'worker' }, (l) => coldStart(l, { samples: quick ? 5 : 20, gapMs: 100 })),
  coldStartBackToBack: () => withService({ mode: 'worker' }, (l) => coldStart(l, { samples: quick ? 5 : 20, gapMs: 0 })),
  coldStartNoSpare: () => withService({ mode: 'worker', spareSandboxes: 0 }, (l) => coldStart(l, { samples: quick ? 5 : 20, gapMs: 0 })),
  workerBurst: () => withService({ mode: 'worker' }, (l) => burst(l, { size: 100 })),
  bareWorkerBurst: () => bareWorkerBurst({ size: 100 }),
  inlineBurst: () => withService({ mode: 'inline' }, (l) => burst(l, { size: 1000 })),
  lambdaLocalInvoke: () => lambdaLocalInvoke({ warmups: quick ? 200 : 2000, samples: quick ? 1000 : 10000 }),
  lambdaLocalBurst: () => lambdaLocalBurst({ size: 1000 }),
};

const only = process.argv.find((arg) => arg.startsWith('--scenario='))?.slice('--scenario='.length);
if (only !== undefined) {
  process.stdout.write(JSON.stringify(await SCENARIOS[only]()));
  process.exit(0);
}

const results = {};
for (const name of Object.keys(SCENARIOS)) {
  const args = [fileURLToPath(import.meta.url), `--scenario=${name}`, ...(quick ? ['--quick'] : [])];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (child.status !== 0) {
    process.stderr.write(child.stderr);
    throw new Error(`scenario ${name} failed with exit code ${child.status}`);
  }
  results[name] = JSON.parse(child.stdout);
}

const ok = (value, target) => (value <= target ? 'ok  ' : 'MISS');
const f = (n, d = 3) => n.toFixed(d);
console.log(`@fogbank/lambda bench, Node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}${quick ? ', quick' : ''}`);
console.log(`${ok(results.warmWorker.meanMs, TARGETS.warmWorkerMs)} warm invoke, worker : mean ${f(results.warmWorker.meanMs)} ms, p50 ${f(results.warmWorker.p50Ms)} ms, p99 ${f(results.warmWorker.p99Ms)} ms (target < ${TARGETS.warmWorkerMs} ms)`);
console.log(`${ok(results.warmInline.meanMs, TARGETS.warmInlineMs)} warm invoke, inline : mean ${f(results.warmInline.meanMs)} ms, p50 ${f(results.warmInline.p50Ms)} ms, p99 ${f(results.warmInline.p99Ms)} ms (target < ${TARGETS.warmInlineMs} ms)`);
{
  const r = results.lambdaLocalInvoke;
  console.log(`     lambda-local execute, same handler: mean ${f(r.meanMs)} ms, p50 ${f(r.p50Ms)} ms, p99 ${f(r.p99Ms)} ms (inline is ${f(r.meanMs / results.warmInline.meanMs, 1)}x faster, worker ${f(r.meanMs / results.warmWorker.meanMs, 1)}x)`);
}
for (const [key, label] of [['coldStart', 'spare sandbox ready'], ['coldStartBackToBack', 'back to back'], ['coldStartNoSpare', 'no spare sandboxes']]) {
  const r = results[key];
  console.log(`${ok(r.p50Ms, TARGETS.coldStartMs)} cold start, ${label}: p50 ${f(r.p50Ms, 1)} ms, best ${f(r.minMs, 1)} ms, Init Duration p50 ${f(r.initP50Ms, 1)} ms (target < ${TARGETS.coldStartMs} ms)`);
}
for (const [key, label, target, size] of [['workerBurst', 'worker', TARGETS.workerBurstMs, 100], ['inlineBurst', 'inline', TARGETS.inlineBurstMs, 1000]]) {
  const r = results[key];
  for (const phase of ['cold', 'warm']) {
    const p = r[phase];
    console.log(`${ok(p.wallMs, target)} burst ${size} x 50 ms, ${label}, ${phase}: ${f(p.wallMs, 0)} ms, peak RSS ${f(p.peakRssMb, 0)} MB (+${f(p.addedRssMb, 0)} MB), ${p.failures} failures (target < ${target} ms${key === 'workerBurst' ? `, < ${TARGETS.workerBurstMb} MB` : ''})`);
  }
  if (key === 'workerBurst') {
    const floor = results.bareWorkerBurst.wallMs;
    console.log(`     floor: 100 bare worker threads booted ${os.availableParallelism()} at a time, each answering after 50 ms: ${f(floor, 0)} ms (cold burst / floor = ${f(r.cold.wallMs / floor, 2)}x)`);
  }
}
for (const phase of ['cold', 'warm']) {
  const p = results.lambdaLocalBurst[phase];
  console.log(`     lambda-local, 1000 simultaneous calls x 50 ms, ${phase}: ${f(p.wallMs, 0)} ms, peak RSS ${f(p.peakRssMb, 0)} MB (+${f(p.addedRssMb, 0)} MB), ${p.failures} failures (fogbank inline ${f(p.wallMs / results.inlineBurst[phase].wallMs, 1)}x faster)`);
}
if (asJson) console.log(JSON.stringify(results, null, 2));
