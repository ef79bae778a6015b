// The Lambda benchmark scenarios. Each takes a fresh LambdaService factory and returns
// measurements; run.mjs prints them against the targets.
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const CODE = fileURLToPath(new URL('./functions', import.meta.url));
let counter = 0;

async function createFunction(lambda, handler) {
  const FunctionName = `bench-${++counter}`;
  await lambda.createFunction({ FunctionName, Handler: handler, Runtime: 'nodejs20.x', Timeout: 30, Code: { Directory: CODE } });
  return FunctionName;
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** Sequential invokes of a warm environment: the round trip of one invocation. */
export async function warmInvoke(lambda, { warmups, samples }) {
  const name = await createFunction(lambda, 'index.echo');
  const input = { FunctionName: name, Payload: '{"n":1}' };
  return backToBack(() => lambda.invoke(input), { warmups, samples });
}

/** `call` awaited `samples` times in a row after `warmups` untimed calls: mean, p50 and p99. */
async function backToBack(call, { warmups, samples }) {
  for (let i = 0; i < warmups; i++) await call();
  const times = new Float64Array(samples);
  const started = performance.now();
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await call();
    times[i] = performance.now() - t;
  }
  const meanMs = (performance.now() - started) / samples;
  const sorted = [...times].sort((a, b) => a - b);
  return { meanMs, p50Ms: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99) };
}

/**
 * A new function's first invoke: the whole cold start as the caller sees it, and Init Duration.
 * `gapMs` of idle time between cold starts lets the spare sandbox finish booting, as in a test
 * suite where cold starts are interleaved with other work; 0 measures them back to back.
 */
export async function coldStart(lambda, { samples, gapMs }) {
  const walls = [];
  const inits = [];
  const off = lambda.onEvent((e) => e.type === 'InvocationCompleted' && e.initDurationMs !== undefined && inits.push(e.initDurationMs));
  for (let i = 0; i < samples; i++) {
    const name = await createFunction(lambda, 'index.echo');
    const t = performance.now();
    await lambda.invoke({ FunctionName: name, Payload: '{}' });
    walls.push(performance.now() - t);
    await lambda.deleteFunction({ FunctionName: name });
    if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  off();
  walls.sort((a, b) => a - b);
  inits.sort((a, b) => a - b);
  return { p50Ms: quantile(walls, 0.5), minMs: walls[0], initP50Ms: quantile(inits, 0.5) };
}

/** `size` simultaneous invokes of a handler awaiting 50 ms: wall time and peak process RSS. */
export async function burst(lambda, { size }) {
  const name = await createFunction(lambda, 'index.wait50');
  const run = async () => {
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const t = performance.now();
    const results = await Promise.all(Array.from({ length: size }, () => lambda.invoke({ FunctionName: name })));
    const wallMs = performance.now() - t;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const failures = results.filter((r) => r.FunctionError !== undefined).length;
    return { wallMs, peakRssMb: peak / 1024 / 1024, addedRssMb: (peak - before) / 1024 / 1024, failures };
  };
  const cold = await run();
  const warm = await run();
  return { cold, warm };
}

/**
 * The floor under a worker-mode burst: `size` bare worker threads, booted as many at a time as
 * there are cores (as fogbank boots its sandboxes), each waiting 50 ms and answering, with nothing
 * of fogbank in them. On a small machine their boot (V8 and Node start-up, ~30-40 ms of CPU
 * each) is most of a cold burst's wall time.
 */
export async function bareWorkerBurst({ size }) {
  const code = 'const { parentPort } = require("node:worker_threads"); parentPort.postMessage("booted"); setTimeout(() => parentPort.postMessage("done"), 50);';
  const t = performance.now();
  const workers = [];
  const answers = [];
  let started = 0;
  const lane = async () => {
    while (started < size) {
      started++;
      const worker = new Worker(code, { eval: true });
      workers.push(worker);
      const booted = new Promise((resolve, reject) => {
        worker.on('message', (message) => message === 'booted' && resolve());
        worker.once('error', reject);
      });
      answers.push(new Promise((resolve) => worker.on('message', (message) => message === 'done' && resolve())));
      await booted;
    }
  };
  await Promise.all(Array.from({ length: os.availableParallelism() }, lane));
  await Promise.all(answers);
  const wallMs = performance.now() - t;
  await Promise.all(workers.map((worker) => worker.terminate()));
  return { wallMs };
}

/**
 * lambda-local 2.2.0 (a bench dependency), where it applies: it runs handlers in the caller's
 * isolate like the inline mode, re-requiring the entry module on every call, and models no
 * environment, cold start or concurrency. Its `execute` of `index.echo`, back to back.
 */
export async function lambdaLocalInvoke({ warmups, samples }) {
  const lambdaLocal = await importLambdaLocal();
  const input = { event: { n: 1 }, lambdaPath: `${CODE}/index.js`, lambdaHandler: 'echo', timeoutMs: 30_000, verboseLevel: 0 };
  return backToBack(() => lambdaLocal.execute(input), { warmups, samples });
}

/** lambda-local running `size` simultaneous calls of `index.wait50`: wall time and peak RSS. */
export async function lambdaLocalBurst({ size }) {
  const lambdaLocal = await importLambdaLocal();
  const input = { event: {}, lambdaPath: `${CODE}/index.js`, lambdaHandler: 'wait50', timeoutMs: 30_000, verboseLevel: 0 };
  const run = async () => {
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const t = performance.now();
    const results = await Promise.all(Array.from({ length: size }, () => lambdaLocal.execute(input).then((r) => r, () => null)));
    const wallMs = performance.now() - t;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { wallMs, peakRssMb: peak / 1024 / 1024, addedRssMb: (peak - before) / 1024 / 1024, failures: results.filter((r) => r !== 'done').length };
  };
  const cold = await run();
  const warm = await run();
  return { cold, warm };
}

async function importLambdaLocal() {
  const module = await import('lambda-local');
  return module.default ?? module;
}
