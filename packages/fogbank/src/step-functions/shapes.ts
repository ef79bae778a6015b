/**
 * The records the service keeps and the SDK shapes it answers with (DescribeExecution,
 * ListExecutions, StartSyncExecution, DescribeStateMachine).
 */
import type { Execution, ExecutionResult, StateMachine, StateMachineType } from '@fogbank/asl';

/** CreateStateMachine's input (the fields fogbank models). */
export interface CreateStateMachineInput {
  name: string;
  /** JSON text, as the SDK sends it (an object is serialised for convenience). */
  definition: string | object;
  /** Not enforced (no IAM). @default `arn:aws:iam::<account>:role/fogbank` */
  roleArn?: string;
  /** @default 'STANDARD' */
  type?: StateMachineType;
  /** Stored and readable with ListTagsForResource. */
  tags?: Array<{ key: string; value: string }>;
}

export interface UpdateStateMachineInput {
  stateMachineArn: string;
  definition?: string | object;
  roleArn?: string;
}

export interface DescribeStateMachineOutput {
  stateMachineArn: string;
  name: string;
  status: 'ACTIVE';
  definition: string;
  roleArn: string;
  type: StateMachineType;
  creationDate: Date;
  loggingConfiguration: { level: 'OFF'; includeExecutionData: boolean };
  tracingConfiguration: { enabled: boolean };
  revisionId?: string;
  variableReferences?: Record<string, string[]>;
}

export interface ValidateDefinitionOutput {
  result: 'OK' | 'FAIL';
  diagnostics: Array<{ severity: 'ERROR' | 'WARNING'; code: string; message: string; location?: string }>;
  truncated: boolean;
}

export type ExecutionStatus = 'RUNNING' | ExecutionResult['status'];

export interface ExecutionListItem {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
}

export interface DescribeExecutionOutput extends ExecutionListItem {
  input: string;
  inputDetails: { included: boolean };
  output?: string;
  outputDetails?: { included: boolean };
  error?: string;
  cause?: string;
  redriveCount: number;
  redriveStatus: 'REDRIVABLE' | 'NOT_REDRIVABLE';
  redriveStatusReason?: string;
}

export interface StartSyncExecutionOutput {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  startDate: Date;
  stopDate: Date;
  status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';
  input: string;
  inputDetails: { included: boolean };
  output?: string;
  outputDetails?: { included: boolean };
  error?: string;
  cause?: string;
  billingDetails: { billedMemoryUsedInMB: number; billedDurationInMilliseconds: number };
}

export interface MachineRecord {
  readonly arn: string;
  readonly name: string;
  readonly type: StateMachineType;
  definition: string;
  roleArn: string;
  machine: StateMachine;
  readonly creationDate: Date;
  revisionId: string | undefined;
  readonly executions: ExecutionRecord[];
}

export interface ExecutionRecord {
  readonly arn: string;
  readonly machineArn: string;
  readonly type: StateMachineType;
  readonly execution: Execution;
  /** The compiled machine it runs (the definition as it was at StartExecution). */
  readonly stateMachine: StateMachine;
  readonly inputText: string;
  stopDate: Date | undefined;
  result: ExecutionResult | undefined;
  /** Settles when the execution has ended and `result`/`stopDate` are set. */
  done: Promise<void>;
}

export function listItemOf(record: ExecutionRecord): ExecutionListItem {
  const item: ExecutionListItem = {
    executionArn: record.arn,
    stateMachineArn: record.machineArn,
    name: record.execution.name,
    status: record.result?.status ?? 'RUNNING',
    startDate: record.execution.startDate,
  };
  if (record.stopDate !== undefined) item.stopDate = record.stopDate;
  return item;
}

/** DescribeExecution. Only ended executions carry `output`/`error`/`cause`; redrive is AWS's status text. */
export function describeOf(record: ExecutionRecord): DescribeExecutionOutput {
  const item = listItemOf(record);
  const out: DescribeExecutionOutput = { ...item, input: record.inputText, inputDetails: { included: true }, redriveCount: 0, redriveStatus: 'NOT_REDRIVABLE' };
  const result = record.result;
  if (result === undefined) {
    out.redriveStatusReason = 'Execution is RUNNING and cannot be redriven';
    return out;
  }
  if (result.status === 'SUCCEEDED') {
    out.output = JSON.stringify(result.output ?? null);
    out.outputDetails = { included: true };
    out.redriveStatusReason = 'Execution is SUCCEEDED and cannot be redriven';
  } else {
    if (result.error !== undefined) out.error = result.error;
    if (result.cause !== undefined) out.cause = result.cause;
    // AWS's status for a failed execution within 14 days; fogbank has no RedriveExecution yet.
    out.redriveStatus = 'REDRIVABLE';
  }
  return out;
}

/** Express billing: duration rounded up to the next 100 ms, memory at its 64 MB minimum. */
export function syncOutputOf(record: ExecutionRecord): StartSyncExecutionOutput {
  const result = record.result!;
  const stopDate = record.stopDate!;
  const durationMs = stopDate.getTime() - record.execution.startDate.getTime();
  const out: StartSyncExecutionOutput = {
    executionArn: record.arn,
    stateMachineArn: record.machineArn,
    name: record.execution.name,
    startDate: record.execution.startDate,
    stopDate,
    status: result.status === 'ABORTED' ? 'FAILED' : result.status,
    input: record.inputText,
    inputDetails: { included: true },
    billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: Math.max(100, Math.ceil(durationMs / 100) * 100) },
  };
  if (result.status === 'SUCCEEDED') {
    out.output = JSON.stringify(result.output ?? null);
    out.outputDetails = { included: true };
  }
  if (result.error !== undefined) out.error = result.error;
  if (result.cause !== undefined) out.cause = result.cause;
  return out;
}
