/**
 * Time for the service. Timestamps (log events, LastModified), Event retry back-off, maximum event
 * age and idle reclaim go through the injected {@link Clock}; its shape is the one
 * `@fogbank/asl` uses, so one virtual clock can drive a whole cloud. A handler's own run time and
 * its timeout are real time: the code really runs.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** A timer that fires after `ms`; `cancel()` releases it (a cancelled timer never fires). */
  timer(ms: number): Timer;
  /**
   * Marks outside work in flight, so a virtual clock does not jump ahead while a handler runs.
   * Returns the function that ends the stretch.
   */
  busy(): () => void;
}

export interface Timer {
  readonly fired: Promise<void>;
  cancel(): void;
}

/**
 * The wall clock. Its timers are unref'd: an idle environment waiting to be reclaimed, or an
 * Event retry waiting for its back-off, never keeps the host process alive.
 */
export const realClock: Clock = {
  now: () => Date.now(),
  timer(ms) {
    let handle: ReturnType<typeof setTimeout> | undefined;
    const fired = new Promise<void>((resolve) => {
      handle = setTimeout(resolve, Math.max(0, ms));
      handle.unref();
    });
    return { fired, cancel: () => clearTimeout(handle) };
  },
  busy: () => noop,
};

function noop(): void {}

/** A monotonic millisecond source for measuring durations (Duration, Init Duration). */
export type Stopwatch = () => number;

/** `performance.now()`. */
export const realStopwatch: Stopwatch = () => performance.now();
