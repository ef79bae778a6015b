#!/usr/bin/env node
// `pnpm bench` (after `tsc -b`): every workload against every contender.
//   --quick            small sizes, fewer samples (a smoke run)
//   --only=<name,...>  only these workloads (counter-loop, map-reshape, parallel-fanout, choice-router)
//   --contenders=<name,...>  only these contenders (the first one listed is the output reference)
//   --json             also print the measurements as JSON on stdout
// Exit code 1 when a contender's output differs from the hand-written reference.
import os from 'node:os';
import { contenders } from './contenders/index.mjs';
import { measure, speedup } from './harness.mjs';
import { workloads } from './workloads/index.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const json = args.includes('--json');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const picked = args.find((a) => a.startsWith('--contenders='))?.slice('--contenders='.length).split(',');
const running = picked ? contenders.filter((c) => picked.includes(c.name)) : contenders;

const options = quick
  ? { size: 'quick', warmups: 1, minWarmupMs: 0, maxWarmups: 1, samples: 1, minSampleTimeMs: 0, maxSamples: 1 }
  : { size: 'full', warmups: 2, minWarmupMs: 1_000, maxWarmups: 300, samples: 9, minSampleTimeMs: 1_500, maxSamples: 27 };

const TARGETS = { vsAwsLocal: 50, vsHandWritten: 5, standardVsExpress: 2 };

const fmt = (n) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(3));
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

console.log(`fogbank bench, Node ${process.version}, ${quick ? 'quick' : 'full'} run, median of >= ${options.samples} samples taken in rounds, load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`);
let failed = false;
const report = [];
for (const workload of workloads) {
  if (only && !only.includes(workload.name)) continue;
  const size = workload.sizes[options.size];
  console.log(`\n${workload.name}: ${workload.title}, ${size.toLocaleString('en-US')} ${workload.unit}`);
  const { measurements, mismatched, failures } = await measure(workload, running, options);
  for (const m of measurements) {
    console.log(
      `  ${pad(m.contender, 26)}${lpad(fmt(m.medianMs), 10)} ms ${lpad(fmt(m.perSecond), 14)} transitions/s  (${m.samplesMs.length} samples)`,
    );
  }
  for (const f of failures) console.log(`  ${pad(f.contender, 26)}FAILED: ${f.message}`);
  const by = Object.fromEntries(measurements.map((m) => [m.contender, m]));
  const express = by['fogbank express'];
  const standard = by['fogbank standard'];
  const ratios = {
    expressVsAwsLocal: speedup(express, by['aws-local-stepfunctions']),
    standardVsAwsLocal: speedup(standard, by['aws-local-stepfunctions']),
    expressSlowdownVsHandWritten: 1 / speedup(express, by['hand-written']),
    standardSlowdownVsExpress: 1 / speedup(standard, express),
    floorVsAwsLocal: speedup(by['sync floor'], by['aws-local-stepfunctions']),
    copiesVsAwsLocal: speedup(by['sync copies'], by['aws-local-stepfunctions']),
  };
  const verdict = (ok) => (ok ? 'ok' : 'MISSED');
  const line = (ratio, text) => {
    if (!Number.isNaN(ratio)) console.log(`  ${text(fmt(ratio))}`);
  };
  line(ratios.expressVsAwsLocal, (r) => `fogbank express vs aws-local-stepfunctions: ${r}x faster (target >= ${TARGETS.vsAwsLocal}x: ${verdict(ratios.expressVsAwsLocal >= TARGETS.vsAwsLocal)})`);
  line(ratios.standardVsAwsLocal, (r) => `fogbank standard vs aws-local-stepfunctions: ${r}x faster`);
  // Bounds: no engine beats the same writes with no engine, and Standard, which keeps every state's
  // output, does not beat making each one a value of its own.
  line(ratios.floorVsAwsLocal, (r) => `sync floor vs aws-local-stepfunctions: ${r}x faster (no engine can pass this)`);
  line(ratios.copiesVsAwsLocal, (r) => `sync copies vs aws-local-stepfunctions: ${r}x faster (Standard cannot pass this)`);
  line(ratios.expressSlowdownVsHandWritten, (r) => `fogbank express vs hand-written: ${r}x slower (target <= ${TARGETS.vsHandWritten}x: ${verdict(ratios.expressSlowdownVsHandWritten <= TARGETS.vsHandWritten)})`);
  line(ratios.standardSlowdownVsExpress, (r) => `fogbank standard vs express: ${r}x slower (target <= ${TARGETS.standardVsExpress}x: ${verdict(ratios.standardSlowdownVsExpress <= TARGETS.standardVsExpress)})`);
  // The JSONata twins (issue 3): throughput beside the JSONPath runs of the same workflow.
  line(1 / speedup(by['fogbank express jsonata'], express), (r) => `fogbank express jsonata vs express (JSONPath): ${r}x slower`);
  line(1 / speedup(by['fogbank express jsonata'], by['aws-local-stepfunctions']), (r) => `fogbank express jsonata vs aws-local-stepfunctions (JSONPath): ${(1 / Number(r)).toFixed(3)}x faster`);
  if (mismatched.length > 0 || failures.length > 0) {
    failed = true;
    console.log(`  OUTPUT MISMATCH against hand-written: ${mismatched.join(', ')}`);
  } else {
    console.log(`  outputs equal across all ${measurements.length} contenders`);
  }
  report.push({ workload: workload.name, size, measurements, ratios, mismatched, failures });
}
if (json) console.log(JSON.stringify(report, null, 2));
process.exitCode = failed ? 1 : 0;
