// fogbank's engine, from the BUILT package (run `tsc -b` first), as EXPRESS (no history) and as
// STANDARD (full history, 25,000-event cap).
import { StateMachine } from '@fogbank/asl';

const HISTORY_CAP = 25_000;

/**
 * @param {'EXPRESS' | 'STANDARD'} type
 * @param {'JSONPath' | 'JSONata'} [language] which twin of the workload to run
 * @returns {import('../workloads/types.mjs').Contender}
 */
function fogbank(type, language = 'JSONPath') {
  return {
    name: `fogbank ${type.toLowerCase()}${language === 'JSONata' ? ' jsonata' : ''}`,
    async prepare(workload, size) {
      const definition = language === 'JSONata' ? workload.jsonataDefinition(size) : workload.definition(size);
      const machine = StateMachine.from(definition, {
        type,
        name: `bench-${workload.name}`,
        region: 'us-east-1',
        accountId: '123456789012',
      });
      const execute = async (input) => {
        const result = await machine.start(input).result;
        if (result.status !== 'SUCCEEDED') {
          throw new Error(`fogbank ${type} ${workload.name}: ${result.status} ${result.error}: ${result.cause}`);
        }
        return result.output;
      };
      // A Standard execution keeps every event; long workloads continue in new executions
      // before AWS's cap would fail them (20% headroom for the start and end events).
      const options =
        type === 'STANDARD' && workload.eventsPerUnit > 0
          ? { unitsPerExecution: Math.floor((HISTORY_CAP * 0.8) / workload.eventsPerUnit) }
          : {};
      return { execute, options };
    },
  };
}

export const fogbankExpress = fogbank('EXPRESS');
export const fogbankStandard = fogbank('STANDARD');
export const fogbankExpressJsonata = fogbank('EXPRESS', 'JSONata');
export const fogbankStandardJsonata = fogbank('STANDARD', 'JSONata');
