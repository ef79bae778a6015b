import { createRequire } from 'node:module';
import path from 'node:path';
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
import { type Handler, loadHandler } from './runtime/handler-loader.cjs';
import { functionInfoFromEnv } from './runtime/invoke-context.cjs';
import { type Outcome, runInvocation } from './runtime/invocation.cjs';
import { installInlineConsole, withInlineLog } from './inline-console.js';

/** How to build one inline environment. */
export interface InlineEnvironmentSpec {
  readonly logStreamName: string;
  readonly tmpDir: string;
  readonly functionVersion: number;
  readonly appRoot: string;
  readonly handler: string;
  readonly runtime: string;
  readonly env: Readonly<Record<string, string>>;
  readonly now: () => number;
  readonly stopwatch: Stopwatch;
}

/**
 * An execution environment in the caller's isolate: the fastest mode, with weaker guarantees
 * (docs/lambda.md): CommonJS modules of the function are re-required per environment, but an ESM
 * entry module is one copy per environment and its imports are shared; the function's variables
 * are written into the host's `process.env`; a timed-out handler is abandoned, not killed; there is
 * no memory limit.
 */
export class InlineEnvironment implements ExecutionEnvironment {
  readonly logStreamName: string;
  readonly tmpDir: string;
  readonly functionVersion: number;
  readonly #spec: InlineEnvironmentSpec;
  #handler: Handler | undefined;

  constructor(spec: InlineEnvironmentSpec) {
    this.#spec = spec;
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
      for (const [key, value] of Object.entries(spec.env)) {
        if (applied.get(key) === value) continue;
        applied.set(key, value);
        process.env[key] = value;
      }
      const started = spec.stopwatch();
      installInlineConsole();
      try {
        this.#handler = await withInlineLog({ requestId: undefined, now: spec.now, lines: initLogs }, () => this.#load());
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
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), request.timeoutMs);
    });
    const outcome = await Promise.race([
      new Promise<Outcome>((resolve) =>
        withInlineLog({ requestId: request.requestId, now, lines: logs }, () => runInvocation({
          handler,
          eventJson: request.eventJson,
          fn: functionInfoFromEnv(spec.env),
          invoke: { ...request, deadlineMs: startedAt + request.timeoutMs },
          now,
          logError: (...args) => {
            const at = now();
            logs.push([at, logLine(at, request.requestId, format(...args))]);
          },
          onOutcome: resolve,
          awaitHandler: spec.runtime === 'nodejs24.x',
          beforeExit: undefined,
        })),
      ),
      timedOut,
    ]);
    clearTimeout(timer);
    const durationMs = spec.stopwatch() - started;
    // The host's heap in use at the end: a rough stand-in, as the isolate is shared.
    const maxMemoryUsedBytes = v8.getHeapStatistics().used_heap_size;
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
  }

  // A cold start: CommonJS files of the function leave the require cache so top-level code runs
  // again; an ESM entry is imported under a per-environment URL for the same effect.
  async #load(): Promise<Handler> {
    const root = this.#spec.appRoot + path.sep;
    const requireFn = requireFor(this.#spec.appRoot);
    for (const key of Object.keys(requireFn.cache)) {
      if (key.startsWith(root) && !key.includes(`${path.sep}node_modules${path.sep}`)) delete requireFn.cache[key];
    }
    return loadHandler(this.#spec.appRoot, this.#spec.handler, {
      requireFn,
      importSuffix: `?fogbank-env=${encodeURIComponent(this.logStreamName)}`,
    });
  }
}

// What inline environments last wrote into process.env: comparing here is cheaper than getenv.
const applied = new Map<string, string>();
const requires = new Map<string, NodeJS.Require>();
function requireFor(appRoot: string): NodeJS.Require {
  let requireFn = requires.get(appRoot);
  if (requireFn === undefined) requires.set(appRoot, (requireFn = createRequire(path.join(appRoot, 'index.js'))));
  return requireFn;
}

function logLine(at: number, requestId: string | undefined, message: string): string {
  return `${new Date(at).toISOString()}\t${requestId}\tERROR\t${message.replace(/\n/g, '\r')}\n`;
}
