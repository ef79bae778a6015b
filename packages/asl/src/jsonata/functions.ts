/**
 * The functions Step Functions adds to JSONata 2.0.6 (`$partition`, `$range`, `$hash`, `$random`,
 * `$uuid`, `$parse`), the clock behind `$now`/`$millis`, and `$eval`, which AWS removes.
 *
 * They are registered on each compiled expression once, at compile time. What varies per
 * evaluation (the random source, the UUID generator, the clock) is read from the
 * {@link JsonataRuntime} the evaluation binds under {@link RUNTIME_KEY}.
 *
 * Errors are thrown as JSONata error objects (`{ code, ... }`), so jsonata renders their message
 * from its own catalog exactly as for its built-in functions: `T0410` gives
 * `Argument 2 of function "random" does not match function signature`, `D3137` carries AWS's
 * own sentence.
 */
import { createHash, randomUUID } from 'node:crypto';
import type jsonata from 'jsonata';

/** What an evaluation supplies to the functions whose result is not a function of their arguments. */
export interface JsonataRuntime {
  /** A number in [0, 1) for an unseeded `$random()`. @default Math.random */
  readonly random?: (() => number) | undefined;
  /** A version-4 UUID for `$uuid()`. @default crypto.randomUUID */
  readonly uuid?: (() => string) | undefined;
  /** Epoch milliseconds for `$now()` and `$millis()`. @default the instant the evaluation started */
  readonly now?: (() => number) | undefined;
}

/**
 * The binding name the per-evaluation {@link EvaluationState} travels under. A JSONata variable
 * name cannot contain a space, so no expression can read or overwrite it.
 */
export const RUNTIME_KEY = ' fogbank-runtime';

/**
 * Evaluation steps one field evaluation may take. AWS bounds JSONata evaluation (a recursive
 * function without a base case fails the state); jsonata-js optimises tail calls, so without a
 * bound such an expression would loop for ever and hang the run. 2,000,000 steps is about two seconds,
 * far beyond what AWS's own memory cap lets an expression do.
 */
export const MAX_EVALUATION_STEPS = 2_000_000;

/** What one field evaluation carries besides the scope: the injected sources and the step count. */
export interface EvaluationState {
  readonly runtime: JsonataRuntime;
  steps: number;
}

/** Names of the functions Step Functions adds; with jsonata's own, never workflow variables. */
export const STEP_FUNCTIONS_FUNCTIONS = ['partition', 'range', 'hash', 'random', 'uuid', 'parse'] as const;

type Focus = jsonata.Focus;

function runtimeOf(focus: Focus): JsonataRuntime | undefined {
  return (focus.environment.lookup(RUNTIME_KEY) as EvaluationState | undefined)?.runtime;
}

// jsonata calls the function bound under this symbol before evaluating each node.
const EVALUATE_ENTRY = Symbol.for('jsonata.__evaluate_entry');

function countStep(_node: unknown, _input: unknown, environment: jsonata.Environment): void {
  const state = environment.lookup(RUNTIME_KEY) as EvaluationState | undefined;
  if (state !== undefined && ++state.steps > MAX_EVALUATION_STEPS) {
    throw new Error(
      `fogbank stopped the evaluation after ${MAX_EVALUATION_STEPS} steps (AWS also bounds JSONata evaluation; does a recursive function lack a base case?)`,
    );
  }
}

/** jsonata's T0410 ("Argument N of function "name" does not match function signature"). */
function signatureError(name: string, index: number): object {
  return { code: 'T0410', index, token: name, stack: new Error().stack };
}

/** A `$error`-style failure: jsonata renders D3137 as the message alone. */
function customError(message: string): object {
  return { code: 'D3137', message, stack: new Error().stack };
}

function rejectSurplus(name: string, args: unknown[], allowed: number): void {
  if (args.length > allowed && args.slice(allowed).some((a) => a !== undefined)) {
    throw signatureError(name, allowed + 1);
  }
}

// AWS converts numeric arguments the way a Java cast does: towards zero.
function integerArgument(name: string, value: unknown, index: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw signatureError(name, index);
  return Math.trunc(value);
}

/** `$partition(array, size)`: consecutive chunks of `size` items, the last one shorter. */
function partition(this: Focus, array: unknown, size: unknown, ...rest: unknown[]): unknown {
  rejectSurplus('partition', [array, size, ...rest], 2);
  if (array === undefined) return undefined;
  if (!Array.isArray(array)) throw { code: 'T0412', index: 1, token: 'partition', stack: new Error().stack };
  if (array.length === 0) return undefined;
  if (size === undefined) return [array.slice()];
  const chunk = integerArgument('partition', size, 2);
  if (chunk < 0) throw customError('Second argument must be zero or greater');
  if (chunk === 0) return undefined;
  const chunks: unknown[][] = [];
  for (let i = 0; i < array.length; i += chunk) chunks.push(array.slice(i, i + chunk));
  return chunks;
}

/**
 * `$range(start, end, step)`: `start`, `start + step`, ... up to `end` inclusive. A range of one
 * number is that number, not a one-item array (recorded: `$range(1, 9, 9)` is `1`).
 */
function range(this: Focus, start: unknown, end: unknown, step: unknown, ...rest: unknown[]): unknown {
  rejectSurplus('range', [start, end, step, ...rest], 3);
  const from = integerArgument('range', start, 1);
  const to = integerArgument('range', end, 2);
  if (step === undefined) return undefined;
  const by = integerArgument('range', step, 3);
  if (by === 0 || (by > 0 && from > to) || (by < 0 && from < to)) return undefined;
  const count = Math.floor((to - from) / by) + 1;
  if (count === 1) return from;
  const values = new Array<number>(count);
  for (let i = 0; i < count; i++) values[i] = from + i * by;
  return values;
}

const HASH_ALGORITHMS: Readonly<Record<string, string>> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/** `$hash(text, algorithm)`: the lowercase hex digest of the UTF-8 bytes of `text`. */
function hash(this: Focus, text: unknown, algorithm: unknown, ...rest: unknown[]): unknown {
  rejectSurplus('hash', [text, algorithm, ...rest], 2);
  if (typeof text !== 'string') throw signatureError('hash', 1);
  if (algorithm === undefined) return undefined;
  if (typeof algorithm !== 'string') throw signatureError('hash', 2);
  const node = HASH_ALGORITHMS[algorithm];
  if (node === undefined) {
    throw customError(`Hash algorithm '${algorithm}' must be one of SHA-1, SHA-384, SHA-256, SHA-512, MD5`);
  }
  return createHash(node).update(text, 'utf8').digest('hex');
}

const JAVA_MULTIPLIER = 0x5deece66dn;
const JAVA_ADDEND = 0xbn;
const JAVA_MASK = (1n << 48n) - 1n;

/**
 * The first `nextDouble()` of `new java.util.Random(seed)`, which is what AWS's seeded `$random`
 * returns: `$random(42)` is `0.7275636800328681` on AWS and here.
 */
export function javaRandomFirstDouble(seed: number): number {
  let state = (BigInt(Math.trunc(seed)) ^ JAVA_MULTIPLIER) & JAVA_MASK;
  const next = (bits: number): number => {
    state = (state * JAVA_MULTIPLIER + JAVA_ADDEND) & JAVA_MASK;
    return Number(state >> BigInt(48 - bits));
  };
  const high = next(26);
  const low = next(27);
  return (high * 2 ** 27 + low) / 2 ** 53;
}

/** `$random([seed])`: a number in [0, 1); the same seed always gives the same number. */
function random(this: Focus, seed: unknown, ...rest: unknown[]): unknown {
  rejectSurplus('random', [seed, ...rest], 1);
  if (seed === undefined) return (runtimeOf(this)?.random ?? Math.random)();
  return javaRandomFirstDouble(integerArgument('random', seed, 1));
}

/** `$uuid()`: a random version-4 UUID. */
function uuid(this: Focus, ...rest: unknown[]): unknown {
  rejectSurplus('uuid', rest, 0);
  return (runtimeOf(this)?.uuid ?? randomUUID)();
}

/** `$parse(text)`: the JSON value `text` holds (AWS's replacement for `$eval`). */
function parse(this: Focus, text: unknown, ...rest: unknown[]): unknown {
  rejectSurplus('parse', [text, ...rest], 1);
  if (text === undefined) return undefined;
  if (typeof text !== 'string') throw signatureError('parse', 1);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw customError('Invalid JSON');
  }
}

function clock(focus: Focus): number {
  const injected = runtimeOf(focus)?.now;
  // jsonata fixes one timestamp per evaluation, so every $now() of an expression agrees.
  return injected !== undefined ? injected() : focus.environment.timestamp.getTime();
}

/** `$now([picture [, timezone]])` on the injected clock, formatted by jsonata's `$fromMillis`. */
function now(this: Focus, picture: unknown, timezone: unknown): unknown {
  const fromMillis = this.environment.lookup('fromMillis') as { implementation: (...a: unknown[]) => unknown };
  return fromMillis.implementation.call(this, clock(this), picture, timezone);
}

function millis(this: Focus): unknown {
  return clock(this);
}

/** Installs Step Functions' dialect on one compiled expression (once, at compile time). */
export function installStepFunctionsDialect(expression: jsonata.Expression): void {
  expression.registerFunction('partition', partition);
  expression.registerFunction('range', range);
  expression.registerFunction('hash', hash);
  expression.registerFunction('random', random);
  expression.registerFunction('uuid', uuid);
  expression.registerFunction('parse', parse);
  expression.registerFunction('now', now, '<s?s?:s>');
  expression.registerFunction('millis', millis, '<:n>');
  // Bound to undefined (not left out), so the lookup stops here and never reaches jsonata's
  // built-in: calling it fails with T1006 "Attempted to invoke a non-function", as on AWS.
  expression.assign('eval', undefined);
  // The typings say `string`; jsonata's frames take symbols, which is how its hooks are bound.
  expression.assign(EVALUATE_ENTRY as unknown as string, countStep);
}
