import type { Clock } from './clock.js';
import { InvalidParameterValueException, TooManyRequestsException } from './errors.js';

/**
 * Asynchronous (`Event`) invocations, as Lambda's internal queue handles them
 * (docs: https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html): function errors are
 * retried up to MaximumRetryAttempts (default 2) after 1 and then 2 minutes; throttles are retried
 * with exponential back-off from 1 second to 5 minutes; an event older than
 * MaximumEventAgeInSeconds (default 6 hours) is dropped; with reserved concurrency 0 the event
 * goes straight to the on-failure destination. All waits run on the injected clock.
 */

/** PutFunctionEventInvokeConfig's input. */
export interface EventInvokeConfig {
  FunctionName: string;
  MaximumRetryAttempts?: number;
  MaximumEventAgeInSeconds?: number;
  DestinationConfig?: { OnSuccess?: { Destination?: string }; OnFailure?: { Destination?: string } };
}

/** The invocation record sent to destinations (AWS's shape, version 1.0). */
export interface AsyncInvocationRecord {
  version: '1.0';
  timestamp: string;
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: 'Success' | 'RetriesExhausted' | 'EventAgeExceeded' | 'ZeroReservedConcurrency';
    approximateInvokeCount: number;
  };
  requestPayload: unknown;
  responseContext: { statusCode: number; executedVersion: string; functionError?: string };
  responsePayload: unknown;
}

/** One attempt's result, as the queue needs it. */
export type AttemptResult =
  | { kind: 'success'; payload: string }
  | { kind: 'function-error'; payload: string }
  | { kind: 'throttled' };

/** What the queue needs from the service. */
export interface EventQueueHost {
  readonly clock: Clock;
  /** Runs one attempt with the same request id. Throws ResourceNotFoundException if the function is gone. */
  attempt(functionName: string, requestId: string, payload: string): Promise<AttemptResult>;
  config(functionName: string): ResolvedEventInvokeConfig | undefined;
  reservedConcurrency(functionName: string): number | undefined;
  functionArn(functionName: string): string;
  deliver(destination: string, record: AsyncInvocationRecord): Promise<void>;
  finished(functionName: string, record: AsyncInvocationRecord): void;
}

export interface ResolvedEventInvokeConfig {
  maximumRetryAttempts: number;
  maximumEventAgeMs: number;
  onSuccess: string | undefined;
  onFailure: string | undefined;
}

export const EVENT_INVOKE_DEFAULTS: ResolvedEventInvokeConfig = {
  maximumRetryAttempts: 2,
  maximumEventAgeMs: 21_600_000,
  onSuccess: undefined,
  onFailure: undefined,
};

/** Validates PutFunctionEventInvokeConfig's numbers with AWS's texts. */
export function resolveEventInvokeConfig(input: EventInvokeConfig): ResolvedEventInvokeConfig {
  const retries = input.MaximumRetryAttempts;
  if (retries !== undefined && (retries < 0 || retries > 2)) {
    throw new InvalidParameterValueException(
      `1 validation error detected: Value '${retries}' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value ${retries < 0 ? 'greater than or equal to 0' : 'less than or equal to 2'}`,
    );
  }
  const age = input.MaximumEventAgeInSeconds;
  if (age !== undefined && (age < 60 || age > 21_600)) {
    throw new InvalidParameterValueException(
      `1 validation error detected: Value '${age}' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value ${age < 60 ? 'greater than or equal to 60' : 'less than or equal to 21600'}`,
    );
  }
  return {
    maximumRetryAttempts: retries ?? EVENT_INVOKE_DEFAULTS.maximumRetryAttempts,
    maximumEventAgeMs: (age ?? 21_600) * 1000,
    onSuccess: input.DestinationConfig?.OnSuccess?.Destination,
    onFailure: input.DestinationConfig?.OnFailure?.Destination,
  };
}

const RETRY_DELAYS_MS = [60_000, 120_000];
const THROTTLE_MAX_DELAY_MS = 300_000;

/** Tracks queued events; `pending` counts those not finished. */
export class EventQueue {
  readonly #host: EventQueueHost;
  #pending = 0;

  constructor(host: EventQueueHost) {
    this.#host = host;
  }

  get pending(): number {
    return this.#pending;
  }

  /** Queues one event; processing starts on the next turn of the event loop. */
  enqueue(functionName: string, requestId: string, payload: string): void {
    this.#pending++;
    const enqueuedAt = this.#host.clock.now();
    setImmediate(() => {
      void this.#process(functionName, requestId, payload, enqueuedAt).finally(() => this.#pending--);
    });
  }

  async #process(functionName: string, requestId: string, payload: string, enqueuedAt: number): Promise<void> {
    const host = this.#host;
    const config = host.config(functionName) ?? EVENT_INVOKE_DEFAULTS;
    const finish = async (
      condition: AsyncInvocationRecord['requestContext']['condition'],
      attempts: number,
      response: { payload: string; functionError: boolean } | undefined,
    ): Promise<void> => {
      const record: AsyncInvocationRecord = {
        version: '1.0',
        timestamp: new Date(host.clock.now()).toISOString(),
        requestContext: { requestId, functionArn: `${host.functionArn(functionName)}:$LATEST`, condition, approximateInvokeCount: attempts },
        requestPayload: parseOrText(payload),
        responseContext: {
          statusCode: 200,
          executedVersion: '$LATEST',
          ...(response?.functionError === true ? { functionError: 'Unhandled' } : {}),
        },
        responsePayload: response === undefined ? undefined : parseOrText(response.payload),
      };
      host.finished(functionName, record);
      const destination = condition === 'Success' ? config.onSuccess : config.onFailure;
      if (destination !== undefined) await host.deliver(destination, record);
    };

    if (host.reservedConcurrency(functionName) === 0) return finish('ZeroReservedConcurrency', 0, undefined);
    let attempts = 0;
    let throttles = 0;
    let lastError: string | undefined;
    for (;;) {
      if (host.clock.now() - enqueuedAt > config.maximumEventAgeMs) {
        return finish('EventAgeExceeded', attempts, lastError === undefined ? undefined : { payload: lastError, functionError: true });
      }
      let result: AttemptResult;
      try {
        result = await host.attempt(functionName, requestId, payload);
      } catch (error) {
        if (error instanceof TooManyRequestsException) result = { kind: 'throttled' };
        else return; // the function was deleted: the event is dropped, as on AWS
      }
      if (result.kind === 'throttled') {
        const delay = Math.min(THROTTLE_MAX_DELAY_MS, 1000 * 2 ** throttles++);
        await host.clock.timer(delay).fired;
        continue;
      }
      attempts++;
      if (result.kind === 'success') return finish('Success', attempts, { payload: result.payload, functionError: false });
      lastError = result.payload;
      if (attempts > config.maximumRetryAttempts) {
        return finish('RetriesExhausted', attempts, { payload: result.payload, functionError: true });
      }
      await host.clock.timer(RETRY_DELAYS_MS[attempts - 1] ?? 120_000).fired;
    }
  }
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
