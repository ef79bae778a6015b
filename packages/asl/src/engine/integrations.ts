import type { Clock } from '../clock.js';
import type { Json, JsonObject } from '../json.js';

/** What a Task integration gets besides its input. */
export interface TaskContext {
  /** The Task's `Resource` ARN as written. */
  readonly resource: string;
  readonly stateName: string;
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly region: string;
  /** The context object (`$$`) of this state visit. */
  readonly context: JsonObject;
  /** `$$.Task.Token` for `.waitForTaskToken`, `.sync` and activity tasks. */
  readonly taskToken: string | undefined;
  readonly timeoutSeconds: number | undefined;
  readonly heartbeatSeconds: number | undefined;
  /** Aborted when the task times out, the execution stops, or a sibling branch fails. */
  readonly signal: AbortSignal;
  readonly clock: Clock;
  /** Restarts the `HeartbeatSeconds` countdown (SendTaskHeartbeat). */
  heartbeat(): void;
  /** For activities: a worker took the task (GetActivityTask); records `ActivityStarted { workerName }`. */
  started(workerName: string): void;
  /** Records `TaskSubmitted` with the output of the submitting call (`.sync`, `.waitForTaskToken`). */
  submitted(output: Json): void;
  /** Waits on the execution's clock: with a virtual clock, simulated time passes, not real time. */
  sleep(ms: number): Promise<void>;
}

/**
 * A Task resource's implementation: returns the task's result, or throws
 * `new TaskError(error, cause)` to fail it. The engine keeps the returned value as it is (the
 * history serialises it when read): do not change it after returning it.
 */
export type Integration = (input: Json, context: TaskContext) => Json | Promise<Json>;

/** `resource ARN pattern -> integration`; `*` in a pattern matches any run of characters. */
export type Integrations = Readonly<Record<string, Integration>>;

export interface ResolvedIntegrations {
  find(arn: string): Integration | undefined;
}

export function resolveIntegrations(integrations: Integrations = {}): ResolvedIntegrations {
  const exact = new Map<string, Integration>();
  const patterns: Array<{ regex: RegExp; integration: Integration }> = [];
  for (const [pattern, integration] of Object.entries(integrations)) {
    if (!pattern.includes('*')) exact.set(pattern, integration);
    else {
      const source = pattern.split('*').map(escapeRegex).join('.*');
      patterns.push({ regex: new RegExp(`^${source}$`), integration });
    }
  }
  const cache = new Map<string, Integration | undefined>();
  return {
    find(arn) {
      if (cache.has(arn)) return cache.get(arn);
      const found = exact.get(arn) ?? patterns.find((p) => p.regex.test(arn))?.integration;
      cache.set(arn, found);
      return found;
    },
  };
}

function escapeRegex(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
