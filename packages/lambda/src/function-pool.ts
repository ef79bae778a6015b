import type { Clock, Timer } from './clock.js';
import type { ExecutionEnvironment } from './environment.js';

/** Why an environment was let go. */
export type RetireReason = 'idle' | 'updated' | 'deleted' | 'closed';

/**
 * The execution environments of one function: busy ones serve exactly one invocation each, idle
 * ones wait for reuse (most recently used first) until the idle period on the clock reclaims
 * them. Environments built for an older version of the function are retired as soon as they are
 * idle, so new code and configuration reach new environments only.
 */
export class FunctionPool {
  readonly #idle: ExecutionEnvironment[] = [];
  readonly #busy = new Set<ExecutionEnvironment>();
  readonly #reclaimTimers = new Map<ExecutionEnvironment, Timer>();
  readonly #clock: Clock;
  readonly #idleTimeoutMs: number;
  readonly #onRetire: (env: ExecutionEnvironment, reason: RetireReason) => void;

  constructor(clock: Clock, idleTimeoutMs: number, onRetire: (env: ExecutionEnvironment, reason: RetireReason) => void) {
    this.#clock = clock;
    this.#idleTimeoutMs = idleTimeoutMs;
    this.#onRetire = onRetire;
  }

  /** Invocations in flight (the function's concurrency in use). */
  get running(): number {
    return this.#busy.size;
  }

  /** Environments alive, busy or idle. */
  get size(): number {
    return this.#busy.size + this.#idle.length;
  }

  /** Takes an idle environment of `version`, or builds one with `create` (a cold start). */
  acquire(version: number, create: () => ExecutionEnvironment): { env: ExecutionEnvironment; created: boolean } {
    while (this.#idle.length > 0) {
      const env = this.#idle.pop() as ExecutionEnvironment;
      this.#reclaimTimers.get(env)?.cancel();
      this.#reclaimTimers.delete(env);
      if (env.functionVersion === version) {
        this.#busy.add(env);
        return { env, created: false };
      }
      this.#retire(env, 'updated');
    }
    const env = create();
    this.#busy.add(env);
    return { env, created: true };
  }

  /** Returns an environment after its invocation; an outdated one is retired instead. */
  release(env: ExecutionEnvironment, currentVersion: number | undefined): void {
    this.#busy.delete(env);
    if (currentVersion === undefined) return this.#retire(env, 'deleted');
    if (env.functionVersion !== currentVersion) return this.#retire(env, 'updated');
    this.#idle.push(env);
    const timer = this.#clock.timer(this.#idleTimeoutMs);
    this.#reclaimTimers.set(env, timer);
    void timer.fired.then(() => {
      if (this.#reclaimTimers.get(env) !== timer) return;
      this.#reclaimTimers.delete(env);
      const i = this.#idle.indexOf(env);
      if (i >= 0) this.#idle.splice(i, 1);
      this.#retire(env, 'idle');
    });
  }

  /** Retires every idle environment (code or configuration changed, or the function is gone). */
  retireIdle(reason: RetireReason): void {
    for (const env of this.#idle.splice(0)) {
      this.#reclaimTimers.get(env)?.cancel();
      this.#reclaimTimers.delete(env);
      this.#retire(env, reason);
    }
  }

  /** Stops everything, busy environments included (service shutdown). */
  async close(): Promise<void> {
    const all = [...this.#idle.splice(0), ...this.#busy];
    this.#busy.clear();
    for (const timer of this.#reclaimTimers.values()) timer.cancel();
    this.#reclaimTimers.clear();
    for (const env of all) this.#onRetire(env, 'closed');
    await Promise.all(all.map((env) => env.dispose()));
  }

  #retire(env: ExecutionEnvironment, reason: RetireReason): void {
    this.#onRetire(env, reason);
    void env.dispose();
  }
}
