/**
 * The picture of a state machine as plain data: states (nested machines inside Map and Parallel),
 * and the edges between them. Every format (Mermaid, SVG, HTML) renders this one model.
 */

/** One state, or the start/end marker of a (nested) machine. */
export interface GraphNode {
  /** Unique across the whole picture: `Ship/Label`, `Ship/#start`. */
  readonly id: string;
  readonly label: string;
  /** `Pass`, `Task`, ..., or `start` / `end` for the markers. */
  readonly type: string;
  /** Map: its item processor; Parallel: one machine per branch. */
  readonly children: readonly GraphMachine[];
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: 'next' | 'choice' | 'default' | 'catch' | 'end' | 'start';
  /** Choice conditions, Catch error names. */
  readonly label?: string;
}

/** A machine or branch: its states and edges, drawn as one group. */
export interface GraphMachine {
  /** `''` for the top level, else the owning state's id (plus `/branch N` for Parallel). */
  readonly id: string;
  readonly label: string;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Builds the model of a (valid) definition. */
export function graphOf(definition: object): GraphMachine {
  return machineOf(definition as Obj, '', 'state machine');
}

function machineOf(machine: Obj, prefix: string, label: string): GraphMachine {
  const id = (name: string) => (prefix === '' ? name : `${prefix}/${name}`);
  const start = id('#start');
  const end = id('#end');
  const nodes: GraphNode[] = [{ id: start, label: 'Start', type: 'start', children: [] }];
  const edges: GraphEdge[] = [];
  const states = isObj(machine['States']) ? machine['States'] : {};
  if (typeof machine['StartAt'] === 'string') edges.push({ from: start, to: id(machine['StartAt']), kind: 'start' });
  let ends = false;
  for (const [name, raw] of Object.entries(states)) {
    if (!isObj(raw)) continue;
    const type = typeof raw['Type'] === 'string' ? raw['Type'] : '?';
    const children: GraphMachine[] = [];
    if (type === 'Map') {
      const processor = raw['ItemProcessor'] ?? raw['Iterator'];
      if (isObj(processor)) children.push(machineOf(processor, id(name), 'each item'));
    }
    if (type === 'Parallel' && Array.isArray(raw['Branches'])) {
      raw['Branches'].forEach((branch, i) => {
        if (isObj(branch)) children.push(machineOf(branch, `${id(name)}/branch ${i}`, `branch ${i}`));
      });
    }
    nodes.push({ id: id(name), label: name, type, children });
    if (typeof raw['Next'] === 'string') edges.push({ from: id(name), to: id(raw['Next']), kind: 'next' });
    if (raw['End'] === true || type === 'Succeed' || type === 'Fail') {
      edges.push({ from: id(name), to: end, kind: 'end' });
      ends = true;
    }
    if (type === 'Choice') {
      const choices = Array.isArray(raw['Choices']) ? raw['Choices'] : [];
      for (const choice of choices) {
        if (isObj(choice) && typeof choice['Next'] === 'string') edges.push({ from: id(name), to: id(choice['Next']), kind: 'choice', label: conditionOf(choice) });
      }
      if (typeof raw['Default'] === 'string') edges.push({ from: id(name), to: id(raw['Default']), kind: 'default', label: 'Default' });
    }
    for (const handler of Array.isArray(raw['Catch']) ? raw['Catch'] : []) {
      if (isObj(handler) && typeof handler['Next'] === 'string') {
        const errors = Array.isArray(handler['ErrorEquals']) ? handler['ErrorEquals'].join(', ') : 'error';
        edges.push({ from: id(name), to: id(handler['Next']), kind: 'catch', label: `Catch ${errors}` });
      }
    }
  }
  if (ends) nodes.push({ id: end, label: 'End', type: 'end', children: [] });
  return { id: prefix, label, nodes, edges };
}

const OPERATORS = [
  'StringEquals', 'StringEqualsPath', 'StringLessThan', 'StringGreaterThan', 'StringMatches', 'NumericEquals', 'NumericEqualsPath',
  'NumericLessThan', 'NumericLessThanPath', 'NumericGreaterThan', 'NumericGreaterThanPath', 'NumericLessThanEquals',
  'NumericGreaterThanEquals', 'BooleanEquals', 'BooleanEqualsPath', 'TimestampEquals', 'TimestampLessThan', 'TimestampGreaterThan',
  'IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp',
];

/** A short text for a Choice rule: `$.count NumericEquals 0`, `not(...)`, `and(2)`, a JSONata Condition. */
export function conditionOf(rule: Obj): string {
  if (typeof rule['Condition'] === 'string') return rule['Condition'];
  if (isObj(rule['Not'])) return `not ${conditionOf(rule['Not'])}`;
  for (const combinator of ['And', 'Or'] as const) {
    const list = rule[combinator];
    if (Array.isArray(list)) return list.filter(isObj).map(conditionOf).join(combinator === 'And' ? ' and ' : ' or ');
  }
  const operator = Object.keys(rule).find((key) => OPERATORS.includes(key) || /^(String|Numeric|Boolean|Timestamp)\w+$/.test(key));
  if (operator === undefined) return 'rule';
  return `${String(rule['Variable'] ?? '')} ${operator} ${JSON.stringify(rule[operator])}`.trim();
}

/** Every machine of the picture, top level first, then nested ones depth first. */
export function allMachines(root: GraphMachine): GraphMachine[] {
  const out: GraphMachine[] = [root];
  for (const node of root.nodes) for (const child of node.children) out.push(...allMachines(child));
  return out;
}
