import { runtimeError, StatesError, StatesErrorName } from '../errors.js';
import { History } from '../history.js';
import type { EvalEnv } from '../eval-env.js';
import type { Json, JsonObject } from '../json.js';
import { assignOf, bindings, type JsonataFields } from '../engine/jsonata-fields.js';
import { withRetry } from '../engine/retry.js';
import { runMachine } from '../engine/run.js';
import { Cancellation, childFrame, envFor, Interrupt, itemEnv, newFrame, runsAlone, Scope, sharedItemEnv, type Frame, type Runtime, type Visit } from '../engine/runtime.js';
import type { CompiledMap, IntegerSpec } from '../engine/types.js';

/** AWS runs at most 40 iterations of an inline Map at once, whatever MaxConcurrency says. */
export const INLINE_MAP_CONCURRENCY = 40;

/**
 * Map: InputPath -> ItemsPath -> per item (ItemSelector with `$$.Map.Item`, then the item
 * processor, in its own variable scope) -> ResultSelector -> Assign -> ResultPath -> OutputPath.
 * Inline iterations record into this execution's history; distributed ones are child executions
 * of a Map Run and record only `MapRun*` events here.
 */
export async function runMap(frame: Frame, visit: Visit, state: CompiledMap, raw: Json): Promise<Json> {
  const env = envFor(frame, visit);
  const fields = state.jsonata;
  const plan = fields === null ? jsonPathPlan(frame, visit, state, raw, env) : await jsonataPlan(frame, visit, fields, raw, env);
  const attempt = { iterationsFailed: false, resultsBound: Infinity };
  const result = await withRetry(frame, state.retry, () => runIterations(frame, state, plan, attempt), {
    onRetry: (n) => (visit.retryCount = n),
    // Between attempts AWS records no MapStateFailed: the retry's MapStateStarted links to the
    // failure. A bad tolerance setting fails the state without one either.
    onGiveUp: () => {
      if (attempt.iterationsFailed) frame.thread.prev = frame.rt.history.emit('MapStateFailed', frame.thread.prev);
    },
  });
  let output: Json;
  if (fields !== null) {
    const after = bindings(frame, env, raw, { result });
    visit.assigned = await assignOf(fields.assign, after);
    output = fields.output === null ? result : await fields.output.evaluate(after);
  } else {
    const selected = state.resultSelector === null ? result : state.resultSelector(result, env);
    if (state.assign !== null) visit.assigned = state.assign(selected, env) as JsonObject;
    const merged = state.resultPath(raw, selected);
    output = state.outputPath === null ? merged : state.outputPath(merged, env);
  }
  // The output is the results array itself: its size is the iterations' added up.
  if (output === result) visit.outputBound = attempt.resultsBound;
  return output;
}

/** What one Map visit iterates, however its fields were written. */
interface MapPlan {
  readonly items: readonly Json[];
  /** Whether `itemInput` returns values, never promises. */
  readonly synchronous: boolean;
  readonly maxConcurrency: number;
  readTolerance(): Tolerance | Promise<Tolerance>;
  itemInput(index: number, item: Json): Json | Promise<Json>;
}

function jsonPathPlan(frame: Frame, visit: Visit, state: CompiledMap, raw: Json, env: EvalEnv): MapPlan {
  const effective = state.inputPath === null ? raw : state.inputPath(raw, env);
  const selector = state.itemSelector;
  const envOf = state.itemContextShared && frame.context === undefined ? sharedItemEnv(frame, visit) : (index: number, item: Json) => itemEnv(frame, visit, index, item);
  return {
    items: readItems(state, effective, env),
    synchronous: true,
    maxConcurrency: integer(state.maxConcurrency, 'MaxConcurrencyPath', effective, env) ?? 0,
    readTolerance: () => readTolerance(state, effective, env),
    itemInput: (index, item) => (selector === null ? item : selector(effective, envOf(index, item))),
  };
}

async function jsonataPlan(frame: Frame, visit: Visit, fields: JsonataFields, raw: Json, env: EvalEnv): Promise<MapPlan> {
  const b = bindings(frame, env, raw);
  const items = fields.items === null ? raw : await fields.items.evaluate(b, { expect: 'array' });
  if (!Array.isArray(items)) {
    throw new StatesError(StatesErrorName.QueryEvaluationError, `Map state input must be an array but was: ${JSON.stringify(items)}`, true);
  }
  const maxConcurrency = fields.maxConcurrency === null ? 0 : ((await fields.maxConcurrency.evaluate(b, { expect: 'integer' })) as number);
  const selector = fields.itemSelector;
  return {
    items,
    synchronous: false,
    maxConcurrency,
    readTolerance: async () => {
      const count = fields.toleratedFailureCount === null ? undefined : ((await fields.toleratedFailureCount.evaluate(b, { expect: 'integer' })) as number);
      const percentage =
        fields.toleratedFailurePercentage === null ? undefined : ((await fields.toleratedFailurePercentage.evaluate(b, { expect: 'number' })) as number);
      return checkTolerance(count, percentage);
    },
    itemInput: (index, item) =>
      selector === null ? item : selector.evaluate(bindings(frame, itemEnv(frame, visit, index, item), raw)),
  };
}

/** The items a JSONPath Map iterates: its ItemsPath into the effective input, which must be an array. */
export function readItems(state: CompiledMap, input: Json, env: EvalEnv): Json[] {
  const path = state.itemsPath;
  const items = path === null ? input : path.select(input, env);
  if (items === undefined) {
    throw runtimeError(`Invalid path '${path!.text}' : No results for path: ${path!.text}`);
  }
  if (!Array.isArray(items)) {
    const text = path === null ? '$' : path.text.startsWith('$$') ? path.text.slice(1) : path.text;
    throw new StatesError(StatesErrorName.Runtime, `Reference path "${text}" must point to array.`);
  }
  return items;
}

/** A Map's integer field (`MaxConcurrency`, `ToleratedFailureCount`) or its `*Path` form. */
export function integer(spec: IntegerSpec, field: string, input: Json, env: EvalEnv): number | undefined {
  if (spec.value !== null) return spec.value;
  if (spec.path === null) return undefined;
  const value = spec.path.select(input, env);
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && /^[+-]?\d+$/.test(value) ? Number(value) : NaN;
  // AWS parses the value's text as a Java long: numbers and numeric strings alike.
  if (!Number.isInteger(parsed)) {
    throw runtimeError(`The ${field} field refers to value "${render(value)}" which is not a valid integer: ${spec.path.text}`);
  }
  return parsed;
}

export interface Tolerance {
  readonly count: number | undefined;
  readonly percentage: number | undefined;
}

/** A JSONPath Map's tolerated failures, read and checked. */
export function readTolerance(state: CompiledMap, input: Json, env: EvalEnv): Tolerance {
  const count = integer(state.toleratedFailureCount, 'ToleratedFailureCountPath', input, env);
  let percentage: number | undefined;
  const spec = state.toleratedFailurePercentage;
  if (spec.value !== null) percentage = spec.value;
  else if (spec.path !== null) {
    const value = spec.path.select(input, env);
    const parsed = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (Number.isNaN(parsed)) {
      throw runtimeError(
        `The ToleratedFailurePercentagePath field refers to value "${render(value)}" which is not a valid float: ${spec.path.text}`,
      );
    }
    percentage = parsed;
  }
  return checkTolerance(count, percentage);
}

/** AWS's range checks on a Map's tolerated failures. */
export function checkTolerance(count: number | undefined, percentage: number | undefined): Tolerance {
  if (count !== undefined && count < 0) throw runtimeError('ToleratedFailureCount cannot be negative.');
  if (percentage !== undefined && (percentage < 0 || percentage > 100)) {
    throw runtimeError('ToleratedFailurePercentage must be between 0 and 100.');
  }
  return { count, percentage };
}

function render(value: Json | undefined): string {
  if (value === undefined) return 'null';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Whether `failed` of `total` iterations is more than the Map tolerates. */
function exceeds(tolerance: Tolerance, failed: number, total: number): boolean {
  if (failed === 0) return false;
  const { count, percentage } = tolerance;
  const countSet = count !== undefined && count > 0;
  const percentageSet = percentage !== undefined && percentage > 0;
  if (!countSet && !percentageSet) return true;
  if (countSet && failed > count!) return true;
  if (percentageSet && (failed / total) * 100 > percentage!) return true;
  return false;
}

async function runIterations(frame: Frame, state: CompiledMap, plan: MapPlan, attempt: { iterationsFailed: boolean; resultsBound: number }): Promise<Json> {
  const { items, maxConcurrency } = plan;
  attempt.iterationsFailed = false;
  const { rt, thread } = frame;
  const history = rt.history;
  const distributed = state.mode === 'DISTRIBUTED';
  thread.prev = history.emit('MapStateStarted', thread.prev, rt.recording ? { length: items.length } : undefined);
  // Recorded: tolerance problems surface after MapStateStarted, MaxConcurrencyPath ones before it.
  const tolerance = await plan.readTolerance();
  if (distributed) {
    const mapRunArn = `arn:aws:states:${rt.region}:${accountOf(rt)}:mapRun:${stateMachineName(rt)}/${state.label ?? rt.newId()}:${rt.newId()}`;
    thread.prev = history.emit('MapRunStarted', thread.prev, rt.recording ? { mapRunArn } : undefined);
  }

  const results = new Array<Json>(items.length);
  // The results' sizes added up, so the Map's output needs no measuring (Infinity: unknown).
  let resultsBound = 2 + items.length;
  const cancellation = new Cancellation(frame.cancellation);
  let cursor = thread.prev;
  let next = 0;
  let failed = 0;
  let failure: { error: StatesError; prev: number } | null = null;

  // An ItemSelector that fails fails the Map (States.Runtime): iterations already started abort.
  let selectorError: unknown = null;
  const selectorFailed = (thrown: unknown): undefined => {
    if (selectorError === null) {
      selectorError = thrown;
      cancellation.cancel(new Interrupt('sibling-failed'));
    }
    return undefined;
  };
  const started = (index: number): number =>
    distributed ? 0 : history.emit('MapIterationStarted', cursor, rt.recording ? { index, name: state.name } : undefined);

  const succeeded = (index: number, iterationFrame: Frame, output: Json): void => {
    results[index] = output;
    resultsBound += iterationFrame.thread.outputBound;
    const last = iterationFrame.thread.prev;
    if (!distributed) {
      history.emit('MapIterationSucceeded', last, rt.recording ? { index, name: state.name } : undefined);
      cursor = last;
    }
  };
  const ended = (index: number, iterationFrame: Frame, thrown: unknown): void => {
    if (thrown instanceof Interrupt) {
      if (!distributed) history.emit('MapIterationAborted', iterationFrame.thread.prev, rt.recording ? { index, name: state.name } : undefined);
      // Settle, never reject: every iteration records its last event before the Map ends.
      return;
    }
    if (!(thrown instanceof StatesError)) throw thrown;
    const last = iterationFrame.thread.prev;
    if (!distributed) {
      history.emit('MapIterationFailed', last, rt.recording ? { index, name: state.name } : undefined);
      cursor = last;
    }
    failed++;
    if (failure === null && exceeds(tolerance, failed, items.length)) {
      failure = {
        error: distributed
          ? new StatesError(StatesErrorName.ExceedToleratedFailureThreshold, 'The specified tolerated failure threshold was exceeded')
          : thrown,
        prev: last,
      };
      cancellation.cancel(new Interrupt('sibling-failed'));
    }
    results[index] = null;
    resultsBound += 4;
  };

  const limit = distributed
    ? maxConcurrency === 0 ? 10_000 : maxConcurrency
    : maxConcurrency === 0 ? INLINE_MAP_CONCURRENCY : Math.min(maxConcurrency, INLINE_MAP_CONCURRENCY);
  const more = (): boolean => failure === null && cancellation.reason === null && next < items.length;

  if (!distributed && state.processor.synchronous && plan.synchronous && runsAlone(frame)) {
    // At the top level, iterations whose states never await run a batch of `limit` at a time, in
    // the order the general path below records them: every Started, then each iteration's
    // states, then every iteration's end. No promise per iteration, which is most of what a small
    // iteration costs.
    const batchInputs: (Json | undefined)[] = [];
    const batchFrames: (Frame | null)[] = [];
    const batchRuns: (Json | Promise<Json>)[] = [];
    while (more()) {
      const first = next;
      const end = Math.min(items.length, first + limit);
      next = end;
      for (let index = first; index < end; index++) {
        let input: Json | undefined;
        try {
          input = plan.itemInput(index, items[index]!) as Json;
        } catch (thrown) {
          input = selectorFailed(thrown);
        }
        batchInputs[index - first] = input;
        batchFrames[index - first] = input === undefined ? null : childFrame(frame, state.processor, started(index), cancellation);
      }
      for (let k = 0; k < end - first; k++) {
        const iterationFrame = batchFrames[k];
        if (iterationFrame) batchRuns[k] = runMachine(iterationFrame, state.processor, batchInputs[k]!, true);
      }
      for (let k = 0; k < end - first; k++) {
        const iterationFrame = batchFrames[k];
        if (!iterationFrame) continue; // its ItemSelector failed: never started
        const ran = batchRuns[k]!;
        try {
          succeeded(first + k, iterationFrame, ran instanceof Promise ? await ran : ran);
        } catch (thrown) {
          ended(first + k, iterationFrame, thrown);
        }
      }
    }
  } else {
    const iterate = async (index: number): Promise<void> => {
      let itemInput: Json;
      try {
        const selected = plan.itemInput(index, items[index]!);
        itemInput = selected instanceof Promise ? await selected : selected;
      } catch (thrown) {
        return selectorFailed(thrown);
      }
      const iterationRt: Runtime = distributed ? { ...rt, history: new History(rt.clock, false) } : rt;
      const startedId = started(index);
      // AWS records MapIterationStarted for every iteration it starts at once before their states run.
      await undefined;
      const iterationFrame = distributed ? newFrame(iterationRt, startedId, new Scope(null), cancellation) : childFrame(frame, state.processor, startedId, cancellation);
      try {
        succeeded(index, iterationFrame, await runMachine(iterationFrame, state.processor, itemInput, true));
      } catch (thrown) {
        ended(index, iterationFrame, thrown);
      }
    };
    const worker = async (): Promise<void> => {
      while (more()) await iterate(next++);
    };
    const workers: Promise<void>[] = [];
    for (let i = 0; i < Math.min(limit, items.length); i++) workers.push(worker());
    await Promise.all(workers);
  }
  if (selectorError !== null) throw selectorError;
  // Stopped from outside (execution stop, a sibling branch of an enclosing Parallel failed).
  if (frame.cancellation.reason !== null) throw frame.cancellation.reason;

  if (failure !== null) {
    const { error, prev } = failure as { error: StatesError; prev: number };
    attempt.iterationsFailed = true;
    thread.prev = distributed
      ? history.emit('MapRunFailed', thread.prev, rt.recording ? { error: error.error, cause: error.cause } : undefined)
      : prev;
    throw error;
  }
  if (distributed) {
    // Since late 2024 AWS links MapStateExited to MapRunStarted, not to MapRunSucceeded (recorded
    // 2024-11 to 2025-10; recordings up to 2024-08 show the older link).
    const runStarted = thread.prev;
    history.emit('MapStateSucceeded', history.emit('MapRunSucceeded', runStarted));
    thread.prev = runStarted;
    attempt.resultsBound = resultsBound;
    return results;
  }
  const last = history.last;
  history.emit('MapStateSucceeded', last);
  thread.prev = last;
  attempt.resultsBound = resultsBound;
  return results;
}

function accountOf(rt: Runtime): string {
  return rt.stateMachineArn.split(':')[4] ?? '';
}

function stateMachineName(rt: Runtime): string {
  return rt.stateMachineArn.split(':').pop() ?? '';
}
