import { StatesError, StatesErrorName } from '../errors.js';
import type { JsonObject } from '../json.js';
import type { Scope } from './runtime.js';

/**
 * Storing what a state assigns, within AWS's workflow-variable quotas (Step Functions docs,
 * "Workflow variables"): 256 KiB per variable, 256 KiB per `Assign`, 10 MiB of variables per
 * execution, each measured as the UTF-8 bytes of the value's JSON. The values are serialised
 * once, here, for the quotas and for the `assignedVariables` of the `*StateExited` event alike.
 */

export const MAX_VARIABLE_BYTES = 262_144;
export const MAX_ASSIGN_BYTES = 262_144;
export const MAX_EXECUTION_VARIABLE_BYTES = 10_485_760;

/** What a state assigns, measured: each value as JSON text (AWS's `assignedVariables`) and its size. */
export interface MeasuredAssignment {
  readonly values: JsonObject;
  readonly texts: Record<string, string>;
  readonly bytes: ReadonlyMap<string, number>;
}

/** Bytes held by each scope's own variables, kept beside the scope (which stays a plain lookup). */
interface Usage {
  total: number;
  readonly bytes: Map<string, number>;
}
const usage = new WeakMap<Scope, Usage>();

function usageOf(scope: Scope): Usage {
  let u = usage.get(scope);
  if (u === undefined) {
    u = { total: 0, bytes: new Map() };
    usage.set(scope, u);
  }
  return u;
}

/**
 * Bytes of the variables visible from `scope`: its own and its enclosing scopes'. Sibling
 * branches and iterations running at the same time are not counted (an undercount that never
 * fails a run AWS would let pass).
 */
export function variableBytes(scope: Scope): number {
  let total = 0;
  for (let s: Scope | null = scope; s !== null; s = s.parent) total += usage.get(s)?.total ?? 0;
  return total;
}

/**
 * Serialises and measures what `stateName` assigns into `scope`.
 * @throws StatesError `States.DataLimitExceeded` when a quota would be exceeded (the cause's
 *   wording is fogbank's: AWS's text for these quotas is not recorded).
 */
export function measureAssignment(stateName: string, values: JsonObject, scope: Scope): MeasuredAssignment {
  const texts: Record<string, string> = {};
  const bytes = new Map<string, number>();
  let sum = 0;
  let growth = 0;
  const own = usage.get(scope);
  for (const name of Object.keys(values)) {
    const text = JSON.stringify(values[name]);
    const size = Buffer.byteLength(text, 'utf8');
    if (size > MAX_VARIABLE_BYTES) throw limitError(`The state '${stateName}' assigned the variable '${name}' a value with a size exceeding the maximum number of bytes service limit.`);
    texts[name] = text;
    bytes.set(name, size);
    sum += size;
    growth += size - (own?.bytes.get(name) ?? 0);
  }
  if (sum > MAX_ASSIGN_BYTES) throw limitError(`The state '${stateName}' assigned variables with a total size exceeding the maximum number of bytes service limit.`);
  if (variableBytes(scope) + growth > MAX_EXECUTION_VARIABLE_BYTES) {
    throw limitError(`The state '${stateName}' assigned variables that bring the execution's variables to a size exceeding the maximum number of bytes service limit.`);
  }
  return { values, texts, bytes };
}

/** Applies a measured assignment to `scope` (on the state's exit). */
export function storeAssignment(scope: Scope, assignment: MeasuredAssignment): void {
  scope.assign(assignment.values);
  const u = usageOf(scope);
  for (const [name, size] of assignment.bytes) {
    u.total += size - (u.bytes.get(name) ?? 0);
    u.bytes.set(name, size);
  }
}

function limitError(cause: string): StatesError {
  return new StatesError(StatesErrorName.DataLimitExceeded, cause);
}
