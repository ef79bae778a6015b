import { Worker } from 'node:worker_threads';
import type { Stopwatch } from './clock.js';

const BOOTSTRAP = new URL('./runtime/bootstrap.cjs', import.meta.url);

/**
 * The heap limits Lambda's Node bootstrap sets from MemorySize:
 * `--max-old-space-size=$((mem - mem/10)) --max-semi-space-size=$((mem/10/2))`. V8's young
 * generation is three semi-spaces.
 */
export function heapLimits(memorySizeMb: number): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } {
  const tenth = Math.floor(memorySizeMb / 10);
  return { maxOldGenerationSizeMb: memorySizeMb - tenth, maxYoungGenerationSizeMb: 3 * Math.floor(tenth / 2) };
}

/** A worker thread that has booted the runtime (or is booting it), with no function yet. */
export interface Sandbox {
  readonly worker: Worker;
  /** Resolves with the boot time in ms (runtime start, before any function code). */
  readonly booted: Promise<number>;
}

/**
 * Booted sandboxes kept ready, per memory size (the heap limit is fixed when a thread starts), as
 * Lambda keeps microVMs ready. Taking one starts booting its replacement in the background, so
 * a cold start pays the function's Init on the caller's clock, not the thread's boot. The boot
 * time is still measured and counted in Init Duration, where AWS counts the runtime's start.
 */
export class SandboxPool {
  readonly #spares = new Map<number, Sandbox[]>();
  readonly #stopwatch: Stopwatch;
  readonly #sampleIntervalMs: number;
  readonly #sparesPerSize: number;
  #closed = false;

  constructor(options: { stopwatch: Stopwatch; sampleIntervalMs: number; sparesPerSize: number }) {
    this.#stopwatch = options.stopwatch;
    this.#sampleIntervalMs = options.sampleIntervalMs;
    this.#sparesPerSize = options.sparesPerSize;
  }

  /** A sandbox for `memorySizeMb`: a spare when one is ready or booting, else a new one. */
  take(memorySizeMb: number): Sandbox {
    const spare = this.#spares.get(memorySizeMb)?.shift();
    this.prime(memorySizeMb);
    return spare ?? this.#boot(memorySizeMb);
  }

  /** Starts booting spares for a memory size until `sparesPerSize` are ready or booting. */
  prime(memorySizeMb: number): void {
    if (this.#closed) return;
    let spares = this.#spares.get(memorySizeMb);
    if (spares === undefined) this.#spares.set(memorySizeMb, (spares = []));
    while (spares.length < this.#sparesPerSize) spares.push(this.#boot(memorySizeMb));
  }

  /** Stops every spare. */
  async close(): Promise<void> {
    this.#closed = true;
    const all = [...this.#spares.values()].flat();
    this.#spares.clear();
    await Promise.all(all.map((sandbox) => sandbox.worker.terminate()));
  }

  #boot(memorySizeMb: number): Sandbox {
    const started = this.#stopwatch();
    const worker = new Worker(BOOTSTRAP, {
      // The function's variables arrive with `init`; nothing of the host's environment leaks in.
      env: {},
      workerData: { memoryLimitBytes: memorySizeMb * 1024 * 1024, sampleIntervalMs: this.#sampleIntervalMs },
      resourceLimits: heapLimits(memorySizeMb),
      stdout: true,
      stderr: true,
    });
    // A sandbox never keeps the host alive by itself; pending invocations hold a timer.
    worker.unref();
    const booted = new Promise<number>((resolve, reject) => {
      const onMessage = (message: { type?: string }): void => {
        if (message.type !== 'booted') return;
        worker.off('message', onMessage);
        resolve(this.#stopwatch() - started);
      };
      worker.on('message', onMessage);
      worker.once('exit', (code) => reject(new Error(`sandbox exited during boot with code ${code}`)));
    });
    // A spare that dies before use is simply not used; the taker sees the rejection.
    booted.catch(() => {});
    return { worker, booted };
  }
}
