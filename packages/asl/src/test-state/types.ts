/**
 * The TestState request and response, in AWS's shapes (payloads as parsed JSON values rather than
 * the JSON text the wire carries).
 */
import type { Clock } from '../clock.js';
import type { Integrations } from '../engine/integrations.js';
import type { Json, JsonObject } from '../json.js';
import type { TestStateConfiguration, TestStateMock } from './mock.js';
import type { InspectionLevel } from './request.js';

/** A TestState request (AWS's `TestStateInput`). */
export interface TestStateRequest {
  /** One state, or a whole machine with `stateName` (JSON text or object). */
  readonly definition: string | object;
  /** The state to test inside a whole machine's `definition`, at any depth. */
  readonly stateName?: string;
  /** The state's input (a JSON value). @default {} */
  readonly input?: unknown;
  /** Workflow variables visible to the state: an object, or AWS's JSON text. */
  readonly variables?: JsonObject | string;
  /** A context object (`$$`, `$states.context`) replacing the one TestState builds: an object, or JSON text. */
  readonly context?: JsonObject | string;
  /** Replaces the state's invocation (Task, Map, Parallel) with a result or an error. */
  readonly mock?: TestStateMock;
  /** `INFO` (outcome only), `DEBUG` and `TRACE` (with `inspectionData`). @default 'INFO' */
  readonly inspectionLevel?: InspectionLevel;
  readonly stateConfiguration?: TestStateConfiguration;
  /** Not allowed with a mock (AWS reveals HTTP Task secrets at TRACE; fogbank has none). */
  readonly revealSecrets?: boolean;
  /** The role the state runs as; AWS requires it to call a Task's service without a mock. */
  readonly roleArn?: string;
}

/** Options of the local run; every field is optional. */
export interface TestStateOptions {
  /** Task resources called when there is no mock: `ARN pattern -> integration`, as for `StateMachine.from`. */
  readonly integrations?: Integrations;
  /** Time source for Wait and task timeouts. @default realClock */
  readonly clock?: Clock;
  /** Id source for the run's names and task tokens. @default crypto.randomUUID */
  readonly ids?: () => string;
  /** Randomness for retry jitter and random functions. @default Math.random */
  readonly random?: () => number;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default '123456789012' */
  readonly accountId?: string;
}

/** `inspectionData.errorDetails`: which retrier or catcher took the error. */
export interface InspectionErrorDetails {
  readonly catchIndex?: number;
  readonly retryIndex?: number;
  readonly retryBackoffIntervalSeconds?: number;
}

/** The intermediate values of the state's input and output processing (DEBUG and TRACE). */
export interface InspectionData {
  input?: Json;
  afterArguments?: Json;
  afterInputPath?: Json;
  afterParameters?: Json;
  result?: Json;
  afterResultSelector?: Json;
  afterResultPath?: Json;
  /** The workflow variables after the state (absent when there are none). */
  variables?: JsonObject;
  errorDetails?: InspectionErrorDetails;
  afterItemsPath?: Json;
  afterItemSelector?: Json;
  afterItemBatcher?: Json;
  afterItemsPointer?: Json;
  toleratedFailureCount?: number;
  toleratedFailurePercentage?: number;
  maxConcurrency?: number;
}

/** A TestState response (AWS's `TestStateOutput`). */
export interface TestStateResult {
  readonly status: 'SUCCEEDED' | 'FAILED' | 'RETRIABLE' | 'CAUGHT_ERROR';
  readonly output?: Json;
  readonly error?: string;
  readonly cause?: string;
  /** Where a run would go next (a `Next`, the Choice taken, the catcher's `Next`). */
  readonly nextState?: string;
  readonly inspectionData?: InspectionData;
}
