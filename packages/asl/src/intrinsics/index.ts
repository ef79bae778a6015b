import type { Json } from '../json.js';
import { compilePath, fieldNotFound, PathSyntaxError } from '../path/index.js';
import { compileFormat, FUNCTIONS, type IntrinsicEnv, type IntrinsicFn } from './functions.js';
import { IntrinsicSyntaxError, parseIntrinsic, type IntrinsicArg, type IntrinsicCall } from './parse.js';

export { IntrinsicSyntaxError, isIntrinsicCall, MAX_NESTING } from './parse.js';
export type { IntrinsicEnv } from './functions.js';

type Evaluate = (input: Json, env: IntrinsicEnv) => Json;

/**
 * Compiles an intrinsic call such as `States.Format('Hello, {}', $.name)` once into a function
 * of the input. Unknown functions, wrong argument counts, bad paths and nesting deeper than 10
 * are {@link IntrinsicSyntaxError}s here; failures at run time throw `StatesError`
 * (decorated `States.Runtime`). `field` names the `.$` field in messages about path arguments
 * that find nothing (AWS: "The JSONPath '$.x' specified for the field 'f.$' could not be found ...").
 *
 * Randomness (`States.MathRandom` without a seed, `States.UUID`) comes from `env.random` when the
 * env carries one (see {@link IntrinsicEnv}).
 *
 * @example
 * const greet = compileIntrinsic("States.Format('Hello, {}!', $.name)");
 * greet({ name: 'Ada' }, env); // 'Hello, Ada!'
 */
export function compileIntrinsic(text: string, field: string = text): (input: Json, env: IntrinsicEnv) => Json {
  return compileCall(parseIntrinsic(text), text, field);
}

function compileCall(call: IntrinsicCall, text: string, field: string): Evaluate {
  const spec = FUNCTIONS[call.name];
  if (spec === undefined) throw new IntrinsicSyntaxError(`Invalid intrinsic function call '${text}': ${call.name} is not an intrinsic function.`);
  const n = call.args.length;
  if (n < spec.min || n > spec.max) {
    const expected = spec.min === spec.max ? `${spec.min}` : spec.max === Infinity ? `at least ${spec.min}` : `${spec.min} to ${spec.max}`;
    throw new IntrinsicSyntaxError(
      `Invalid intrinsic function call '${text}': ${call.name} takes ${expected} argument${expected === '1' ? '' : 's'}, but ${n} ${n === 1 ? 'was' : 'were'} given.`,
    );
  }
  const first = call.args[0];
  const run: IntrinsicFn =
    call.name === 'States.Format' && first?.kind === 'literal' && first.raw !== undefined ? compileFormat(first.raw) : spec.run;
  const args = call.args.map((arg) => compileArg(arg, text, field));
  // The common arities without building the argument list in a loop.
  if (n === 0) return (_input, env) => run([], env);
  if (n === 1) {
    const [a] = args as [Evaluate];
    return (input, env) => run([a(input, env)], env);
  }
  if (n === 2) {
    const [a, b] = args as [Evaluate, Evaluate];
    return (input, env) => run([a(input, env), b(input, env)], env);
  }
  return (input, env) => {
    const values = new Array<Json>(n);
    for (let i = 0; i < n; i++) values[i] = args[i]!(input, env);
    return run(values, env);
  };
}

function compileArg(arg: IntrinsicArg, text: string, field: string): Evaluate {
  switch (arg.kind) {
    case 'literal': {
      const value = arg.value;
      return () => value;
    }
    case 'call':
      return compileCall(arg.call, text, field);
    case 'path': {
      let path;
      try {
        path = compilePath(arg.text);
      } catch (e) {
        if (e instanceof PathSyntaxError) throw new IntrinsicSyntaxError(`Invalid intrinsic function call '${text}': ${e.message}`);
        throw e;
      }
      const { select, definite } = path;
      const pathText = arg.text;
      if (!definite) return (input, env) => select(input, env) as Json;
      return (input, env) => {
        const v = select(input, env);
        if (v === undefined) throw fieldNotFound(pathText, field, input);
        return v;
      };
    }
  }
}
