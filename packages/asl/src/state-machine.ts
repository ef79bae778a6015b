import { realClock, type Clock, type Timer } from './clock.js';
import { compileMachine } from './engine/compile.js';
import { resolveIntegrations, type Integrations, type ResolvedIntegrations } from './engine/integrations.js';
import { runMachine } from './engine/run.js';
import { Cancellation, Interrupt, newFrame, Scope, type Runtime } from './engine/runtime.js';
import type { CompiledMachine } from './engine/types.js';
import { InvalidDefinitionError, StatesError, StatesErrorName, type Diagnostic } from './errors.js';
import { History, payloadDetails, type HistoryEvent } from './history.js';
import { copyAsJson, isJsonObject, type Json, type JsonObject } from './json.js';
import { randomUuid } from './ids.js';
import { formatTimestamp } from './timestamp.js';
import { validate } from './validate/index.js';
import { variableReferences, type VariableReferences } from './variable-references.js';

export type StateMachineType = 'STANDARD' | 'EXPRESS';

/** Options of {@link StateMachine.from}; every field is optional. */
export interface StateMachineOptions {
  /** @default 'STANDARD' */
  type?: StateMachineType;
  /** The state machine's name, for its ARN and `$$.StateMachine.Name`. @default 'state-machine' */
  name?: string;
  /** @default 'us-east-1' */
  region?: string;
  /** @default '123456789012' */
  accountId?: string;
  /** @default `arn:aws:iam::<accountId>:role/fogbank` */
  roleArn?: string;
  /** Time source for Wait, Retry back-off and timeouts. @default realClock */
  clock?: Clock;
  /** Task resources: `ARN pattern -> integration`. A Task whose resource matches none fails. */
  integrations?: Integrations;
  /** Id source for execution names, task tokens and Map Run ids. @default crypto.randomUUID */
  ids?: () => string;
  /** Randomness for retry jitter and `States.MathRandom`. @default Math.random */
  random?: () => number;
}

/** Resolved options: every default filled in. */
export interface ResolvedStateMachineOptions {
  readonly type: StateMachineType;
  readonly name: string;
  readonly region: string;
  readonly accountId: string;
  readonly roleArn: string;
  readonly clock: Clock;
  readonly integrations: ResolvedIntegrations;
  readonly ids: () => string;
  readonly random: () => number;
}

export function resolveOptions(options: StateMachineOptions = {}): ResolvedStateMachineOptions {
  const accountId = options.accountId ?? '123456789012';
  return {
    type: options.type ?? 'STANDARD',
    name: options.name ?? 'state-machine',
    region: options.region ?? 'us-east-1',
    accountId,
    roleArn: options.roleArn ?? `arn:aws:iam::${accountId}:role/fogbank`,
    clock: options.clock ?? realClock,
    integrations: resolveIntegrations(options.integrations),
    ids: options.ids ?? randomUuid,
    random: options.random ?? Math.random,
  };
}

/** Express executions end at 5 minutes. */
export const EXPRESS_MAX_DURATION_SECONDS = 300;

export interface StartOptions {
  /** The execution's name. @default a new id */
  name?: string;
  /**
   * Started as StartSyncExecution does (Express): such executions cannot be redriven, and their
   * context object has no `Execution.RedriveCount` (recorded).
   * @default false
   */
  sync?: boolean;
}

/** How an execution ended, as DescribeExecution reports it (`output` parsed). */
export interface ExecutionResult {
  readonly status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  readonly output?: Json;
  readonly error?: string;
  readonly cause?: string;
}

/**
 * A compiled state machine. Compile once with {@link StateMachine.from}, start many executions.
 *
 * @example
 * const machine = StateMachine.from({ StartAt: 'Hi', States: { Hi: { Type: 'Pass', Result: 'hi', End: true } } });
 * const { status, output } = await machine.start({}).result; // 'SUCCEEDED', 'hi'
 */
export class StateMachine {
  readonly arn: string;
  /** The definition's top-level `TimeoutSeconds`, if any. */
  readonly timeoutSeconds: number | undefined;

  private constructor(
    readonly definition: JsonObject,
    private readonly compiled: CompiledMachine,
    readonly options: ResolvedStateMachineOptions,
  ) {
    this.arn = `arn:aws:states:${options.region}:${options.accountId}:stateMachine:${options.name}`;
    const timeout = definition['TimeoutSeconds'];
    this.timeoutSeconds = typeof timeout === 'number' ? timeout : undefined;
  }

  /**
   * Validates and compiles a definition (JSON text or object).
   * @throws InvalidDefinitionError listing every problem, as CreateStateMachine does.
   */
  static from(definition: string | object, options: StateMachineOptions = {}): StateMachine {
    const resolved = resolveOptions(options);
    const diagnostics = validate(definition, { type: resolved.type }).filter((d) => d.severity === 'ERROR');
    if (diagnostics.length > 0) throw new InvalidDefinitionError(diagnostics);
    const parsed = (typeof definition === 'string' ? JSON.parse(definition) : structuredClone(definition)) as JsonObject;
    const unsupported = unsupportedFeatures(parsed);
    if (unsupported.length > 0) throw new InvalidDefinitionError(unsupported);
    return new StateMachine(parsed, compileMachine(parsed), resolved);
  }

  /**
   * The workflow variables each state reads, as DescribeStateMachine's `variableReferences`
   * returns them: state name (nested states included) -> names, `null` when no state reads any.
   */
  get variableReferences(): VariableReferences {
    if (this.references === undefined) this.references = variableReferences(this.definition);
    return this.references;
  }
  private references: VariableReferences | undefined;

  /** Starts an execution (StartExecution). Its outcome is `execution.result`. */
  start(input: unknown = {}, options: StartOptions = {}): Execution {
    // The input as JSON: a deep copy, so later changes by the caller cannot leak in.
    return new Execution(this, this.compiled, copyAsJson(input), options.name ?? this.options.ids(), options.sync === true);
  }
}

/** What this version of fogbank does not run yet: rejected up front, never run wrongly. */
function unsupportedFeatures(definition: JsonObject): Diagnostic[] {
  const found: Diagnostic[] = [];
  const visit = (machine: JsonObject, location: string): void => {
    const states = isJsonObject(machine['States']) ? machine['States'] : {};
    for (const [name, state] of Object.entries(states)) {
      if (!isJsonObject(state)) continue;
      const at = `${location}/States/${name}`;
      for (const branch of Array.isArray(state['Branches']) ? state['Branches'] : []) {
        if (isJsonObject(branch)) visit(branch, `${at}/Branches`);
      }
      const processor = state['ItemProcessor'] ?? state['Iterator'];
      if (isJsonObject(processor)) visit(processor, `${at}/ItemProcessor`);
      if ('ItemReader' in state) found.push(unsupported(`${at}/ItemReader`, 'Map ItemReader'));
      if ('ItemBatcher' in state) found.push(unsupported(`${at}/ItemBatcher`, 'Map ItemBatcher'));
      if ('ResultWriter' in state) found.push(unsupported(`${at}/ResultWriter`, 'Map ResultWriter'));
    }
  };
  visit(definition, '');
  return found;
}

function unsupported(location: string, feature: string): Diagnostic {
  return {
    severity: 'ERROR',
    code: 'UNSUPPORTED_BY_FOGBANK',
    message: `${feature} is not supported by this version of fogbank`,
    location,
  };
}

/** One run of a state machine. */
export class Execution {
  readonly name: string;
  readonly executionArn: string;
  readonly startDate: Date;
  readonly result: Promise<ExecutionResult>;
  private readonly historyLog: History;
  private readonly cancellation = new Cancellation();
  private stopDetails: { error?: string; cause?: string } = {};
  private finished: ExecutionResult | undefined;

  /** @internal use {@link StateMachine.start} */
  constructor(machine: StateMachine, compiled: CompiledMachine, input: Json, name: string, sync = false) {
    const options = machine.options;
    const express = options.type === 'EXPRESS';
    this.name = name;
    const base = `${options.region}:${options.accountId}`;
    this.executionArn = express
      ? `arn:aws:states:${base}:express:${options.name}:${name}:${options.ids()}`
      : `arn:aws:states:${base}:execution:${options.name}:${name}`;
    this.startDate = new Date(options.clock.now());
    this.historyLog = new History(options.clock, !express);
    const execution: JsonObject = {
      Id: this.executionArn,
      Input: input,
      StartTime: formatTimestamp(this.startDate.getTime()),
      Name: name,
      RoleArn: options.roleArn,
    };
    if (!sync) execution['RedriveCount'] = 0;
    const stateMachine: JsonObject = { Id: machine.arn, Name: options.name };
    const rt: Runtime = {
      type: options.type,
      history: this.historyLog,
      recording: !express,
      clock: options.clock,
      region: options.region,
      integrations: options.integrations,
      newId: options.ids,
      random: options.random,
      executionArn: this.executionArn,
      stateMachineArn: machine.arn,
      execution,
      stateMachine,
      baseContext: { Execution: execution, StateMachine: stateMachine },
      cancellation: this.cancellation,
    };
    const timeout = express
      ? Math.min(machine.timeoutSeconds ?? EXPRESS_MAX_DURATION_SECONDS, EXPRESS_MAX_DURATION_SECONDS)
      : machine.timeoutSeconds;
    this.result = this.run(rt, compiled, input, options.roleArn, timeout);
  }

  /** The execution's events (GetExecutionHistory); empty for Express, which keeps no history. */
  get history(): readonly HistoryEvent[] {
    return this.historyLog.events;
  }

  /** `RUNNING` until it ends, then the result's status. */
  get status(): ExecutionResult['status'] | 'RUNNING' {
    return this.finished?.status ?? 'RUNNING';
  }

  /** StopExecution: ends the execution as ABORTED. No effect once it has ended. */
  stop(details: { error?: string; cause?: string } = {}): void {
    if (this.finished !== undefined) return;
    this.stopDetails = details;
    this.cancellation.cancel(new Interrupt('stopped'));
  }

  private async run(rt: Runtime, compiled: CompiledMachine, input: Json, roleArn: string, timeoutSeconds: number | undefined): Promise<ExecutionResult> {
    const history = rt.history;
    // The input is this execution's own copy, never mutated: serialised when the history is read.
    history.emit('ExecutionStarted', 0, rt.recording ? () => ({ ...payloadDetails('input', JSON.stringify(input)), roleArn }) : undefined);
    const frame = newFrame(rt, 0, new Scope(null), this.cancellation);
    const startedAt = this.startDate.getTime();
    const armTimeout = (): Timer | undefined => {
      if (timeoutSeconds === undefined) return undefined;
      const timer = rt.clock.timer(timeoutSeconds * 1000 - (rt.clock.now() - startedAt));
      void timer.fired.then(() => this.cancellation.cancel(new Interrupt('timed-out')));
      return timer;
    };
    // No timer fires while code runs synchronously, so the real clock's timeout is armed only once
    // the run first awaits: an execution that never does skips a setTimeout and its clearing. A
    // virtual clock's timer costs little, and made first it keeps firing before any timer falling
    // due at the same instant.
    let timer = rt.clock === realClock ? undefined : armTimeout();
    let result: ExecutionResult;
    try {
      let output = runMachine(frame, compiled, input, false);
      if (output instanceof Promise) {
        timer ??= armTimeout();
        output = await output;
      }
      // Serialised when the history is read, like every payload: the output shares its objects with
      // the recorded events until then (documented; copying it for the caller cost a sixth of a
      // 5,000-item Map's Standard execution).
      const recorded = output;
      history.emit('ExecutionSucceeded', frame.thread.prev, rt.recording ? () => payloadDetails('output', JSON.stringify(recorded)) : undefined, true);
      result = { status: 'SUCCEEDED', output };
    } catch (thrown) {
      result = this.failure(rt, frame.thread.prev, thrown);
    } finally {
      timer?.cancel();
    }
    this.finished = result;
    return result;
  }

  private failure(rt: Runtime, prev: number, thrown: unknown): ExecutionResult {
    const history = rt.history;
    const details = (error?: string, cause?: string) => {
      if (!rt.recording) return undefined;
      const d: Record<string, string> = {};
      if (error !== undefined) d['error'] = error;
      if (cause !== undefined) d['cause'] = cause;
      return d;
    };
    if (thrown instanceof Interrupt && thrown.kind === 'stopped') {
      const { error, cause } = this.stopDetails;
      history.emit('ExecutionAborted', 0, details(error, cause), true);
      return withDefined({ status: 'ABORTED', error, cause });
    }
    if (thrown instanceof Interrupt) {
      history.emit('ExecutionTimedOut', prev, details(StatesErrorName.Timeout), true);
      return { status: 'TIMED_OUT', error: StatesErrorName.Timeout };
    }
    const error =
      thrown instanceof StatesError
        ? thrown
        : // A defect in fogbank must not crash the host: it fails the execution, saying so.
          new StatesError(StatesErrorName.Runtime, `fogbank internal error: ${thrown instanceof Error ? thrown.stack ?? thrown.message : String(thrown)}`);
    // A Fail state without Error records no error at all (recorded: base/test_state_fail_empty).
    const name = error.error === '' ? undefined : error.error;
    history.emit('ExecutionFailed', prev, details(name, error.cause), true);
    return withDefined({ status: 'FAILED', error: name, cause: error.cause });
  }
}

function withDefined(result: { status: ExecutionResult['status']; error?: string | undefined; cause?: string | undefined }): ExecutionResult {
  const out: { status: ExecutionResult['status']; error?: string; cause?: string } = { status: result.status };
  if (result.error !== undefined) out.error = result.error;
  if (result.cause !== undefined) out.cause = result.cause;
  return out;
}
