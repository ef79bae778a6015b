import { randomUUID } from 'node:crypto';

/**
 * Everything the CLI touches outside its arguments. `main.ts` passes the process's; tests pass
 * strings and a fixed clock, so no test monkeypatches `process`.
 */
export interface CliIo {
  /** Directory that relative paths (definitions, `--input-file`, the default config) start from. */
  readonly cwd: string;
  /** Results: the timeline, JSON, diagrams. */
  stdout(text: string): void;
  /** Diagnostics, warnings and progress. */
  stderr(text: string): void;
  /**
   * The whole of stdin, or `undefined` when stdin is a terminal (nothing was piped in).
   * Only read when a command takes its inputs from stdin.
   */
  readStdin(): Promise<string | undefined>;
  /** Colours on stdout/stderr: only on a TTY, never with `NO_COLOR`. */
  readonly color: boolean;
  /** Whether stderr is a TTY (progress lines are only shown there). */
  readonly interactive: boolean;
  /** Wall-clock time: the start of a virtual clock, cost measurements. */
  now(): number;
  /** Execution names and other ids. */
  newId(): string;
  /** Resolves when the user asks a long-running command (`serve`) to stop: SIGINT or SIGTERM. */
  untilStopped(): Promise<void>;
}

/** The process's streams and environment. */
export function processIo(): CliIo {
  const env = process.env;
  const tty = process.stdout.isTTY === true && process.stderr.isTTY === true;
  const color = env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0' ? true : tty && env['NO_COLOR'] === undefined && env['TERM'] !== 'dumb';
  return {
    cwd: process.cwd(),
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readStdin: async () => {
      if (process.stdin.isTTY === true) return undefined;
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    color,
    interactive: process.stderr.isTTY === true,
    now: () => Date.now(),
    newId: () => randomUUID(),
    untilStopped: () =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }),
  };
}
