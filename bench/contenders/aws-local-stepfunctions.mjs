// aws-local-stepfunctions (npm), the fastest existing local ASL interpreter we know of.
// 3.0.0 is the only published version; it declares node >=22 but the parts these workloads use
// run on Node 20 (only its Task state needs Promise.withResolvers, a Node 22 API).
import { StateMachine } from 'aws-local-stepfunctions';

/** @type {import('../workloads/types.mjs').Contender} */
export const awsLocalStepFunctions = {
  name: 'aws-local-stepfunctions',
  async prepare(workload, size) {
    const machine = new StateMachine(workload.definition(size), {
      validationOptions: { checkPaths: true, checkArn: true },
    });
    return { execute: (input) => machine.run(input).result };
  },
};
