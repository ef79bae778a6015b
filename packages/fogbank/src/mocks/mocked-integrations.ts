/**
 * Mocked and real integrations in one execution: a Task whose state the execution's test case
 * mocks answers with the mocked response for its invocation number (retries and Map iterations
 * count up), every other Task calls its real integration.
 */
import { TaskError, type Integration, type Integrations, type TaskContext } from '@fogbank/asl';
import { invocationAt, type MockedInvocation, type ResolvedMockConfig } from './mock-config.js';

type Ranges = NonNullable<ReturnType<ResolvedMockConfig['testCase']>>;

interface MockRun {
  readonly states: Ranges;
  readonly counts: Map<string, number>;
  readonly testCase: string;
}

/** The test case each running execution uses, by state machine and execution name. */
export class MockRuns {
  readonly #runs = new Map<string, MockRun>();

  start(machine: string, execution: string, testCase: string, states: Ranges): () => void {
    const key = `${machine}\u0000${execution}`;
    this.#runs.set(key, { states, counts: new Map(), testCase });
    return () => this.#runs.delete(key);
  }

  /** The mocked answer for this call, counting it, or `undefined` when the state is not mocked. */
  next(ctx: TaskContext): { invocation: MockedInvocation | undefined; number: number; testCase: string } | undefined {
    const execution = ctx.context['Execution'];
    const machine = ctx.context['StateMachine'];
    const executionName = isRecord(execution) ? execution['Name'] : undefined;
    const machineName = isRecord(machine) ? machine['Name'] : undefined;
    const run = this.#runs.get(`${String(machineName)}\u0000${String(executionName)}`);
    const ranges = run?.states.get(ctx.stateName);
    if (run === undefined || ranges === undefined) return undefined;
    const number = run.counts.get(ctx.stateName) ?? 0;
    run.counts.set(ctx.stateName, number + 1);
    return { invocation: invocationAt(ranges, number), number, testCase: run.testCase };
  }
}

/**
 * Wraps every integration so mocked states answer from the mock, and adds a last-resort `*`
 * entry so a resource fogbank does not serve can be mocked too.
 */
export function withMocks(integrations: Integrations, runs: MockRuns): Integrations {
  const out: Record<string, Integration> = {};
  const mocked =
    (real: Integration | undefined): Integration =>
    async (input, ctx) => {
      const mock = runs.next(ctx);
      if (mock === undefined) {
        if (real === undefined) {
          throw new TaskError('States.Runtime', `fogbank has no integration for the resource '${ctx.resource}' of state '${ctx.stateName}', and the test case does not mock it.`);
        }
        return real(input, ctx);
      }
      const answer = mock.invocation;
      if (answer === undefined) {
        throw new TaskError(
          'States.Runtime',
          `The mocked response of state '${ctx.stateName}' in test case '${mock.testCase}' has no entry for invocation ${mock.number}.`,
        );
      }
      if ('Throw' in answer) throw new TaskError(answer.Throw.Error, answer.Throw.Cause);
      return answer.Return;
    };
  for (const [pattern, integration] of Object.entries(integrations)) out[pattern] = mocked(integration);
  out['*'] = mocked(undefined);
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
