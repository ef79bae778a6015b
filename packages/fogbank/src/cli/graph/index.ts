import { validate } from '@fogbank/asl';
import { formatDiagnostics, parseDefinition, readDefinition } from '../definition.js';
import { CliError } from '../errors.js';
import { parseJson } from '../inputs.js';
import { toHtml } from './html.js';
import { eventsOfExecutionFile, marksOf, type ExecutionMarks } from './marks.js';
import { toMermaid } from './mermaid.js';
import { graphOf } from './model.js';
import { toSvg } from './svg.js';

export type GraphFormat = 'mermaid' | 'svg' | 'html';

/** Options of {@link graphDefinition}. */
export interface GraphOptions {
  readonly definition: string;
  readonly cwd: string;
  /** @default 'mermaid' */
  readonly format?: GraphFormat;
  /**
   * An execution's history file (`fogbank run --history` output, GetExecutionHistory's answer,
   * or a `run --json --history` line): marks the path taken, failed states and retries.
   */
  readonly execution?: string;
}

/**
 * Draws a definition: what `fogbank graph` prints. An invalid definition throws
 * {@link CliError} `FOGBANK_INVALID_DEFINITION` (a picture of a machine AWS would refuse misleads).
 */
export async function graphDefinition(options: GraphOptions): Promise<string> {
  const file = await readDefinition(options.cwd, options.definition);
  const definition = parseDefinition(file);
  const errors = validate(definition).filter((d) => d.severity === 'ERROR');
  if (errors.length > 0) throw new CliError('FOGBANK_INVALID_DEFINITION', `${file.file} is not a valid state machine:\n${formatDiagnostics(errors)}`);
  let marks: ExecutionMarks | undefined;
  if (options.execution !== undefined) {
    const history = await readDefinition(options.cwd, options.execution);
    const events = eventsOfExecutionFile(parseJson(history.text.trim().split('\n')[0]!.startsWith('{"executionArn"') ? history.text.trim().split('\n')[0]! : history.text, history.file));
    if (events === undefined) {
      throw new CliError('FOGBANK_INVALID_JSON', `${history.file} holds no execution history: expected { "events": [...] } (fogbank run --history) or an array of events`);
    }
    marks = marksOf(events);
  }
  const model = graphOf(definition);
  switch (options.format ?? 'mermaid') {
    case 'mermaid':
      return toMermaid(model, marks);
    case 'svg':
      return toSvg(model, marks);
    case 'html':
      return toHtml(model, file.file.split('/').pop() ?? 'state machine', marks);
  }
}

export { graphOf, type GraphMachine, type GraphNode, type GraphEdge } from './model.js';
export { marksOf, type ExecutionMarks, type NodeMark } from './marks.js';
export { toMermaid } from './mermaid.js';
export { toSvg } from './svg.js';
export { toHtml } from './html.js';
