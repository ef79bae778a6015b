#!/usr/bin/env node
// Lambda sandbox benchmarks (after `pnpm build`): node bench/lambda/run.mjs [--quick] [--json]
//   warm invoke round trip (worker and inline), cold start of a trivial handler, and bursts of
//   concurrent invocations of a handler awaiting 50 ms (100 in worker mode, 1,000 inline).
// lambda-local is not among the dependencies this repository may add, so it is not a contender
// here; docs/lambda.md explains what it would and would not model.
import os from 'node:os';
import { LambdaService } from '../../packages/lambda/dist/index.js';
import { bareWorkerBurst, burst, coldStart, warmInvoke } from './scenarios.mjs';

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

const results = {};
results.warmWorker = await withService({ mode: 'worker' }, (l) => warmInvoke(l, { warmups: quick ? 200 : 2000, samples: quick ? 1000 : 10000 }));
results.warmInline = await withService({ mode: 'inline' }, (l) => warmInvoke(l, { warmups: quick ? 200 : 2000, samples: quick ? 1000 : 10000 }));
results.coldStart = await withService({ mode: 'worker' }, (l) => coldStart(l, { samples: quick ? 5 : 20, gapMs: 100 }));
results.coldStartBackToBack = await withService({ mode: 'worker' }, (l) => coldStart(l, { samples: quick ? 5 : 20, gapMs: 0 }));
results.coldStartNoSpare = await withService({ mode: 'worker', spareSandboxes: 0 }, (l) => coldStart(l, { samples: quick ? 5 : 20, gapMs: 0 }));
results.workerBurst = await withService({ mode: 'worker' }, (l) => burst(l, { size: 100 }));
results.bareWorkerBurst = await bareWorkerBurst({ size: 100 });
results.inlineBurst = await withService({ mode: 'inline' }, (l) => burst(l, { size: 1000 }));

const ok = (value, target) => (value <= target ? 'ok  ' : 'MISS');
const f = (n, d = 3) => n.toFixed(d);
console.log(`@fogbank/lambda bench, Node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}${quick ? ', quick' : ''}`);
console.log(`${ok(results.warmWorker.meanMs, TARGETS.warmWorkerMs)} warm invoke, worker : mean ${f(results.warmWorker.meanMs)} ms, p50 ${f(results.warmWorker.p50Ms)} ms, p99 ${f(results.warmWorker.p99Ms)} ms (target < ${TARGETS.warmWorkerMs} ms)`);
console.log(`${ok(results.warmInline.meanMs, TARGETS.warmInlineMs)} warm invoke, inline : mean ${f(results.warmInline.meanMs)} ms, p50 ${f(results.warmInline.p50Ms)} ms, p99 ${f(results.warmInline.p99Ms)} ms (target < ${TARGETS.warmInlineMs} ms)`);
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
if (asJson) console.log(JSON.stringify(results, null, 2));
