/**
 * The mocked Map and Parallel of a TestState call: their input processing (items, item selector,
 * concurrency, tolerated failures; Arguments or Parameters), the mock in place of the iterations
 * or branches, then their output processing, with the values AWS reports at each step.
 */
import { StatesError, StatesErrorName } from '../errors.js';
import type { EvalEnv } from '../eval-env.js';
import type { Json, JsonObject } from '../json.js';
import { assignOf, bindings } from '../engine/jsonata-fields.js';
import { envFor } from '../engine/runtime.js';
import type { CompiledMap, CompiledParallel } from '../engine/types.js';
import { checkTolerance, integer, readItems, readTolerance, type Tolerance } from '../states/map.js';
import type { StateRun } from './run.js';
import type { InspectionData } from './types.js';

/** A mocked Parallel: its input processing, then the mock as the branches' results. */
export async function parallel(run: StateRun, state: CompiledParallel, inspection: InspectionData): Promise<Json> {
  const { frame, visit, input } = run;
  const env = envFor(frame, visit);
  const fields = state.jsonata;
  if (fields !== null) {
    const b = bindings(frame, env, input);
    if (fields.arguments !== null) await fields.arguments.evaluate(b);
    const result = mocked(run);
    const after = bindings(frame, env, input, { result });
    visit.assigned = await assignOf(fields.assign, after);
    return fields.output === null ? result : fields.output.evaluate(after);
  }
  const effective = state.inputPath === null ? input : state.inputPath(input, env);
  if (state.parameters !== null) state.parameters(effective, env);
  const result = mocked(run);
  return resultSteps(run, state, env, result, inspection);
}

/**
 * A mocked Map: its input processing (items, item selector, concurrency, tolerated failures),
 * then the mock as the iterations' results, failing when `mapIterationFailureCount` is more than
 * the Map tolerates.
 */
export async function map(run: StateRun, state: CompiledMap, inspection: InspectionData): Promise<Json> {
  const { frame, visit, input } = run;
  const env = envFor(frame, visit);
  const itemEnv = (index: number, item: Json): EvalEnv => envFor(frame, visit, { Map: { Item: { Index: index, Value: item } } });
  const fields = state.jsonata;
  let tolerance: Tolerance;
  if (fields !== null) {
    const b = bindings(frame, env, input);
    const items = run.readerItems ?? (fields.items === null ? input : await fields.items.evaluate(b, { expect: 'array' }));
    if (fields.itemSelector !== null && Array.isArray(items)) {
      const selector = fields.itemSelector;
      inspection.afterItemSelector = await Promise.all(items.map((item, i) => selector.evaluate(bindings(frame, itemEnv(i, item), input))));
    }
    inspection.maxConcurrency = fields.maxConcurrency === null ? 0 : ((await fields.maxConcurrency.evaluate(b, { expect: 'integer' })) as number);
    tolerance = checkTolerance(
      fields.toleratedFailureCount === null ? undefined : ((await fields.toleratedFailureCount.evaluate(b, { expect: 'integer' })) as number),
      fields.toleratedFailurePercentage === null ? undefined : ((await fields.toleratedFailurePercentage.evaluate(b, { expect: 'number' })) as number),
    );
  } else {
    const effective = state.inputPath === null ? input : state.inputPath(input, env);
    inspection.afterInputPath = effective;
    const items = run.readerItems ?? readItems(state, effective, env);
    inspection.afterItemsPath = items;
    const selector = state.itemSelector;
    if (selector !== null && Array.isArray(items)) inspection.afterItemSelector = items.map((item, i) => selector(effective, itemEnv(i, item)));
    inspection.maxConcurrency = integer(state.maxConcurrency, 'MaxConcurrencyPath', effective, env) ?? 0;
    tolerance = readTolerance(state, effective, env);
  }
  if (tolerance.count !== undefined) inspection.toleratedFailureCount = tolerance.count;
  if (tolerance.percentage !== undefined) inspection.toleratedFailurePercentage = tolerance.percentage;
  const result = mocked(run);
  const failed = run.config.mapIterationFailureCount ?? 0;
  const total = Array.isArray(result) ? result.length : 0;
  if (exceeds(tolerance, failed, total)) {
    throw new StatesError(StatesErrorName.ExceedToleratedFailureThreshold, 'The specified tolerated failure threshold was exceeded');
  }
  if (fields !== null) {
    const after = bindings(frame, env, input, { result });
    visit.assigned = await assignOf(fields.assign, after);
    return fields.output === null ? result : fields.output.evaluate(after);
  }
  return resultSteps(run, state, env, result, inspection);
}

/**
 * Failed iterations against the Map's tolerance. Unlike a run, TestState holds a Map without
 * `ToleratedFailure*` to nothing (recorded: failures with no tolerance set still succeed).
 */
function exceeds(tolerance: Tolerance, failed: number, total: number): boolean {
  if (failed === 0) return false;
  if (tolerance.count !== undefined && failed > tolerance.count) return true;
  return tolerance.percentage !== undefined && total > 0 && (failed / total) * 100 > tolerance.percentage;
}

/** ResultSelector -> Assign -> ResultPath -> OutputPath on a mocked Map or Parallel result. */
function resultSteps(run: StateRun, state: CompiledMap | CompiledParallel, env: EvalEnv, result: Json, inspection: InspectionData): Json {
  const selected = state.resultSelector === null ? result : state.resultSelector(result, env);
  inspection.afterResultSelector = selected;
  if (state.assign !== null) run.visit.assigned = state.assign(selected, env) as JsonObject;
  const merged = state.resultPath(run.input, selected);
  inspection.afterResultPath = merged;
  return state.outputPath === null ? merged : state.outputPath(merged, env);
}

function mocked(run: StateRun): Json {
  const mock = run.mock!;
  if (mock.kind === 'error') throw new StatesError(mock.error, mock.cause);
  return mock.value;
}
