import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidDefinitionError, StateMachine, type Diagnostic, type StateMachineOptions } from '@fogbank/asl';
import { CliError, messageOf } from './errors.js';

/** A definition file read from disk: its absolute path and text. */
export interface DefinitionFile {
  readonly file: string;
  readonly text: string;
}

/** Reads a definition (or any file named on the command line), relative to `cwd`. */
export async function readDefinition(cwd: string, file: string): Promise<DefinitionFile> {
  const absolute = path.resolve(cwd, file);
  try {
    return { file: absolute, text: await readFile(absolute, 'utf8') };
  } catch (thrown) {
    const missing = (thrown as NodeJS.ErrnoException).code === 'ENOENT';
    throw new CliError('FOGBANK_FILE_NOT_FOUND', missing ? `File not found: ${absolute}` : `Cannot read ${absolute}: ${messageOf(thrown)}`);
  }
}

/** Parses a definition as JSON, saying where the syntax breaks. */
export function parseDefinition(definition: DefinitionFile): object {
  try {
    const parsed = JSON.parse(definition.text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new CliError('FOGBANK_INVALID_JSON', `${definition.file}: a state machine definition is a JSON object`);
    }
    return parsed;
  } catch (thrown) {
    if (thrown instanceof CliError) throw thrown;
    throw new CliError('FOGBANK_INVALID_JSON', `${definition.file} is not valid JSON: ${messageOf(thrown)}`);
  }
}

/** Compiles a definition; an invalid one becomes a {@link CliError} listing every diagnostic. */
export function compileDefinition(definition: DefinitionFile, options: StateMachineOptions): StateMachine {
  const parsed = parseDefinition(definition);
  try {
    return StateMachine.from(parsed, options);
  } catch (thrown) {
    if (thrown instanceof InvalidDefinitionError) {
      throw new CliError('FOGBANK_INVALID_DEFINITION', `${definition.file} is not a valid state machine:\n${formatDiagnostics(thrown.diagnostics)}`);
    }
    throw thrown;
  }
}

/** One diagnostic per line: `ERROR CODE at /States/A/Next: message`. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `  ${d.severity} ${d.code} at ${d.location === '' ? '(definition)' : d.location}: ${d.message}`).join('\n');
}

/** The state machine's name: the file name without `.asl.json` / `.json`. */
export function machineNameOf(file: string): string {
  const base = path.basename(file).replace(/(\.asl)?\.(json|ya?ml)$/i, '');
  const cleaned = base.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 80);
  return cleaned === '' ? 'state-machine' : cleaned;
}
