import { StatesError, StatesErrorName } from '../errors.js';
import type { Frame } from './runtime.js';
import type { CompiledRetrier } from './types.js';

/**
 * Whether an `ErrorEquals` list names an error. `States.Runtime` matches nothing, not even when
 * named: AWS never retries or catches it. `States.ALL` matches every other error.
 */
export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  if (error === StatesErrorName.Runtime) return false;
  for (const name of errorEquals) {
    if (name === error || name === StatesErrorName.ALL) return true;
  }
  return false;
}

/**
 * Runs `attempt` under a state's retriers: the first retrier whose `ErrorEquals` matches decides,
 * each retrier counts its own attempts, and the back-off waits on the execution's clock.
 * `onRetry` runs before each new attempt (the context object's `State.RetryCount`).
 */
export async function withRetry<T>(
  frame: Frame,
  retriers: readonly CompiledRetrier[],
  attempt: () => Promise<T>,
  onRetry?: (retryCount: number) => void,
): Promise<T> {
  if (retriers.length === 0) return attempt();
  const counts = new Array<number>(retriers.length).fill(0);
  let retryCount = 0;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof StatesError)) throw error;
      const index = retriers.findIndex((r) => errorMatches(r.errorEquals, error.error));
      if (index < 0) throw error;
      const retrier = retriers[index]!;
      const count = counts[index]!;
      if (count >= retrier.maxAttempts) throw error;
      counts[index] = count + 1;
      await frame.cancellation.race(frame.rt.clock.timer(retryDelayMs(retrier, count, frame.rt.random)).fired);
      onRetry?.(++retryCount);
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
