/**
 * Runs one corpus execution case through @fogbank/asl's public API, exactly as a user would,
 * and compares the masked outcome with what AWS recorded.
 */
import type { ExecutionCase, Json, Mask } from './corpus.js';
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
      start(input: unknown, options?: { name?: string; sync?: boolean }): Execution;
    };
  };
  virtualClock(startMs?: number, options?: { autoAdvance?: boolean }): unknown;
}

interface Execution {
  readonly result: Promise<{ status: string; output?: unknown; error?: unknown; cause?: unknown }>;
  readonly history: readonly unknown[];
  stop(options?: { error?: string; cause?: string }): unknown;
}

/** What fogbank produced for a case, before masking. */
export interface ActualExecution {
  readonly status: string;
  readonly output?: Json;
  readonly error?: Json;
  readonly cause?: Json;
  readonly events: readonly unknown[];
}

const DEFAULT_ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/sfn-role`;
const ROLE_PLACEHOLDERS = ['snf_role_arn', 'sfn_role_arn'];

/** The role ARN the recording used (the value its `snf_role_arn` mask replaces). */
export function roleArnOf(c: ExecutionCase): string {
  const mask = c.masks?.find((m) => ROLE_PLACEHOLDERS.includes(m.placeholder));
  return mask?.value ?? DEFAULT_ROLE_ARN;
}

/**
 * The case's masks, plus one for the role ARN where LocalStack's default transformer replaced
 * it without the case listing a mask (the harness then runs with a role ARN of its own).
 */
export function masksOf(c: ExecutionCase): Mask[] {
  const masks = [...(c.masks ?? [])];
  if (!masks.some((m) => ROLE_PLACEHOLDERS.includes(m.placeholder))) {
    const text = JSON.stringify(c.expected);
    const placeholder = ROLE_PLACEHOLDERS.find((p) => text.includes(p));
    if (placeholder !== undefined) masks.push({ value: DEFAULT_ROLE_ARN, placeholder });
  }
  return masks;
}

/**
 * Whether the recording's test stopped the execution from outside (StopExecution, no error or
 * cause) while it waited: the harness does the same once the execution is idle.
 */
function stoppedFromOutside(c: ExecutionCase): boolean {
  const last = c.expected.events?.[c.expected.events.length - 1];
  return c.expected.status === 'ABORTED' && typeof last === 'object' && last !== null && !Array.isArray(last) && last['type'] === 'ExecutionAborted';
}

const idle = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

/** Runs the case; throws (with a message saying what happened) when fogbank itself throws or hangs. */
export async function runCase(c: ExecutionCase, api: EngineApi): Promise<ActualExecution> {
  const stop = stoppedFromOutside(c);
  const machine = api.StateMachine.from(c.definition, {
    type: c.stateMachineType,
    name: c.stateMachineName,
    region: REGION,
    accountId: ACCOUNT_ID,
    roleArn: roleArnOf(c),
    // Time stands still where the test stopped the execution mid-Wait.
    clock: api.virtualClock(START_TIME, { autoAdvance: !stop }),
    integrations: lambdaIntegrations({ functions: c.needsDetails?.lambda ?? [], region: REGION, accountId: ACCOUNT_ID }),
  });
  // StartSyncExecution starts leave RedriveCount out of the context object (recorded).
  const execution = machine.start(c.input, { name: c.executionName, sync: c.startMode === 'StartSyncExecution' });
  if (stop) {
    await idle();
    execution.stop();
  }
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
  const out: Mismatch[] = [];
  if (actual.status !== expected.status) {
    out.push({ path: '$.status', message: `expected ${expected.status}, got ${actual.status}${describeFailure(actual)}` });
  }
  // Masked as one value, as the snapshot library masked one recorded entry: a UUID gets the
  // same <uuid:N> in the output, the cause and the events.
  const bundle: { [key: string]: Json } = {};
  if (actual.output !== undefined) bundle['output'] = actual.output;
  if (actual.error !== undefined) bundle['error'] = actual.error;
  if (actual.cause !== undefined) bundle['cause'] = parseJsonObjectText(actual.cause);
  if (expected.events !== undefined) bundle['events'] = actual.events.map(normaliseEvent);
  const masked = maskValue(bundle, masksOf(c)) as { [key: string]: Json };
  for (const field of ['output', 'error', 'cause'] as const) {
    if (field in expected) out.push(...matcher.compare(expected[field], masked[field], `$.${field}`));
  }
  if (expected.events !== undefined) out.push(...compareEvents(expected.events, masked['events'] as Json[], matcher));
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
