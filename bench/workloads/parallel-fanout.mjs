// Many small executions of a Parallel state with 4 branches of 10 Pass states each. Measures
// execution start-up, branch scheduling and result merging.

const BRANCHES = 4;
const STEPS = 10;

/** @type {import('./types.mjs').Workload} */
export const parallelFanout = {
  name: 'parallel-fanout',
  title: `Parallel, ${BRANCHES} branches x ${STEPS} Pass states, many executions`,
  sizes: { full: 200, quick: 40, test: 3 },
  unit: 'executions',

  definition: () => ({
    Comment: 'Four branches, each writing ten results into its copy of the input',
    StartAt: 'FanOut',
    States: {
      FanOut: {
        Type: 'Parallel',
        Branches: Array.from({ length: BRANCHES }, (_, b) => branch(b)),
        End: true,
      },
    },
  }),

  transitions: (size) => size * (1 + BRANCHES * STEPS),

  // The same fan-out in JSONata: each Pass merges its value into its copy of the input.
  jsonataDefinition: () => ({
    Comment: 'Four branches, each writing ten results into its copy of the input',
    QueryLanguage: 'JSONata',
    StartAt: 'FanOut',
    States: {
      FanOut: {
        Type: 'Parallel',
        Branches: Array.from({ length: BRANCHES }, (_, b) => jsonataBranch(b)),
        End: true,
      },
    },
  }),
  eventsPerUnit: 0,

  async drive(execute, size) {
    const outputs = [];
    for (let i = 0; i < size; i++) outputs.push(await execute({ orderId: `order-${i}`, amount: i }));
    return outputs;
  },

  handWritten() {
    const step = (b, s) => async (input) => {
      const steps = { ...input.steps, [`s${s}`]: value(b, s) };
      return { ...input, steps };
    };
    const branches = Array.from({ length: BRANCHES }, (_, b) => Array.from({ length: STEPS }, (_, s) => step(b, s)));
    const runBranch = async (steps, input) => {
      let value = input;
      for (const s of steps) value = await s(value);
      return value;
    };
    return async (input) => Promise.all(branches.map((steps) => runBranch(steps, input)));
  },

  // In place: one copy of the input per branch, its ten results written into it. With copies:
  // every Pass state's output a value of its own, as a Standard history keeps them.
  floor(_size, { copies }) {
    const keys = Array.from({ length: STEPS }, (_, s) => `s${s}`);
    if (copies) {
      return (input) => {
        const outputs = [];
        for (let b = 0; b < BRANCHES; b++) {
          let state = input;
          for (let s = 0; s < STEPS; s++) {
            const steps = { ...state.steps };
            steps[keys[s]] = value(b, s);
            state = { ...state, steps };
          }
          outputs.push(state);
        }
        return outputs;
      };
    }
    return (input) => {
      const outputs = [];
      for (let b = 0; b < BRANCHES; b++) {
        const steps = { ...input.steps };
        for (let s = 0; s < STEPS; s++) steps[keys[s]] = value(b, s);
        outputs.push({ ...input, steps });
      }
      return outputs;
    };
  },
};

function jsonataBranch(b) {
  const states = {};
  for (let s = 0; s < STEPS; s++) {
    const last = s === STEPS - 1;
    states[`B${b}S${s}`] = {
      Type: 'Pass',
      Output: `{% $merge([$states.input, {'steps': $merge([$exists($states.input.steps) ? $states.input.steps : {}, {'s${s}': ${value(b, s)}}])}]) %}`,
      ...(last ? { End: true } : { Next: `B${b}S${s + 1}` }),
    };
  }
  return { StartAt: `B${b}S0`, States: states };
}

function branch(b) {
  const states = {};
  for (let s = 0; s < STEPS; s++) {
    const last = s === STEPS - 1;
    states[`B${b}S${s}`] = {
      Type: 'Pass',
      Result: value(b, s),
      ResultPath: `$.steps.s${s}`,
      ...(last ? { End: true } : { Next: `B${b}S${s + 1}` }),
    };
  }
  return { StartAt: `B${b}S0`, States: states };
}

// Never 0: aws-local-stepfunctions ignores a falsy `Result` (it passes the input through), which
// would make its output differ for a reason that is not what this workload measures.
function value(b, s) {
  return b * 100 + s + 1;
}
