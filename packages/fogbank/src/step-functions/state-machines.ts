/**
 * The state machine registry of the Step Functions service: CreateStateMachine, Describe,
 * Update, Delete and List, each machine validated and compiled once.
 */
import { InvalidDefinitionError, StateMachine, type Clock, type Integrations, type StateMachineType } from '@fogbank/asl';
import { checkName, parseArn, type Arns } from './arns.js';
import { StepFunctionsError, stateMachineAlreadyExists, stateMachineDoesNotExist } from './errors.js';
import { definitionText, paginate } from './list-paging.js';
import type { CreateStateMachineInput, DescribeStateMachineOutput, MachineRecord, UpdateStateMachineInput } from './shapes.js';
import type { TagStore } from './tags.js';

/** What the registry needs from its service. */
export interface RegistryEnv {
  readonly region: string;
  readonly accountId: string;
  readonly clock: Clock;
  readonly ids: () => string;
  readonly random: () => number;
  readonly arns: Arns;
  readonly tags: TagStore;
  /** The service's integrations (read when a machine is compiled). */
  integrations(): Integrations;
}

export class StateMachineRegistry {
  readonly #machines = new Map<string, MachineRecord>();

  constructor(private readonly env: RegistryEnv) {}

  /** Whether a machine has this ARN. */
  has(arn: string): boolean {
    return this.#machines.has(arn);
  }

  /**
   * CreateStateMachine. The definition is validated (every problem in one `InvalidDefinition`)
   * and compiled once. Creating the same name again with the same definition, role and type
   * answers the existing machine; anything else is `StateMachineAlreadyExists`.
   */
  async create(input: CreateStateMachineInput): Promise<{ stateMachineArn: string; creationDate: Date }> {
    checkName(input.name);
    const type = input.type ?? 'STANDARD';
    const definition = definitionText(input.definition);
    const roleArn = input.roleArn ?? `arn:aws:iam::${this.env.accountId}:role/fogbank`;
    const arn = this.env.arns.stateMachine(input.name);
    const existing = this.#machines.get(arn);
    if (existing !== undefined) {
      if (existing.definition === definition && existing.roleArn === roleArn && existing.type === type) {
        return { stateMachineArn: arn, creationDate: existing.creationDate };
      }
      throw stateMachineAlreadyExists(arn);
    }
    const machine = this.#compile(definition, type, input.name, roleArn);
    this.env.tags.add(arn, input.tags);
    const record: MachineRecord = {
      arn,
      name: input.name,
      type,
      definition,
      roleArn,
      machine,
      creationDate: new Date(this.env.clock.now()),
      revisionId: undefined,
      executions: [],
    };
    this.#machines.set(arn, record);
    return { stateMachineArn: arn, creationDate: record.creationDate };
  }

  /** DescribeStateMachine, with `variableReferences` when any state reads workflow variables. */
  async describe(input: { stateMachineArn: string }): Promise<DescribeStateMachineOutput> {
    const record = this.get(input.stateMachineArn);
    const out: DescribeStateMachineOutput = {
      stateMachineArn: record.arn,
      name: record.name,
      status: 'ACTIVE',
      definition: record.definition,
      roleArn: record.roleArn,
      type: record.type,
      creationDate: record.creationDate,
      loggingConfiguration: { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    };
    if (record.revisionId !== undefined) out.revisionId = record.revisionId;
    const references = record.machine.variableReferences;
    if (references !== null && references !== undefined) out.variableReferences = references as Record<string, string[]>;
    return out;
  }

  /** UpdateStateMachine: new executions run the new definition; running ones keep theirs. */
  async update(input: UpdateStateMachineInput): Promise<{ updateDate: Date; revisionId: string }> {
    const record = this.get(input.stateMachineArn);
    if (input.definition === undefined && input.roleArn === undefined) {
      throw new StepFunctionsError('MissingRequiredParameter', 'Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified');
    }
    const definition = input.definition === undefined ? record.definition : definitionText(input.definition);
    const roleArn = input.roleArn ?? record.roleArn;
    record.machine = this.#compile(definition, record.type, record.name, roleArn);
    record.definition = definition;
    record.roleArn = roleArn;
    record.revisionId = this.env.ids();
    return { updateDate: new Date(this.env.clock.now()), revisionId: record.revisionId };
  }

  /** DeleteStateMachine. Running executions finish; the name is free again at once. */
  async delete(input: { stateMachineArn: string }): Promise<Record<string, never>> {
    parseArn(input.stateMachineArn, ['stateMachine']);
    this.#machines.delete(input.stateMachineArn);
    this.env.tags.forget(input.stateMachineArn);
    return {};
  }

  /** ListStateMachines, ordered by name, with `maxResults` / `nextToken`. */
  async list(input: { maxResults?: number; nextToken?: string } = {}): Promise<{
    stateMachines: Array<{ stateMachineArn: string; name: string; type: StateMachineType; creationDate: Date }>;
    nextToken?: string;
  }> {
    const all = [...this.#machines.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const { page, nextToken } = paginate(all, input.maxResults, input.nextToken);
    return {
      stateMachines: page.map((m) => ({ stateMachineArn: m.arn, name: m.name, type: m.type, creationDate: m.creationDate })),
      ...(nextToken !== undefined ? { nextToken } : {}),
    };
  }

  #compile(definition: string, type: StateMachineType, name: string, roleArn: string): StateMachine {
    try {
      return StateMachine.from(definition, {
        type,
        name,
        roleArn,
        region: this.env.region,
        accountId: this.env.accountId,
        clock: this.env.clock,
        integrations: this.env.integrations(),
        ids: this.env.ids,
        random: this.env.random,
      });
    } catch (error) {
      if (error instanceof InvalidDefinitionError) throw new StepFunctionsError('InvalidDefinition', error.message);
      throw error;
    }
  }

  /** The machine of an ARN, or AWS's `StateMachineDoesNotExist`. */
  get(arn: string): MachineRecord {
    parseArn(arn, ['stateMachine']);
    const record = this.#machines.get(arn);
    if (record === undefined) throw stateMachineDoesNotExist(arn);
    return record;
  }
}
