// One contender running one workload in its own worker thread, so that its JIT state, inline
// caches and heap are its own: in one isolate, aws-local-stepfunctions' code made fogbank's
// measure up to 4x slower. The main thread sends 'warmup' and 'sample'; the worker answers with
// the time taken (and the output, for a warm-up).
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';

/**
 * Starts a worker for `contender` on `workload` at `size`; resolves once it has compiled it.
 * @returns {Promise<{ warmup(): Promise<{ output: unknown, ms: number }>, sample(): Promise<number>, close(): Promise<void> }>}
 */
export async function isolate(workloadName, contenderName, size) {
  const worker = new Worker(new URL(import.meta.url), { workerData: { workloadName, contenderName, size } });
  const pending = [];
  worker.on('message', (message) => pending.shift()?.(message));
  worker.on('error', (error) => pending.shift()?.({ error: error.message }));
  const next = () => new Promise((resolve) => pending.push(resolve));
  const call = async (command) => {
    const answer = next();
    worker.postMessage(command);
    const message = await answer;
    if (message.error !== undefined) throw new Error(message.error);
    return message;
  };
  const ready = await next();
  if (ready.error !== undefined) {
    await worker.terminate();
    throw new Error(ready.error);
  }
  return {
    warmup: () => call('warmup'),
    sample: async () => (await call('sample')).ms,
    close: async () => {
      await worker.terminate();
    },
  };
}

async function serve() {
  const { workloads } = await import('./workloads/index.mjs');
  const { contenders } = await import('./contenders/index.mjs');
  const { workloadName, contenderName, size } = workerData;
  const message = (error) => ({ error: error instanceof Error ? error.message : String(error) });
  let drive;
  try {
    const workload = workloads.find((w) => w.name === workloadName);
    const contender = contenders.find((c) => c.name === contenderName);
    const { execute, options } = await contender.prepare(workload, size);
    drive = () => workload.drive(execute, size, options);
  } catch (error) {
    parentPort.postMessage(message(error));
    return;
  }
  // No forced gc() between samples: a full collection throws away V8's compiled code and
  // feedback, and the next sample measured up to 6 times slower.
  parentPort.on('message', async (command) => {
    try {
      const start = performance.now();
      const output = await drive();
      const ms = performance.now() - start;
      parentPort.postMessage(command === 'warmup' ? { output, ms } : { ms });
    } catch (error) {
      parentPort.postMessage(message(error));
    }
  });
  parentPort.postMessage({ ready: true });
}

if (!isMainThread && workerData?.workloadName !== undefined) await serve();
