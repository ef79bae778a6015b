import { format } from 'node:util';
import v8 from 'node:v8';
import type { Stopwatch } from './clock.js';
import {
  type EnvironmentInvocation,
  type EnvironmentInvokeRequest,
  type ExecutionEnvironment,
  timeoutError,
} from './environment.js';
import { toFormatted, toRapidResponse } from './runtime/error-format.cjs';
import { type Handler, loadHandler, loadHandlerFromFile } from './runtime/handler-loader.cjs';
import { type FunctionInfo, functionInfoFromEnv } from './runtime/invoke-context.cjs';
import { type Outcome, runInvocation } from './runtime/invocation.cjs';
import { installInlineConsole, withInlineLog } from './inline-console.js';
import type { InlineCode } from './inline-modules.js';

/** How to build one inline environment. */
export interface InlineEnvironmentSpec {
  readonly logStreamName: string;
  readonly tmpDir: string;
  readonly functionVersion: number;
  /** The function's code version, compiled once for all its environments. */
  readonly code: InlineCode;
  readonly handler: string;
  readonly runtime: string;
  readonly env: Readonly<Record<string, string>>;
  readonly now: () => number;
  readonly stopwatch: Stopwatch;
}

/**
 * An execution environment in the caller's isolate: the fastest mode, with weaker guarantees
 * (docs/lambda.md): CommonJS modules of the function are instantiated per environment, but an ESM
 * entry module is one copy per environment and its imports are shared; the function's variables
 * are written into the host's `process.env`; a timed-out handler is abandoned, not killed; there is
 * no memory limit.
 */
export class InlineEnvironment implements ExecutionEnvironment {
  readonly logStreamName: string;
  readonly tmpDir: string;
  readonly functionVersion: number;
  readonly #spec: InlineEnvironmentSpec;
  readonly #fn: FunctionInfo;
  #handler: Handler | undefined;
  readonly #deadline = new Deadline();

  constructor(spec: InlineEnvironmentSpec) {
    this.#spec = spec;
    this.#fn = functionInfoFromEnv(spec.env);
    this.logStreamName = spec.logStreamName;
    this.tmpDir = spec.tmpDir;
    this.functionVersion = spec.functionVersion;
  }

  async invoke(request: EnvironmentInvokeRequest): Promise<EnvironmentInvocation> {
    const spec = this.#spec;
    let init: EnvironmentInvocation['init'];
    const initLogs: (readonly [number, string])[] = [];
    if (this.#handler === undefined) {
      // process.env is shared with the host here: the function's variables are written at Init
      // (only those that differ: every write is a setenv).
      const env = spec.env;
      for (const key in env) {
        const value = env[key] as string;
        if (applied.get(key) === value) continue;
        applied.set(key, value);
        process.env[key] = value;
      }
      const started = spec.stopwatch();
      installInlineConsole();
      try {
        const loaded = withInlineLog({ requestId: undefined, now: spec.now, lines: initLogs }, () => this.#load());
        this.#handler = loaded instanceof Promise ? await loaded : loaded;
        init = { durationMs: spec.stopwatch() - started, failed: false };
      } catch (error) {
        init = { durationMs: spec.stopwatch() - started, failed: true };
        initLogs.push([spec.now(), logLine(spec.now(), undefined, format('Uncaught Exception', toFormatted(error)))]);
        const payload = toRapidResponse(error);
        return {
          outcome: { kind: 'error', error: payload, reset: true, status: 'error', reportErrorType: payload.errorType },
          init,
          initLogs,
          logs: [],
          durationMs: 0,
          maxMemoryUsedBytes: 0,
        };
      }
    }
    const handler = this.#handler;
    const logs: (readonly [number, string])[] = [];
    const started = spec.stopwatch();
    // The handler's wall clock: the service clock at the start, moved by real elapsed time, so
    // getRemainingTimeInMillis() counts down even under a virtual clock.
    const startedAt = spec.now();
    const now = (): number => startedAt + (spec.stopwatch() - started);
    const fn = this.#fn;
    const deadline = this.#deadline;
    const invoke = {
      requestId: request.requestId,
      invokedFunctionArn: request.invokedFunctionArn,
      clientContext: request.clientContext,
      identity: request.identity,
      deadlineMs: startedAt + request.timeoutMs,
    };
    const sink = { requestId: request.requestId, now, lines: logs };
    const outcome = await new Promise<Outcome | 'timeout'>((resolve) => {
      deadline.arm(request.timeoutMs, resolve);
      withInlineLog(sink, () =>
        runInvocation({
          handler,
          eventJson: request.eventJson,
          fn,
          invoke,
          now,
          logError: (...args) => {
            const at = now();
            logs.push([at, logLine(at, request.requestId, format(...args))]);
          },
          onOutcome: resolve,
          awaitHandler: spec.runtime === 'nodejs24.x',
          beforeExit: undefined,
        }),
      );
    });
    deadline.disarm();
    const durationMs = spec.stopwatch() - started;
    // The host's heap in use at the end: a rough stand-in, as the isolate is shared.
    const maxMemoryUsedBytes = hostHeapUsed();
    if (outcome === 'timeout') {
      // The handler cannot be stopped in this isolate; drop it so the next invoke re-inits.
      this.#handler = undefined;
      return {
        outcome: { kind: 'error', error: timeoutError(request.requestId, request.timeoutMs), reset: true, status: 'timeout' },
        initLogs,
        init,
        logs,
        durationMs,
        maxMemoryUsedBytes,
        timedOutAfterMs: durationMs,
      };
    }
    return {
      outcome: outcome.kind === 'success' ? outcome : { kind: 'error', error: outcome.error, reset: false },
      init,
      initLogs,
      logs,
      durationMs,
      maxMemoryUsedBytes,
    };
  }

  async dispose(): Promise<void> {
    this.#handler = undefined;
    this.#deadline.dispose();
  }

  // A cold start: the function's CommonJS files are instantiated afresh from their compiled form,
  // so top-level code runs again; an ESM entry is imported under a per-environment URL.
  // Once the code knows its CommonJS entry file, Init is synchronous.
  #load(): Handler | Promise<Handler> {
    const code = this.#spec.code;
    const requireFn = code.createRequire();
    if (code.entry !== undefined) return loadHandlerFromFile(requireFn, code.entry, this.#spec.handler);
    return loadHandler(code.appRoot, this.#spec.handler, {
      requireFn,
      files: code.probes,
      importSuffix: `?fogbank-env=${encodeURIComponent(this.logStreamName)}`,
    });
  }
}

// The host heap in use, read at most once a millisecond: back-to-back warm invokes take a few
// microseconds each, and reading V8's statistics costs about one.
let heapReadAt = -Infinity;
let heapUsed = 0;
function hostHeapUsed(): number {
  const now = performance.now();
  if (now - heapReadAt >= 1) {
    heapReadAt = now;
    heapUsed = v8.getHeapStatistics().used_heap_size;
  }
  return heapUsed;
}

// What inline environments last wrote into process.env: comparing here is cheaper than getenv.
const applied = new Map<string, string>();

/**
 * The timeout of an environment's invocations, in real time. One timer serves back-to-back
 * invocations: an invocation only moves the deadline, and a timer that fires early (it was set for
 * an earlier invocation) re-arms itself for the rest. A warm invoke then costs no timer of its own.
 * The timer holds the process open only while an invocation runs, as a pending invocation does.
 */
class Deadline {
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** When the pending timer fires (performance.now() ms). */
  #due = 0;
  #at = 0;
  #onTimeout: ((value: 'timeout') => void) | undefined;

  arm(timeoutMs: number, onTimeout: (value: 'timeout') => void): void {
    this.#at = performance.now() + timeoutMs;
    // A pending timer due after this deadline (not the case while an environment's timeout is
    // fixed, but cheap to guard) would fire late: replace it.
    if (this.#timer !== undefined && this.#due > this.#at) this.dispose();
    if (this.#timer === undefined) this.#schedule(timeoutMs);
    else this.#timer.ref();
    this.#onTimeout = onTimeout;
  }

  disarm(): void {
    this.#onTimeout = undefined;
    this.#timer?.unref();
  }

  dispose(): void {
    this.#onTimeout = undefined;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(delayMs: number): void {
    this.#due = performance.now() + delayMs;
    this.#timer = setTimeout(this.#check, delayMs);
  }

  readonly #check = (): void => {
    this.#timer = undefined;
    const onTimeout = this.#onTimeout;
    if (onTimeout === undefined) return;
    const left = this.#at - performance.now();
    if (left > 0) return this.#schedule(left);
    this.#onTimeout = undefined;
    onTimeout('timeout');
  };
}

function logLine(at: number, requestId: string | undefined, message: string): string {
  return `${new Date(at).toISOString()}\t${requestId}\tERROR\t${message.replace(/\n/g, '\r')}\n`;
}
