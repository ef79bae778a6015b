/**
 * Runs one corpus `test-state` case through `testState()` of @fogbank/asl, as a user would, and
 * compares the masked response (or the rejection) with what AWS recorded.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CORPUS_DIR, readIndex, type IndexEntry, type Json, type Mask, type SnapshotTransformer } from './corpus.js';
import { Matcher, placeholdersOf, type Mismatch } from './compare.js';
import { maskValue, parseJsonObjectText } from './masking.js';
import { ACCOUNT_ID, REGION, START_TIME } from './run-case.js';

/** A recorded TestState call and AWS's answer. */
export interface TestStateCase {
  readonly id: string;
  readonly kind: 'test-state';
  readonly definition: Json;
  readonly input: Json;
  readonly needs: readonly string[];
  readonly testStateRequest: {
    readonly stateName?: string;
    readonly inspectionLevel?: string;
    readonly revealSecrets?: boolean;
    readonly variables?: Json;
    readonly mock?: Json;
    readonly context?: string;
    readonly stateConfiguration?: Json;
  };
  readonly expected: {
    readonly apiError?: { readonly code: string | null; readonly message: string };
    readonly status?: string;
    readonly output?: Json;
    readonly error?: Json;
    readonly cause?: Json;
    readonly nextState?: string;
    readonly inspectionData?: Json;
  };
  readonly masks?: readonly Mask[];
  readonly snapshotTransformers?: readonly SnapshotTransformer[];
}

/** The selection: every `test-state` case that needs nothing. */
export function isSelectedTestState(entry: IndexEntry): boolean {
  return entry.kind === 'test-state' && entry.needs.length === 0;
}

export function selectedTestStateCases(dir = CORPUS_DIR): TestStateCase[] {
  return readIndex(dir)
    .filter(isSelectedTestState)
    .map((entry) => JSON.parse(readFileSync(path.join(dir, entry.file), 'utf8')) as TestStateCase);
}

/** The slice of @fogbank/asl this suite drives. */
export interface TestStateApi {
  testState(request: Record<string, unknown>, options: Record<string, unknown>): Promise<Record<string, unknown>>;
  virtualClock(startMs?: number): unknown;
}

export const TEST_ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/test-state-role`;

/**
 * Whether the recorded call carried a role: LocalStack's tests pass one, except where the
 * recording shows none (the "no role" rejection, or `$$.Execution.RoleArn` recorded as null).
 */
function hadRole(c: TestStateCase): boolean {
  if (c.id.includes('no_role_arn')) return false;
  return !JSON.stringify(c.expected).includes('"RoleArn":null');
}

/** What fogbank answered: a response, or the rejection it threw. */
export type TestStateOutcome = { readonly response: Record<string, unknown> } | { readonly rejected: { readonly name: string; readonly message: string } };

export async function runTestStateCase(c: TestStateCase, api: TestStateApi): Promise<TestStateOutcome> {
  const r = c.testStateRequest;
  const request: Record<string, unknown> = { definition: c.definition, input: c.input };
  for (const key of ['stateName', 'inspectionLevel', 'revealSecrets', 'mock', 'context', 'stateConfiguration'] as const) {
    if (r[key] !== undefined) request[key] = r[key];
  }
  if (r.variables !== undefined) request['variables'] = r.variables;
  if (hadRole(c)) request['roleArn'] = TEST_ROLE_ARN;
  try {
    const response = await api.testState(request, { clock: api.virtualClock(START_TIME), region: REGION, accountId: ACCOUNT_ID });
    return { response };
  } catch (thrown) {
    if (thrown instanceof Error && (thrown.name === 'ValidationException' || thrown.name === 'InvalidDefinition')) {
      return { rejected: { name: thrown.name, message: thrown.message } };
    }
    throw thrown;
  }
}

const FIELDS = ['status', 'output', 'error', 'cause', 'nextState', 'inspectionData'] as const;

/** Compares the outcome with the recording: the rejection's name and text, or every response field. */
export function compareTestStateCase(c: TestStateCase, outcome: TestStateOutcome): Mismatch[] {
  const expected = c.expected;
  if (expected.apiError !== undefined) {
    if (!('rejected' in outcome)) return [{ path: '$', message: `expected ${expected.apiError.code ?? 'a client-side'} rejection "${expected.apiError.message}", got status ${String(outcome.response['status'])}` }];
    const out: Mismatch[] = [];
    // A null code is a check the recording's client (botocore) made before sending anything.
    if (expected.apiError.code !== null && outcome.rejected.name !== expected.apiError.code) {
      out.push({ path: '$.name', message: `expected ${expected.apiError.code}, got ${outcome.rejected.name}` });
    }
    if (outcome.rejected.message !== expected.apiError.message) {
      out.push({ path: '$.message', message: `expected ${JSON.stringify(expected.apiError.message)}, got ${JSON.stringify(outcome.rejected.message)}` });
    }
    return out;
  }
  if ('rejected' in outcome) return [{ path: '$', message: `expected status ${expected.status}, fogbank rejected the request: ${outcome.rejected.name}: ${outcome.rejected.message}` }];
  const actual: { [key: string]: Json } = {};
  for (const field of FIELDS) {
    const value = outcome.response[field] as Json | undefined;
    if (value !== undefined) actual[field] = field === 'cause' ? parseJsonObjectText(value) : value;
  }
  const masked = maskValue(actual, c.masks ?? []) as { [key: string]: Json };
  const matcher = new Matcher(placeholdersOf(c.snapshotTransformers, c.masks));
  const out: Mismatch[] = [];
  for (const field of FIELDS) out.push(...matcher.compare(expected[field], masked[field], `$.${field}`));
  return out;
}
