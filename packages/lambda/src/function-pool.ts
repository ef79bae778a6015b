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
  /** When each idle environment became idle (clock ms). */
  readonly #idleSince = new Map<ExecutionEnvironment, number>();
  // One sweep timer per pool, not one per release: warm invocations stay allocation-light.
  #sweep: Timer | undefined;
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
      this.#idleSince.delete(env);
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
    this.#idleSince.set(env, this.#clock.now());
    // An infinite idle period never reclaims (and must not become a timer a virtual clock jumps to).
    if (this.#sweep === undefined && Number.isFinite(this.#idleTimeoutMs)) this.#scheduleSweep(this.#idleTimeoutMs);
  }

  #scheduleSweep(delayMs: number): void {
    const timer = this.#clock.timer(delayMs);
    this.#sweep = timer;
    void timer.fired.then(() => {
      if (this.#sweep !== timer) return;
      this.#sweep = undefined;
      const now = this.#clock.now();
      let next = Infinity;
      for (const env of [...this.#idle]) {
        const since = this.#idleSince.get(env) ?? now;
        if (now - since >= this.#idleTimeoutMs) {
          this.#idle.splice(this.#idle.indexOf(env), 1);
          this.#idleSince.delete(env);
          this.#retire(env, 'idle');
        } else {
          next = Math.min(next, since + this.#idleTimeoutMs - now);
        }
      }
      if (next !== Infinity) this.#scheduleSweep(next);
    });
  }

  /** Retires every idle environment (code or configuration changed, or the function is gone). */
  retireIdle(reason: RetireReason): void {
    for (const env of this.#idle.splice(0)) {
      this.#idleSince.delete(env);
      this.#retire(env, reason);
    }
  }

  /** Stops everything, busy environments included (service shutdown). */
  async close(): Promise<void> {
    const all = [...this.#idle.splice(0), ...this.#busy];
    this.#busy.clear();
    this.#sweep?.cancel();
    this.#sweep = undefined;
    this.#idleSince.clear();
    for (const env of all) this.#onRetire(env, 'closed');
    await Promise.all(all.map((env) => env.dispose()));
  }

  #retire(env: ExecutionEnvironment, reason: RetireReason): void {
    this.#onRetire(env, reason);
    void env.dispose();
  }
}
