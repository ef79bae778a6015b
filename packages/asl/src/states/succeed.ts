import type { Json } from '../json.js';
import { envFor, type Frame, type Visit } from '../engine/runtime.js';
import type { CompiledSucceed } from '../engine/types.js';
import { runJsonataOutput } from './pass.js';

/** Succeed: InputPath -> OutputPath, then the run (or the branch, or the iteration) ends. */
export function runSucceed(frame: Frame, visit: Visit, state: CompiledSucceed, raw: Json): Json | Promise<Json> {
  if (state.jsonata !== null) return runJsonataOutput(frame, visit, state.jsonata, raw);
  const env = envFor(frame, visit);
  const effective = state.inputPath === null ? raw : state.inputPath(raw, env);
  return state.outputPath === null ? effective : state.outputPath(effective, env);
}
