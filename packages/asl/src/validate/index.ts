import type { Diagnostic } from '../errors.js';
import { Diagnostics } from './diagnostics.js';
import { checkGraph } from './graph.js';
import { walkDefinition } from './machine.js';
import { parseDefinition } from './parse-definition.js';

/** Options of {@link validate}. */
export interface ValidateOptions {
  /**
   * The state machine type. Express machines also reject activities, `.sync` and
   * `.waitForTaskToken` resources.
   * @default 'STANDARD'
   */
  readonly type?: 'STANDARD' | 'EXPRESS';
}

/**
 * Checks a definition as CreateStateMachine and ValidateStateMachineDefinition do, and returns
 * every problem at once with AWS's codes, messages and locations (`[]` when it is valid).
 * Locations are written as AWS writes them (`/States/C/Choices[0]/Next`); a diagnostic AWS
 * reports without a location (`MISSING_END_STATE`, a blank definition) has `location: ''`.
 *
 * @param definition JSON text or an already parsed object.
 * @example
 * validate({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } });
 * // [{ severity: 'ERROR', code: 'MISSING_TRANSITION_TARGET', message: "Missing 'Next' target: B", location: '/States/A/Next' },
 * //  { severity: 'ERROR', code: 'MISSING_END_STATE', message: 'Workflow has no terminal state', location: '' }]
 */
export function validate(definition: unknown, options: ValidateOptions = {}): Diagnostic[] {
  const out = new Diagnostics();
  const machine = parseDefinition(definition, out);
  if (machine === undefined) return out.list;
  const machines = walkDefinition(machine, options.type === 'EXPRESS', out);
  checkGraph(machines, out);
  return out.list;
}
