import { fileURLToPath } from 'node:url';
import type { Clock, LambdaEvent, LambdaService, Timer } from '@fogbank/lambda';

/** A fixture directory under test/fixtures. */
export const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** The Invoke payload as text / JSON. */
export const text = (res: { Payload: { transformToString(): string } }): string => res.Payload.transformToString();
export const json = (res: { Payload: { transformToString(): string } }): unknown => JSON.parse(text(res));

/** The decoded `LogResult`. */
export const tail = (res: { LogResult?: string }): string => Buffer.from(res.LogResult ?? '', 'base64').toString('utf8');

interface PendingTimer {
  at: number;
  delay: number;
  resolve: () => void;
  cancelled: boolean;
}

/**
 * A clock that moves only when a test says so. `waitForTimer` resolves once the code under test
 * has scheduled a matching timer, so tests wait on events, never on sleeps.
 */
export class ManualClock implements Clock {
  #now: number;
  #timers: PendingTimer[] = [];
  #waiters: (() => void)[] = [];

  constructor(start = Date.UTC(2025, 0, 1)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  timer(ms: number): Timer {
    let resolve!: () => void;
    const fired = new Promise<void>((r) => (resolve = r));
    const timer: PendingTimer = { at: this.#now + ms, delay: ms, resolve, cancelled: false };
    this.#timers.push(timer);
    for (const waiter of this.#waiters.splice(0)) waiter();
    return { fired, cancel: () => void (timer.cancelled = true) };
  }

  busy(): () => void {
    return () => {};
  }

  /** Delays of the timers still pending. */
  get pendingDelays(): number[] {
    return this.#timers.filter((t) => !t.cancelled).map((t) => t.delay);
  }

  /** When the pending timers fall due, in the same order as `pendingDelays`. */
  get pendingAt(): number[] {
    return this.#timers.filter((t) => !t.cancelled).map((t) => t.at);
  }

  /** Resolves when a pending timer with this delay exists. */
  async waitForTimer(delay: number): Promise<void> {
    while (!this.#timers.some((t) => !t.cancelled && t.delay === delay)) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    this.#now += ms;
    const due = this.#timers.filter((t) => t.at <= this.#now).sort((a, b) => a.at - b.at);
    this.#timers = this.#timers.filter((t) => t.at > this.#now);
    for (const timer of due) if (!timer.cancelled) timer.resolve();
  }
}

/** A stopwatch that moves `stepMs` on every reading, so Duration lines can be pinned. */
export function steppingStopwatch(stepMs: number): () => number {
  let t = 0;
  return () => (t += stepMs);
}

/** Resolves with the first event matching `predicate`. */
export function nextEvent<T extends LambdaEvent['type']>(
  lambda: LambdaService,
  type: T,
  predicate: (event: Extract<LambdaEvent, { type: T }>) => boolean = () => true,
): Promise<Extract<LambdaEvent, { type: T }>> {
  return new Promise((resolve) => {
    const off = lambda.onEvent((event) => {
      if (event.type === type && predicate(event as Extract<LambdaEvent, { type: T }>)) {
        off();
        resolve(event as Extract<LambdaEvent, { type: T }>);
      }
    });
  });
}

/** Collects every event while the service runs. */
export function recordEvents(lambda: LambdaService): LambdaEvent[] {
  const events: LambdaEvent[] = [];
  lambda.onEvent((event) => events.push(event));
  return events;
}

/**
 * A clock that jumps to its next timer whenever nothing is running and nothing holds it busy,
 * as `@fogbank/asl`'s `virtualClock()` does by default.
 */
export class AutoClock extends ManualClock {
  #busy = 0;
  #scheduled = false;

  override timer(ms: number): Timer {
    const timer = super.timer(ms);
    this.#schedule();
    return timer;
  }

  override busy(): () => void {
    this.#busy++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.#busy--;
      this.#schedule();
    };
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() =>
      setImmediate(() => {
        this.#scheduled = false;
        if (this.#busy > 0) return;
        const next = Math.min(...this.pendingDelays.map((d, i) => this.pendingAt[i]! - this.now()));
        if (!Number.isFinite(next)) return;
        this.advance(next);
        if (this.pendingDelays.length > 0) this.#schedule();
      }),
    );
  }
}
