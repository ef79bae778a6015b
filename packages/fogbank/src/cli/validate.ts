import { validate, type Diagnostic } from '@fogbank/asl';
import { parseDefinition, readDefinition } from './definition.js';

export interface ValidateReport {
  readonly file: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  /** No diagnostic of severity ERROR. */
  readonly valid: boolean;
  /** Every problem, AWS's code, message and location (JSON Pointer), errors and warnings. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Checks a definition file as ValidateStateMachineDefinition does: what `fogbank validate` does,
 * without printing. A file that is not JSON throws {@link CliError} `FOGBANK_INVALID_JSON`.
 */
export async function validateFile(cwd: string, file: string, type: 'STANDARD' | 'EXPRESS' = 'STANDARD'): Promise<ValidateReport> {
  const definition = await readDefinition(cwd, file);
  const diagnostics = validate(parseDefinition(definition), { type });
  return { file: definition.file, type, valid: !diagnostics.some((d) => d.severity === 'ERROR'), diagnostics };
}
