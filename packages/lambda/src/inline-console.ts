import { AsyncLocalStorage } from 'node:async_hooks';
import { formatLogLine } from './runtime/log-patch.cjs';

/** Where the console lines of one inline invocation go. */
export interface InlineLogSink {
  readonly requestId: string | undefined;
  readonly now: () => number;
  readonly lines: (readonly [number, string])[];
}

const LEVELS = [
  ['log', 'INFO'],
  ['info', 'INFO'],
  ['warn', 'WARN'],
  ['error', 'ERROR'],
  ['debug', 'DEBUG'],
  ['trace', 'TRACE'],
] as const;

const storage = new AsyncLocalStorage<InlineLogSink>();
let installed = false;

/**
 * Routes `console.*` calls made inside an inline invocation (followed through promises and
 * timers by AsyncLocalStorage) into its log, formatted as the runtime formats them. Calls made
 * anywhere else reach the host's console unchanged. Installed once, on first use.
 */
export function installInlineConsole(): void {
  if (installed) return;
  installed = true;
  const target = console as unknown as Record<string, (...args: unknown[]) => void>;
  for (const [method, level] of LEVELS) {
    const original = target[method] as (...args: unknown[]) => void;
    target[method] = function (this: unknown, ...args: unknown[]) {
      const sink = storage.getStore();
      if (sink === undefined) return original.apply(this, args);
      const at = sink.now();
      sink.lines.push([at, formatLogLine(at, sink.requestId, level, args)]);
    };
  }
}

/** Runs `fn` with console output captured into `sink`. */
export function withInlineLog<T>(sink: InlineLogSink, fn: () => T): T {
  return storage.run(sink, fn);
}
