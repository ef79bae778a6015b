import { edgeKey, type ExecutionMarks } from './marks.js';
import type { GraphEdge, GraphMachine, GraphNode } from './model.js';

/**
 * The picture as a Mermaid flowchart (renders on GitHub, in Markdown previews and mermaid.live).
 * Map and Parallel states are subgraphs; Catch edges are dotted; with an execution, visited
 * states are green, failed ones red, caught ones orange, retries counted, and the path taken drawn
 * thick.
 */
export function toMermaid(root: GraphMachine, marks?: ExecutionMarks): string {
  const ids = new Map<string, string>();
  const short = (id: string): string => {
    let s = ids.get(id);
    if (s === undefined) ids.set(id, (s = `n${ids.size}`));
    return s;
  };
  const lines = ['flowchart TD'];
  const edgeLines: string[] = [];
  const taken: number[] = [];
  const classes = new Map<string, string[]>();
  const addClass = (cls: string, id: string) => classes.set(cls, [...(classes.get(cls) ?? []), short(id)]);

  const emitMachine = (machine: GraphMachine, indent: string): void => {
    for (const node of machine.nodes) emitNode(node, indent);
    for (const edge of machine.edges) {
      edgeLines.push(`  ${short(edge.from)} ${arrow(edge)} ${short(edge.to)}`);
      if (marks?.edges.has(edgeKey(edge.from, edge.to)) === true) taken.push(edgeLines.length - 1);
    }
  };
  const emitNode = (node: GraphNode, indent: string): void => {
    const mark = marks?.nodes.get(node.id);
    let text = node.type === 'start' || node.type === 'end' ? node.label : `${node.label}<br/><small>${node.type}</small>`;
    if (mark !== undefined && mark.retries > 0) text += `<br/>↻ ${mark.retries} ${mark.retries === 1 ? 'retry' : 'retries'}`;
    if (mark !== undefined && mark.visits > 1) text += `<br/>× ${mark.visits}`;
    if (node.children.length === 0) {
      lines.push(`${indent}${short(node.id)}${shape(node.type, escape(text))}`);
    } else {
      lines.push(`${indent}subgraph ${short(node.id)}["${escape(text)}"]`);
      for (const child of node.children) {
        if (node.type === 'Parallel') {
          lines.push(`${indent}  subgraph ${short(child.id)}["${escape(child.label)}"]`);
          emitMachine(child, `${indent}    `);
          lines.push(`${indent}  end`);
        } else emitMachine(child, `${indent}  `);
      }
      lines.push(`${indent}end`);
    }
    if (mark !== undefined) addClass(mark.failed ? 'failed' : mark.caught ? 'caught' : 'visited', node.id);
  };

  emitMachine(root, '  ');
  lines.push(...edgeLines);
  if (marks !== undefined) {
    lines.push('  classDef visited fill:#d4edda,stroke:#2e7d32,color:#1b3d1f');
    lines.push('  classDef failed fill:#f8d7da,stroke:#c62828,color:#5c1414');
    lines.push('  classDef caught fill:#fff3cd,stroke:#ef6c00,color:#4d2c00');
    for (const [cls, members] of classes) lines.push(`  class ${members.join(',')} ${cls}`);
    if (taken.length > 0) lines.push(`  linkStyle ${taken.join(',')} stroke:#2e7d32,stroke-width:3px`);
  }
  return `${lines.join('\n')}\n`;
}

function shape(type: string, text: string): string {
  if (type === 'start' || type === 'end') return `(["${text}"])`;
  if (type === 'Choice') return `{"${text}"}`;
  return `["${text}"]`;
}

function arrow(edge: GraphEdge): string {
  const label = edge.label === undefined ? '' : `|"${escape(edge.label)}"|`;
  return edge.kind === 'catch' ? `-.->${label}` : `-->${label}`;
}

/** Mermaid labels are quoted: quotes become `#quot;`, angle brackets stay only in our `<br/>`s. */
function escape(text: string): string {
  return text.replace(/"/g, '#quot;');
}
