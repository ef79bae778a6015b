import type { Architecture } from './function-config.js';

/**
 * What the recorded invocations would cost on AWS Lambda, at the published on-demand prices for
 * US East (N. Virginia), first duration tier (https://aws.amazon.com/lambda/pricing/):
 * $0.20 per million requests; $0.0000166667 per GB-second on x86_64, $0.0000133334 on arm64.
 * GB-seconds are (MemorySize / 1024) x billed seconds. Init is billed for on-demand Zip functions
 * since 2025-08-01, so a cold start's Init Duration (rounded up to 1 ms) is added. The free tier is
 * not applied: the report prices the run itself.
 */
export const LAMBDA_PRICES = {
  perRequest: 0.2 / 1_000_000,
  perGbSecond: { x86_64: 0.0000166667, arm64: 0.0000133334 },
} as const;

/** One billed invocation. */
export interface BilledInvocation {
  readonly functionName: string;
  readonly architecture: Architecture;
  readonly memorySizeMb: number;
  readonly billedDurationMs: number;
  readonly initDurationMs: number | undefined;
}

export interface FunctionCost {
  readonly functionName: string;
  readonly requests: number;
  readonly billedMs: number;
  readonly gbSeconds: number;
  readonly requestCostUsd: number;
  readonly durationCostUsd: number;
  readonly totalUsd: number;
}

/** The result of `lambda.costReport()`. */
export interface CostReport {
  readonly requests: number;
  readonly gbSeconds: number;
  readonly requestCostUsd: number;
  readonly durationCostUsd: number;
  readonly totalUsd: number;
  readonly functions: readonly FunctionCost[];
}

/** Billed ms of one invocation: REPORT's Billed Duration plus Init rounded up. */
export function billedMs(invocation: BilledInvocation): number {
  return invocation.billedDurationMs + (invocation.initDurationMs !== undefined ? Math.ceil(invocation.initDurationMs) : 0);
}

/**
 * Running totals of the billed invocations, per function: what `costReport()` prices. Totals, not
 * a list, so a long test run does not keep one record per invocation.
 */
export class CostLedger {
  // Sums stay in whole MB-milliseconds per architecture, so GB-seconds carry no rounding drift.
  readonly #byFunction = new Map<string, { requests: number; billedMs: number; mbMs: Record<Architecture, number> }>();

  record(invocation: BilledInvocation): void {
    const ms = billedMs(invocation);
    let entry = this.#byFunction.get(invocation.functionName);
    if (entry === undefined) {
      this.#byFunction.set(invocation.functionName, (entry = { requests: 0, billedMs: 0, mbMs: { x86_64: 0, arm64: 0 } }));
    }
    entry.requests += 1;
    entry.billedMs += ms;
    entry.mbMs[invocation.architecture] += invocation.memorySizeMb * ms;
  }

  report(): CostReport {
    const toGbSeconds = (mbMs: number): number => mbMs / 1024 / 1000;
    const functions = [...this.#byFunction.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([functionName, e]) => {
        const requestCostUsd = e.requests * LAMBDA_PRICES.perRequest;
        const durationCostUsd =
          toGbSeconds(e.mbMs.x86_64) * LAMBDA_PRICES.perGbSecond.x86_64 + toGbSeconds(e.mbMs.arm64) * LAMBDA_PRICES.perGbSecond.arm64;
        return {
          functionName,
          requests: e.requests,
          billedMs: e.billedMs,
          gbSeconds: toGbSeconds(e.mbMs.x86_64 + e.mbMs.arm64),
          requestCostUsd,
          durationCostUsd,
          totalUsd: requestCostUsd + durationCostUsd,
        };
      });
    const sum = (pick: (f: FunctionCost) => number): number => functions.reduce((total, f) => total + pick(f), 0);
    return {
      requests: sum((f) => f.requests),
      gbSeconds: sum((f) => f.gbSeconds),
      requestCostUsd: sum((f) => f.requestCostUsd),
      durationCostUsd: sum((f) => f.durationCostUsd),
      totalUsd: sum((f) => f.totalUsd),
      functions,
    };
  }
}
