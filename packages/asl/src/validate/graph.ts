import { isJsonObject, type Json, type JsonObject } from '../json.js';
import { type Diagnostics, DUPLICATE_STATE_NAME, field, item, MISSING_END_STATE, MISSING_TRANSITION_TARGET, NO_LOCATION } from './diagnostics.js';
import type { Machine } from './machine.js';

/**
 * The checks over the state graph, in AWS's order: state names unique across the whole
 * definition; every transition target (`StartAt`, `Next`, `Default`, `Choices[i].Next`,
 * `Catch[i].Next`) names a state of the same machine (`Missing 'Next' target: X`, whatever the
 * field); the top-level machine has a terminal state (`Workflow has no terminal state`, no
 * location), and, when it does, every state is reachable from `StartAt` by following the
 * transitions (`State "X" is not reachable.`). Nested machines need no terminal state of their
 * own (AWS accepts a branch that loops forever).
 */
export function checkGraph(machines: readonly Machine[], out: Diagnostics): void {
  const seen = new Set<string>();
  for (const machine of machines) {
    if (machine.states === undefined) continue;
    for (const name of Object.keys(machine.states)) {
      if (seen.has(name)) out.error(DUPLICATE_STATE_NAME, `Duplicate State name: ${name}`, stateLocation(machine, name));
      seen.add(name);
    }
  }

  const unreachable: Array<{ name: string; location: string }> = [];
  let terminal = true;
  for (const machine of machines) {
    const states = machine.states;
    if (states === undefined) continue;
    const startAt = machine.startAt;
    if (typeof startAt === 'string' && !Object.hasOwn(states, startAt)) missing(startAt, field(machine.location, 'StartAt'), out);
    const edges = new Map<string, string[]>();
    for (const [name, state] of Object.entries(states)) {
      const targets: string[] = [];
      for (const [target, location] of transitions(state, stateLocation(machine, name))) {
        if (Object.hasOwn(states, target)) targets.push(target);
        else missing(target, location, out);
      }
      edges.set(name, targets);
    }
    if (machine.topLevel && !Object.values(states).some(isTerminal)) terminal = false;
    if (typeof startAt !== 'string') continue;
    const reached = new Set<string>();
    const queue = Object.hasOwn(states, startAt) ? [startAt] : [];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      if (reached.has(next)) continue;
      reached.add(next);
      queue.push(...(edges.get(next) ?? []));
    }
    for (const name of Object.keys(states)) {
      if (!reached.has(name)) unreachable.push({ name, location: stateLocation(machine, name) });
    }
  }
  if (!terminal) {
    out.error(MISSING_END_STATE, 'Workflow has no terminal state', NO_LOCATION);
    return;
  }
  for (const { name, location } of unreachable) {
    out.error(MISSING_TRANSITION_TARGET, `State "${name}" is not reachable.`, location);
  }
}

function missing(target: string, location: string, out: Diagnostics): void {
  out.error(MISSING_TRANSITION_TARGET, `Missing 'Next' target: ${target}`, location);
}

function stateLocation(machine: Machine, name: string): string {
  return field(field(machine.location, 'States'), name);
}

function isTerminal(state: Json): boolean {
  return isJsonObject(state) && (state.Type === 'Succeed' || state.Type === 'Fail' || state.End === true);
}

/** The transitions out of `state`, with the location of the field naming each target. */
function transitions(state: Json, location: string): Array<[string, string]> {
  if (!isJsonObject(state)) return [];
  const out: Array<[string, string]> = [];
  if (typeof state.Next === 'string') out.push([state.Next, field(location, 'Next')]);
  if (state.Type === 'Choice') {
    listed(state, 'Choices', location, out);
    if (typeof state.Default === 'string') out.push([state.Default, field(location, 'Default')]);
  }
  listed(state, 'Catch', location, out);
  return out;
}

function listed(state: JsonObject, key: 'Choices' | 'Catch', location: string, out: Array<[string, string]>): void {
  const list = state[key];
  if (!Array.isArray(list)) return;
  list.forEach((entry, index) => {
    if (isJsonObject(entry) && typeof entry.Next === 'string') out.push([entry.Next, field(item(field(location, key), index), 'Next')]);
  });
}
