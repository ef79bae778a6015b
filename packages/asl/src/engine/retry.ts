import { StatesError, StatesErrorName } from '../errors.js';
import type { Frame } from './runtime.js';
import type { CompiledRetrier } from './types.js';

/**
 * Whether an `ErrorEquals` list names an error. `States.Runtime` matches nothing, not even when
 * named: AWS never retries or catches it. `States.ALL` matches every other error, and
 * `States.TaskFailed` every error a task raised (its own names, e.g. a Lambda's `Exception` or
 * `Lambda.ResourceNotFoundException`), but not the engine's `States.*` errors such as
 * `States.Timeout` (recorded: error_handling/test_task_lambda, test_task_service_lambda).
 */
export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  if (error === StatesErrorName.Runtime) return false;
  for (const name of errorEquals) {
    if (name === error || name === StatesErrorName.ALL) return true;
    if (name === StatesErrorName.TaskFailed && !error.startsWith('States.')) return true;
  }
  return false;
}

/** Hooks of {@link withRetry}. */
export interface RetryHooks {
  /** Before each new attempt, with the number of retries so far (`$$.State.RetryCount`). */
  onRetry?(retryCount: number): void;
  /** When the error leaves the state: Map and Parallel record their `*StateFailed` only then. */
  onGiveUp?(error: StatesError): void;
}

/**
 * Runs `attempt` under a state's retriers: the first retrier whose `ErrorEquals` matches decides,
 * each retrier counts its own attempts, and the back-off waits on the execution's clock.
 */
export async function withRetry<T>(
  frame: Frame,
  retriers: readonly CompiledRetrier[],
  attempt: () => Promise<T>,
  hooks: RetryHooks = {},
): Promise<T> {
  const counts = new Array<number>(retriers.length).fill(0);
  let retryCount = 0;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof StatesError)) throw error;
      const index = retriers.findIndex((r) => errorMatches(r.errorEquals, error.error));
      const retrier = retriers[index];
      const count = counts[index] ?? 0;
      if (retrier === undefined || count >= retrier.maxAttempts) {
        hooks.onGiveUp?.(error);
        throw error;
      }
      counts[index] = count + 1;
      await frame.cancellation.race(frame.rt.clock.timer(retryDelayMs(retrier, count, frame.rt.random)).fired);
      hooks.onRetry?.(++retryCount);
    }
  }
}

/** AWS's back-off: `IntervalSeconds * BackoffRate^n`, capped by `MaxDelaySeconds`, optionally jittered. */
export function retryDelayMs(retrier: CompiledRetrier, previousAttempts: number, random: () => number): number {
  let seconds = retrier.intervalSeconds * retrier.backoffRate ** previousAttempts;
  if (retrier.maxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.maxDelaySeconds);
  if (retrier.jitter === 'FULL') seconds = random() * seconds;
  return Math.round(seconds * 1000);
}
