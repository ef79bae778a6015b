import { layoutOf, type Box, type Layout } from './layout.js';
import { edgeKey, type ExecutionMarks, type NodeMark } from './marks.js';
import { allMachines, type GraphEdge, type GraphMachine, type GraphNode } from './model.js';

/** About one row of the layout: an edge spanning more skips states in between. */
const ROW_SPAN = 60;

const COLORS = {
  node: { fill: '#ffffff', stroke: '#5f6b7a', text: '#16191f' },
  container: { fill: '#f4f6f8', stroke: '#8d99a8' },
  visited: { fill: '#d4edda', stroke: '#2e7d32', text: '#1b3d1f' },
  failed: { fill: '#f8d7da', stroke: '#c62828', text: '#5c1414' },
  caught: { fill: '#fff3cd', stroke: '#ef6c00', text: '#4d2c00' },
  edge: '#5f6b7a',
  taken: '#2e7d32',
  catch: '#ef6c00',
} as const;

/**
 * The picture as a standalone SVG document: the layered layout of {@link layoutOf}, states as
 * boxes (Choice with slanted sides, Map and Parallel as containers), edges with their Choice and
 * Catch labels. With an execution, states are coloured as the Step Functions console colours them
 * (green visited, red failed, orange caught), retries are counted on the state and the path taken
 * is drawn thick.
 */
export function toSvg(root: GraphMachine, marks?: ExecutionMarks): string {
  const layout = layoutOf(root);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" font-family="-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="13">`,
    '<defs>',
    ...(['edge', 'taken', 'catch'] as const).map(
      (kind) => `<marker id="arrow-${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="${COLORS[kind]}"/></marker>`,
    ),
    '</defs>',
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  );
  const machines = allMachines(root);
  // Containers first (they sit behind their content), then frames, edges, then leaves on top.
  for (const machine of machines) for (const node of machine.nodes) if (node.children.length > 0) parts.push(drawNode(node, layout.nodes.get(node.id)!, marks?.nodes.get(node.id)));
  for (const frame of layout.frames) {
    parts.push(`<rect x="${frame.x}" y="${frame.y}" width="${frame.width}" height="${frame.height}" rx="6" fill="none" stroke="${COLORS.container.stroke}" stroke-dasharray="4 3"/>`);
    parts.push(`<text x="${frame.x + 8}" y="${frame.y + 16}" fill="#5f6b7a" font-size="11">${esc(frame.label)}</text>`);
  }
  for (const machine of machines) for (const edge of machine.edges) parts.push(drawEdge(edge, layout, marks));
  for (const machine of machines) for (const node of machine.nodes) if (node.children.length === 0) parts.push(drawNode(node, layout.nodes.get(node.id)!, marks?.nodes.get(node.id)));
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function drawNode(node: GraphNode, box: Box, mark: NodeMark | undefined): string {
  const style = mark === undefined ? undefined : mark.failed ? COLORS.failed : mark.caught ? COLORS.caught : COLORS.visited;
  const cx = box.x + box.width / 2;
  const title = `<title>${esc(`${node.label} (${node.type})${mark === undefined ? '' : `: entered ${mark.visits}×${mark.retries > 0 ? `, ${mark.retries} retries` : ''}${mark.failed ? ', failed' : mark.caught ? ', error caught' : ''}`}`)}</title>`;
  const cls = `state ${mark === undefined ? '' : mark.failed ? 'failed' : mark.caught ? 'caught' : 'visited'}`.trim();
  if (node.type === 'start' || node.type === 'end') {
    const fill = style?.fill ?? '#e9edf1';
    return `<g class="${cls}" data-state="${esc(node.id)}">${title}<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="${box.height / 2}" fill="${fill}" stroke="${style?.stroke ?? COLORS.node.stroke}"/><text x="${cx}" y="${box.y + box.height / 2 + 4}" text-anchor="middle" fill="${COLORS.node.text}">${esc(node.label)}</text></g>`;
  }
  if (node.children.length > 0) {
    const fill = style?.fill ?? COLORS.container.fill;
    const badge = retryBadge(mark, box.x + box.width - 8, box.y + 20);
    return `<g class="${cls}" data-state="${esc(node.id)}">${title}<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="8" fill="${fill}" stroke="${style?.stroke ?? COLORS.container.stroke}" stroke-width="${mark === undefined ? 1 : 2}"/><text x="${box.x + 12}" y="${box.y + 21}" font-weight="600" fill="${COLORS.node.text}">${esc(node.label)} <tspan fill="#5f6b7a" font-weight="400" font-size="11">${esc(node.type)}</tspan></text>${badge}</g>`;
  }
  const fill = style?.fill ?? COLORS.node.fill;
  const stroke = style?.stroke ?? COLORS.node.stroke;
  const shape =
    node.type === 'Choice'
      ? `<polygon points="${box.x + 10},${box.y} ${box.x + box.width - 10},${box.y} ${box.x + box.width},${box.y + box.height / 2} ${box.x + box.width - 10},${box.y + box.height} ${box.x + 10},${box.y + box.height} ${box.x},${box.y + box.height / 2}" fill="${fill}" stroke="${stroke}" stroke-width="${mark === undefined ? 1 : 2}"/>`
      : `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="6" fill="${fill}" stroke="${stroke}" stroke-width="${mark === undefined ? 1 : 2}"/>`;
  return `<g class="${cls}" data-state="${esc(node.id)}">${title}${shape}<text x="${cx}" y="${box.y + 20}" text-anchor="middle" font-weight="600" fill="${style?.text ?? COLORS.node.text}">${esc(node.label)}</text><text x="${cx}" y="${box.y + 36}" text-anchor="middle" font-size="11" fill="#5f6b7a">${esc(node.type)}</text>${retryBadge(mark, box.x + box.width - 6, box.y + 6)}</g>`;
}

function retryBadge(mark: NodeMark | undefined, right: number, top: number): string {
  if (mark === undefined || mark.retries === 0) return '';
  const text = `↻ ${mark.retries}`;
  const width = 12 + text.length * 7;
  return `<g class="retries"><rect x="${right - width}" y="${top - 10}" width="${width}" height="18" rx="9" fill="${COLORS.catch}"/><text x="${right - width / 2}" y="${top + 3}" text-anchor="middle" font-size="11" fill="#ffffff">${esc(text)}</text></g>`;
}

function drawEdge(edge: GraphEdge, layout: Layout, marks: ExecutionMarks | undefined): string {
  const from = layout.nodes.get(edge.from);
  const to = layout.nodes.get(edge.to);
  if (from === undefined || to === undefined) return '';
  const taken = marks?.edges.has(edgeKey(edge.from, edge.to)) === true;
  const kind = taken ? 'taken' : edge.kind === 'catch' ? 'catch' : 'edge';
  const color = COLORS[kind];
  const forward = to.y >= from.y + from.height;
  let d: string;
  let labelAt: { x: number; y: number };
  if (forward) {
    const x1 = from.x + from.width / 2;
    const y1 = from.y + from.height;
    const x2 = to.x + to.width / 2;
    const y2 = to.y;
    if (y2 - y1 > 2 * ROW_SPAN) {
      // Skips rows: down a lane left of both ends, so it does not cross the states between.
      const between = [...layout.nodes.values()].filter((b) => b.y < to.y && b.y + b.height > from.y + from.height);
      const lane = Math.max(4, Math.min(from.x, to.x, ...between.map((b) => b.x)) - 14);
      d = `M ${x1} ${y1} C ${x1} ${y1 + 24}, ${lane} ${y1 + 4}, ${lane} ${y1 + 34} L ${lane} ${y2 - 34} C ${lane} ${y2 - 4}, ${x2} ${y2 - 24}, ${x2} ${y2}`;
    } else {
      const bend = Math.max(20, (y2 - y1) / 2);
      d = `M ${x1} ${y1} C ${x1} ${y1 + bend}, ${x2} ${y2 - bend}, ${x2} ${y2}`;
    }
    // Labels sit just above the target, where edges from one Choice have spread apart.
    labelAt = { x: x2, y: y2 - 8 };
  } else {
    // Back or sideways (loops, Catch to an earlier state): around the right-hand side.
    const x1 = from.x + from.width;
    const y1 = from.y + from.height / 2;
    const x2 = to.x + to.width;
    const y2 = to.y + to.height / 2;
    const out = Math.max(x1, x2) + 40;
    d = `M ${x1} ${y1} C ${out} ${y1}, ${out} ${y2}, ${x2} ${y2}`;
    labelAt = { x: out - 10, y: (y1 + y2) / 2 };
  }
  const dash = edge.kind === 'catch' ? ' stroke-dasharray="6 4"' : '';
  const label =
    edge.label === undefined
      ? ''
      : `<text x="${labelAt.x}" y="${labelAt.y}" text-anchor="middle" font-size="11" fill="${edge.kind === 'catch' ? COLORS.catch : '#3b4754'}" paint-order="stroke" stroke="#ffffff" stroke-width="4">${esc(shorten(edge.label))}</text>`;
  return `<g class="edge ${edge.kind}${taken ? ' taken' : ''}"><path d="${d}" fill="none" stroke="${color}" stroke-width="${taken ? 3 : 1.4}"${dash} marker-end="url(#arrow-${kind})"/>${label}</g>`;
}

function shorten(text: string): string {
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
