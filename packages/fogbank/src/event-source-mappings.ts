/**
 * Event source mappings from DynamoDB streams to Lambda functions: records are read in order, in
 * batches of up to `BatchSize`, and the function is invoked synchronously with the event AWS
 * delivers (`{ Records: [...] }`). A failed batch is retried (`MaximumRetryAttempts`, -1 =
 * until the record is 24 hours old on the clock), split in halves first with
 * `BisectBatchOnFunctionError`, then dropped (docs:
 * https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-eventsourcemapping.html).
 */
import type { Clock } from '@fogbank/asl';
import type { DynamoDB, StreamRecord } from '@fogbank/dynamodb';
import { InvalidParameterValueException, ResourceNotFoundException, type LambdaService } from '@fogbank/lambda';

/** CreateEventSourceMapping's input (the DynamoDB-stream fields fogbank models). */
export interface CreateEventSourceMappingInput {
  EventSourceArn: string;
  FunctionName: string;
  /** 1-10000. @default 100 */
  BatchSize?: number;
  /** `LATEST`: records written from now on; `TRIM_HORIZON`: every record still in the stream. */
  StartingPosition: 'LATEST' | 'TRIM_HORIZON';
  /** -1 (until the record expires) or 0-10000. @default -1 */
  MaximumRetryAttempts?: number;
  /** @default false */
  BisectBatchOnFunctionError?: boolean;
  /** @default true */
  Enabled?: boolean;
}

/** The SDK's `EventSourceMappingConfiguration`. */
export interface EventSourceMappingConfiguration {
  UUID: string;
  EventSourceArn: string;
  FunctionArn: string;
  BatchSize: number;
  StartingPosition: 'LATEST' | 'TRIM_HORIZON';
  MaximumRetryAttempts: number;
  BisectBatchOnFunctionError: boolean;
  MaximumBatchingWindowInSeconds: number;
  ParallelizationFactor: number;
  State: 'Enabled' | 'Disabled';
  StateTransitionReason: 'User action';
  LastModified: Date;
  LastProcessingResult: 'No records processed' | 'OK' | 'PROBLEM: Function call failed';
}

/** The record as Lambda hands it to the function (dates as epoch seconds, the stream's ARN added). */
export type LambdaStreamRecord = Omit<StreamRecord, 'dynamodb'> & {
  dynamodb: Omit<StreamRecord['dynamodb'], 'ApproximateCreationDateTime'> & { ApproximateCreationDateTime: number };
  eventSourceARN: string;
};

const RECORD_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** Pause between retries of a failed batch (on the clock). */
const RETRY_DELAY_MS = 1000;

interface Mapping {
  readonly config: EventSourceMappingConfiguration;
  readonly queue: LambdaStreamRecord[];
  running: Promise<void> | undefined;
  readonly unsubscribe: () => void;
}

export class EventSourceMappings {
  readonly #mappings = new Map<string, Mapping>();

  constructor(
    private readonly lambda: LambdaService,
    private readonly dynamodb: DynamoDB,
    private readonly clock: Clock,
    private readonly newId: () => string,
  ) {}

  /** CreateEventSourceMapping for a DynamoDB stream ARN. */
  async create(input: CreateEventSourceMappingInput): Promise<EventSourceMappingConfiguration> {
    const batchSize = input.BatchSize ?? 100;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
      throw new InvalidParameterValueException(`BatchSize must be between 1 and 10000 for a DynamoDB stream event source.`);
    }
    if (!/^arn:aws:dynamodb:[^:]+:\d+:table\/[^/]+\/stream\/.+$/.test(input.EventSourceArn)) {
      throw new InvalidParameterValueException(`fogbank maps DynamoDB streams only; unsupported event source: ${input.EventSourceArn}`);
    }
    if (input.StartingPosition !== 'LATEST' && input.StartingPosition !== 'TRIM_HORIZON') {
      throw new InvalidParameterValueException('StartingPosition is required for a DynamoDB stream event source (LATEST or TRIM_HORIZON).');
    }
    const fn = await this.lambda.getFunctionConfiguration({ FunctionName: input.FunctionName });
    const config: EventSourceMappingConfiguration = {
      UUID: this.newId(),
      EventSourceArn: input.EventSourceArn,
      FunctionArn: fn.FunctionArn,
      BatchSize: batchSize,
      StartingPosition: input.StartingPosition,
      MaximumRetryAttempts: input.MaximumRetryAttempts ?? -1,
      BisectBatchOnFunctionError: input.BisectBatchOnFunctionError ?? false,
      MaximumBatchingWindowInSeconds: 0,
      ParallelizationFactor: 1,
      State: input.Enabled === false ? 'Disabled' : 'Enabled',
      StateTransitionReason: 'User action',
      LastModified: new Date(this.clock.now()),
      LastProcessingResult: 'No records processed',
    };
    const queue: LambdaStreamRecord[] = [];
    if (input.StartingPosition === 'TRIM_HORIZON') queue.push(...(await this.#existing(input.EventSourceArn)));
    const mapping: Mapping = {
      config,
      queue,
      running: undefined,
      unsubscribe: this.dynamodb.onStreamRecord((event) => {
        if (event.streamArn !== config.EventSourceArn) return;
        queue.push(lambdaRecord(event.record, event.streamArn));
        this.#pump(mapping);
      }),
    };
    this.#mappings.set(config.UUID, mapping);
    this.#pump(mapping);
    return { ...config };
  }

  async get(input: { UUID: string }): Promise<EventSourceMappingConfiguration> {
    return { ...this.#mapping(input.UUID).config };
  }

  async list(input: { FunctionName?: string; EventSourceArn?: string } = {}): Promise<{ EventSourceMappings: EventSourceMappingConfiguration[] }> {
    const all = [...this.#mappings.values()].map((m) => ({ ...m.config }));
    return {
      EventSourceMappings: all.filter(
        (c) =>
          (input.EventSourceArn === undefined || c.EventSourceArn === input.EventSourceArn) &&
          (input.FunctionName === undefined || c.FunctionArn === input.FunctionName || c.FunctionArn.endsWith(`:function:${input.FunctionName}`)),
      ),
    };
  }

  async delete(input: { UUID: string }): Promise<EventSourceMappingConfiguration> {
    const mapping = this.#mapping(input.UUID);
    mapping.unsubscribe();
    mapping.queue.length = 0;
    this.#mappings.delete(input.UUID);
    return { ...mapping.config };
  }

  /** Resolves once every mapping has delivered every record it has (retries included). */
  async settled(): Promise<void> {
    for (;;) {
      const running = [...this.#mappings.values()].map((m) => m.running).filter((r) => r !== undefined);
      if (running.length === 0) return;
      await Promise.all(running);
    }
  }

  close(): void {
    for (const mapping of this.#mappings.values()) {
      mapping.unsubscribe();
      mapping.queue.length = 0;
    }
    this.#mappings.clear();
  }

  #mapping(uuid: string): Mapping {
    const mapping = this.#mappings.get(uuid);
    if (mapping === undefined) throw new ResourceNotFoundException(`The resource you requested does not exist. (Service: Lambda, Status Code: 404, Request ID: ${this.newId()})`);
    return mapping;
  }

  async #existing(streamArn: string): Promise<LambdaStreamRecord[]> {
    const { StreamDescription } = (await this.dynamodb.describeStream({ StreamArn: streamArn })) as { StreamDescription: { Shards: Array<{ ShardId: string }> } };
    const out: LambdaStreamRecord[] = [];
    for (const shard of StreamDescription.Shards) {
      const { ShardIterator } = (await this.dynamodb.getShardIterator({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' })) as { ShardIterator: string };
      let iterator: string | undefined = ShardIterator;
      while (iterator !== undefined) {
        const page = (await this.dynamodb.getRecords({ ShardIterator: iterator })) as { Records: StreamRecord[]; NextShardIterator?: string };
        out.push(...page.Records.map((r) => lambdaRecord(r, streamArn)));
        iterator = page.Records.length === 0 ? undefined : page.NextShardIterator;
      }
    }
    return out;
  }

  #pump(mapping: Mapping): void {
    if (mapping.running !== undefined || mapping.config.State !== 'Enabled' || mapping.queue.length === 0) return;
    mapping.running = (async () => {
      // Records written in the same turn form one batch, as a poll would find them.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (mapping.queue.length > 0 && this.#mappings.has(mapping.config.UUID)) {
        const batch = mapping.queue.splice(0, mapping.config.BatchSize);
        await this.#deliver(mapping, batch, 0);
      }
    })().finally(() => {
      mapping.running = undefined;
      this.#pump(mapping);
    });
  }

  /** One batch: invoke; on a function error bisect or retry, then drop what still fails. */
  async #deliver(mapping: Mapping, batch: LambdaStreamRecord[], retries: number): Promise<void> {
    const config = mapping.config;
    const response = await this.lambda.invoke({ FunctionName: config.FunctionArn, Payload: JSON.stringify({ Records: batch }) });
    if (response.FunctionError === undefined) {
      config.LastProcessingResult = 'OK';
      return;
    }
    config.LastProcessingResult = 'PROBLEM: Function call failed';
    if (config.BisectBatchOnFunctionError && batch.length > 1) {
      const half = Math.ceil(batch.length / 2);
      await this.#deliver(mapping, batch.slice(0, half), retries);
      await this.#deliver(mapping, batch.slice(half), retries);
      return;
    }
    const oldest = Math.min(...batch.map((r) => r.dynamodb.ApproximateCreationDateTime * 1000));
    const canRetry = config.MaximumRetryAttempts === -1 ? this.clock.now() - oldest < RECORD_LIFETIME_MS : retries < config.MaximumRetryAttempts;
    if (!canRetry || !this.#mappings.has(config.UUID)) return;
    await this.clock.timer(RETRY_DELAY_MS).fired;
    await this.#deliver(mapping, batch, retries + 1);
  }
}

function lambdaRecord(record: StreamRecord, streamArn: string): LambdaStreamRecord {
  const { ApproximateCreationDateTime, ...rest } = record.dynamodb;
  return {
    ...record,
    dynamodb: { ApproximateCreationDateTime: Math.floor(ApproximateCreationDateTime.getTime() / 1000), ...rest },
    eventSourceARN: streamArn,
  };
}
