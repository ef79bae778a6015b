import fc from 'fast-check';
import type { JsonObject } from '../json.js';
import { choiceRule } from './choice-rules.js';
import {
  catchers,
  failFields,
  mapFields,
  parallelFields,
  passFields,
  retriers,
  succeedFields,
  taskFields,
  waitFields,
  type StateFieldOptions,
} from './states.js';
import {
  jsonataCondition,
  jsonataFailFields,
  jsonataMapFields,
  jsonataParallelFields,
  jsonataPassFields,
  jsonataSucceedFields,
  jsonataTaskFields,
  jsonataWaitFields,
} from './jsonata.js';
import { TASK_RESOURCES } from './vocabulary.js';

/** The eight state types. */
export type StateType = 'Pass' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map' | 'Task';

/** The eight state types, the default of `DefinitionOptions.stateTypes`. */
export const STATE_TYPES: readonly StateType[] = ['Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map', 'Task'];

/** Options of {@link definition}. Every field is optional. */
export interface DefinitionOptions {
  /**
   * The state types to draw from (a machine always ends with one that can end it).
   * @default all eight
   */
  readonly stateTypes?: readonly StateType[];
  /**
   * Most states in one machine (the top level, each branch, each item processor).
   * @default 5
   */
  readonly maxStates?: number;
  /**
   * How deep Parallel branches and Map processors nest.
   * @default 2
   */
  readonly maxDepth?: number;
  /**
   * Add `Retry` to Task, Parallel and Map states.
   * @default true
   */
  readonly retry?: boolean;
  /**
   * Add `Catch` to Task, Parallel and Map states.
   * @default true
   */
  readonly catch?: boolean;
  /**
   * Task `Resource`s; pair with {@link integrations} to run them.
   * @default TASK_RESOURCES (three Lambda function ARNs)
   */
  readonly resources?: readonly string[];
  /**
   * Longest Wait in seconds. Keep it small unless the machine runs on a virtual clock.
   * @default 604800 (a week)
   */
  readonly maxWaitSeconds?: number;
  /**
   * The query language of the whole machine: JSONPath fields (`InputPath`, `Parameters`,
   * `ResultPath`, Choice `Variable` rules, ...) or JSONata ones (`Arguments`, `Output`,
   * `Condition`, `Items`, `{% %}` expressions).
   * @default 'JSONPath'
   */
  readonly queryLanguage?: 'JSONPath' | 'JSONata';
  /**
   * Only features whose outcome is the same on every run: no `States.UUID()`, no unseeded
   * `States.MathRandom`, no `JitterStrategy: FULL`.
   * @default true
   */
  readonly deterministic?: boolean;
}

/** A state before names are known: transitions are offsets to later states of its machine. */
interface StatePlan {
  readonly type: StateType;
  readonly fields: JsonObject;
  readonly rules?: readonly { rule: JsonObject; jump: number }[];
  readonly withDefault?: boolean;
  readonly retry?: readonly JsonObject[];
  readonly catchers?: readonly { catcher: JsonObject; jump: number }[];
  readonly branches?: readonly MachinePlan[];
  readonly processor?: MachinePlan;
}
type MachinePlan = readonly StatePlan[];

const ENDING: readonly StateType[] = ['Pass', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map', 'Task'];
const CONTINUING: readonly StateType[] = ['Pass', 'Choice', 'Wait', 'Parallel', 'Map', 'Task'];

/**
 * A valid JSONPath state machine definition (it passes `validate()` for STANDARD and EXPRESS):
 * states of the requested types with valid fields, unique names across nested machines, every
 * state reachable, every machine ending. Transitions only go forward (every state goes on to the
 * next one; Choice rules, `Default` and `Catch` may skip ahead), so every execution ends: there
 * are no loops to run forever, only Retry back-off and Waits, which a virtual clock makes
 * instant. Shrinks towards fewer, simpler states.
 *
 * @example
 * fc.assert(fc.asyncProperty(definition({ stateTypes: ['Pass', 'Choice', 'Succeed'] }), executionInput(),
 *   async (def, input) => { await StateMachine.from(def).start(input).result; }));
 */
export function definition(options: DefinitionOptions = {}): fc.Arbitrary<JsonObject> {
  const types = options.stateTypes ?? STATE_TYPES;
  const maxStates = options.maxStates ?? 5;
  const maxDepth = options.maxDepth ?? 2;
  const settings: StateFieldOptions = {
    deterministic: options.deterministic ?? true,
    resources: options.resources ?? TASK_RESOURCES,
    maxWaitSeconds: options.maxWaitSeconds ?? 7 * 24 * 3600,
  };
  if (!types.some((t) => ENDING.includes(t))) {
    throw new Error(`definition(): stateTypes [${types.join(', ')}] has no state that can end a machine; add one of ${ENDING.join(', ')}`);
  }
  if (settings.resources.length === 0 && types.includes('Task')) {
    throw new Error('definition(): Task states need at least one entry in resources');
  }

  const machine = (depth: number): fc.Arbitrary<MachinePlan> => {
    const allowed = (list: readonly StateType[]) => list.filter((t) => types.includes(t) && (depth < maxDepth || (t !== 'Parallel' && t !== 'Map')));
    const ending = allowed(ENDING);
    const continuing = allowed(CONTINUING);
    // At the deepest level only Parallel/Map may have been asked for: fall back to Pass.
    const last = fc.oneof(...(ending.length > 0 ? ending : ['Pass' as const]).map((t) => state(t, depth)));
    const middle = continuing.length === 0 ? fc.constant([]) : fc.array(fc.oneof(...continuing.map((t) => state(t, depth))), { maxLength: maxStates - 1 });
    return fc.tuple(middle, last).map(([m, l]) => [...m, l]);
  };

  const jsonata = options.queryLanguage === 'JSONata';
  const fields = {
    Pass: jsonata ? jsonataPassFields() : passFields(settings),
    Wait: jsonata ? jsonataWaitFields(settings) : waitFields(settings),
    Succeed: jsonata ? jsonataSucceedFields() : succeedFields(),
    Fail: jsonata ? jsonataFailFields() : failFields(),
    Choice: jsonata ? jsonataSucceedFields() : succeedFields(),
    Task: jsonata ? jsonataTaskFields(settings) : taskFields(settings),
    Parallel: jsonata ? jsonataParallelFields() : parallelFields(settings),
    Map: jsonata ? jsonataMapFields() : mapFields(settings),
  };
  const rule = jsonata ? jsonataCondition() : choiceRule();

  const jump = fc.nat({ max: 1000 });
  const errorHandling = fc.record(
    {
      retry: options.retry === false ? fc.constant(undefined) : retriers(settings),
      catchers: options.catch === false ? fc.constant(undefined) : catchers(jsonata ? 'JSONata' : 'JSONPath').chain((cs) => fc.tuple(...cs.map((c) => jump.map((j) => ({ catcher: c, jump: j }))))),
    },
    { requiredKeys: [] },
  );

  const state = (type: StateType, depth: number): fc.Arbitrary<StatePlan> => {
    switch (type) {
      case 'Pass':
      case 'Wait':
      case 'Succeed':
      case 'Fail':
        return fields[type].map((f) => ({ type, fields: f }));
      case 'Choice':
        return fc
          .tuple(fc.array(fc.tuple(rule, jump), { minLength: 1, maxLength: 3 }), fc.boolean(), fields.Choice)
          .map(([rules, withDefault, f]) => ({ type, fields: f, withDefault, rules: rules.map(([r, j]) => ({ rule: r, jump: j })) }));
      case 'Task':
        return fc.tuple(fields.Task, errorHandling).map(([f, eh]) => ({ type, fields: f, ...eh }));
      case 'Parallel':
        return fc
          .tuple(fields.Parallel, errorHandling, fc.array(machine(depth + 1), { minLength: 1, maxLength: 3 }))
          .map(([fields, eh, branches]) => ({ type, fields, ...eh, branches }));
      case 'Map':
        return fc
          .tuple(fields.Map, errorHandling, machine(depth + 1))
          .map(([fields, eh, processor]) => ({ type, fields, ...eh, processor }));
      default:
        return type satisfies never;
    }
  };

  return machine(0).map((plan) => {
    const rendered = render(plan, { next: 0 });
    return jsonata ? { QueryLanguage: 'JSONata', ...rendered } : rendered;
  });
}

/** Turns a plan into ASL, naming states `<Type><n>` with one counter for the whole definition. */
function render(plan: MachinePlan, counter: { next: number }): JsonObject {
  const names = plan.map((s) => `${s.type}${counter.next++}`);
  const states: JsonObject = {};
  plan.forEach((s, i) => {
    const lastIndex = plan.length - 1;
    // Forward targets only: state i may go to any of i+1 .. last.
    const target = (j: number) => names[i + 1 + (j % (lastIndex - i))]!;
    const out: JsonObject = { Type: s.type, ...s.fields };
    if (s.type === 'Choice') {
      // Reachability: the next state is always a target (the Default, or the first rule).
      out.Choices = s.rules!.map((r, k) => ({ ...r.rule, Next: k === 0 && !s.withDefault ? names[i + 1]! : target(r.jump) }));
      if (s.withDefault) out.Default = names[i + 1]!;
    } else if (s.type !== 'Succeed' && s.type !== 'Fail') {
      if (i === lastIndex) out.End = true;
      else out.Next = names[i + 1]!;
    }
    if (s.branches !== undefined) out.Branches = s.branches.map((b) => render(b, counter));
    if (s.processor !== undefined) out.ItemProcessor = { ProcessorConfig: { Mode: 'INLINE' }, ...render(s.processor, counter) };
    if (s.retry !== undefined) out.Retry = [...s.retry];
    // The last state has nowhere forward to catch to.
    if (s.catchers !== undefined && i < lastIndex) out.Catch = s.catchers.map((c) => ({ ...c.catcher, Next: target(c.jump) }));
    states[names[i]!] = out;
  });
  return { StartAt: names[0]!, States: states };
}
