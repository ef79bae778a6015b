import { EXIT, type ExitCode } from './exit-codes.js';

/**
 * A problem the user can fix (a bad flag, a missing file, input that is not JSON, a bad config).
 * The CLI prints its message on stderr and exits with its `exitCode`; the programmatic API throws
 * it, so callers branch on `code`.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly code: CliErrorCode,
    message: string,
    readonly exitCode: ExitCode = EXIT.USAGE,
  ) {
    super(message);
  }
}

export type CliErrorCode =
  | 'FOGBANK_USAGE'
  | 'FOGBANK_FILE_NOT_FOUND'
  | 'FOGBANK_INVALID_JSON'
  | 'FOGBANK_INVALID_CONFIG'
  | 'FOGBANK_INVALID_DEFINITION';

/** The message of anything thrown, for a one-line diagnostic. */
export function messageOf(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}
