import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { admit } from './concurrency.js';
import { CostLedger } from './cost.js';
import type { EnvironmentInvocation, ExecutionEnvironment } from './environment.js';
import { buildRuntimeEnvironment } from './environment-variables.js';
import { TooManyRequestsException } from './errors.js';
import type { ResolvedEventInvokeConfig } from './event-queue.js';
import type { FunctionRecord } from './function-config.js';
import { FunctionPool, type RetireReason } from './function-pool.js';
import { InlineEnvironment } from './inline-environment.js';
import { InlineCode } from './inline-modules.js';
import { summarizeInvocation } from './invocation-log.js';
import type { LambdaEvent } from './lambda-events.js';
import type { LogStore } from './log-store.js';
import type { ResolvedLambdaOptions } from './options.js';
import { PAYLOAD_LIMITS, RESPONSE_TOO_LARGE } from './payload.js';
import { SandboxPool } from './sandboxes.js';
import { WorkerEnvironment } from './worker-environment.js';

let services = 0;

/** A placeholder for the values each environment has of its own. */
const PER_ENVIRONMENT = '\0per-environment';

/** What the environments of one function version share. */
interface VersionFacts {
  readonly version: number;
  readonly env: Readonly<Record<string, string>>;
  /** Inline mode: the function's code, compiled once for all the version's environments. */
  code: InlineCode | undefined;
  readonly now: () => number;
}

/** A function as the service holds it: its $LATEST record and its environments. */
export interface FunctionState {
  readonly record: FunctionRecord;
  readonly pool: FunctionPool;
  eventConfig: (ResolvedEventInvokeConfig & { lastModified: number }) | undefined;
}

/** One run through an environment, before it becomes an Invoke response. */
export interface Run {
  readonly requestId: string;
  readonly payload: string;
  readonly functionError: boolean;
  /** The invocation's log lines, formatted on demand (`LogType: 'Tail'`). */
  readonly logEvents: () => readonly (readonly [number, string])[];
}

/**
 * The data plane: admits an invocation, finds or builds its execution environment, runs it, and
 * records what happened (the log stream, the bill, the event). Used by synchronous invokes and by
 * each attempt of an asynchronous one.
 */
export class InvocationRunner {
  readonly #options: ResolvedLambdaOptions;
  readonly #functions: ReadonlyMap<string, FunctionState>;
  readonly #logs: LogStore;
  readonly #emit: (event: LambdaEvent) => void;
  readonly #sandboxes: SandboxPool;
  readonly #tmpDirs = new Set<string>();
  readonly #logGroups = new Map<string, string>();
  readonly #versions = new WeakMap<FunctionRecord, VersionFacts>();
  #streamDay = NaN;
  #streamDateText = '';
  /** This service's own directory under tmpRoot, so parallel test files never share /tmp. */
  readonly #tmpBase: string;
  /** Every invocation's bill, for costReport(). */
  readonly billed = new CostLedger();

  constructor(
    options: ResolvedLambdaOptions,
    functions: ReadonlyMap<string, FunctionState>,
    logs: LogStore,
    emit: (event: LambdaEvent) => void,
  ) {
    this.#options = options;
    this.#functions = functions;
    this.#logs = logs;
    this.#emit = emit;
    this.#tmpBase = path.join(options.tmpRoot, `${process.pid}-${++services}`);
    this.#sandboxes = new SandboxPool({
      stopwatch: options.stopwatch,
      sampleIntervalMs: options.memorySampleIntervalMs,
      sparesPerSize: options.spareSandboxes,
      // Boots are CPU-bound: more at once than cores only slows every one of them.
      maxBooting: os.availableParallelism(),
    });
  }

  /** The environment pool of a new function. */
  createPool(functionName: string): FunctionPool {
    return new FunctionPool(this.#options.clock, this.#options.idleTimeoutMs, (env, reason) =>
      this.#retired(functionName, env, reason),
    );
  }

  /** Gets a booted sandbox ready for a memory size (worker mode). */
  prime(memorySizeMb: number): void {
    if (this.#options.mode === 'worker') this.#sandboxes.prime(memorySizeMb);
  }

  /** Stops the functions' environments and the spare sandboxes; removes the /tmp directories. */
  async close(pools: readonly FunctionPool[]): Promise<void> {
    await Promise.all([...pools.map((pool) => pool.close()), this.#sandboxes.close()]);
    await rm(this.#tmpBase, { recursive: true, force: true });
    this.#tmpDirs.clear();
  }

  /** Runs one invocation; throws TooManyRequestsException when concurrency is exhausted. */
  async run(
    state: FunctionState,
    requestId: string,
    eventJson: string,
    clientContext: string | undefined,
    invocationType: 'RequestResponse' | 'Event',
    qualifier?: string,
  ): Promise<Run> {
    const { record, pool } = state;
    const reason = admit(
      { reserved: record.reservedConcurrency, running: pool.running },
      () => this.#accountInUse(),
      this.#options.accountConcurrency,
    );
    if (reason !== undefined) {
      this.#emit({ type: 'InvocationThrottled', functionName: record.name, requestId, reason });
      throw new TooManyRequestsException(reason);
    }
    // Snapshot the settings this invocation runs with; an update during the run affects new ones.
    // (A new environment is built from the record right away, in this same tick.)
    const { name, arn, version, runtime, memorySize, architecture } = record;
    const timeoutMs = record.timeout * 1000;
    const { env, created } = pool.acquire(version, () => this.#createEnvironment(record));
    if (created) this.#emit({ type: 'EnvironmentCreated', functionName: name, logStreamName: env.logStreamName });
    const clock = this.#options.clock;
    const startedAt = clock.now();
    let result: EnvironmentInvocation;
    try {
      result = await env.invoke({
        requestId,
        eventJson,
        // The qualifier shows in the ARN only when the caller used one, as on AWS.
        invokedFunctionArn: qualifier === undefined ? arn : `${arn}:${qualifier}`,
        clientContext,
        timeoutMs,
      });
    } finally {
      pool.release(env, this.#functions.get(name) === state ? record.version : undefined);
    }
    const endedAt = clock.now();
    if (result.outcome.kind === 'error' && result.outcome.reset) {
      const reason = result.outcome.status === 'timeout' ? 'timeout' : 'error';
      this.#emit({ type: 'EnvironmentReset', functionName: name, logStreamName: env.logStreamName, reason });
    }
    const summary = summarizeInvocation(result, {
      requestId,
      runtime,
      region: this.#options.region,
      memorySizeMb: memorySize,
      timeoutMs,
      startedAt,
      endedAt,
    });
    this.#logs.append(this.#logGroup(name), env.logStreamName, summary.log, endedAt);
    this.billed.record({
      functionName: name,
      architecture,
      memorySizeMb: memorySize,
      billedDurationMs: summary.billedDurationMs,
      initDurationMs: summary.initDurationMs,
    });
    let payload: string;
    let functionError: boolean;
    if (result.outcome.kind === 'success') {
      const text = result.outcome.payload;
      // UTF-8 takes at most 3 bytes per UTF-16 unit: short answers need no byte count.
      const tooLarge = text.length * 3 > PAYLOAD_LIMITS.syncResponseBytes && Buffer.byteLength(text, 'utf8') > PAYLOAD_LIMITS.syncResponseBytes;
      payload = tooLarge ? RESPONSE_TOO_LARGE : result.outcome.payload;
      functionError = tooLarge;
    } else {
      payload = JSON.stringify(result.outcome.error);
      functionError = true;
    }
    this.#emit({
      type: 'InvocationCompleted',
      functionName: name,
      requestId,
      invocationType,
      cold: result.init !== undefined,
      functionError: functionError ? (result.outcome.kind === 'error' ? result.outcome.error.errorType : 'Function.ResponseSizeTooLarge') : undefined,
      durationMs: summary.durationMs,
      billedDurationMs: summary.billedDurationMs,
      initDurationMs: summary.initDurationMs,
      maxMemoryUsedMb: summary.maxMemoryUsedMb,
      logStreamName: env.logStreamName,
    });
    const log = summary.log;
    return { requestId, payload, functionError, logEvents: () => log.events() };
  }

  /** Concurrency the account has given away: reservations, plus what unreserved functions run. */
  #accountInUse(): number {
    let used = 0;
    for (const { record, pool } of this.#functions.values()) used += record.reservedConcurrency ?? pool.running;
    return used;
  }

  #createEnvironment(record: FunctionRecord): ExecutionEnvironment {
    const options = this.#options;
    const hex = options.ids.hex32();
    const logStreamName = `${this.#streamDate(options.clock.now())}/[$LATEST]${hex}`;
    // Inline environments share the host's process.env, so TMPDIR cannot differ between them:
    // they share one directory per function.
    const tmpDir = path.join(this.#tmpBase, options.mode === 'inline' ? `${record.name}-inline` : `${record.name}-${hex}`);
    if (!this.#tmpDirs.has(tmpDir)) {
      mkdirSync(tmpDir, { recursive: true });
      this.#tmpDirs.add(tmpDir);
    }
    const facts = this.#versionFacts(record);
    // The version's environment with this environment's two own values filled in (unless the
    // function's own variables set TMPDIR).
    const env = { ...facts.env };
    env['AWS_LAMBDA_LOG_STREAM_NAME'] = logStreamName;
    if (env['TMPDIR'] === PER_ENVIRONMENT) env['TMPDIR'] = tmpDir;
    // (Literals, not spreads of a shared part: V8 gave every spread-built spec its own hidden class.)
    if (options.mode === 'inline') {
      facts.code ??= new InlineCode(record.codeDir);
      return new InlineEnvironment({
        logStreamName,
        tmpDir,
        functionVersion: record.version,
        handler: record.handler,
        runtime: record.runtime,
        env,
        stopwatch: options.stopwatch,
        code: facts.code,
        now: facts.now,
      });
    }
    return new WorkerEnvironment({
      logStreamName,
      tmpDir,
      functionVersion: record.version,
      handler: record.handler,
      runtime: record.runtime,
      env,
      stopwatch: options.stopwatch,
      appRoot: record.codeDir,
      memorySizeMb: record.memorySize,
      clock: options.clock,
      sandboxes: this.#sandboxes,
      onIdleCrash: () =>
        this.#emit({ type: 'EnvironmentReset', functionName: record.name, logStreamName, reason: 'crash' }),
    });
  }

  /**
   * What every environment of the record's current version shares: the environment variables
   * (but the stream name and /tmp) and, inline, the compiled code. Keyed by the record, so a
   * function deleted and created again starts anew.
   */
  #versionFacts(record: FunctionRecord): VersionFacts {
    const cached = this.#versions.get(record);
    if (cached !== undefined && cached.version === record.version) return cached;
    const options = this.#options;
    const facts: VersionFacts = {
      version: record.version,
      env: buildRuntimeEnvironment({
        functionName: record.name,
        handler: record.handler,
        runtime: record.runtime,
        memorySize: record.memorySize,
        region: options.region,
        logGroupName: this.#logGroup(record.name),
        logStreamName: PER_ENVIRONMENT,
        taskRoot: record.codeDir,
        tmpDir: PER_ENVIRONMENT,
        layers: record.layers,
        variables: record.variables,
        endpointUrl: options.endpointUrl,
        platformVariables: options.platformVariables,
        runtimeModulePaths: options.runtimeModulePaths,
      }),
      code: undefined,
      now: () => options.clock.now(),
    };
    this.#versions.set(record, facts);
    return facts;
  }

  // `YYYY/MM/DD` of a log stream name, formatted once a day.
  #streamDate(now: number): string {
    const day = Math.floor(now / 86_400_000);
    if (day !== this.#streamDay) {
      this.#streamDay = day;
      this.#streamDateText = new Date(now).toISOString().slice(0, 10).replace(/-/g, '/');
    }
    return this.#streamDateText;
  }

  #logGroup(functionName: string): string {
    let group = this.#logGroups.get(functionName);
    if (group === undefined) this.#logGroups.set(functionName, (group = `/aws/lambda/${functionName}`));
    return group;
  }

  #retired(functionName: string, env: ExecutionEnvironment, reason: RetireReason): void {
    if (this.#options.mode === 'worker') {
      void rm(env.tmpDir, { recursive: true, force: true });
      this.#tmpDirs.delete(env.tmpDir);
    }
    this.#emit({ type: 'EnvironmentRetired', functionName, logStreamName: env.logStreamName, reason });
  }

}
