import type { Json, JsonObject } from './json.js';

/**
 * What an expression can read besides the state's input: the context object (`$$` in JSONPath)
 * and the workflow variables visible to the state (`$name` in JSONPath).
 */
export interface EvalEnv {
  /** The context object: `{ Execution, StateMachine, State, Task?, Map? }`. */
  readonly context: JsonObject;
  /** Variables visible to the state, innermost scope first; `undefined` when the name is unset. */
  readonly variables: VariableLookup;
}

export interface VariableLookup {
  get(name: string): Json | undefined;
}

export const NO_VARIABLES: VariableLookup = { get: () => undefined };
