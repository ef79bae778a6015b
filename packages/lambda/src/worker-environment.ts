import type { Worker } from 'node:worker_threads';
import type { Clock, Stopwatch } from './clock.js';
import {
  type EnvironmentInvocation,
  type EnvironmentInvokeRequest,
  type ExecutionEnvironment,
  type InvocationOutcome,
  exitMessage,
  timeoutError,
} from './environment.js';
import type { ErrorPayload } from './runtime/error-format.cjs';
import type { SandboxPool } from './sandboxes.js';

/** Lambda's Init phase is limited to 10 seconds. */
const INIT_LIMIT_MS = 10_000;

/** How to build one worker environment. */
export interface WorkerEnvironmentSpec {
  readonly logStreamName: string;
  readonly tmpDir: string;
  readonly functionVersion: number;
  readonly appRoot: string;
  readonly handler: string;
  readonly runtime: string;
  readonly memorySizeMb: number;
  readonly env: Readonly<Record<string, string>>;
  readonly clock: Clock;
  readonly stopwatch: Stopwatch;
  readonly sandboxes: SandboxPool;
  /** Told when the runtime dies between invocations (an uncaught error while idle). */
  readonly onIdleCrash: () => void;
}

type LogEntry = readonly [number, string];

type WorkerMessage =
  | { type: 'booted' }
  | { type: 'log'; line: string; at: number }
  | { type: 'ready'; maxMemoryBytes: number }
  | { type: 'init-error'; error: ErrorPayload }
  | { type: 'outcome'; outcome: { kind: 'success'; payload: string } | { kind: 'error'; error: ErrorPayload }; fatal: boolean; maxMemoryBytes: number }
  | { type: 'oom' }
  | { type: 'crash' };

/** Why a worker stopped (or answered), as one event for the waiting side. */
type Signal =
  | { kind: 'message'; message: WorkerMessage }
  | { kind: 'exit'; code: number }
  | { kind: 'out-of-memory' }
  | { kind: 'timeout' };

/**
 * An execution environment backed by a `worker_threads` Worker: its own module cache, its own
 * `process.env`, a V8 heap limit from MemorySize, and `terminate()` as the hard kill.
 */
export class WorkerEnvironment implements ExecutionEnvironment {
  readonly logStreamName: string;
  readonly tmpDir: string;
  readonly functionVersion: number;
  readonly #spec: WorkerEnvironmentSpec;
  #worker: Worker | undefined;
  #listener: ((signal: Signal) => void) | undefined;
  #logs: LogEntry[] = [];
  #stdoutRest = '';
  /** An uncaught error hit the runtime while an invocation was already on its way to it. */
  #crashed = false;
  /** The last memory reading, reported when a kill leaves no fresh one (timeouts). */
  #lastMemoryBytes = 0;
  /** Stopped for good (retired or closed): a thread that finishes booting now is stopped at once. */
  #disposed = false;

  constructor(spec: WorkerEnvironmentSpec) {
    this.#spec = spec;
    this.logStreamName = spec.logStreamName;
    this.tmpDir = spec.tmpDir;
    this.functionVersion = spec.functionVersion;
  }

  async invoke(request: EnvironmentInvokeRequest): Promise<EnvironmentInvocation> {
    let init: EnvironmentInvocation['init'];
    let initLogs: LogEntry[] = [];
    if (this.#worker === undefined) {
      const { failure, durationMs } = await this.#init(request.requestId);
      initLogs = this.#takeLogs();
      init = { durationMs, failed: failure !== undefined };
      if (failure !== undefined) {
        return { outcome: failure, init, initLogs, logs: [], durationMs: 0, maxMemoryUsedBytes: 0 };
      }
    }
    return { ...(await this.#invokeWarm(request)), init, initLogs };
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    await this.#kill();
  }

  /**
   * Takes a booted sandbox and runs the function's Init in it. Init Duration is the sandbox's boot
   * (measured when it happened) plus loading the function.
   */
  async #init(requestId: string): Promise<{ failure: InvocationOutcome | undefined; durationMs: number }> {
    const spec = this.#spec;
    let worker: Worker;
    let bootMs: number;
    try {
      ({ worker, bootMs } = await spec.sandboxes.take(spec.memorySizeMb).booted);
    } catch {
      return { failure: this.#platformFailure({ kind: 'exit', code: 1 }, requestId, INIT_LIMIT_MS), durationMs: 0 };
    }
    spec.sandboxes.claim(worker);
    if (this.#disposed) {
      await worker.terminate();
      return { failure: this.#platformFailure({ kind: 'exit', code: 1 }, requestId, INIT_LIMIT_MS), durationMs: 0 };
    }
    this.#worker = worker;
    // Signals of a worker this environment has already let go (killed, or replaced after a
    // reset) must not reach the next runtime's listener: only the current worker speaks.
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'log') this.#logs.push([message.at, message.line]);
      else if (this.#worker !== worker) return;
      else if (message.type === 'crash') this.#onCrash();
      else if (message.type !== 'booted') this.#listener?.({ kind: 'message', message });
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (this.#worker === worker && error.code === 'ERR_WORKER_OUT_OF_MEMORY') this.#listener?.({ kind: 'out-of-memory' });
    });
    worker.on('exit', (code) => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      this.#listener?.({ kind: 'exit', code });
    });
    worker.stdout.on('data', (chunk: Buffer) => this.#captureOutput(chunk));
    worker.stderr.on('data', (chunk: Buffer) => this.#captureOutput(chunk));

    const started = spec.stopwatch();
    worker.postMessage({
      type: 'init',
      appRoot: spec.appRoot,
      handler: spec.handler,
      awaitHandler: spec.runtime === 'nodejs24.x',
      env: spec.env,
      clockNowMs: spec.clock.now(),
    });
    const signal = await this.#waitFor(INIT_LIMIT_MS);
    const durationMs = bootMs + (spec.stopwatch() - started);
    if (signal.kind === 'message' && signal.message.type === 'ready') {
      this.#lastMemoryBytes = signal.message.maxMemoryBytes;
      return { failure: undefined, durationMs };
    }
    await this.#kill();
    if (signal.kind === 'message' && signal.message.type === 'init-error') {
      const error = signal.message.error;
      return { failure: { kind: 'error', error, reset: true, status: 'error', reportErrorType: error.errorType }, durationMs };
    }
    return { failure: this.#platformFailure(signal, requestId, INIT_LIMIT_MS), durationMs };
  }

  async #invokeWarm(request: EnvironmentInvokeRequest): Promise<Omit<EnvironmentInvocation, 'init' | 'initLogs'>> {
    const worker = this.#worker as Worker;
    const spec = this.#spec;
    // Output still in flight from the previous invocation lands in this one, as a thawed
    // environment's late output does on Lambda.
    const started = spec.stopwatch();
    worker.postMessage({
      type: 'invoke',
      requestId: request.requestId,
      eventJson: request.eventJson,
      invokedFunctionArn: request.invokedFunctionArn,
      clientContext: request.clientContext,
      identity: request.identity,
      timeoutMs: request.timeoutMs,
      clockNowMs: spec.clock.now(),
    });
    const signal = await this.#waitFor(request.timeoutMs);
    const durationMs = spec.stopwatch() - started;
    if (signal.kind === 'message' && signal.message.type === 'outcome') {
      const { outcome, fatal, maxMemoryBytes } = signal.message;
      this.#lastMemoryBytes = maxMemoryBytes;
      if (fatal || this.#crashed) await this.#kill();
      const logs = this.#takeLogs();
      const result: InvocationOutcome =
        outcome.kind === 'success' ? outcome : { kind: 'error', error: outcome.error, reset: fatal };
      return { outcome: result, logs, durationMs, maxMemoryUsedBytes: maxMemoryBytes };
    }
    await this.#kill();
    const outcome = this.#platformFailure(signal, request.requestId, request.timeoutMs);
    const timedOut = signal.kind === 'timeout';
    return {
      outcome,
      logs: this.#takeLogs(),
      durationMs,
      maxMemoryUsedBytes:
        outcome.kind === 'error' && outcome.reportErrorType === 'Runtime.OutOfMemory'
          ? spec.memorySizeMb * 1024 * 1024
          : this.#lastMemoryBytes,
      timedOutAfterMs: timedOut ? durationMs : undefined,
    };
  }

  #platformFailure(signal: Signal, requestId: string, timeoutMs: number): InvocationOutcome {
    const oom = signal.kind === 'out-of-memory' || (signal.kind === 'message' && signal.message.type === 'oom');
    if (oom) {
      return {
        kind: 'error',
        error: { errorType: 'Runtime.OutOfMemory', errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed` },
        reset: true,
        status: 'error',
        reportErrorType: 'Runtime.OutOfMemory',
      };
    }
    if (signal.kind === 'timeout') {
      return { kind: 'error', error: timeoutError(requestId, timeoutMs), reset: true, status: 'timeout' };
    }
    const code = signal.kind === 'exit' ? signal.code : 1;
    return {
      kind: 'error',
      error: { errorType: 'Runtime.ExitError', errorMessage: exitMessage(requestId, code) },
      reset: true,
      status: 'error',
      reportErrorType: 'Runtime.ExitError',
    };
  }

  /** Resolves with the worker's next signal, or `timeout` after `limitMs` of real time. */
  #waitFor(limitMs: number): Promise<Signal> {
    const endBusy = this.#spec.clock.busy();
    return new Promise<Signal>((resolve) => {
      const finish = (signal: Signal): void => {
        clearTimeout(timer);
        this.#listener = undefined;
        endBusy();
        resolve(signal);
      };
      // The timeout is real time on purpose: the handler really runs.
      const timer = setTimeout(() => finish({ kind: 'timeout' }), limitMs);
      this.#listener = finish;
    });
  }

  // An uncaught error between invocations ends the runtime (RIC exits with 129). If an invocation
  // was posted before the news arrived, it finishes first, so it is not blamed for the crash.
  #onCrash(): void {
    if (this.#listener !== undefined) {
      this.#crashed = true;
      return;
    }
    void this.#kill();
    this.#spec.onIdleCrash();
  }

  async #kill(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#crashed = false;
    if (worker !== undefined) await worker.terminate();
  }

  #takeLogs(): LogEntry[] {
    const logs = this.#logs;
    this.#logs = [];
    return logs;
  }

  // Raw writes to process.stdout/stderr (not through console) are log lines too, stamped on arrival.
  #captureOutput(chunk: Buffer): void {
    const text = this.#stdoutRest + chunk.toString('utf8');
    const lines = text.split('\n');
    this.#stdoutRest = lines.pop() ?? '';
    const at = this.#spec.clock.now();
    for (const line of lines) this.#logs.push([at, line + '\n']);
  }
}
