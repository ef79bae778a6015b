import { virtualClock, realClock, type Clock, type ExecutionResult, type HistoryEvent, type Json } from '@fogbank/asl';
import type { CostReport } from '@fogbank/lambda';
import type { ResolvedConfig } from './config.js';
import { compileDefinition, machineNameOf, readDefinition } from './definition.js';
import { startServices } from './services.js';

/** Options of {@link runDefinition}. */
export interface RunOptions {
  /** Path of the definition, relative to `cwd`. */
  readonly definition: string;
  readonly cwd: string;
  /** One execution per input, run one after the other. */
  readonly inputs: readonly Json[];
  /** @default 'STANDARD' */
  readonly type?: 'STANDARD' | 'EXPRESS';
  readonly config: ResolvedConfig;
  /**
   * Run Wait states, Retry back-off and timeouts on a virtual clock that starts at `now()` and
   * jumps ahead whenever nothing else runs.
   * @default false
   */
  readonly virtualTime?: boolean;
  /** Wall-clock time. @default Date.now */
  readonly now?: () => number;
  /** Execution names and other ids. @default crypto.randomUUID */
  readonly ids?: () => string;
  /** Called before each execution starts (progress on stderr). */
  readonly onStart?: (index: number, total: number) => void;
  /** Warnings (e.g. config entries this command does not create). */
  readonly warn?: (text: string) => void;
}

/** One finished execution, as DescribeExecution and GetExecutionHistory describe it. */
export interface ExecutionRun extends ExecutionResult {
  readonly name: string;
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly input: Json;
  /** Epoch milliseconds on the execution's clock (virtual with `virtualTime`). */
  readonly startedAt: number;
  readonly stoppedAt: number;
  /** Real time the execution took, whatever the clock. */
  readonly wallMs: number;
  /** AWS's events; empty for Express, which keeps none. */
  readonly history: readonly HistoryEvent[];
}

export interface RunReport {
  readonly executions: readonly ExecutionRun[];
  /** The Lambda invocations all executions made, priced (see `lambda.costReport()`). */
  readonly lambda: CostReport;
}

/**
 * Runs a definition once per input against the config's functions: what `fogbank run` does,
 * without printing.
 *
 * @example
 * const report = await runDefinition({ definition: 'order.asl.json', cwd: process.cwd(), inputs: [{}], config, virtualTime: true });
 * report.executions[0].status; // 'SUCCEEDED'
 */
export async function runDefinition(options: RunOptions): Promise<RunReport> {
  const now = options.now ?? Date.now;
  const type = options.type ?? 'STANDARD';
  const definition = await readDefinition(options.cwd, options.definition);
  const clock: Clock = options.virtualTime === true ? virtualClock(now()) : realClock;
  const services = await startServices(options.config, { idleTimeoutMs: Infinity }, options.warn ?? (() => {}));
  try {
    const machine = compileDefinition(definition, {
      type,
      name: machineNameOf(definition.file),
      clock,
      integrations: services.integrations,
      ...(options.ids !== undefined ? { ids: options.ids } : {}),
    });
    const executions: ExecutionRun[] = [];
    for (const [index, input] of options.inputs.entries()) {
      options.onStart?.(index, options.inputs.length);
      const wallStart = now();
      const execution = machine.start(input);
      const result = await execution.result;
      executions.push({
        ...result,
        name: execution.name,
        executionArn: execution.executionArn,
        stateMachineArn: machine.arn,
        type,
        input,
        startedAt: execution.startDate.getTime(),
        stoppedAt: clock.now(),
        wallMs: now() - wallStart,
        history: execution.history,
      });
    }
    return { executions, lambda: services.costReport() };
  } finally {
    await services.close();
  }
}

/** The result object `--json` prints: DescribeExecution's fields, `input` and `output` as JSON values. */
export function describeRun(run: ExecutionRun, withHistory: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    executionArn: run.executionArn,
    stateMachineArn: run.stateMachineArn,
    name: run.name,
    status: run.status,
    startDate: new Date(run.startedAt).toISOString(),
    stopDate: new Date(run.stoppedAt).toISOString(),
    input: run.input,
  };
  if (run.output !== undefined) out['output'] = run.output;
  if (run.error !== undefined) out['error'] = run.error;
  if (run.cause !== undefined) out['cause'] = run.cause;
  if (withHistory) out['events'] = run.history;
  return out;
}
