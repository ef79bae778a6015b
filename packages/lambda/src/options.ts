import os from 'node:os';
import path from 'node:path';
import { type Clock, realClock, realStopwatch, type Stopwatch } from './clock.js';
import { type IdSource, randomIds } from './ids.js';
import type { AsyncInvocationRecord } from './event-queue.js';

// Read once, at load: inline environments write their own TMPDIR into the host's process.env, and
// a service created after that must not nest its directories inside a function's /tmp.
const HOST_TMP = os.tmpdir();

/** How handlers run. */
export type ExecutionMode = 'worker' | 'inline';

/** Options of {@link LambdaService}; every field is optional. */
export interface LambdaServiceOptions {
  /** @default 'us-east-1' */
  region?: string;
  /** @default '123456789012' */
  accountId?: string;
  /** Concurrent executions allowed in the account and Region. @default 1000 */
  accountConcurrency?: number;
  /**
   * `worker`: each execution environment is a worker thread (own module cache, `process.env`,
   * heap limit, hard kill on timeout). `inline`: handlers run in the caller's isolate, fastest, with
   * the weaker guarantees listed in docs/lambda.md.
   * @default 'worker'
   */
  mode?: ExecutionMode;
  /** Timestamps, Event retry back-off, maximum event age, idle reclaim. @default realClock */
  clock?: Clock;
  /** Monotonic time for Duration and Init Duration. @default performance.now */
  stopwatch?: Stopwatch;
  /** Request ids, log stream names, revision ids. @default randomIds */
  ids?: IdSource;
  /**
   * An environment idle this long (on the clock) is reclaimed; the next invoke is cold.
   * AWS does not document the period; 10 minutes matches measurements and LocalStack.
   * `Infinity` never reclaims (useful with an auto-advancing virtual clock, which moves time
   * whenever nothing runs).
   * @default 600000
   */
  idleTimeoutMs?: number;
  /** Parent directory of each environment's `/tmp` (exposed as `TMPDIR`). @default os.tmpdir() */
  tmpRoot?: string;
  /** How often a worker samples its memory while a handler yields. @default 5 */
  memorySampleIntervalMs?: number;
  /**
   * Booted worker sandboxes kept ready per memory size, so a cold start does not wait for a thread
   * to boot (the boot is still measured into Init Duration). 0 boots on demand.
   * @default 1
   */
  spareSandboxes?: number;
  /**
   * An endpoint for the AWS SDK inside handlers (`AWS_ENDPOINT_URL`), e.g. a fogbank server, so
   * SDK v3 clients in handlers reach fogbank's services instead of AWS.
   */
  endpointUrl?: string;
  /**
   * Platform variables added to every function's environment (after Lambda's, before the
   * function's own), e.g. `AWS_ENDPOINT_URL_DYNAMODB`. Not counted in the function's 4 KB.
   */
  platformVariables?: Record<string, string>;
  /**
   * Directories standing in for `/var/runtime/node_modules` (where Lambda's Node.js runtimes ship
   * the AWS SDK v3): on NODE_PATH after the layers, before the code directory. CommonJS only, as
   * NODE_PATH is.
   */
  runtimeModulePaths?: string[];
  /**
   * Delivers async invocation records to destinations that are not functions of this service
   * (SQS, SNS, EventBridge ARNs). Lambda ARNs are invoked directly.
   */
  onDestination?: (destinationArn: string, record: AsyncInvocationRecord) => void | Promise<void>;
}

/** {@link LambdaServiceOptions} with every default filled in. */
export interface ResolvedLambdaOptions {
  readonly region: string;
  readonly accountId: string;
  readonly accountConcurrency: number;
  readonly mode: ExecutionMode;
  readonly clock: Clock;
  readonly stopwatch: Stopwatch;
  readonly ids: IdSource;
  readonly idleTimeoutMs: number;
  readonly tmpRoot: string;
  readonly memorySampleIntervalMs: number;
  readonly spareSandboxes: number;
  readonly endpointUrl: string | undefined;
  readonly platformVariables: Readonly<Record<string, string>>;
  readonly runtimeModulePaths: readonly string[];
  readonly onDestination: ((destinationArn: string, record: AsyncInvocationRecord) => void | Promise<void>) | undefined;
}

/** The defaults, exported so docs and tests name them instead of repeating numbers. */
export const LAMBDA_DEFAULTS = {
  region: 'us-east-1',
  accountId: '123456789012',
  accountConcurrency: 1000,
  mode: 'worker',
  idleTimeoutMs: 600_000,
  memorySampleIntervalMs: 5,
  spareSandboxes: 1,
} as const;

export function resolveOptions(options: LambdaServiceOptions = {}): ResolvedLambdaOptions {
  return {
    region: options.region ?? LAMBDA_DEFAULTS.region,
    accountId: options.accountId ?? LAMBDA_DEFAULTS.accountId,
    accountConcurrency: options.accountConcurrency ?? LAMBDA_DEFAULTS.accountConcurrency,
    mode: options.mode ?? LAMBDA_DEFAULTS.mode,
    clock: options.clock ?? realClock,
    stopwatch: options.stopwatch ?? realStopwatch,
    ids: options.ids ?? randomIds,
    idleTimeoutMs: options.idleTimeoutMs ?? LAMBDA_DEFAULTS.idleTimeoutMs,
    tmpRoot: options.tmpRoot ?? path.join(HOST_TMP, 'fogbank-lambda'),
    memorySampleIntervalMs: options.memorySampleIntervalMs ?? LAMBDA_DEFAULTS.memorySampleIntervalMs,
    spareSandboxes: options.spareSandboxes ?? LAMBDA_DEFAULTS.spareSandboxes,
    endpointUrl: options.endpointUrl,
    platformVariables: { ...options.platformVariables },
    runtimeModulePaths: [...(options.runtimeModulePaths ?? [])],
    onDestination: options.onDestination,
  };
}
