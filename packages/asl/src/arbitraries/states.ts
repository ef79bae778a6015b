import fc from 'fast-check';
import type { Json, JsonObject } from '../json.js';
import { jsonValue } from './json.js';
import { resultPath } from './paths.js';
import { payloadTemplate } from './templates.js';
import { ERROR_NAMES, INPUT_PATHS } from './vocabulary.js';

// The fields of each state type apart from its transitions (`Next`, `End`, `Default`, the
// `Next` of rules and catchers) and nested machines, which `definition()` adds once it knows
// the state names. Every generated field is valid for its state type.

/** Settings shared by the state arbitraries. */
export interface StateFieldOptions {
  /** Allow `States.UUID()`, unseeded `States.MathRandom` and `JitterStrategy: FULL`. */
  readonly deterministic: boolean;
  /** Task `Resource`s to pick from. */
  readonly resources: readonly string[];
  /** Longest Wait, in seconds (only a virtual clock makes long waits take no real time). */
  readonly maxWaitSeconds: number;
}

/**
 * An object with each of the model's fields present one time in three, so that most states
 * stay plain enough for executions to get somewhere. Absent keys are left out (never undefined).
 */
function optional(model: Record<string, fc.Arbitrary<Json>>): fc.Arbitrary<JsonObject> {
  const keys = Object.keys(model);
  const absent = Symbol('absent');
  return fc
    .tuple(...keys.map((k) => fc.oneof({ weight: 2, arbitrary: fc.constant(absent) }, { weight: 1, arbitrary: model[k]! })))
    .map((values) => {
      const out: JsonObject = {};
      values.forEach((v, i) => {
        if (v !== absent) out[keys[i]!] = v as Json;
      });
      return out;
    });
}

// Mostly `$`: a narrowing InputPath/OutputPath changes the shape every later state reads.
const inputOutputPath = fc.oneof(
  { weight: 4, arbitrary: fc.constant('$') },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom(...INPUT_PATHS.filter((p) => p !== '$.missing')) },
);
const io = { InputPath: inputOutputPath, OutputPath: inputOutputPath };

// Task, Parallel and Map results replace the whole input by default; most generated states put
// them beside the input instead, so later states still find their fields.
const taskResultPath = fc.oneof(
  { weight: 4, arbitrary: resultPath().map((ResultPath) => ({ ResultPath })) },
  { weight: 1, arbitrary: fc.constant({}) },
);

/** Pass: a static `Result` or a `Parameters` template, `ResultPath`, `InputPath`, `OutputPath`. */
export function passFields(options: StateFieldOptions): fc.Arbitrary<JsonObject> {
  const payload = fc.oneof(
    fc.constant({}),
    jsonValue({ maxDepth: 2 }).map((Result) => ({ Result })),
    payloadTemplate({ deterministic: options.deterministic }).map((Parameters) => ({ Parameters })),
  );
  return fc.tuple(payload, optional({ ...io, ResultPath: resultPath() })).map(([p, rest]) => ({ ...p, ...rest }));
}

/** Wait: exactly one of `Seconds`, `Timestamp`, `SecondsPath`, `TimestampPath`. */
export function waitFields(options: StateFieldOptions): fc.Arbitrary<JsonObject> {
  const how = fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 0, max: options.maxWaitSeconds }).map((Seconds) => ({ Seconds })) },
    {
      weight: 3,
      arbitrary: fc
        .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2026-12-31T23:59:59Z'), noInvalidDate: true })
        .map((d) => ({ Timestamp: d.toISOString() })),
    },
    { weight: 1, arbitrary: fc.constantFrom('$.n', '$.obj.n', '$.s').map((SecondsPath) => ({ SecondsPath })) },
    { weight: 1, arbitrary: fc.constantFrom('$.ts', '$.s').map((TimestampPath) => ({ TimestampPath })) },
  );
  return fc.tuple(how, optional(io)).map(([h, rest]) => ({ ...h, ...rest }));
}

/** Succeed: `InputPath`, `OutputPath`. */
export function succeedFields(): fc.Arbitrary<JsonObject> {
  return optional(io);
}

/** Fail: `Error`/`ErrorPath` and `Cause`/`CausePath`, each optional, at most one of each pair. */
export function failFields(): fc.Arbitrary<JsonObject> {
  const error = fc.oneof(
    fc.constant({}),
    fc.constantFrom('Custom.Error', 'States.TaskFailed', 'Orders.OutOfStock').map((Error) => ({ Error })),
    fc.constantFrom('$.s', '$.obj.s', "States.Format('E{}', $.n)").map((ErrorPath) => ({ ErrorPath })),
  );
  const cause = fc.oneof(
    fc.constant({}),
    fc.constantFrom('it broke', '').map((Cause) => ({ Cause })),
    fc.constantFrom('$.s', 'States.JsonToString($)').map((CausePath) => ({ CausePath })),
  );
  return fc.tuple(error, cause).map(([e, c]) => ({ ...e, ...c }));
}

/** Task: `Resource`, templates, paths, timeouts (`HeartbeatSeconds` below `TimeoutSeconds`). */
export function taskFields(options: StateFieldOptions): fc.Arbitrary<JsonObject> {
  const timeouts = fc.oneof(
    fc.constant({}),
    fc.integer({ min: 1, max: 3600 }).map((TimeoutSeconds) => ({ TimeoutSeconds })),
    fc
      .tuple(fc.integer({ min: 2, max: 3600 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }))
      .map(([t, f]) => ({ TimeoutSeconds: t, HeartbeatSeconds: Math.max(1, Math.floor(t * f)) })),
  );
  const template = payloadTemplate({ deterministic: options.deterministic });
  return fc
    .tuple(
      fc.constantFrom(...options.resources),
      timeouts,
      taskResultPath,
      optional({ ...io, Parameters: template, ResultSelector: template }),
    )
    .map(([Resource, t, r, rest]) => ({ Resource, ...t, ...r, ...rest }));
}

/** Parallel: `Parameters`, `ResultSelector`, paths (the `Branches` come from `definition()`). */
export function parallelFields(options: StateFieldOptions): fc.Arbitrary<JsonObject> {
  const template = payloadTemplate({ deterministic: options.deterministic });
  return fc.tuple(taskResultPath, optional({ ...io, Parameters: template, ResultSelector: template })).map(([r, rest]) => ({ ...r, ...rest }));
}

/** Inline Map: `ItemsPath`, `ItemSelector`, `MaxConcurrency`, tolerated failures, templates. */
export function mapFields(options: StateFieldOptions): fc.Arbitrary<JsonObject> {
  const template = payloadTemplate({ deterministic: options.deterministic });
  // The processor's states read the input fields (`$.n`, `$.s`, ...), so most selectors give
  // each iteration that shape.
  const itemSelector = fc.constantFrom<JsonObject>(
    { 'n.$': '$$.Map.Item.Index', 'items.$': '$$.Map.Item.Value', 's.$': 'States.Format(\'item {}\', $$.Map.Item.Index)' },
    { 'n.$': '$$.Map.Item.Index', 'obj.$': '$.obj', 'flag.$': '$.flag' },
    { 'value.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index' },
  );
  const itemsPath = fc.oneof(
    { weight: 6, arbitrary: fc.constant('$.items') },
    { weight: 1, arbitrary: fc.constantFrom('$', '$.obj', '$.missing') },
  );
  return fc
    .tuple(
      itemsPath,
      fc.oneof({ weight: 3, arbitrary: itemSelector }, { weight: 1, arbitrary: template }, { weight: 1, arbitrary: fc.constant(undefined) }),
      taskResultPath,
      optional({
        ...io,
        MaxConcurrency: fc.integer({ min: 0, max: 50 }),
        ToleratedFailureCount: fc.integer({ min: 0, max: 3 }),
        ToleratedFailurePercentage: fc.integer({ min: 0, max: 100 }),
        ResultSelector: template,
      }),
    )
    .map(([ItemsPath, ItemSelector, r, rest]) => (ItemSelector === undefined ? { ItemsPath, ...r, ...rest } : { ItemsPath, ItemSelector, ...r, ...rest }));
}

/** The `ErrorEquals` lists of a Retry or Catch array; only the last may be `["States.ALL"]`. */
function errorLists(count: number): fc.Arbitrary<string[][]> {
  const named = fc.subarray([...ERROR_NAMES], { minLength: 1, maxLength: 3 });
  return fc
    .tuple(fc.array(named, { minLength: count, maxLength: count }), fc.boolean())
    .map(([lists, catchAll]) => (catchAll ? [...lists.slice(0, -1), ['States.ALL']] : lists));
}

/** A `Retry` array: 1-2 retriers with every field AWS accepts. */
export function retriers(options: StateFieldOptions): fc.Arbitrary<JsonObject[]> {
  const fields = optional({
    IntervalSeconds: fc.integer({ min: 1, max: 30 }),
    MaxAttempts: fc.integer({ min: 0, max: 3 }),
    BackoffRate: fc.constantFrom(1, 1.5, 2, 2.5),
    MaxDelaySeconds: fc.integer({ min: 1, max: 120 }),
    JitterStrategy: options.deterministic ? fc.constant('NONE') : fc.constantFrom('NONE', 'FULL'),
  });
  return fc
    .integer({ min: 1, max: 2 })
    .chain((n) => fc.tuple(errorLists(n), fc.array(fields, { minLength: n, maxLength: n })))
    .map(([lists, rest]) => lists.map((ErrorEquals, i) => ({ ErrorEquals, ...rest[i] })));
}

/**
 * A `Catch` array without the `Next`s (the definition picks forward targets): 1-2 catchers, with
 * a `ResultPath` (JSONPath) or an `Output` (JSONata) now and then.
 */
export function catchers(queryLanguage: 'JSONPath' | 'JSONata' = 'JSONPath'): fc.Arbitrary<JsonObject[]> {
  const fields =
    queryLanguage === 'JSONata'
      ? optional({ Output: fc.constantFrom('{% $states.errorOutput %}', '{% {"input": $states.input, "error": $states.errorOutput} %}') })
      : optional({ ResultPath: resultPath({ fields: ['error', 'a'] }) });
  return fc
    .integer({ min: 1, max: 2 })
    .chain((n) => fc.tuple(errorLists(n), fc.array(fields, { minLength: n, maxLength: n })))
    .map(([lists, rest]) => lists.map((ErrorEquals, i) => ({ ErrorEquals, ...rest[i] })));
}

