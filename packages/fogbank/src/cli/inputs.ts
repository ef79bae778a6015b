import type { Json } from '@fogbank/asl';
import { readDefinition } from './definition.js';
import { CliError, messageOf } from './errors.js';
import type { CliIo } from './io.js';

/** Where execution inputs come from: `--input`, `--input-file`, or stdin. */
export interface InputSource {
  readonly input?: string | undefined;
  readonly inputFile?: string | undefined;
}

/**
 * The executions' inputs. `--input` and `--input-file` give one input; otherwise each line of
 * stdin holding a JSON value is one execution (blank lines skipped), and an empty or terminal
 * stdin runs once with `{}`.
 */
export async function readInputs(io: CliIo, source: InputSource, flag = '--input'): Promise<Json[]> {
  if (source.input !== undefined && source.inputFile !== undefined) {
    throw new CliError('FOGBANK_USAGE', `Give either ${flag} or ${flag}-file, not both.`);
  }
  if (source.input !== undefined) return [parseJson(source.input, flag)];
  if (source.inputFile !== undefined && source.inputFile !== '-') {
    const file = await readDefinition(io.cwd, source.inputFile);
    return [parseJson(file.text, file.file)];
  }
  const stdin = await io.readStdin();
  if (stdin === undefined || stdin.trim() === '') return [{}];
  // A single (possibly multi-line) document is one input; otherwise one JSON value per line.
  try {
    return [JSON.parse(stdin) as Json];
  } catch {
    return stdin
      .split(/\r?\n/)
      .map((line, i) => ({ line: line.trim(), n: i + 1 }))
      .filter(({ line }) => line !== '')
      .map(({ line, n }) => parseJson(line, `stdin line ${n}`));
  }
}

/** Parses one JSON value, naming where it came from when it is not JSON. */
export function parseJson(text: string, where: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (thrown) {
    throw new CliError('FOGBANK_INVALID_JSON', `${where} is not valid JSON: ${messageOf(thrown)}`);
  }
}
