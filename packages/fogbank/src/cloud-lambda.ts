/**
 * The cloud's Lambda service: `@fogbank/lambda`'s `LambdaService` plus the event source mapping
 * operations, which need the cloud's DynamoDB streams.
 */
import type { Clock } from '@fogbank/asl';
import type { DynamoDB } from '@fogbank/dynamodb';
import { LambdaService, type LambdaServiceOptions } from '@fogbank/lambda';
import { EventSourceMappings, type CreateEventSourceMappingInput, type EventSourceMappingConfiguration } from './event-source-mappings.js';

export class CloudLambda extends LambdaService {
  readonly #mappings: EventSourceMappings;

  constructor(options: LambdaServiceOptions & { clock: Clock }, dynamodb: DynamoDB, newId: () => string) {
    super(options);
    this.#mappings = new EventSourceMappings(this, dynamodb, options.clock, newId);
  }

  /** CreateEventSourceMapping (DynamoDB stream sources). */
  createEventSourceMapping(input: CreateEventSourceMappingInput): Promise<EventSourceMappingConfiguration> {
    return this.#mappings.create(input);
  }

  /** GetEventSourceMapping. */
  getEventSourceMapping(input: { UUID: string }): Promise<EventSourceMappingConfiguration> {
    return this.#mappings.get(input);
  }

  /** ListEventSourceMappings, filtered by function and/or source. */
  listEventSourceMappings(input: { FunctionName?: string; EventSourceArn?: string } = {}): Promise<{ EventSourceMappings: EventSourceMappingConfiguration[] }> {
    return this.#mappings.list(input);
  }

  /** DeleteEventSourceMapping. */
  deleteEventSourceMapping(input: { UUID: string }): Promise<EventSourceMappingConfiguration> {
    return this.#mappings.delete(input);
  }

  /** Resolves once every mapping has delivered the records written so far (fogbank's, for tests). */
  eventSourceMappingsSettled(): Promise<void> {
    return this.#mappings.settled();
  }

  override async close(): Promise<void> {
    this.#mappings.close();
    await super.close();
  }
}
