/**
 * The `fogbank` command's exit codes. Scripts branch on them, so they are part of the public
 * interface: documented in docs/cli.md and pinned by the CLI tests.
 */
export const EXIT = {
  /** The execution SUCCEEDED; the definition is valid; the function answered without error. */
  OK: 0,
  /** The execution FAILED; `validate`: the definition is invalid; `invoke`: the function failed. */
  FAILED: 1,
  /** Nothing ran: bad arguments, a missing or unreadable file, input that is not JSON, a bad config, a definition that does not compile. */
  USAGE: 2,
  /** The execution TIMED_OUT (`TimeoutSeconds`, a Task's timeout, Express's 5 minutes). */
  TIMED_OUT: 3,
  /** The execution was ABORTED (stopped). */
  ABORTED: 4,
  /** A defect in fogbank itself; the message asks for a bug report. */
  INTERNAL: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code of an execution status. */
export function exitCodeOf(status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED'): ExitCode {
  switch (status) {
    case 'SUCCEEDED':
      return EXIT.OK;
    case 'FAILED':
      return EXIT.FAILED;
    case 'TIMED_OUT':
      return EXIT.TIMED_OUT;
    case 'ABORTED':
      return EXIT.ABORTED;
    default:
      return status satisfies never;
  }
}

/** Several executions: the first that did not succeed decides, so `0` means all succeeded. */
export function combinedExitCode(codes: readonly ExitCode[]): ExitCode {
  return codes.find((code) => code !== EXIT.OK) ?? EXIT.OK;
}
