// The harness: compiles each contender once per workload, checks every output against the
// reference, warms up, takes several timed samples and reports the median.
import { isDeepStrictEqual } from 'node:util';
import { performance } from 'node:perf_hooks';

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
 * @property {number} warmups          untimed drives before sampling
 * @property {number} samples          timed drives (at least)
 * @property {number} minSampleTimeMs  keep sampling until this much time was measured...
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
 * Measures one workload for every contender.
 * @returns {Promise<{ measurements: Measurement[], mismatched: string[], failures: { contender: string, message: string }[] }>}
 */
export async function measure(workload, contenders, /** @type {MeasureOptions} */ options) {
  const size = workload.sizes[options.size];
  const transitions = workload.transitions(size);
  const measurements = [];
  const outputs = [];
  const failures = [];
  for (const contender of contenders) {
    const { execute, options: driveOptions } = await contender.prepare(workload, size);
    const drive = () => workload.drive(execute, size, driveOptions);
    // The warm-up's output is the one checked: every contender must produce the same.
    let output;
    try {
      for (let i = 0; i < Math.max(1, options.warmups); i++) output = await drive();
    } catch (error) {
      // A contender that cannot run the workload is reported, and the others still run.
      failures.push({ contender: contender.name, message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    outputs.push({ contender: contender.name, output });

    const samplesMs = [];
    let total = 0;
    while (
      samplesMs.length < options.samples ||
      (total < options.minSampleTimeMs && samplesMs.length < options.maxSamples)
    ) {
      globalThis.gc?.();
      const start = performance.now();
      await drive();
      const ms = performance.now() - start;
      samplesMs.push(ms);
      total += ms;
    }
    const medianMs = median(samplesMs);
    measurements.push({ contender: contender.name, transitions, medianMs, samplesMs, perSecond: (transitions / medianMs) * 1000 });
  }
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
