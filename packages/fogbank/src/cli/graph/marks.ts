import type { HistoryEvent } from '@fogbank/asl';
import { visitsOf, type Visit } from '../visits.js';

/** What one execution did at a state, for the picture. */
export interface NodeMark {
  /** How many times it was entered (Map iterations count each). */
  visits: number;
  /** Retries of its task (attempts after the first), over all visits. */
  retries: number;
  /** An error left it without being caught (it failed the execution, branch or iteration). */
  failed: boolean;
  /** An error was caught by one of its Catchers. */
  caught: boolean;
}

/** The path an execution took: marks per node id and the edges it followed (`from->to`). */
export interface ExecutionMarks {
  readonly nodes: ReadonlyMap<string, NodeMark>;
  readonly edges: ReadonlySet<string>;
}

/** `from->to`: how edges are keyed in {@link ExecutionMarks}. */
export const edgeKey = (from: string, to: string): string => `${from}->${to}`;

/**
 * Reads an execution's history (as `fogbank run --history` prints it, or GetExecutionHistory's
 * `events`) into marks on the model's node ids, the way the Step Functions console colours its
 * graph: visited, failed, caught, retried.
 */
export function marksOf(events: readonly HistoryEvent[]): ExecutionMarks {
  const nodes = new Map<string, NodeMark>();
  const edges = new Set<string>();
  const succeeded = events.at(-1)?.type === 'ExecutionSucceeded';
  walk(visitsOf(events), '', succeeded, nodes, edges);
  return { nodes, edges };
}

function walk(visits: readonly Visit[], prefix: string, ended: boolean, nodes: Map<string, NodeMark>, edges: Set<string>): void {
  const id = (name: string) => (prefix === '' ? name : `${prefix}/${name}`);
  let previous = id('#start');
  for (const visit of visits) {
    const node = id(visit.name);
    edges.add(edgeKey(previous, node));
    previous = node;
    const mark = nodes.get(node) ?? { visits: 0, retries: 0, failed: false, caught: false };
    mark.visits += 1;
    mark.retries += Math.max(0, visit.attempts.length - 1);
    if (visit.failed) mark.failed = true;
    const last = visit.attempts.at(-1);
    const lastFailed = last !== undefined && last.outcome !== undefined && last.outcome !== 'succeeded';
    if (!visit.failed && lastFailed && visit.exitedAt !== undefined) mark.caught = true;
    if (!visit.failed && lastFailed && visit.exitedAt === undefined) mark.failed = true;
    nodes.set(node, mark);
    for (const group of visit.groups) {
      // Map iterations share one picture of the processor; branches have one each.
      const inner = group.label.startsWith('branch') ? `${node}/${group.label}` : node;
      const failedInside = group.visits.some((v) => v.failed);
      walk(group.visits, inner, !failedInside, nodes, edges);
    }
  }
  if (ended && visits.length > 0) edges.add(edgeKey(previous, id('#end')));
}

/** Reads `--execution F`: `{ events }` (GetExecutionHistory, `run --history`), a `run --json --history` line, or an array of events. */
export function eventsOfExecutionFile(parsed: unknown): HistoryEvent[] | undefined {
  const list = Array.isArray(parsed) ? parsed : typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)['events'] : undefined;
  if (!Array.isArray(list)) return undefined;
  return list.map((event: Record<string, unknown>) => ({ ...event, timestamp: new Date(String(event['timestamp'])) }) as HistoryEvent);
}
