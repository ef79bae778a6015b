// A Choice state with 21 rules evaluated once per loop iteration. The first rules never match
// (string, presence, boolean), then 17 range rules route $.i to a bucket, the Default takes the
// rest. Each bucket Pass state adds its weight to $.sum, so a wrong route changes the output.

const BUCKETS = 17;

/** @type {import('./types.mjs').Workload} */
export const choiceRouter = {
  name: 'choice-router',
  title: '21-rule Choice evaluated in a loop',
  sizes: { full: 1_000, quick: 200, test: 40 },
  unit: 'evaluations',

  definition: (size) => {
    const width = Math.max(1, Math.ceil(size / (BUCKETS + 1)));
    const range = (b) => [b * width, (b + 1) * width];
    const choices = [
      { Variable: '$.i', NumericGreaterThanEqualsPath: '$.n', Next: 'Done' },
      { Variable: '$.mode', StringEquals: 'debug', Next: 'Bucket0' },
      { Variable: '$.missing', IsPresent: true, Next: 'Bucket1' },
      { And: [{ Variable: '$.flag', BooleanEquals: true }, { Variable: '$.mode', StringMatches: 'r*n' }], Next: 'Bucket2' },
      ...Array.from({ length: BUCKETS }, (_, b) => ({
        And: [
          { Variable: '$.i', NumericGreaterThanEquals: range(b)[0] },
          { Variable: '$.i', NumericLessThan: range(b)[1] },
        ],
        Next: `Bucket${b}`,
      })),
    ];
    const states = { Route: { Type: 'Choice', Choices: choices, Default: 'BucketDefault' } };
    for (let b = 0; b <= BUCKETS; b++) {
      const name = b === BUCKETS ? 'BucketDefault' : `Bucket${b}`;
      states[name] = {
        Type: 'Pass',
        Parameters: {
          'i.$': 'States.MathAdd($.i, 1)',
          'n.$': '$.n',
          'sum.$': `States.MathAdd($.sum, ${weight(b)})`,
          'mode.$': '$.mode',
          'flag.$': '$.flag',
        },
        Next: 'Route',
      };
    }
    states.Done = { Type: 'Succeed' };
    return { Comment: 'Routes $.i through 21 rules', StartAt: 'Route', States: states };
  },

  transitions: (size) => 2 * size + 2,

  // The same router in JSONata: 21 Conditions, and Outputs that add each bucket's weight.
  jsonataDefinition: (size) => {
    const width = Math.max(1, Math.ceil(size / (BUCKETS + 1)));
    const choices = [
      { Condition: '{% $states.input.i >= $states.input.n %}', Next: 'Done' },
      { Condition: "{% $states.input.mode = 'debug' %}", Next: 'Bucket0' },
      { Condition: '{% $exists($states.input.missing) %}', Next: 'Bucket1' },
      { Condition: '{% $states.input.flag = true and $contains($states.input.mode, /^r.*n$/) %}', Next: 'Bucket2' },
      ...Array.from({ length: BUCKETS }, (_, b) => ({
        Condition: `{% $states.input.i >= ${b * width} and $states.input.i < ${(b + 1) * width} %}`,
        Next: `Bucket${b}`,
      })),
    ];
    const states = { Route: { Type: 'Choice', Choices: choices, Default: 'BucketDefault' } };
    for (let b = 0; b <= BUCKETS; b++) {
      const name = b === BUCKETS ? 'BucketDefault' : `Bucket${b}`;
      states[name] = {
        Type: 'Pass',
        Output: {
          i: '{% $states.input.i + 1 %}',
          n: '{% $states.input.n %}',
          sum: `{% $states.input.sum + ${weight(b)} %}`,
          mode: '{% $states.input.mode %}',
          flag: '{% $states.input.flag %}',
        },
        Next: 'Route',
      };
    }
    states.Done = { Type: 'Succeed' };
    return { Comment: 'Routes $states.input.i through 21 rules', QueryLanguage: 'JSONata', StartAt: 'Route', States: states };
  },
  eventsPerUnit: 4,

  async drive(execute, size, { unitsPerExecution = Infinity } = {}) {
    // Chunked for Standard like counter-loop.mjs: continue from the last output.
    let state = { i: 0, n: size, sum: 0, mode: 'run', flag: false };
    do {
      const output = await execute({ ...state, n: Math.min(size, state.i + unitsPerExecution) });
      state = { ...output, n: size };
    } while (state.i < size);
    return state;
  },

  handWritten(size) {
    const width = Math.max(1, Math.ceil(size / (BUCKETS + 1)));
    // One rule per entry, checked in order, as the Choice state does; -1 means Done.
    const rules = [
      (s) => (typeof s.i === 'number' && s.i >= s.n ? -1 : undefined),
      (s) => (s.mode === 'debug' ? 0 : undefined),
      (s) => ('missing' in s ? 1 : undefined),
      (s) => (s.flag === true && /^r.*n$/.test(s.mode) ? 2 : undefined),
      ...Array.from({ length: BUCKETS }, (_, b) => (s) => (s.i >= b * width && s.i < (b + 1) * width ? b : undefined)),
    ];
    const route = async (s) => {
      for (const rule of rules) {
        const target = rule(s);
        if (target !== undefined) return target;
      }
      return BUCKETS;
    };
    const bucket = async (s, b) => ({
      i: mathAdd(s.i, 1),
      n: s.n,
      sum: mathAdd(s.sum, weight(b)),
      mode: s.mode,
      flag: s.flag,
    });
    return async (input) => {
      let s = input;
      for (;;) {
        const target = await route(s);
        if (target === -1) return s;
        s = await bucket(s, target);
      }
    };
  },

  // The same rules in the same order, as plain comparisons; one object updated in place, or a new
  // one per bucket with copies.
  floor(size, { copies }) {
    const width = Math.max(1, Math.ceil(size / (BUCKETS + 1)));
    return (input) => {
      let s = { ...input };
      for (;;) {
        if (typeof s.i === 'number' && s.i >= s.n) return s;
        if (copies) s = { ...s };
        let b = BUCKETS;
        if (s.mode === 'debug') b = 0;
        else if ('missing' in s) b = 1;
        else if (s.flag === true && /^r.*n$/.test(s.mode)) b = 2;
        else for (let r = 0; r < BUCKETS; r++) if (s.i >= r * width && s.i < (r + 1) * width) {
          b = r;
          break;
        }
        s.i = mathAdd(s.i, 1);
        s.sum = mathAdd(s.sum, weight(b));
      }
    };
  },
};

function weight(bucket) {
  return bucket === BUCKETS ? 100 : bucket + 1;
}

function mathAdd(a, b) {
  return Math.round(a) + Math.round(b);
}
