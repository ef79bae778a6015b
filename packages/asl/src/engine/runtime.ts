import type { Clock } from '../clock.js';
import type { VariableLookup } from '../eval-env.js';
import type { IntrinsicEnv } from '../intrinsics/index.js';
import type { History } from '../history.js';
import type { Json, JsonObject } from '../json.js';
import { formatTimestamp } from '../timestamp.js';
import type { ResolvedIntegrations } from './integrations.js';
import type { CompiledState } from './types.js';

/** Why running work was interrupted from outside: never caught by Retry or Catch. */
export class Interrupt {
  constructor(readonly kind: 'stopped' | 'timed-out' | 'sibling-failed') {}
}

/**
 * A cancellation scope: the execution has one; each Parallel branch and Map iteration has a
 * child, so one failing branch stops its siblings without stopping the execution.
 */
export class Cancellation {
  reason: Interrupt | null = null;
  // Most scopes end without a listener ever added: the set is made on first use.
  private listeners: Set<(reason: Interrupt) => void> | null = null;

  constructor(parent?: Cancellation) {
    if (parent !== undefined) {
      if (parent.reason !== null) this.reason = parent.reason;
      else parent.onCancel((reason) => this.cancel(reason));
    }
  }

  cancel(reason: Interrupt): void {
    if (this.reason !== null) return;
    this.reason = reason;
    const listeners = this.listeners;
    this.listeners = null;
    if (listeners !== null) for (const listener of listeners) listener(reason);
  }

  onCancel(listener: (reason: Interrupt) => void): () => void {
    const listeners = (this.listeners ??= new Set());
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /** Settles like `promise`, unless this scope is cancelled first: then rejects with the Interrupt. */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this.reason !== null) return Promise.reject(this.reason);
    return new Promise<T>((resolve, reject) => {
      const off = this.onCancel(reject);
      promise.then(
        (value) => {
          off();
          resolve(value);
        },
        (error: unknown) => {
          off();
          reject(error);
        },
      );
    });
  }
}

/** Workflow variables of one scope (the top level, a Parallel branch, a Map iteration). */
export class Scope implements VariableLookup {
  private vars: Map<string, Json> | null = null;
  constructor(readonly parent: Scope | null) {}

  get(name: string): Json | undefined {
    for (let scope: Scope | null = this; scope !== null; scope = scope.parent) {
      const value = scope.vars?.get(name);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  assign(values: JsonObject): void {
    this.vars ??= new Map();
    for (const name of Object.keys(values)) this.vars.set(name, values[name]!);
  }
}

/** Everything one execution shares. */
export interface Runtime {
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly history: History;
  readonly recording: boolean;
  readonly clock: Clock;
  readonly region: string;
  readonly integrations: ResolvedIntegrations;
  readonly newId: () => string;
  readonly random: () => number;
  readonly executionArn: string;
  readonly stateMachineArn: string;
  /** `$$.Execution` and `$$.StateMachine`, fixed for the execution. */
  readonly execution: JsonObject;
  readonly stateMachine: JsonObject;
  /** `{ Execution, StateMachine }`: the context of states that do not read `$$.State`. */
  readonly baseContext: JsonObject;
  readonly cancellation: Cancellation;
}

/** The position of one line of work: a top-level run, a branch, an iteration. */
export interface Thread {
  /** The id the next event of this line links to as its `previousEventId`. */
  prev: number;
  /**
   * An upper bound of the UTF-8 size of the JSON of the line's output once it has ended
   * (`Infinity` while unknown): a Map or Parallel adds its children's up instead of measuring
   * the array they make.
   */
  outputBound: number;
}

/** One line of work running states: its runtime, its history cursor, its variables, its cancellation. */
export interface Frame {
  readonly rt: Runtime;
  readonly thread: Thread;
  readonly scope: Scope;
  readonly cancellation: Cancellation;
  /** The env for states that do not read `$$`: the scope's variables and a context without `State`. */
  readonly env: IntrinsicEnv;
  /**
   * A context object given from outside (TestState's `context`): states read it as `$$` instead of
   * the one the engine builds.
   */
  readonly context?: JsonObject;
}

export function newFrame(rt: Runtime, prev: number, scope: Scope, cancellation: Cancellation): Frame {
  return { rt, thread: { prev, outputBound: Infinity }, scope, cancellation, env: { context: rt.baseContext, variables: scope, random: rt.random } };
}

/**
 * The frame of a Parallel branch or inline Map iteration running `machine`: its own history cursor
 * and cancellation; its own variable scope only when the machine assigns variables (otherwise it
 * reads the parent's, which nothing changes while the children run).
 */
export function childFrame(frame: Frame, machine: { readonly assigns: boolean }, prev: number, cancellation: Cancellation): Frame {
  if (machine.assigns || frame.context !== undefined) return newFrame(frame.rt, prev, new Scope(frame.scope), cancellation);
  return { rt: frame.rt, thread: { prev, outputBound: Infinity }, scope: frame.scope, cancellation, env: frame.env };
}

/**
 * Whether this frame is the execution's top level, where nothing else of the execution runs
 * alongside it. Only there may a Map or Parallel finish its children without yielding: inside a
 * branch or an iteration, siblings interleave their events at every await, and finishing without
 * one would change the order of the history.
 */
export function runsAlone(frame: Frame): boolean {
  return frame.cancellation === frame.rt.cancellation;
}

/** Per-visit facts a state needs for its context object and its error messages. */
export interface Visit {
  readonly state: CompiledState;
  readonly enteredEventId: number;
  readonly enteredTime: number;
  retryCount: number;
  /** Where the run goes after this state (set by the state; Choice picks it at run time). */
  next: CompiledState | null;
  /** Variables the state assigns, applied when it exits. */
  assigned: JsonObject | null;
  /** `EnteredTime` as text, formatted once per visit (a Map's ItemSelector reads it per item). */
  enteredTimeText?: string;
  /** `$$.State` as built for this visit's current attempt (a Map's ItemSelector reads it per item). */
  stateContext?: JsonObject;
  /** An upper bound of the size of the state's output when the state knows one (`Infinity`: measure it). */
  outputBound: number;
}

export function envFor(frame: Frame, visit: Visit, extra?: JsonObject): IntrinsicEnv {
  if (frame.context !== undefined) {
    // What the caller gave wins over what the engine adds (e.g. its own `Task.Token`).
    const context = extra === undefined ? frame.context : { ...extra, ...frame.context };
    return { context, variables: frame.scope, random: frame.rt.random };
  }
  if (!visit.state.usesContext && extra === undefined) return frame.env;
  // AWS's key order: Execution, StateMachine, State; `RetryCount` only on states that can retry.
  const context: JsonObject = { Execution: frame.rt.execution, StateMachine: frame.rt.stateMachine, State: stateContext(visit) };
  if (extra !== undefined) Object.assign(context, extra);
  return { context, variables: frame.scope, random: frame.rt.random };
}

/** The env of a Map's ItemSelector for one item: the visit's context plus `Map.Item`. */
export function itemEnv(frame: Frame, visit: Visit, index: number, value: Json): IntrinsicEnv {
  if (frame.context !== undefined) return envFor(frame, visit, { Map: { Item: { Index: index, Value: value } } });
  const context: JsonObject = {
    Execution: frame.rt.execution,
    StateMachine: frame.rt.stateMachine,
    State: stateContext(visit),
    Map: { Item: { Index: index, Value: value } },
  };
  return { context, variables: frame.scope, random: frame.rt.random };
}

/**
 * {@link itemEnv} for an ItemSelector that reads only inside the item and the fixed parts of the
 * context (see `CompiledMap.itemContextShared`): one context per attempt, its `Map.Item`
 * rewritten for each item, four objects fewer per item. Each item's input is built before the
 * next item's env is asked for.
 */
export function sharedItemEnv(frame: Frame, visit: Visit): (index: number, value: Json) => IntrinsicEnv {
  let state: JsonObject | null = null;
  let item: { Index: Json; Value: Json } = { Index: 0, Value: null };
  let env: IntrinsicEnv | null = null;
  return (index, value) => {
    const current = stateContext(visit);
    if (env === null || current !== state) {
      // A retried Map's attempt has a State of its own (RetryCount).
      state = current;
      item = { Index: index, Value: value };
      const context: JsonObject = { Execution: frame.rt.execution, StateMachine: frame.rt.stateMachine, State: current, Map: { Item: item } };
      env = { context, variables: frame.scope, random: frame.rt.random };
    } else {
      item.Index = index;
      item.Value = value;
    }
    return env;
  };
}

// Never mutated once built: the same object serves every item of one attempt.
function stateContext(visit: Visit): JsonObject {
  const cached = visit.stateContext;
  const retries = 'retry' in visit.state;
  if (cached !== undefined && (!retries || cached['RetryCount'] === visit.retryCount)) return cached;
  const State: JsonObject = { Name: visit.state.name, EnteredTime: (visit.enteredTimeText ??= formatTimestamp(visit.enteredTime)) };
  if (retries) State['RetryCount'] = visit.retryCount;
  visit.stateContext = State;
  return State;
}
