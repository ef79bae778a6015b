import { StatesError } from '../errors.js';
import type { EvalEnv } from '../eval-env.js';
import type { Json, JsonObject } from '../json.js';
import { assignOf, bindings } from '../engine/jsonata-fields.js';
import { withRetry } from '../engine/retry.js';
import { runMachine } from '../engine/run.js';
import { Cancellation, childFrame, envFor, Interrupt, runsAlone, type Frame, type Visit } from '../engine/runtime.js';
import type { CompiledParallel } from '../engine/types.js';

/**
 * Parallel: every branch gets the same input, in its own variable scope; the result is the
 * branches' outputs in order. The first branch to fail stops its siblings (their states in
 * flight record `*StateAborted`) and the state fails with that branch's error.
 *
 * At the top level, a JSONPath Parallel without Retry whose branches all end without awaiting
 * (Pass, Choice and Succeed states) returns its output directly: the same events in the same
 * order, no promises.
 */
export function runParallel(frame: Frame, visit: Visit, state: CompiledParallel, raw: Json): Json | Promise<Json> {
  if (state.jsonata !== null || state.retry.length > 0 || !runsAlone(frame)) return runParallelAsync(frame, visit, state, raw);
  const env = envFor(frame, visit);
  const effective = state.inputPath === null ? raw : state.inputPath(raw, env);
  const input = state.parameters === null ? effective : state.parameters(effective, env);
  const branches = startBranches(frame, state, input);
  const results = branches.runs as Json[];
  if (branches.runs.every((ran) => !(ran instanceof Promise))) {
    succeeded(frame);
    return shapeOutput(frame, visit, state, raw, env, results, outputsBound(branches.frames));
  }
  return settleBranches(frame, branches).then(
    (settled) => shapeOutput(frame, visit, state, raw, env, settled, outputsBound(branches.frames)),
    (error: unknown) => {
      // As withRetry gives up on a Parallel without retriers.
      if (error instanceof StatesError) frame.thread.prev = frame.rt.history.emit('ParallelStateFailed', frame.thread.prev);
      throw error;
    },
  );
}

async function runParallelAsync(frame: Frame, visit: Visit, state: CompiledParallel, raw: Json): Promise<Json> {
  const env = envFor(frame, visit);
  const fields = state.jsonata;
  const b = fields === null ? null : bindings(frame, env, raw);
  const effective = state.inputPath === null ? raw : state.inputPath(raw, env);
  const input =
    fields !== null ? (fields.arguments === null ? raw : await fields.arguments.evaluate(b!)) : state.parameters === null ? effective : state.parameters(effective, env);
  let resultBound = Infinity;
  const attempt = async (): Promise<Json> => {
    const branches = startBranches(frame, state, input);
    const settled = await settleBranches(frame, branches);
    resultBound = outputsBound(branches.frames);
    return settled;
  };
  const result = await withRetry(frame, state.retry, attempt, {
    onRetry: (n) => (visit.retryCount = n),
    // Between attempts AWS records no ParallelStateFailed: the retry's Started links to the failure.
    onGiveUp: () => (frame.thread.prev = frame.rt.history.emit('ParallelStateFailed', frame.thread.prev)),
  });
  if (fields !== null) {
    const after = bindings(frame, env, raw, { result });
    visit.assigned = await assignOf(fields.assign, after);
    if (fields.output !== null) return fields.output.evaluate(after);
    visit.outputBound = resultBound;
    return result;
  }
  return shapeOutput(frame, visit, state, raw, env, result, resultBound);
}

/**
 * ResultSelector -> Assign -> ResultPath -> OutputPath over the branches' outputs, whose JSON is at
 * most `resultBound` bytes: the state's output is when it is that array itself.
 */
function shapeOutput(frame: Frame, visit: Visit, state: CompiledParallel, raw: Json, env: EvalEnv, result: Json, resultBound: number): Json {
  const selected = state.resultSelector === null ? result : state.resultSelector(result, env);
  if (state.assign !== null) visit.assigned = state.assign(selected, env) as JsonObject;
  const merged = state.resultPath(raw, selected);
  const output = state.outputPath === null ? merged : state.outputPath(merged, env);
  if (output === result) visit.outputBound = resultBound;
  return output;
}

/** A bound of the JSON of the array of the branches' outputs: theirs added up, brackets and commas. */
function outputsBound(frames: readonly Frame[]): number {
  let bound = 2 + frames.length;
  for (const frame of frames) bound += frame.thread.outputBound;
  return bound;
}

interface StartedBranches {
  readonly frames: readonly Frame[];
  /** Each branch's output, or its promise when it awaits or fails. */
  readonly runs: readonly (Json | Promise<Json>)[];
  readonly cancellation: Cancellation;
}

/** Records ParallelStateStarted and starts every branch; a branch runs until it first awaits. */
function startBranches(frame: Frame, state: CompiledParallel, input: Json): StartedBranches {
  const { rt, thread } = frame;
  const startedId = rt.history.emit('ParallelStateStarted', thread.prev);
  thread.prev = startedId;
  const cancellation = new Cancellation(frame.cancellation);
  const frames: Frame[] = [];
  const runs: (Json | Promise<Json>)[] = [];
  for (const branch of state.branches) {
    const branchFrame = childFrame(frame, branch, startedId, cancellation);
    frames.push(branchFrame);
    runs.push(runMachine(branchFrame, branch, input, true));
  }
  return { frames, runs, cancellation };
}

/** Waits for every branch to end (each records its last event) and records the Parallel's end. */
async function settleBranches(frame: Frame, { frames, runs, cancellation }: StartedBranches): Promise<Json> {
  let failure: { error: StatesError; prev: number } | null = null;
  const results = await Promise.all(
    runs.map(async (ran, i) => {
      try {
        return await ran;
      } catch (thrown) {
        // The first branch to fail decides; later failures and aborted siblings only settle, so
        // every branch has recorded its last event before ParallelStateFailed.
        if (thrown instanceof StatesError) {
          if (failure === null) {
            failure = { error: thrown, prev: frames[i]!.thread.prev };
            cancellation.cancel(new Interrupt('sibling-failed'));
          }
          return null;
        }
        // Interrupted: settle like the others, so every branch has recorded its last event.
        if (thrown instanceof Interrupt) return null;
        throw thrown;
      }
    }),
  );
  // Stopped from outside (execution stop, a sibling of an enclosing Parallel failed).
  if (frame.cancellation.reason !== null) throw frame.cancellation.reason;
  if (failure !== null) {
    const { error, prev } = failure as { error: StatesError; prev: number };
    frame.thread.prev = prev;
    throw error;
  }
  succeeded(frame);
  return results;
}

function succeeded(frame: Frame): void {
  const history = frame.rt.history;
  const last = history.last;
  history.emit('ParallelStateSucceeded', last);
  frame.thread.prev = last;
}
