import {
  testState,
  validate,
  type Execution,
  type Integrations,
  type StateMachineType,
  type TestStateRequest,
  type TestStateResult,
} from '@fogbank/asl';
import { ResolvedMockConfig } from '../mocks/mock-config.js';
import { MockRuns, withMocks } from '../mocks/mocked-integrations.js';
import { Activities, type ActivityTask } from './activities.js';
import { Arns, checkName, parseArn } from './arns.js';
import {
  executionAlreadyExists,
  executionDoesNotExist,
  resourceNotFound,
  StepFunctionsError,
  typeNotSupported,
} from './errors.js';
import { historyPage, type HistoryPage, type HistoryPageRequest } from './history-page.js';
import { paginate } from './list-paging.js';
import { serviceIntegrations } from './service-integrations.js';
import { resolveStepFunctionsOptions, type ResolvedStepFunctionsOptions, type StepFunctionsOptions } from './options.js';
import { parseExecutionInput, parseTaskOutput, type JsonText } from './payloads.js';
import { StateMachineRegistry } from './state-machines.js';
import { TaskTokens } from './task-tokens.js';
import { TagStore, type Tag } from './tags.js';
import {
  describeOf,
  listItemOf,
  type CreateStateMachineInput,
  type DescribeExecutionOutput,
  type DescribeStateMachineOutput,
  type ExecutionListItem,
  type ExecutionRecord,
  type StartSyncExecutionOutput,
  type UpdateStateMachineInput,
  type ValidateDefinitionOutput,
  syncOutputOf,
} from './shapes.js';

/**
 * AWS Step Functions in-process, over the `@fogbank/asl` engine: the API's operations in camelCase
 * with the SDK's input and output shapes and AWS's exceptions (`StepFunctionsError`, `name` =
 * AWS's exception name).
 *
 * @example
 * const sfn = new StepFunctions({ clock: virtualClock() });
 * const { stateMachineArn } = await sfn.createStateMachine({ name: 'hello', definition: JSON.stringify(def), roleArn });
 * const { executionArn } = await sfn.startExecution({ stateMachineArn, input: '{"id":1}' });
 * const done = await sfn.waitForExecution(executionArn); // DescribeExecution's shape
 */
export class StepFunctions {
  readonly options: ResolvedStepFunctionsOptions;
  readonly #arns: Arns;
  readonly #registry: StateMachineRegistry;
  readonly #executions = new Map<string, ExecutionRecord>();
  readonly #tokens = new TaskTokens();
  readonly #activities: Activities;
  readonly #integrations: Integrations;
  readonly #mocks: ResolvedMockConfig | undefined;
  readonly #mockRuns = new MockRuns();
  readonly #tags = new TagStore();

  constructor(options: StepFunctionsOptions = {}) {
    this.options = resolveStepFunctionsOptions(options);
    this.#arns = new Arns(this.options.region, this.options.accountId);
    this.#activities = new Activities(this.options.clock);
    this.#mocks = this.options.mockConfig === undefined ? undefined : ResolvedMockConfig.from(this.options.mockConfig);
    const integrations = serviceIntegrations(this.options.integrations, {
      tokens: this.#tokens,
      activities: this.#activities,
      startExecution: (input) => this.startExecution(input),
      waitForExecution: (arn) => this.waitForExecution(arn),
      stopExecution: (arn) => this.stopExecution({ executionArn: arn }),
      call: (operation, input) => this.call(operation, input),
      newRequestId: () => this.options.ids(),
    });
    this.#integrations = this.#mocks === undefined ? integrations : withMocks(integrations, this.#mockRuns);
    const o = this.options;
    this.#registry = new StateMachineRegistry({
      region: o.region,
      accountId: o.accountId,
      clock: o.clock,
      ids: o.ids,
      random: o.random,
      arns: this.#arns,
      tags: this.#tags,
      integrations: () => this.#integrations,
    });
  }

  /** The Task resources executions of this service resolve (the cloud's plus the service's own). */
  get integrations(): Integrations {
    return this.#integrations;
  }

  // ---- state machines ------------------------------------------------------------------------

  /**
   * CreateStateMachine. The definition is validated (every problem in one `InvalidDefinition`)
   * and compiled once. Creating the same name again with the same definition, role and type
   * answers the existing machine; anything else is `StateMachineAlreadyExists`.
   */
  createStateMachine(input: CreateStateMachineInput): Promise<{ stateMachineArn: string; creationDate: Date }> {
    return this.#registry.create(input);
  }

  /** DescribeStateMachine, with `variableReferences` when any state reads workflow variables. */
  describeStateMachine(input: { stateMachineArn: string }): Promise<DescribeStateMachineOutput> {
    return this.#registry.describe(input);
  }

  /** UpdateStateMachine: new executions run the new definition; running ones keep theirs. */
  updateStateMachine(input: UpdateStateMachineInput): Promise<{ updateDate: Date; revisionId: string }> {
    return this.#registry.update(input);
  }

  /** DeleteStateMachine. Running executions finish; the name is free again at once. */
  deleteStateMachine(input: { stateMachineArn: string }): Promise<Record<string, never>> {
    return this.#registry.delete(input);
  }

  /** ListStateMachines, ordered by name, with `maxResults` / `nextToken`. */
  listStateMachines(input: { maxResults?: number; nextToken?: string } = {}): ReturnType<StateMachineRegistry['list']> {
    return this.#registry.list(input);
  }

  /** DescribeStateMachineForExecution: the definition the execution runs (its machine's, as started). */
  async describeStateMachineForExecution(input: { executionArn: string }): Promise<{
    stateMachineArn: string;
    name: string;
    definition: string;
    roleArn: string;
    updateDate: Date;
  }> {
    const record = this.#standardExecution(input.executionArn);
    const definition = record.stateMachine;
    return {
      stateMachineArn: record.machineArn,
      name: definition.options.name,
      definition: JSON.stringify(definition.definition),
      roleArn: definition.options.roleArn,
      updateDate: record.execution.startDate,
    };
  }

  /** TagResource (state machines and activities). */
  async tagResource(input: { resourceArn: string; tags: Tag[] }): Promise<Record<string, never>> {
    this.#taggable(input.resourceArn);
    this.#tags.add(input.resourceArn, input.tags);
    return {};
  }

  /** UntagResource. */
  async untagResource(input: { resourceArn: string; tagKeys: string[] }): Promise<Record<string, never>> {
    this.#taggable(input.resourceArn);
    this.#tags.remove(input.resourceArn, input.tagKeys);
    return {};
  }

  /** ListTagsForResource. */
  async listTagsForResource(input: { resourceArn: string }): Promise<{ tags: Tag[] }> {
    this.#taggable(input.resourceArn);
    return { tags: this.#tags.list(input.resourceArn) };
  }

  /** ValidateStateMachineDefinition: every diagnostic at or above `severity` (default ERROR). */
  async validateStateMachineDefinition(input: {
    definition: string | object;
    type?: StateMachineType;
    severity?: 'ERROR' | 'WARNING';
    maxResults?: number;
  }): Promise<ValidateDefinitionOutput> {
    const all = validate(input.definition, { type: input.type ?? 'STANDARD' });
    const wanted = input.severity === 'WARNING' ? all : all.filter((d) => d.severity === 'ERROR');
    const max = input.maxResults === undefined || input.maxResults === 0 ? 100 : input.maxResults;
    const diagnostics = wanted.slice(0, max).map((d) => ({
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.location === '' ? {} : { location: d.location }),
    }));
    return { result: all.some((d) => d.severity === 'ERROR') ? 'FAIL' : 'OK', diagnostics, truncated: wanted.length > max };
  }

  /** TestState: one state run on its own, with the cloud's integrations for unmocked tasks. */
  async testState(input: TestStateRequest): Promise<TestStateResult> {
    const o = this.options;
    return testState(input, { integrations: this.#integrations, clock: o.clock, ids: o.ids, random: o.random, region: o.region, accountId: o.accountId });
  }

  // ---- executions ----------------------------------------------------------------------------

  /**
   * StartExecution. A Standard execution's name is unique per machine: the same name with the same
   * input while it runs answers the running execution, otherwise `ExecutionAlreadyExists`.
   */
  async startExecution(input: { stateMachineArn: string; name?: string; input?: JsonText; traceHeader?: string }): Promise<{ executionArn: string; startDate: Date }> {
    const record = this.#execution(input);
    return { executionArn: record.arn, startDate: record.execution.startDate };
  }

  /** StartSyncExecution (Express only): runs to the end and answers with the outcome and billing. */
  async startSyncExecution(input: { stateMachineArn: string; name?: string; input?: JsonText; traceHeader?: string }): Promise<StartSyncExecutionOutput> {
    const machine = this.#registry.get(input.stateMachineArn);
    if (machine.type !== 'EXPRESS') throw typeNotSupported();
    const record = this.#execution(input, true);
    await record.done;
    return syncOutputOf(record);
  }

  /** DescribeExecution (Standard executions; Express ones have no record in AWS). */
  async describeExecution(input: { executionArn: string }): Promise<DescribeExecutionOutput> {
    return describeOf(this.#standardExecution(input.executionArn));
  }

  /**
   * Waits until the execution has ended and answers DescribeExecution's shape. fogbank's addition
   * for tests; it accepts Express execution ARNs too.
   */
  async waitForExecution(executionArn: string): Promise<DescribeExecutionOutput> {
    const record = this.#executions.get(executionArn);
    if (record === undefined) {
      parseArn(executionArn, ['execution', 'express']);
      throw executionDoesNotExist(executionArn);
    }
    await record.done;
    return describeOf(record);
  }

  /** ListExecutions of a Standard machine, newest first, optionally by status. */
  async listExecutions(input: { stateMachineArn: string; statusFilter?: ExecutionListItem['status']; maxResults?: number; nextToken?: string }): Promise<{
    executions: ExecutionListItem[];
    nextToken?: string;
  }> {
    const machine = this.#registry.get(input.stateMachineArn);
    if (machine.type === 'EXPRESS') throw typeNotSupported();
    const filtered = [...machine.executions].reverse().filter((e) => input.statusFilter === undefined || e.execution.status === input.statusFilter);
    const { page, nextToken } = paginate(filtered, input.maxResults, input.nextToken);
    return { executions: page.map(listItemOf), ...(nextToken !== undefined ? { nextToken } : {}) };
  }

  /** GetExecutionHistory with paging, `reverseOrder` and `includeExecutionData`. */
  async getExecutionHistory(input: HistoryPageRequest): Promise<HistoryPage> {
    const record = this.#standardExecution(input.executionArn);
    return historyPage(record.execution.history, input);
  }

  /** StopExecution: the execution ends as ABORTED with the given error and cause. */
  async stopExecution(input: { executionArn: string; error?: string; cause?: string }): Promise<{ stopDate: Date }> {
    const record = this.#standardExecution(input.executionArn);
    const details: { error?: string; cause?: string } = {};
    if (input.error !== undefined) details.error = input.error;
    if (input.cause !== undefined) details.cause = input.cause;
    record.execution.stop(details);
    await record.done;
    return { stopDate: record.stopDate ?? new Date(this.options.clock.now()) };
  }

  // ---- callbacks and activities --------------------------------------------------------------

  /** SendTaskSuccess: `output` is JSON text (or, for convenience, any JSON value). */
  async sendTaskSuccess(input: { taskToken: string; output: JsonText }): Promise<Record<string, never>> {
    const output = parseTaskOutput(input.output);
    this.#tokens.success(input.taskToken, output.value);
    return {};
  }

  /** SendTaskFailure. */
  async sendTaskFailure(input: { taskToken: string; error?: string; cause?: string }): Promise<Record<string, never>> {
    this.#tokens.failure(input.taskToken, input.error, input.cause);
    return {};
  }

  /** SendTaskHeartbeat: restarts the task's `HeartbeatSeconds` countdown. */
  async sendTaskHeartbeat(input: { taskToken: string }): Promise<Record<string, never>> {
    this.#tokens.heartbeat(input.taskToken);
    return {};
  }

  /** The tokens of tasks waiting for an answer, oldest first; of one execution when given. */
  pendingTaskTokens(executionArn?: string): string[] {
    return executionArn === undefined ? this.#tokens.pending : this.#tokens.pendingOf(executionArn);
  }

  /**
   * Resolves with the token of the next task of the execution (of any execution when omitted)
   * that waits for an answer, or of one already waiting. fogbank's addition for tests.
   */
  waitForTaskToken(executionArn?: string): Promise<string> {
    return this.#tokens.next(executionArn);
  }

  /** CreateActivity (idempotent by name). */
  async createActivity(input: { name: string; tags?: Tag[] }): Promise<{ activityArn: string; creationDate: Date }> {
    checkName(input.name);
    const activity = this.#activities.create(this.#arns.activity(input.name), input.name);
    this.#tags.add(activity.arn, input.tags);
    return { activityArn: activity.arn, creationDate: activity.creationDate };
  }

  /** DescribeActivity. */
  async describeActivity(input: { activityArn: string }): Promise<{ activityArn: string; name: string; creationDate: Date }> {
    parseArn(input.activityArn, ['activity']);
    const activity = this.#activities.get(input.activityArn);
    return { activityArn: activity.arn, name: activity.name, creationDate: activity.creationDate };
  }

  /** DeleteActivity. */
  async deleteActivity(input: { activityArn: string }): Promise<Record<string, never>> {
    parseArn(input.activityArn, ['activity']);
    this.#activities.delete(input.activityArn);
    return {};
  }

  /** ListActivities, by name. */
  async listActivities(input: { maxResults?: number; nextToken?: string } = {}): Promise<{
    activities: Array<{ activityArn: string; name: string; creationDate: Date }>;
    nextToken?: string;
  }> {
    const { page, nextToken } = paginate(this.#activities.list(), input.maxResults, input.nextToken);
    return {
      activities: page.map((a) => ({ activityArn: a.arn, name: a.name, creationDate: a.creationDate })),
      ...(nextToken !== undefined ? { nextToken } : {}),
    };
  }

  /** GetActivityTask: a scheduled task of the activity, or `{}` after a 60-second long poll (on the clock). */
  async getActivityTask(input: { activityArn: string; workerName?: string }): Promise<ActivityTask> {
    parseArn(input.activityArn, ['activity']);
    return this.#activities.poll(input.activityArn, input.workerName);
  }

  /** The API operations this service answers (camelCase), for wire adapters. */
  static readonly operations: readonly string[] = [
    'createStateMachine', 'describeStateMachine', 'updateStateMachine', 'deleteStateMachine', 'listStateMachines',
    'validateStateMachineDefinition', 'testState', 'startExecution', 'startSyncExecution', 'describeExecution',
    'listExecutions', 'getExecutionHistory', 'stopExecution', 'sendTaskSuccess', 'sendTaskFailure', 'sendTaskHeartbeat',
    'createActivity', 'describeActivity', 'deleteActivity', 'listActivities', 'getActivityTask',
    'describeStateMachineForExecution', 'tagResource', 'untagResource', 'listTagsForResource',
  ];

  /**
   * Calls an operation by its camelCase name with the SDK's input (wire adapters use this). An
   * operation fogbank does not model is rejected with `UnknownOperationException`.
   */
  call(operation: string, input: unknown): Promise<unknown> {
    if (!StepFunctions.operations.includes(operation)) {
      return Promise.reject(new StepFunctionsError('UnknownOperationException', `fogbank's Step Functions does not support the operation ${operation}`));
    }
    const method = (this as unknown as Record<string, (i: unknown) => Promise<unknown>>)[operation]!;
    return method.call(this, input ?? {});
  }

  /** Stops every running execution (used by `cloud.close()`). */
  async close(): Promise<void> {
    const running = [...this.#executions.values()].filter((r) => r.execution.status === 'RUNNING');
    for (const record of running) record.execution.stop({ error: 'fogbank.Closed', cause: 'The cloud was closed.' });
    this.#activities.close();
    await Promise.all(running.map((r) => r.done));
  }

  // ---- internals -----------------------------------------------------------------------------

  /** A test case of the mock configuration, chosen with `<state machine ARN>#<test case>`. */
  #testCase(machine: string, testCase: string) {
    if (this.#mocks === undefined) {
      throw new StepFunctionsError('InvalidArn', `Invalid Arn: 'Test case ${testCase} requested, but no mock configuration was given (the mockConfig option)'`);
    }
    const states = this.#mocks.testCase(machine, testCase);
    if (states === undefined) {
      throw new StepFunctionsError('InvalidArn', `Invalid Arn: 'The mock configuration has no test case ${testCase} for the state machine ${machine}'`);
    }
    return states;
  }

  /** A state machine or activity that exists, or AWS's `ResourceNotFound`. */
  #taggable(arn: string): void {
    const parsed = parseArn(arn, ['stateMachine', 'activity']);
    const exists = parsed.resource === 'activity' ? this.#activities.has(arn) : this.#registry.has(arn);
    if (!exists) throw resourceNotFound(arn);
  }

  #standardExecution(arn: string): ExecutionRecord {
    parseArn(arn, ['execution']);
    const record = this.#executions.get(arn);
    if (record === undefined) throw executionDoesNotExist(arn);
    return record;
  }

  #execution(input: { stateMachineArn: string; name?: string; input?: JsonText }, sync = false): ExecutionRecord {
    const hash = input.stateMachineArn.indexOf('#');
    const testCase = hash < 0 ? undefined : input.stateMachineArn.slice(hash + 1);
    const machine = this.#registry.get(hash < 0 ? input.stateMachineArn : input.stateMachineArn.slice(0, hash));
    const mocked = testCase === undefined ? undefined : this.#testCase(machine.name, testCase);
    if (input.name !== undefined) checkName(input.name);
    const parsed = parseExecutionInput(input.input);
    const name = input.name ?? this.options.ids();
    if (machine.type === 'STANDARD') {
      const arn = this.#arns.execution(machine.name, name);
      const existing = this.#executions.get(arn);
      if (existing !== undefined) {
        if (existing.execution.status === 'RUNNING' && existing.inputText === parsed.text) return existing;
        throw executionAlreadyExists(arn);
      }
    }
    const endMock = mocked === undefined ? undefined : this.#mockRuns.start(machine.name, name, testCase!, mocked);
    const execution: Execution = machine.machine.start(parsed.value, { name, sync });
    const record: ExecutionRecord = {
      arn: execution.executionArn,
      machineArn: machine.arn,
      type: machine.type,
      execution,
      stateMachine: machine.machine,
      inputText: JSON.stringify(parsed.value),
      stopDate: undefined,
      result: undefined,
      done: undefined as unknown as Promise<void>,
    };
    record.done = execution.result.then((result) => {
      endMock?.();
      record.result = result;
      record.stopDate = new Date(this.options.clock.now());
    });
    this.#executions.set(record.arn, record);
    machine.executions.push(record);
    return record;
  }
}
