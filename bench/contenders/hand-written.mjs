// The same workflows written by hand as async JavaScript: the floor an interpreter is measured
// against. Each state is an awaited async function, as a hand-written async workflow would be.

/** @type {import('../workloads/types.mjs').Contender} */
export const handWritten = {
  name: 'hand-written',
  async prepare(workload, size) {
    return { execute: workload.handWritten(size) };
  },
};
