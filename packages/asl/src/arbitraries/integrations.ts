import fc from 'fast-check';
import { TaskError } from '../errors.js';
import type { Integration } from '../engine/integrations.js';
import type { Json } from '../json.js';
import { jsonValue } from './json.js';
import { TASK_RESOURCES } from './vocabulary.js';

/**
 * What one Task resource does when invoked, as data (so a failing case prints it):
 * - `echo`: returns its input;
 * - `return`: returns `value`;
 * - `fail`: throws `TaskError(error, cause)`;
 * - `flaky`: fails with `error` on its first `failures` calls, then echoes (exercises Retry);
 * - `slow`: waits `seconds` on the execution's clock, then echoes (exercises `TimeoutSeconds`;
 *   instant under a virtual clock).
 */
export type Behaviour =
  | { readonly kind: 'echo' }
  | { readonly kind: 'return'; readonly value: Json }
  | { readonly kind: 'fail'; readonly error: string; readonly cause: string }
  | { readonly kind: 'flaky'; readonly failures: number; readonly error: string }
  | { readonly kind: 'slow'; readonly seconds: number };

/** A behaviour for each resource. */
export type IntegrationScript = Readonly<Record<string, Behaviour>>;


/** Options of {@link behaviour} and {@link integrationScript}. */
export interface BehaviourOptions {
  /**
   * Error names the `fail` and `flaky` behaviours throw: your service's errors.
   * @default names the Retry and Catch of `definition()` match: `Custom.Error`, `States.TaskFailed`, `Lambda.Unknown`, `Orders.OutOfStock`
   */
  readonly errors?: readonly string[];
  /**
   * Most calls a `flaky` behaviour fails before it succeeds.
   * @default 3
   */
  readonly maxFailures?: number;
  /**
   * Longest delay of a `slow` behaviour, in seconds.
   * @default 7200
   */
  readonly maxSeconds?: number;
}

/** One {@link Behaviour}. */
export function behaviour(options: BehaviourOptions = {}): fc.Arbitrary<Behaviour> {
  const error = fc.constantFrom(...(options.errors ?? ['Custom.Error', 'States.TaskFailed', 'Lambda.Unknown', 'Orders.OutOfStock']));
  return fc.oneof(
    fc.constant({ kind: 'echo' as const }),
    jsonValue({ maxDepth: 2 }).map((value) => ({ kind: 'return' as const, value })),
    fc.tuple(error, fc.constantFrom('it broke', '')).map(([e, cause]) => ({ kind: 'fail' as const, error: e, cause })),
    fc.tuple(fc.integer({ min: 1, max: options.maxFailures ?? 3 }), error).map(([failures, e]) => ({ kind: 'flaky' as const, failures, error: e })),
    fc.integer({ min: 1, max: options.maxSeconds ?? 7200 }).map((seconds) => ({ kind: 'slow' as const, seconds })),
  );
}

/**
 * A behaviour for each of `resources` (default: the resources `definition()` uses). Turn it into
 * functions with {@link integrations}.
 */
export function integrationScript(
  resources: readonly string[] = TASK_RESOURCES,
  options: BehaviourOptions = {},
): fc.Arbitrary<IntegrationScript> {
  return fc.tuple(...resources.map(() => behaviour(options))).map((bs) => Object.fromEntries(resources.map((r, i) => [r, bs[i]!])));
}

/**
 * Fresh integration functions for a script. Call it once per execution: `flaky` ones count
 * their calls, so two executions built from two calls behave identically.
 *
 * @example
 * fc.assert(fc.asyncProperty(definition(), integrationScript(), executionInput(), async (def, script, input) => {
 *   const machine = StateMachine.from(def, { integrations: integrations(script), clock: virtualClock() });
 *   await machine.start(input).result;
 * }));
 */
export function integrations(script: IntegrationScript): Record<string, Integration> {
  const out: Record<string, Integration> = {};
  for (const [resource, b] of Object.entries(script)) {
    let calls = 0;
    out[resource] = async (input, context) => {
      calls++;
      switch (b.kind) {
        case 'echo':
          return input;
        case 'return':
          return b.value;
        case 'fail':
          throw new TaskError(b.error, b.cause);
        case 'flaky':
          if (calls <= b.failures) throw new TaskError(b.error, `attempt ${calls} failed`);
          return input;
        case 'slow':
          await context.sleep(b.seconds * 1000);
          return input;
        default:
          return b satisfies never;
      }
    };
  }
  return out;
}
