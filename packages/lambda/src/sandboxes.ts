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

/** A worker thread booting the runtime (or waiting for its turn to boot), with no function yet. */
export interface Sandbox {
  /**
   * Resolves once the thread has booted, with the boot time in ms (runtime start, before any
   * function code; waiting for a turn to boot is not counted). Rejects if the thread died first.
   */
  readonly booted: Promise<{ readonly worker: Worker; readonly bootMs: number }>;
  /** Whether `booted` has resolved. */
  readonly ready: boolean;
}

class BootingSandbox implements Sandbox {
  ready = false;
  constructor(readonly booted: Promise<{ readonly worker: Worker; readonly bootMs: number }>) {
    // A spare that dies before use is simply not used; the taker sees the rejection.
    booted.then(
      () => void (this.ready = true),
      () => {},
    );
  }
}

/**
 * Booted sandboxes kept ready, per memory size (the heap limit is fixed when a thread starts), as
 * Lambda keeps microVMs ready. Taking one starts booting its replacement in the background, so
 * a cold start pays the function's Init on the caller's clock, not the thread's boot. The boot
 * time is still measured and counted in Init Duration, where AWS counts the runtime's start.
 *
 * At most `maxBooting` threads boot at once; more wait their turn. A boot is CPU-bound (~30 ms of
 * V8 and Node start-up), so a burst that started a hundred at once only shared the cores a
 * hundred ways, the host thread included, which must also create each thread and answer it:
 * booting a few at a time gets the first environments serving sooner and the last no later.
 */
export class SandboxPool {
  readonly #spares = new Map<number, Sandbox[]>();
  /** Spares to keep per memory size, grown by demand from `sparesPerSize`. */
  readonly #targets = new Map<number, number>();
  readonly #stopwatch: Stopwatch;
  readonly #sampleIntervalMs: number;
  readonly #sparesPerSize: number;
  readonly #maxBooting: number;
  #booting = 0;
  readonly #waiting: (() => void)[] = [];
  /** Threads started and not yet handed to an environment (spares, booting or booted). */
  readonly #unclaimed = new Set<Worker>();
  #closed = false;

  constructor(options: { stopwatch: Stopwatch; sampleIntervalMs: number; sparesPerSize: number; maxBooting: number }) {
    this.#stopwatch = options.stopwatch;
    this.#sampleIntervalMs = options.sampleIntervalMs;
    this.#sparesPerSize = options.sparesPerSize;
    this.#maxBooting = Math.max(1, options.maxBooting);
  }

  /**
   * A sandbox for `memorySizeMb`: a spare when one is ready or booting, else a new one. A cold
   * start that found no booted spare shows demand outrunning the pool: that memory size keeps one
   * more spare from now on, up to one per boot slot (never when `sparesPerSize` is 0).
   */
  take(memorySizeMb: number): Sandbox {
    const spare = this.#spares.get(memorySizeMb)?.shift();
    if (spare?.ready !== true && this.#sparesPerSize > 0) {
      const target = this.#targets.get(memorySizeMb) ?? this.#sparesPerSize;
      this.#targets.set(memorySizeMb, Math.min(Math.max(this.#sparesPerSize, this.#maxBooting), target + 1));
    }
    const sandbox = spare ?? this.#boot(memorySizeMb);
    this.prime(memorySizeMb);
    return sandbox;
  }

  /** Hands a booted thread over to an environment, which now stops it. */
  claim(worker: Worker): void {
    this.#unclaimed.delete(worker);
  }

  /** Starts booting spares for a memory size until `sparesPerSize` are ready or booting. */
  prime(memorySizeMb: number): void {
    if (this.#closed) return;
    let spares = this.#spares.get(memorySizeMb);
    if (spares === undefined) this.#spares.set(memorySizeMb, (spares = []));
    const target = this.#targets.get(memorySizeMb) ?? this.#sparesPerSize;
    while (spares.length < target) spares.push(this.#boot(memorySizeMb));
  }

  /** Stops every thread no environment has claimed, booting ones included; queued boots fail. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#spares.clear();
    for (const start of this.#waiting.splice(0)) start();
    const unclaimed = [...this.#unclaimed];
    this.#unclaimed.clear();
    await Promise.all(unclaimed.map((worker) => worker.terminate()));
  }

  #boot(memorySizeMb: number): Sandbox {
    const booted = new Promise<{ worker: Worker; bootMs: number }>((resolve, reject) => {
      const start = (): void => {
        if (this.#closed) return reject(new Error('the sandbox pool is closed'));
        this.#booting++;
        this.#start(memorySizeMb).then(resolve, reject).finally(() => this.#next());
      };
      if (this.#booting < this.#maxBooting) start();
      else this.#waiting.push(start);
    });
    return new BootingSandbox(booted);
  }

  #next(): void {
    this.#booting--;
    this.#waiting.shift()?.();
  }

  #start(memorySizeMb: number): Promise<{ worker: Worker; bootMs: number }> {
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
    this.#unclaimed.add(worker);
    return new Promise((resolve, reject) => {
      const onMessage = (message: { type?: string }): void => {
        if (message.type !== 'booted') return;
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        resolve({ worker, bootMs: this.#stopwatch() - started });
      };
      const onExit = (code: number): void => {
        this.#unclaimed.delete(worker);
        reject(new Error(`sandbox exited during boot with code ${code}`));
      };
      worker.on('message', onMessage);
      worker.once('exit', onExit);
    });
  }
}
