// The harness: compiles each contender once per workload, checks every output against the
// reference, warms up, takes several timed samples and reports the median.
import { isDeepStrictEqual } from 'node:util';
import { isolate } from './isolate.mjs';

/**
 * @typedef {object} Measurement
 * @property {string} contender
 * @property {number} transitions   per drive
 * @property {number} medianMs
 * @property {number[]} samplesMs
 * @property {number} perSecond     transitions per second at the median
 *
 * @typedef {object} MeasureOptions
 * @property {'full' | 'quick' | 'test'} size
 * @property {number} warmups          untimed drives before sampling, at least...
 * @property {number} minWarmupMs      ...and until this much time went into them...
 * @property {number} maxWarmups       ...within this many drives
 * @property {number} samples          rounds of timed drives (each contender at least once a round)
 * @property {number} minSampleTimeMs  aim for this much measured time per contender...
 * @property {number} maxSamples       ...but never more drives than this
 */

/** Runs one workload once per contender and returns each output (no timing). */
export async function runOnce(workload, contenders, size) {
  const outputs = [];
  for (const contender of contenders) {
    const { execute, options } = await contender.prepare(workload, size);
    outputs.push({ contender: contender.name, output: await workload.drive(execute, size, options) });
  }
  return outputs;
}

/** Names of the contenders whose output differs from the first contender's. */
export function mismatches(outputs) {
  const [reference, ...rest] = outputs;
  return rest.filter((o) => !isDeepStrictEqual(o.output, reference.output)).map((o) => o.contender);
}

/**
 * Measures one workload for every contender, each in its own worker thread (see isolate.mjs).
 * Samples are taken in rounds, each contender in turn, so that a change in machine load during
 * the run weighs on every contender alike; a fast contender takes a few samples per round.
 * @returns {Promise<{ measurements: Measurement[], mismatched: string[], failures: { contender: string, message: string }[] }>}
 */
export async function measure(workload, contenders, /** @type {MeasureOptions} */ options) {
  const size = workload.sizes[options.size];
  const transitions = workload.transitions(size);
  const outputs = [];
  const failures = [];
  const running = [];
  for (const contender of contenders) {
    // The warm-up's output is the one checked: every contender must produce the same.
    let worker;
    let output;
    let warmMs = 0;
    try {
      worker = await isolate(workload.name, contender.name, size);
      ({ output, ms: warmMs } = await worker.warmup());
      // Warm up for a while, not a fixed number of drives: a fast contender's code is optimised
      // only after thousands of calls, which two drives of a small workload do not make.
      let warmedMs = warmMs;
      for (let drives = 1; drives < options.warmups || (warmedMs < options.minWarmupMs && drives < options.maxWarmups); drives++) {
        warmMs = await worker.sample();
        warmedMs += warmMs;
      }
    } catch (error) {
      // A contender that cannot run the workload is reported, and the others still run.
      failures.push({ contender: contender.name, message: error instanceof Error ? error.message : String(error) });
      await worker?.close();
      continue;
    }
    outputs.push({ contender: contender.name, output });
    // Samples per round: enough to fill minSampleTimeMs over all rounds, within maxSamples.
    const wanted = Math.ceil(options.minSampleTimeMs / Math.max(warmMs, 0.001));
    const perRound = Math.max(1, Math.min(Math.floor(options.maxSamples / options.samples), Math.ceil(wanted / options.samples)));
    running.push({ contender, worker, perRound, samplesMs: [] });
  }

  for (let round = 0; round < options.samples; round++) {
    for (const r of running) {
      for (let i = 0; i < r.perRound; i++) r.samplesMs.push(await r.worker.sample());
    }
  }
  await Promise.all(running.map((r) => r.worker.close()));

  const measurements = running.map(({ contender, samplesMs }) => {
    const medianMs = median(samplesMs);
    return { contender: contender.name, transitions, medianMs, samplesMs, perSecond: (transitions / medianMs) * 1000 };
  });
  return { measurements, mismatched: mismatches(outputs), failures };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** How many times faster `a` ran than `b` (from their medians); NaN when either did not run. */
export function speedup(a, b) {
  if (a === undefined || b === undefined) return Number.NaN;
  return b.medianMs / a.medianMs;
}
