import type { EvalEnv } from '../eval-env.js';
import type { Json, JsonObject } from '../json.js';
import type { JsonataFields } from './jsonata-fields.js';

/** A compiled JSONPath data-flow step (InputPath, OutputPath, a payload template). */
export type Selector = (input: Json, env: EvalEnv) => Json;
/** A compiled ResultPath: merges a state's result into its raw input. */
export type Merger = (stateInput: Json, result: Json) => Json;
/** A compiled `*Path` field: the value, or `undefined` when a definite path finds nothing. */
export type ValueSelector = (input: Json, env: EvalEnv) => Json | undefined;
/** A compiled Choice rule. */
export type Condition = (input: Json, env: EvalEnv) => boolean;

export interface CompiledRetrier {
  readonly errorEquals: readonly string[];
  readonly intervalSeconds: number;
  readonly maxAttempts: number;
  readonly backoffRate: number;
  readonly maxDelaySeconds: number | undefined;
  readonly jitter: 'FULL' | 'NONE';
}

export interface CompiledCatcher {
  readonly errorEquals: readonly string[];
  readonly next: CompiledState;
  readonly resultPath: Merger;
  readonly assign: Selector | null;
}

/** What every state shares. `next` is `null` for terminal states. */
interface StateBase {
  readonly name: string;
  readonly next: CompiledState | null;
  /** The state reads `$$`: build a context object for its visit. */
  readonly usesContext: boolean;
  /** The visit builds `$$.State` (it reads `$$`, or is a Map or Task, whose context has more): read the entry time. */
  readonly readsEnteredTime: boolean;
  readonly inputPath: Selector | null;
  readonly outputPath: Selector | null;
  readonly assign: Selector | null;
  /** The state's JSONata fields when its query language is JSONata; `null` for JSONPath. */
  readonly jsonata: JsonataFields | null;
}

export interface CompiledPass extends StateBase {
  readonly type: 'Pass';
  /** `Result` when present (any JSON value, `null` and `false` included). */
  readonly result: { readonly value: Json } | null;
  readonly parameters: Selector | null;
  readonly resultPath: Merger;
  /**
   * With a constant `Result` merged by `ResultPath` and the whole of it output: an upper bound of
   * how many bytes the output's JSON exceeds the input's by, so a chain of such states need not
   * measure each output. `null` otherwise.
   */
  readonly outputGrowth: number | null;
}

export interface CompiledChoiceRule {
  readonly condition: Condition;
  readonly next: CompiledState;
  readonly assign: Selector | null;
}

export interface CompiledChoice extends StateBase {
  readonly type: 'Choice';
  readonly rules: readonly CompiledChoiceRule[];
  readonly default: CompiledState | null;
}

export interface CompiledWait extends StateBase {
  readonly type: 'Wait';
  readonly seconds: number | null;
  readonly timestamp: string | null;
  readonly secondsPath: { readonly text: string; readonly select: ValueSelector } | null;
  readonly timestampPath: { readonly text: string; readonly select: ValueSelector } | null;
}

export interface CompiledSucceed extends StateBase {
  readonly type: 'Succeed';
}

export interface CompiledFail extends StateBase {
  readonly type: 'Fail';
  readonly error: string | null;
  readonly cause: string | null;
  readonly errorPath: { readonly text: string; readonly select: ValueSelector } | null;
  readonly causePath: { readonly text: string; readonly select: ValueSelector } | null;
}

/** Where a Task's resource goes and how its history reads. */
export interface ResourceInfo {
  readonly arn: string;
  readonly kind: 'lambda' | 'service' | 'activity';
  /** For service integrations: `lambda`, `aws-sdk:s3`, ... */
  readonly resourceType: string;
  /** For service integrations: the action plus its pattern suffix, e.g. `startExecution.sync:2`. */
  readonly resource: string;
  readonly pattern: 'request-response' | 'sync' | 'callback';
}

export interface TimeoutSpec {
  readonly seconds: number | null;
  readonly path: { readonly text: string; readonly select: ValueSelector } | null;
}

export interface CompiledTask extends StateBase {
  readonly type: 'Task';
  readonly resourceInfo: ResourceInfo;
  readonly parameters: Selector | null;
  readonly resultSelector: Selector | null;
  readonly resultPath: Merger;
  readonly timeout: TimeoutSpec;
  readonly heartbeat: TimeoutSpec;
  readonly credentials: Selector | null;
  readonly retry: readonly CompiledRetrier[];
  readonly catch: readonly CompiledCatcher[];
}

/** A nested state machine: a Parallel branch or a Map's item processor. */
export interface CompiledMachine {
  readonly startAt: CompiledState;
  readonly states: ReadonlyMap<string, CompiledState>;
  /** Whether any of its own states assigns variables (`Assign` on the state or a catcher). */
  readonly assigns: boolean;
  /** Whether every state is a JSONPath Pass, Choice or Succeed: a run of it never awaits. */
  readonly synchronous: boolean;
}

export interface CompiledParallel extends StateBase {
  readonly type: 'Parallel';
  readonly branches: readonly CompiledMachine[];
  readonly parameters: Selector | null;
  readonly resultSelector: Selector | null;
  readonly resultPath: Merger;
  readonly retry: readonly CompiledRetrier[];
  readonly catch: readonly CompiledCatcher[];
}

export interface IntegerSpec {
  readonly value: number | null;
  readonly path: { readonly text: string; readonly select: ValueSelector } | null;
}

export interface CompiledMap extends StateBase {
  readonly type: 'Map';
  readonly processor: CompiledMachine;
  readonly mode: 'INLINE' | 'DISTRIBUTED';
  readonly label: string | null;
  readonly itemsPath: { readonly text: string; readonly select: ValueSelector } | null;
  readonly itemSelector: Selector | null;
  /**
   * Whether the JSONPath ItemSelector reads the context only inside `$$.Map.Item.Value`,
   * `$$.Map.Item.Index` and the fixed `Execution`, `StateMachine` and `State`: then no item's input
   * can hold the per-item containers, and one context serves every item.
   */
  readonly itemContextShared: boolean;
  readonly maxConcurrency: IntegerSpec;
  readonly toleratedFailureCount: IntegerSpec;
  readonly toleratedFailurePercentage: IntegerSpec;
  readonly resultSelector: Selector | null;
  readonly resultPath: Merger;
  readonly retry: readonly CompiledRetrier[];
  readonly catch: readonly CompiledCatcher[];
}

export type CompiledState =
  | CompiledPass
  | CompiledChoice
  | CompiledWait
  | CompiledSucceed
  | CompiledFail
  | CompiledTask
  | CompiledParallel
  | CompiledMap;

export type StateType = CompiledState['type'];

export type { JsonObject };
