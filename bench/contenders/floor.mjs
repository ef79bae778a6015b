// What no engine can beat: each workload's decisions and writes as synchronous JavaScript, with no
// promise per state. Two of them:
// - `sync floor` writes results in place (no copies): the bound for any engine;
// - `sync copies` makes every state's output a value of its own, as a Standard execution must,
//   since its history keeps each state's input and output: the bound for Standard.

/**
 * @param {boolean} copies
 * @returns {import('../workloads/types.mjs').Contender}
 */
function floor(copies) {
  return {
    name: copies ? 'sync copies' : 'sync floor',
    async prepare(workload, size) {
      return { execute: workload.floor(size, { copies }) };
    },
  };
}

export const syncFloor = floor(false);
export const syncCopies = floor(true);
