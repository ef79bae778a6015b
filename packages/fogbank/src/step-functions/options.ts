import { realClock, type Clock, type Integrations } from '@fogbank/asl';
import type { MockConfig } from '../mocks/mock-config.js';

/** Options of {@link StepFunctions}; every field is optional. */
export interface StepFunctionsOptions {
  /** @default 'us-east-1' */
  region?: string;
  /** @default '123456789012' */
  accountId?: string;
  /** Time for executions, timestamps and the activity long poll. @default realClock */
  clock?: Clock;
  /** Task resources besides the ones the service owns (nested executions, activities, callbacks). */
  integrations?: Integrations;
  /** Execution names, task tokens, request ids. @default crypto.randomUUID */
  ids?: () => string;
  /** Retry jitter and `States.MathRandom`. @default Math.random */
  random?: () => number;
  /**
   * Step Functions Local's mock configuration (an object or a JSON file's path). An execution
   * started on `<state machine ARN>#<test case>` answers the test case's mocked states from it.
   */
  mockConfig?: MockConfig | string;
}

export interface ResolvedStepFunctionsOptions {
  readonly region: string;
  readonly accountId: string;
  readonly clock: Clock;
  readonly integrations: Integrations;
  readonly ids: () => string;
  readonly random: () => number;
  readonly mockConfig: MockConfig | string | undefined;
}

export const STEP_FUNCTIONS_DEFAULTS = { region: 'us-east-1', accountId: '123456789012' } as const;

export function resolveStepFunctionsOptions(options: StepFunctionsOptions = {}): ResolvedStepFunctionsOptions {
  return {
    region: options.region ?? STEP_FUNCTIONS_DEFAULTS.region,
    accountId: options.accountId ?? STEP_FUNCTIONS_DEFAULTS.accountId,
    clock: options.clock ?? realClock,
    integrations: options.integrations ?? {},
    ids: options.ids ?? (() => crypto.randomUUID()),
    random: options.random ?? Math.random,
    mockConfig: options.mockConfig,
  };
}
