import { fileURLToPath } from 'node:url';
import type { CliIo } from '../../src/cli/index.js';

/** The fixtures directory, the working directory of most CLI tests. */
export const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** A CLI run's captured output. */
export interface Captured {
  readonly io: CliIo;
  readonly stdout: () => string;
  readonly stderr: () => string;
}

/**
 * An in-memory {@link CliIo}: stdin from a string (`undefined` acts as a terminal), output
 * captured, a fixed wall clock and sequential ids, so outputs can be pinned.
 */
export function memoryIo(options: { stdin?: string; cwd?: string; color?: boolean; untilStopped?: Promise<void> } = {}): Captured {
  let out = '';
  let err = '';
  let id = 0;
  const io: CliIo = {
    cwd: options.cwd ?? fixtures,
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    readStdin: async () => options.stdin,
    color: options.color ?? false,
    interactive: false,
    now: () => Date.UTC(2025, 0, 1),
    newId: () => `id-${++id}`,
    untilStopped: () => options.untilStopped ?? Promise.resolve(),
  };
  return { io, stdout: () => out, stderr: () => err };
}
