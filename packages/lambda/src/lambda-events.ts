import type { ThrottleReason } from './errors.js';
import type { RetireReason } from './function-pool.js';

/**
 * What the service reports as it works: one tagged union, so tests wait on events instead of
 * sleeping (`lambda.onEvent(e => ...)`).
 */
export type LambdaEvent =
  | { type: 'EnvironmentCreated'; functionName: string; logStreamName: string }
  | { type: 'EnvironmentRetired'; functionName: string; logStreamName: string; reason: RetireReason }
  | {
      type: 'InvocationCompleted';
      functionName: string;
      requestId: string;
      invocationType: 'RequestResponse' | 'Event';
      /** Paid the Init phase. */
      cold: boolean;
      /** The error type when the invocation failed. */
      functionError: string | undefined;
      durationMs: number;
      billedDurationMs: number;
      initDurationMs: number | undefined;
      maxMemoryUsedMb: number;
      logStreamName: string;
    }
  | {
      type: 'EnvironmentReset';
      functionName: string;
      logStreamName: string;
      /** Why the runtime was stopped; the environment keeps its stream and /tmp and re-inits. */
      reason: 'timeout' | 'error' | 'crash';
    }
  | { type: 'InvocationThrottled'; functionName: string; requestId: string; reason: ThrottleReason }
  | {
      type: 'AsyncInvocationFinished';
      functionName: string;
      requestId: string;
      condition: 'Success' | 'RetriesExhausted' | 'EventAgeExceeded' | 'ZeroReservedConcurrency';
      approximateInvokeCount: number;
    };
