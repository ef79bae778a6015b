import { StateMachine, virtualClock, type Integrations, type StateMachineOptions } from '@fogbank/asl';

export const START = Date.parse('2025-01-01T00:00:00Z');

/** Compiles `definition` on a fresh virtual clock with deterministic ids. */
export function machine(definition: object, options: StateMachineOptions & { integrations?: Integrations } = {}) {
  let id = 0;
  const clock = options.clock ?? virtualClock(START);
  const compiled = StateMachine.from(definition, {
    name: 'test',
    accountId: '111111111111',
    clock,
    ids: () => `id-${++id}`,
    ...options,
  });
  return { machine: compiled, clock };
}

/** Runs `definition` once and returns the execution's result and history. */
export async function run(definition: object, input: unknown = {}, options: StateMachineOptions = {}) {
  const { machine: compiled, clock } = machine(definition, options);
  const execution = compiled.start(input, { name: 'run' });
  const result = await execution.result;
  return { result, history: execution.history, clock, execution };
}

/** `id <- previous type` lines: compact and readable in inline snapshots. */
export function outline(history: readonly { id: number; previousEventId: number; type: string }[]): string[] {
  return history.map((e) => `${e.id} <- ${e.previousEventId} ${e.type}`);
}

export const pass = (extra: object = {}) => ({ Type: 'Pass', End: true, ...extra });
export const single = (state: object) => ({ StartAt: 'S', States: { S: state } });
