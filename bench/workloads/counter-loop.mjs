// A Pass/Choice loop: a Pass state adds 1 with States.MathAdd, a Choice state loops until the
// count reaches the limit. Two transitions per iteration; it measures the bare cost of a state.

/** @type {import('./types.mjs').Workload} */
export const counterLoop = {
  name: 'counter-loop',
  title: 'Pass/Choice counter loop (States.MathAdd)',
  sizes: { full: 10_000, quick: 1_000, test: 25 },
  unit: 'iterations',

  definition: () => ({
    Comment: 'Counts from $.count up to $.limit',
    StartAt: 'Increment',
    States: {
      Increment: {
        Type: 'Pass',
        Parameters: { 'count.$': 'States.MathAdd($.count, 1)', 'limit.$': '$.limit' },
        Next: 'Check',
      },
      Check: {
        Type: 'Choice',
        Choices: [{ Variable: '$.count', NumericLessThanPath: '$.limit', Next: 'Increment' }],
        Default: 'Done',
      },
      Done: { Type: 'Succeed' },
    },
  }),

  transitions: (size) => 2 * size + 1,

  // The same loop in JSONata: Output builds the next state, Condition tests it.
  jsonataDefinition: () => ({
    Comment: 'Counts from $states.input.count up to $states.input.limit',
    QueryLanguage: 'JSONata',
    StartAt: 'Increment',
    States: {
      Increment: {
        Type: 'Pass',
        Output: { count: '{% $states.input.count + 1 %}', limit: '{% $states.input.limit %}' },
        Next: 'Check',
      },
      Check: {
        Type: 'Choice',
        Choices: [{ Condition: '{% $states.input.count < $states.input.limit %}', Next: 'Increment' }],
        Default: 'Done',
      },
      Done: { Type: 'Succeed' },
    },
  }),

  // Standard history: Pass and Choice each record Entered + Exited.
  eventsPerUnit: 4,

  async drive(execute, size, { unitsPerExecution = Infinity } = {}) {
    // Under the 25,000-event cap a Standard execution cannot run 10,000 iterations (AWS fails it
    // with States.Runtime), so it continues in a fresh execution from the last output, the way
    // AWS users split long loops. The final output is the same.
    let state = { count: 0, limit: size };
    do {
      const limit = Math.min(size, state.count + unitsPerExecution);
      const output = await execute({ count: state.count, limit });
      state = { count: output.count, limit: size };
    } while (state.count < size);
    return state;
  },

  handWritten() {
    const increment = async (s) => ({ count: mathAdd(s.count, 1), limit: s.limit });
    const check = async (s) => s.count < s.limit;
    return async (input) => {
      let s = input;
      do s = await increment(s);
      while (await check(s));
      return s;
    };
  },

  floor(_size, { copies }) {
    if (copies) {
      return (input) => {
        let s = input;
        do s = { count: mathAdd(s.count, 1), limit: s.limit };
        while (s.count < s.limit);
        return s;
      };
    }
    return (input) => {
      let count = input.count;
      do count = mathAdd(count, 1);
      while (count < input.limit);
      return { count, limit: input.limit };
    };
  },
};

/** States.MathAdd: each argument rounded (Java Math.round, which matches JS Math.round). */
export function mathAdd(a, b) {
  return Math.round(a) + Math.round(b);
}
