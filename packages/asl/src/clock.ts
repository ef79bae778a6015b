/**
 * Time for the engine. Nothing in @fogbank/asl reads the wall clock or sleeps except through a
 * {@link Clock}, so tests can run Wait states, Retry back-off and timeouts in simulated time.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** A timer that fires after `ms`; `cancel()` releases it (a cancelled timer never fires). */
  timer(ms: number): Timer;
  /**
   * Marks a stretch of outside work (an integration call): a virtual clock does not let time jump
   * ahead while work is in flight, so a Task timeout cannot fire before the integration answers.
   * With `deadlineMs` (a Task's TimeoutSeconds) the stretch lasts at most that long in real time:
   * work that outlives its deadline really took that long, so an auto-advancing virtual clock then
   * moves to the deadline (and the timeout fires) whatever else is in flight.
   * Returns the function that ends the stretch.
   */
  busy(deadlineMs?: number): () => void;
}

export interface Timer {
  readonly fired: Promise<void>;
  cancel(): void;
}

/** The wall clock (`Date.now`, `setTimeout`). The default. */
export const realClock: Clock = {
  now: () => Date.now(),
  timer(ms) {
    let handle: ReturnType<typeof setTimeout> | undefined;
    const due = Date.now() + Math.max(0, ms);
    const fired = new Promise<void>((resolve) => {
      // setTimeout may fire a millisecond early by Date.now(): a Wait never ends before its time.
      const check = (): void => {
        const left = due - Date.now();
        if (left > 0) handle = setTimeout(check, left);
        else resolve();
      };
      handle = setTimeout(check, Math.max(0, ms));
    });
    return { fired, cancel: () => clearTimeout(handle) };
  },
  busy: () => noop,
};

function noop(): void {}

/** A clock whose time moves only in simulation. */
export interface VirtualClock extends Clock {
  /** Moves time forward by `ms`, firing every timer that falls due, in order. */
  advance(ms: number): void;
  /** Moves time to `epochMs` (never backwards). */
  advanceTo(epochMs: number): void;
  /** How many timers are waiting. */
  readonly pending: number;
}

export interface VirtualClockOptions {
  /**
   * When nothing is running (no microtask left, no integration in flight), jump to the next
   * timer by itself, so Wait states, back-off and timeouts take no real time.
   * Turn it off to move time only with `advance()` from a test.
   * @default true
   */
  autoAdvance?: boolean;
}

interface PendingTimer {
  readonly at: number;
  readonly seq: number;
  resolve(): void;
  cancelled: boolean;
}

/**
 * A simulated clock starting at `startMs` (default: 2025-01-01T00:00:00Z).
 *
 * @example
 * const clock = virtualClock(Date.parse('2025-01-01T00:00:00Z'));
 * const machine = StateMachine.from(definition, { clock });
 * await machine.start({}).result; // a Wait of one day returns at once; clock.now() moved a day
 */
export function virtualClock(startMs = Date.UTC(2025, 0, 1), options: VirtualClockOptions = {}): VirtualClock {
  const autoAdvance = options.autoAdvance ?? true;
  let now = startMs;
  let seq = 0;
  let busyCount = 0;
  let scheduled = false;
  const timers: PendingTimer[] = [];

  const fireDue = (until: number): void => {
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    while (timers.length > 0 && timers[0]!.at <= until) {
      const timer = timers.shift()!;
      if (timer.cancelled) continue;
      now = Math.max(now, timer.at);
      timer.resolve();
    }
    now = Math.max(now, until);
  };

  // Runs after the microtask queue drains; another setImmediate hop lets chains of promises that
  // span a macrotask settle before time jumps.
  const schedule = (): void => {
    if (!autoAdvance || scheduled) return;
    scheduled = true;
    setImmediate(() =>
      setImmediate(() => {
        scheduled = false;
        if (busyCount > 0) return;
        const next = timers.filter((t) => !t.cancelled).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
        if (next === undefined) return;
        fireDue(next.at);
        if (timers.length > 0) schedule();
      }),
    );
  };

  return {
    now: () => now,
    timer(ms) {
      let resolve!: () => void;
      const fired = new Promise<void>((r) => (resolve = r));
      const timer: PendingTimer = { at: now + Math.max(0, ms), seq: seq++, resolve, cancelled: false };
      timers.push(timer);
      schedule();
      return {
        fired,
        cancel: () => {
          timer.cancelled = true;
          const i = timers.indexOf(timer);
          if (i >= 0) timers.splice(i, 1);
        },
      };
    },
    busy(deadlineMs) {
      busyCount++;
      let ended = false;
      let overdue: ReturnType<typeof setTimeout> | undefined;
      const end = (): void => {
        if (ended) return;
        ended = true;
        clearTimeout(overdue);
        busyCount--;
        if (busyCount === 0 && timers.length > 0) schedule();
      };
      // With autoAdvance off, time moves only when the test advances it, deadline or not.
      if (autoAdvance && deadlineMs !== undefined && Number.isFinite(deadlineMs)) {
        const at = now + Math.max(0, deadlineMs);
        overdue = setTimeout(() => {
          end();
          fireDue(Math.max(now, at));
        }, Math.max(0, deadlineMs));
        // An abandoned stretch must not keep the host process alive.
        overdue.unref();
      }
      return end;
    },
    advance(ms) {
      fireDue(now + ms);
    },
    advanceTo(epochMs) {
      fireDue(Math.max(now, epochMs));
    },
    get pending() {
      return timers.filter((t) => !t.cancelled).length;
    },
  };
}
