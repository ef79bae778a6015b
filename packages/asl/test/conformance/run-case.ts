/**
 * Runs one corpus execution case through @fogbank/asl's public API, exactly as a user would,
 * and compares the masked outcome with what AWS recorded.
 */
import type { Json, ExecutionCase } from './corpus.js';
import { compareEvents, Matcher, placeholdersOf, type Mismatch } from './compare.js';
import { lambdaIntegrations } from './lambda-behaviours.js';
import { maskValue, normaliseEvent, parseJsonObjectText } from './masking.js';

export const REGION = 'us-east-1';
export const ACCOUNT_ID = '111111111111';
/** The harness froze its clock here; time-relative inputs in the corpus assume it. */
export const START_TIME = Date.parse('2025-01-01T00:00:00Z');
/** Real time one case may take before it counts as hung. */
export const REAL_TIME_LIMIT_MS = 5_000;

/** The slice of @fogbank/asl the suite drives (the API of issue 2). */
export interface EngineApi {
  StateMachine: {
    from(definition: unknown, options: Record<string, unknown>): {
      start(input: unknown, options?: { name?: string }): Execution;
    };
  };
  virtualClock(startMs?: number): unknown;
}

interface Execution {
  readonly result: Promise<{ status: string; output?: unknown; error?: unknown; cause?: unknown }>;
  readonly history: readonly unknown[];
  stop?(options?: { error?: string; cause?: string }): unknown;
}

/** What fogbank produced for a case, before masking. */
export interface ActualExecution {
  readonly status: string;
  readonly output?: Json;
  readonly error?: Json;
  readonly cause?: Json;
  readonly events: readonly unknown[];
}

/** The role ARN the recording used (the value its `snf_role_arn` mask replaces). */
export function roleArnOf(c: ExecutionCase): string {
  const mask = c.masks?.find((m) => m.placeholder === 'snf_role_arn' || m.placeholder === 'sfn_role_arn');
  return mask?.value ?? `arn:aws:iam::${ACCOUNT_ID}:role/sfn-role`;
}

/** Runs the case; throws (with a message saying what happened) when fogbank itself throws or hangs. */
export async function runCase(c: ExecutionCase, api: EngineApi): Promise<ActualExecution> {
  const machine = api.StateMachine.from(c.definition, {
    type: c.stateMachineType,
    name: c.stateMachineName,
    region: REGION,
    accountId: ACCOUNT_ID,
    roleArn: roleArnOf(c),
    clock: api.virtualClock(START_TIME),
    integrations: lambdaIntegrations({ functions: c.needsDetails?.lambda ?? [], region: REGION, accountId: ACCOUNT_ID }),
  });
  const execution = machine.start(c.input, { name: c.executionName });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result after ${REAL_TIME_LIMIT_MS} ms of real time`)), REAL_TIME_LIMIT_MS);
  });
  try {
    const result = await Promise.race([execution.result, hung]);
    return {
      status: result.status,
      ...(result.output !== undefined ? { output: result.output as Json } : {}),
      ...(result.error !== undefined ? { error: result.error as Json } : {}),
      ...(result.cause !== undefined ? { cause: result.cause as Json } : {}),
      events: execution.history,
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Compares fogbank's outcome with the recorded one: status, then output, error and cause where
 * recorded, then the whole event list where recorded (ids, previousEventIds, types, details).
 */
export function compareCase(c: ExecutionCase, actual: ActualExecution): Mismatch[] {
  const expected = c.expected;
  const matcher = new Matcher(placeholdersOf(c.snapshotTransformers, c.masks));
  const mask = (value: Json) => maskValue(value, c.masks);
  const out: Mismatch[] = [];
  if (actual.status !== expected.status) {
    out.push({ path: '$.status', message: `expected ${expected.status}, got ${actual.status}${describeFailure(actual)}` });
  }
  for (const field of ['output', 'error', 'cause'] as const) {
    if (!(field in expected)) continue;
    const value = actual[field];
    const prepared = value === undefined ? undefined : mask(field === 'cause' ? parseJsonObjectText(value) : value);
    out.push(...matcher.compare(expected[field], prepared, `$.${field}`));
  }
  if (expected.events !== undefined) {
    const events = mask(actual.events.map(normaliseEvent)) as Json[];
    out.push(...compareEvents(expected.events, events, matcher));
  }
  return out;
}

function describeFailure(actual: ActualExecution): string {
  if (actual.status === 'SUCCEEDED') return '';
  const cause = typeof actual.cause === 'string' ? actual.cause.slice(0, 200) : JSON.stringify(actual.cause);
  return ` (${String(actual.error)}: ${cause})`;
}

/** One line per mismatch, for a failing case's message. */
export function formatMismatches(mismatches: readonly Mismatch[]): string {
  return mismatches.map((m) => `  ${m.path}: ${m.message}`).join('\n');
}
