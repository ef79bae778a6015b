import { TaskError, type Integration, type Integrations, type Json } from '@fogbank/asl';
import { readDefinition } from './definition.js';
import { CliError } from './errors.js';
import { parseJson } from './inputs.js';

/** One answer of a mocked response: the task's result, or its failure. */
type MockAnswer = { readonly Return: Json } | { readonly Throw: { readonly Error: string; readonly Cause?: string } };

/** A test case: state name -> the mocked response's list of answers, by invocation number. */
export type MockedCase = ReadonlyMap<string, { readonly name: string; readonly answers: ReadonlyArray<{ from: number; to: number; answer: MockAnswer }> }>;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a Step Functions Local mock config (`{ StateMachines: { <name>: { TestCases: { <case>:
 * { <state>: <response> } } } }, MockedResponses: { <response>: { "0": { Return }, "1-2":
 * { Throw: { Error, Cause } } } } }`) and picks one test case of one machine. A config with a
 * single machine applies whatever the definition file is called.
 */
export async function loadMockedCase(cwd: string, file: string, testCase: string, machineName: string): Promise<MockedCase> {
  const source = await readDefinition(cwd, file);
  const raw = parseJson(source.text, source.file);
  const fail = (problem: string): never => {
    throw new CliError('FOGBANK_INVALID_CONFIG', `${source.file}: ${problem}`);
  };
  if (!isObj(raw) || !isObj(raw['StateMachines']) || !isObj(raw['MockedResponses'])) fail('a mock config has "StateMachines" and "MockedResponses" objects');
  const machines = (raw as Obj)['StateMachines'] as Obj;
  const responses = (raw as Obj)['MockedResponses'] as Obj;
  const names = Object.keys(machines);
  const machine = machines[machineName] ?? (names.length === 1 ? machines[names[0]!] : undefined);
  if (!isObj(machine)) fail(`no state machine '${machineName}' (the definition's file name) in StateMachines; it has: ${names.join(', ')}`);
  const cases = (machine as Obj)['TestCases'];
  if (!isObj(cases) || !isObj(cases[testCase])) fail(`no test case '${testCase}'; the machine has: ${isObj(cases) ? Object.keys(cases).join(', ') : 'none'}`);
  const out = new Map<string, { name: string; answers: Array<{ from: number; to: number; answer: MockAnswer }> }>();
  for (const [state, responseName] of Object.entries((cases as Obj)[testCase] as Obj)) {
    if (typeof responseName !== 'string' || !isObj(responses[responseName])) fail(`test case '${testCase}' maps state '${state}' to '${String(responseName)}', which is not in MockedResponses`);
    const answers = Object.entries(responses[responseName as string] as Obj).map(([range, answer]) => {
      const match = /^(\d+)(?:-(\d+))?$/.exec(range);
      if (match === null) fail(`MockedResponses.${String(responseName)}: '${range}' is not an invocation number or range like "1-2"`);
      if (!isObj(answer) || (!('Return' in answer) && !isObj(answer['Throw']))) fail(`MockedResponses.${String(responseName)}.${range} needs "Return" or "Throw": { "Error", "Cause" }`);
      return { from: Number(match![1]), to: Number(match![2] ?? match![1]), answer: answer as MockAnswer };
    });
    out.set(state, { name: responseName as string, answers });
  }
  return out;
}

/**
 * Integrations answering the mocked states from the test case, one per Task resource of the
 * definition (exact keys win over the cloud's patterns). Unmocked states with the same resource
 * go to `real(resource)`, the cloud's own integration.
 */
export function mockIntegrations(definition: object, mocked: MockedCase, real: (resource: string) => Integration | undefined): Integrations {
  const resources = new Set<string>();
  for (const [state, resource] of taskResources(definition as Obj)) if (mocked.has(state)) resources.add(resource);
  for (const state of mocked.keys()) {
    if (![...taskResources(definition as Obj)].some(([name]) => name === state)) {
      throw new CliError('FOGBANK_INVALID_CONFIG', `the test case mocks '${state}', which is not a Task state of the definition`);
    }
  }
  const calls = new Map<string, number>();
  const integrations: Record<string, Integration> = {};
  for (const resource of resources) {
    integrations[resource] = (input, context) => {
      const mock = mocked.get(context.stateName);
      if (mock === undefined) {
        const integration = real(resource);
        if (integration === undefined) throw new TaskError('States.Runtime', `fogbank cannot run state '${context.stateName}' unmocked: its resource '${resource}' is mocked for another state and has no direct integration.`);
        return integration(input, context);
      }
      const n = calls.get(context.stateName) ?? 0;
      calls.set(context.stateName, n + 1);
      const entry = mock.answers.find((a) => n >= a.from && n <= a.to);
      if (entry === undefined) throw new TaskError('States.Runtime', `The mocked response '${mock.name}' has no answer for invocation ${n} of state '${context.stateName}'.`);
      if ('Throw' in entry.answer) throw new TaskError(entry.answer.Throw.Error, entry.answer.Throw.Cause);
      return entry.answer.Return;
    };
  }
  return integrations;
}

/** `[state name, Resource]` of every Task state, nested ones included. */
function* taskResources(machine: Obj): Generator<[string, string]> {
  const states = isObj(machine['States']) ? machine['States'] : {};
  for (const [name, state] of Object.entries(states)) {
    if (!isObj(state)) continue;
    if (state['Type'] === 'Task' && typeof state['Resource'] === 'string') yield [name, state['Resource']];
    for (const branch of Array.isArray(state['Branches']) ? state['Branches'] : []) if (isObj(branch)) yield* taskResources(branch);
    const processor = state['ItemProcessor'] ?? state['Iterator'];
    if (isObj(processor)) yield* taskResources(processor);
  }
}
