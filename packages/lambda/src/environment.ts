import type { ErrorPayload } from './runtime/error-format.cjs';

export type { ErrorPayload };

/** What the platform hands an environment for one invocation. */
export interface EnvironmentInvokeRequest {
  readonly requestId: string;
  readonly eventJson: string;
  readonly invokedFunctionArn: string;
  readonly clientContext?: string | undefined;
  readonly identity?: string | undefined;
  readonly timeoutMs: number;
}

/** How an invocation ended, seen from the platform. */
export type InvocationOutcome =
  | { readonly kind: 'success'; readonly payload: string }
  | {
      readonly kind: 'error';
      readonly error: ErrorPayload;
      /** The runtime is gone (timeout, crash, exit, OOM, init failure): the next invoke re-inits. */
      readonly reset: boolean;
      /** REPORT's `Status:` for platform failures. */
      readonly status?: 'timeout' | 'error' | undefined;
      /** REPORT's `Error Type:` for platform failures. */
      readonly reportErrorType?: string | undefined;
    };

/** Everything an environment observed while serving one invocation (cold or warm). */
export interface EnvironmentInvocation {
  readonly outcome: InvocationOutcome;
  /** Set when this invocation paid the Init phase. */
  readonly init?: { readonly durationMs: number; readonly failed: boolean } | undefined;
  /** Log messages written during Init, with their timestamps. */
  readonly initLogs: readonly (readonly [number, string])[];
  /** Log messages written during the invocation. */
  readonly logs: readonly (readonly [number, string])[];
  readonly durationMs: number;
  readonly maxMemoryUsedBytes: number;
  /** Set when the handler was stopped at its timeout: the real elapsed time. */
  readonly timedOutAfterMs?: number | undefined;
}

/**
 * One execution environment: a log stream, a `/tmp` directory, and (while alive) a runtime with
 * a loaded handler. A reset (timeout, crash) drops the runtime but keeps the stream and `/tmp`;
 * the next invocation re-runs Init, as Lambda does.
 */
export interface ExecutionEnvironment {
  readonly logStreamName: string;
  readonly tmpDir: string;
  /** The function version (code and configuration) this environment was built for. */
  readonly functionVersion: number;
  /** Serves one invocation; never rejects: every failure is an outcome. */
  invoke(request: EnvironmentInvokeRequest): Promise<EnvironmentInvocation>;
  /** Stops the runtime and forgets the environment. */
  dispose(): Promise<void>;
}

/** The ExitError message for a runtime that exited during an invocation. */
export function exitMessage(requestId: string, code: number): string {
  return code === 0
    ? `RequestId: ${requestId} Error: Runtime exited without providing a reason`
    : `RequestId: ${requestId} Error: Runtime exited with error: exit status ${code}`;
}

/** The Sandbox.Timedout payload: the configured timeout with 2 decimals. */
export function timeoutError(requestId: string, timeoutMs: number): ErrorPayload {
  return {
    errorType: 'Sandbox.Timedout',
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`,
  };
}
