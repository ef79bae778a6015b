import type { GraphMachine, GraphNode } from './model.js';

/** A placed box, in absolute coordinates. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Where everything goes: nodes, and the frames of nested machines (Parallel branches). */
export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly nodes: ReadonlyMap<string, Box>;
  /** The node's rank (row) inside its machine, to route edges that go up or sideways. */
  readonly ranks: ReadonlyMap<string, number>;
  /** Frames of the machines nested in Parallel states (one per branch), with their labels. */
  readonly frames: ReadonlyArray<Box & { readonly label: string }>;
}

const LEAF_HEIGHT = 46;
const MARKER = { width: 64, height: 30 };
const ROW_GAP = 46;
const COLUMN_GAP = 28;
const PADDING = 16;
const HEADER = 34;

interface Sized {
  readonly width: number;
  readonly height: number;
  /** Places the machine's content with its top-left corner at (x, y). */
  place(x: number, y: number, out: MutableLayout): void;
}

interface MutableLayout {
  nodes: Map<string, Box>;
  ranks: Map<string, number>;
  frames: Array<Box & { label: string }>;
}

/**
 * A layered top-down layout: each state's row is its shortest distance from the machine's start
 * (so loops point back up), states of a row side by side in definition order, Map and Parallel
 * states drawn as containers around their nested machines. Good enough to read the shape of a
 * workflow at a glance; it does not minimise crossings.
 */
export function layoutOf(root: GraphMachine): Layout {
  const sized = sizeMachine(root);
  const out: MutableLayout = { nodes: new Map(), ranks: new Map(), frames: [] };
  sized.place(PADDING, PADDING, out);
  return { width: sized.width + 2 * PADDING, height: sized.height + 2 * PADDING, ...out };
}

function sizeMachine(machine: GraphMachine): Sized {
  const ranks = rankNodes(machine);

  const sparse: GraphNode[][] = [];
  for (const node of machine.nodes) (sparse[ranks.get(node.id)!] ??= []).push(node);
  const rows = sparse.filter((row) => row !== undefined);
  const sizedNodes = new Map(machine.nodes.map((node) => [node.id, sizeNode(node)]));
  const rowWidths = rows.map((row) => row.reduce((w, n) => w + sizedNodes.get(n.id)!.width, 0) + COLUMN_GAP * (row.length - 1));
  const rowHeights = rows.map((row) => Math.max(...row.map((n) => sizedNodes.get(n.id)!.height)));
  const width = Math.max(0, ...rowWidths);
  const height = rowHeights.reduce((h, r) => h + r, 0) + ROW_GAP * Math.max(0, rows.length - 1);
  return {
    width,
    height,
    place(x, y, out) {
      let top = y;
      rows.forEach((row, r) => {
        let left = x + (width - rowWidths[r]!) / 2;
        for (const node of row) {
          const size = sizedNodes.get(node.id)!;
          const nodeTop = top + (rowHeights[r]! - size.height) / 2;
          out.nodes.set(node.id, { x: left, y: nodeTop, width: size.width, height: size.height });
          out.ranks.set(node.id, r);
          size.place(left, nodeTop, out);
          left += size.width + COLUMN_GAP;
        }
        top += rowHeights[r]! + ROW_GAP;
      });
    },
  };
}

function sizeNode(node: GraphNode): Sized {
  if (node.type === 'start' || node.type === 'end') return { ...MARKER, place: () => {} };
  if (node.children.length === 0) {
    return { width: Math.max(120, textWidth(node.label) + 32), height: LEAF_HEIGHT, place: () => {} };
  }
  const framed = node.type === 'Parallel';
  const inner = node.children.map((child) => ({ child, sized: sizeMachine(child) }));
  const frameExtra = framed ? 2 * PADDING + HEADER - PADDING : 0;
  const contentWidth = inner.reduce((w, { sized }) => w + sized.width + (framed ? 2 * PADDING : 0), 0) + COLUMN_GAP * (inner.length - 1);
  const contentHeight = Math.max(...inner.map(({ sized }) => sized.height + frameExtra));
  const width = Math.max(textWidth(node.label) + 80, contentWidth + 2 * PADDING);
  return {
    width,
    height: contentHeight + HEADER + PADDING,
    place(x, y, out) {
      let left = x + (width - contentWidth) / 2;
      for (const { child, sized } of inner) {
        if (framed) {
          out.frames.push({ x: left, y: y + HEADER, width: sized.width + 2 * PADDING, height: sized.height + frameExtra, label: child.label });
          sized.place(left + PADDING, y + HEADER + HEADER - PADDING / 2, out);
          left += sized.width + 2 * PADDING + COLUMN_GAP;
        } else {
          sized.place(left, y + HEADER, out);
          left += sized.width + COLUMN_GAP;
        }
      }
    },
  };
}

/** Shortest distance from the start marker; unreachable states after the rest; End last. */
function rankNodes(machine: GraphMachine): Map<string, number> {
  const ranks = new Map<string, number>();
  const start = machine.nodes[0]!;
  ranks.set(start.id, 0);
  const queue = [start.id];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const edge of machine.edges) {
      if (edge.from !== id || ranks.has(edge.to) || edge.kind === 'end') continue;
      ranks.set(edge.to, ranks.get(id)! + 1);
      queue.push(edge.to);
    }
  }
  let last = Math.max(...ranks.values());
  for (const node of machine.nodes) {
    if (!ranks.has(node.id) && node.type !== 'end') ranks.set(node.id, ++last);
  }
  const end = machine.nodes.find((n) => n.type === 'end');
  if (end !== undefined) ranks.set(end.id, last + 1);
  return ranks;
}

/** An estimate of a label's width at 13 px sans-serif (no font metrics in a CLI). */
export function textWidth(text: string): number {
  return Math.ceil(text.length * 7.4);
}
