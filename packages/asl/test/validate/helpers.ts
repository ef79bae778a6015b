import { validate } from '../../src/validate/index.js';

/** validate() rendered one line per diagnostic, `CODE: message at location`, for snapshots. */
export function problems(definition: unknown, type: 'STANDARD' | 'EXPRESS' = 'STANDARD'): string[] {
  return validate(definition, { type }).map((d) => `${d.code}: ${d.message} at ${d.location === '' ? 'null' : d.location}`);
}

/** A one-state machine around `state`, named `S`. */
export function machine(state: Record<string, unknown>, top: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...top, StartAt: 'S', States: { S: state } };
}
