import { StatesError } from '../errors.js';
import type { Json, JsonObject } from '../json.js';
import { assignOf, bindings } from '../engine/jsonata-fields.js';
import { withRetry } from '../engine/retry.js';
import { runMachine } from '../engine/run.js';
import { Cancellation, childFrame, envFor, Interrupt, type Frame, type Visit } from '../engine/runtime.js';
import type { CompiledParallel } from '../engine/types.js';

/**
 * Parallel: every branch gets the same input, in its own variable scope; the result is the
 * branches' outputs in order. The first branch to fail stops its siblings (their states in
 * flight record `*StateAborted`) and the state fails with that branch's error.
 */
export async function runParallel(frame: Frame, visit: Visit, state: CompiledParallel, raw: Json): Promise<Json> {
  const env = envFor(frame, visit);
  const fields = state.jsonata;
  const b = fields === null ? null : bindings(frame, env, raw);
  const effective = state.inputPath === null ? raw : state.inputPath(raw, env);
  const input =
    fields !== null ? (fields.arguments === null ? raw : await fields.arguments.evaluate(b!)) : state.parameters === null ? effective : state.parameters(effective, env);
  const result = await withRetry(frame, state.retry, () => runBranches(frame, state, input), {
    onRetry: (n) => (visit.retryCount = n),
    // Between attempts AWS records no ParallelStateFailed: the retry's Started links to the failure.
    onGiveUp: () => (frame.thread.prev = frame.rt.history.emit('ParallelStateFailed', frame.thread.prev)),
  });
  if (fields !== null) {
    const after = bindings(frame, env, raw, { result });
    visit.assigned = await assignOf(fields.assign, after);
    return fields.output === null ? result : fields.output.evaluate(after);
  }
  const selected = state.resultSelector === null ? result : state.resultSelector(result, env);
  if (state.assign !== null) visit.assigned = state.assign(selected, env) as JsonObject;
  const merged = state.resultPath(raw, selected);
  return state.outputPath === null ? merged : state.outputPath(merged, env);
}

async function runBranches(frame: Frame, state: CompiledParallel, input: Json): Promise<Json> {
  const { rt, thread } = frame;
  const startedId = rt.history.emit('ParallelStateStarted', thread.prev);
  thread.prev = startedId;
  const cancellation = new Cancellation(frame.cancellation);
  let failure: { error: StatesError; prev: number } | null = null;
  const results = await Promise.all(
    state.branches.map(async (branch) => {
      const branchFrame = childFrame(frame, branch, startedId, cancellation);
      try {
        return await runMachine(branchFrame, branch, input, true);
      } catch (thrown) {
        // The first branch to fail decides; later failures and aborted siblings only settle, so
        // every branch has recorded its last event before ParallelStateFailed.
        if (thrown instanceof StatesError) {
          if (failure === null) {
            failure = { error: thrown, prev: branchFrame.thread.prev };
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
    thread.prev = prev;
    throw error;
  }
  const last = rt.history.last;
  rt.history.emit('ParallelStateSucceeded', last);
  thread.prev = last;
  return results;
}
