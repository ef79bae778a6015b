import { pathToFileURL } from 'node:url';
import { checkReservation } from './concurrency.js';
import type { CostReport } from './cost.js';
import {
  ResourceConflictException,
  ResourceNotFoundException,
  TooManyRequestsException,
  UnsupportedFeatureError,
  ValidationException,
} from './errors.js';
import {
  type AsyncInvocationRecord,
  type AttemptResult,
  type EventInvokeConfig,
  EventQueue,
  resolveEventInvokeConfig,
} from './event-queue.js';
import {
  applyConfigurationUpdate,
  type CreateFunctionRequest,
  type FunctionConfiguration,
  type FunctionRecord,
  formatLastModified,
  nameFromIdentifier,
  qualifierFromIdentifier,
  resolveCode,
  toConfiguration,
  type UpdateFunctionCodeRequest,
  type UpdateFunctionConfigurationRequest,
  validateCreate,
} from './function-config.js';
import type { LambdaEvent } from './lambda-events.js';
import { tailLog } from './log-lines.js';
import { LogStore } from './log-store.js';
import { type LambdaServiceOptions, type ResolvedLambdaOptions, resolveOptions } from './options.js';
import { type InvokePayload, PayloadBlob, readRequestPayload } from './payload.js';
import { type FunctionState, InvocationRunner } from './runner.js';

/** Invoke's input (the SDK's `InvocationRequest`). */
export interface InvokeRequest {
  FunctionName: string;
  Payload?: InvokePayload;
  /** @default 'RequestResponse' */
  InvocationType?: 'RequestResponse' | 'Event' | 'DryRun';
  /** `Tail` returns the last 4 KB of the log in `LogResult` (synchronous invokes only). */
  LogType?: 'None' | 'Tail';
  /** Base64 JSON, handed to the handler as `context.clientContext`. */
  ClientContext?: string;
  Qualifier?: string;
}

/** Invoke's output (the SDK's `InvocationResponse`). */
export interface InvokeResponse {
  StatusCode: number;
  Payload: PayloadBlob;
  FunctionError?: 'Unhandled';
  LogResult?: string;
  ExecutedVersion?: '$LATEST';
  $metadata: { httpStatusCode: number; requestId: string };
}

/**
 * AWS Lambda in-process: the Lambda API's operations in camelCase with the SDK's input and output
 * shapes and AWS's exceptions, running Node.js handlers in execution environments (worker threads)
 * with Lambda's cold starts, timeouts, memory limits, concurrency, logs and errors.
 *
 * @example
 * const lambda = new LambdaService({ region: 'us-east-1' });
 * await lambda.createFunction({ FunctionName: 'orders', Handler: 'index.handler',
 *   Runtime: 'nodejs20.x', Code: { Directory: './functions/orders' } });
 * const res = await lambda.invoke({ FunctionName: 'orders', Payload: JSON.stringify({ id: 1 }) });
 * JSON.parse(res.Payload.transformToString()); // the handler's answer
 * await lambda.close();
 */
export class LambdaService {
  readonly #options: ResolvedLambdaOptions;
  readonly #functions = new Map<string, FunctionState>();
  readonly #listeners = new Set<(event: LambdaEvent) => void>();
  readonly #queue: EventQueue;
  readonly #runner: InvocationRunner;
  /** CloudWatch Logs as Lambda writes it: `/aws/lambda/<name>`, a stream per environment. */
  readonly logs = new LogStore();

  constructor(options: LambdaServiceOptions = {}) {
    this.#options = resolveOptions(options);
    this.#runner = new InvocationRunner(this.#options, this.#functions, this.logs, (event) => this.#emit(event));
    this.#queue = new EventQueue({
      clock: this.#options.clock,
      attempt: (name, requestId, payload) => this.#attempt(name, requestId, payload),
      config: (name) => this.#functions.get(name)?.eventConfig,
      reservedConcurrency: (name) => this.#functions.get(name)?.record.reservedConcurrency,
      functionArn: (name) => this.#arn(name),
      deliver: (destination, record) => this.#deliver(destination, record),
      finished: (name, record) =>
        this.#emit({
          type: 'AsyncInvocationFinished',
          functionName: name,
          requestId: record.requestContext.requestId,
          condition: record.requestContext.condition,
          approximateInvokeCount: record.requestContext.approximateInvokeCount,
        }),
    });
  }

  /** The resolved options (region, account, mode, clock, ...). */
  get options(): ResolvedLambdaOptions {
    return this.#options;
  }

  // ---- control plane -------------------------------------------------------------------------

  /** CreateFunction. Throws `ResourceConflictException` if the name is taken. */
  async createFunction(input: CreateFunctionRequest): Promise<FunctionConfiguration> {
    const validated = validateCreate(input, (name) => this.#arn(name));
    if (this.#functions.has(validated.name)) throw new ResourceConflictException(`Function already exist: ${validated.name}`);
    const record: FunctionRecord = { ...validated, ...this.#stamp() };
    this.#functions.set(record.name, { record, pool: this.#runner.createPool(record.name), eventConfig: undefined });
    this.#runner.prime(record.memorySize);
    return this.#configuration(record);
  }

  /** GetFunction: configuration, code location and reserved concurrency. */
  async getFunction(input: { FunctionName: string }): Promise<{
    Configuration: FunctionConfiguration;
    Code: { RepositoryType: 'S3'; Location: string };
    Concurrency?: { ReservedConcurrentExecutions: number };
  }> {
    const { record } = this.#state(input.FunctionName);
    return {
      Configuration: this.#configuration(record),
      Code: { RepositoryType: 'S3', Location: pathToFileURL(record.codeDir).href },
      ...(record.reservedConcurrency !== undefined
        ? { Concurrency: { ReservedConcurrentExecutions: record.reservedConcurrency } }
        : {}),
    };
  }

  /** GetFunctionConfiguration. */
  async getFunctionConfiguration(input: { FunctionName: string }): Promise<FunctionConfiguration> {
    return this.#configuration(this.#state(input.FunctionName).record);
  }

  /** ListFunctions, ordered by name, paginated with `Marker` / `MaxItems` (default 50). */
  async listFunctions(input: { Marker?: string; MaxItems?: number } = {}): Promise<{ Functions: FunctionConfiguration[]; NextMarker?: string }> {
    const maxItems = input.MaxItems ?? 50;
    if (maxItems < 1 || maxItems > 10_000) {
      throw new ValidationException(
        `1 validation error detected: Value '${maxItems}' at 'maxItems' failed to satisfy constraint: Member must have value ${maxItems < 1 ? 'greater than or equal to 1' : 'less than or equal to 10000'}`,
      );
    }
    const names = [...this.#functions.keys()].sort();
    const start = input.Marker === undefined ? 0 : names.findIndex((name) => name > (input.Marker as string));
    const page = start < 0 ? [] : names.slice(start, start + maxItems);
    const next = start >= 0 && start + maxItems < names.length ? page[page.length - 1] : undefined;
    return {
      Functions: page.map((name) => this.#configuration(this.#state(name).record)),
      ...(next !== undefined ? { NextMarker: next } : {}),
    };
  }

  /** UpdateFunctionConfiguration. New environments get the new settings; idle ones are retired. */
  async updateFunctionConfiguration(input: UpdateFunctionConfigurationRequest): Promise<FunctionConfiguration> {
    const state = this.#state(input.FunctionName);
    applyConfigurationUpdate(state.record, input);
    this.#bumpVersion(state);
    this.#runner.prime(state.record.memorySize);
    return this.#configuration(state.record);
  }

  /** UpdateFunctionCode (`Directory`). New environments load the new code; idle ones are retired. */
  async updateFunctionCode(input: UpdateFunctionCodeRequest): Promise<FunctionConfiguration> {
    const state = this.#state(input.FunctionName);
    if (input.Publish === true) throw new UnsupportedFeatureError('Publish: true (published versions and aliases)');
    Object.assign(state.record, resolveCode(input));
    if (input.Architectures?.[0] !== undefined) state.record.architecture = input.Architectures[0];
    this.#bumpVersion(state);
    return this.#configuration(state.record);
  }

  /** DeleteFunction. Running invocations finish; their environments are then retired. */
  async deleteFunction(input: { FunctionName: string; Qualifier?: string }): Promise<Record<string, never>> {
    const state = this.#state(input.FunctionName);
    if (input.Qualifier !== undefined && input.Qualifier !== '$LATEST') {
      throw new UnsupportedFeatureError('DeleteFunction with a Qualifier (published versions)');
    }
    this.#functions.delete(state.record.name);
    state.pool.retireIdle('deleted');
    return {};
  }

  /** PutFunctionConcurrency: reserves (and caps) the function's concurrency. */
  async putFunctionConcurrency(input: {
    FunctionName: string;
    ReservedConcurrentExecutions: number;
  }): Promise<{ ReservedConcurrentExecutions: number }> {
    const state = this.#state(input.FunctionName);
    const requested = input.ReservedConcurrentExecutions;
    if (requested === undefined || requested === null) {
      throw new ValidationException(
        "1 validation error detected: Value null at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must not be null",
      );
    }
    if (!Number.isInteger(requested) || requested < 0) {
      throw new ValidationException(
        `1 validation error detected: Value '${requested}' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 0`,
      );
    }
    let others = 0;
    for (const other of this.#functions.values()) {
      if (other !== state) others += other.record.reservedConcurrency ?? 0;
    }
    checkReservation(requested, others, this.#options.accountConcurrency);
    state.record.reservedConcurrency = requested;
    return { ReservedConcurrentExecutions: requested };
  }

  /** GetFunctionConcurrency: `{}` when nothing is reserved. */
  async getFunctionConcurrency(input: { FunctionName: string }): Promise<{ ReservedConcurrentExecutions?: number }> {
    const reserved = this.#state(input.FunctionName).record.reservedConcurrency;
    return reserved === undefined ? {} : { ReservedConcurrentExecutions: reserved };
  }

  /** DeleteFunctionConcurrency: back to the unreserved pool. */
  async deleteFunctionConcurrency(input: { FunctionName: string }): Promise<Record<string, never>> {
    this.#state(input.FunctionName).record.reservedConcurrency = undefined;
    return {};
  }

  /** PutFunctionEventInvokeConfig: retries, maximum event age and destinations of `Event` invokes. */
  async putFunctionEventInvokeConfig(input: EventInvokeConfig): Promise<{
    FunctionArn: string;
    LastModified: number;
    MaximumRetryAttempts: number;
    MaximumEventAgeInSeconds: number;
    DestinationConfig: { OnSuccess: { Destination?: string }; OnFailure: { Destination?: string } };
  }> {
    const state = this.#state(input.FunctionName);
    const config = resolveEventInvokeConfig(input);
    for (const destination of [config.onSuccess, config.onFailure]) {
      if (destination !== undefined && !this.#isFunctionArn(destination) && this.#options.onDestination === undefined) {
        throw new UnsupportedFeatureError(
          `the destination ${destination} without an onDestination option (fogbank delivers to its own functions, or to onDestination)`,
        );
      }
    }
    const lastModified = this.#options.clock.now();
    state.eventConfig = { ...config, lastModified };
    return {
      FunctionArn: `${state.record.arn}:$LATEST`,
      LastModified: lastModified / 1000,
      MaximumRetryAttempts: config.maximumRetryAttempts,
      MaximumEventAgeInSeconds: config.maximumEventAgeMs / 1000,
      DestinationConfig: {
        OnSuccess: config.onSuccess !== undefined ? { Destination: config.onSuccess } : {},
        OnFailure: config.onFailure !== undefined ? { Destination: config.onFailure } : {},
      },
    };
  }

  // ---- data plane ----------------------------------------------------------------------------

  /**
   * Invoke. `RequestResponse` runs the handler and returns its answer (function errors come back
   * as a 200 with `FunctionError: 'Unhandled'`); `Event` queues it (202) with Lambda's retries;
   * `DryRun` only checks (204). Throttles throw `TooManyRequestsException`.
   */
  async invoke(input: InvokeRequest): Promise<InvokeResponse> {
    const invocationType = input.InvocationType ?? 'RequestResponse';
    if (invocationType !== 'RequestResponse' && invocationType !== 'Event' && invocationType !== 'DryRun') {
      throw new ValidationException(
        `1 validation error detected: Value '${String(invocationType)}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`,
      );
    }
    const state = this.#state(input.FunctionName, input.Qualifier, true);
    const eventJson = readRequestPayload(input.Payload, invocationType);
    const requestId = this.#options.ids.uuid();
    if (invocationType === 'DryRun') {
      return { StatusCode: 204, Payload: PayloadBlob.fromString(''), $metadata: { httpStatusCode: 204, requestId } };
    }
    if (invocationType === 'Event') {
      this.#queue.enqueue(state.record.name, requestId, eventJson);
      return { StatusCode: 202, Payload: PayloadBlob.fromString(''), $metadata: { httpStatusCode: 202, requestId } };
    }
    const clientContext =
      input.ClientContext === undefined ? undefined : Buffer.from(input.ClientContext, 'base64').toString('utf8');
    // A bare function name has no qualifier (names cannot hold ':'); only ARNs need parsing.
    const qualifier = input.Qualifier ?? (input.FunctionName.includes(':') ? qualifierFromIdentifier(input.FunctionName) : undefined);
    const run = await this.#runner.run(state, requestId, eventJson, clientContext, 'RequestResponse', qualifier);
    return {
      StatusCode: 200,
      Payload: PayloadBlob.fromString(run.payload),
      ...(run.functionError ? { FunctionError: 'Unhandled' as const } : {}),
      ...(input.LogType === 'Tail' ? { LogResult: tailLog(run.logEvents().map(([, message]) => message)) } : {}),
      ExecutedVersion: '$LATEST',
      $metadata: { httpStatusCode: 200, requestId },
    };
  }

  /** Prices the invocations so far at AWS's on-demand rates (see {@link LAMBDA_PRICES}). */
  costReport(): CostReport {
    return this.#runner.billed.report();
  }

  /** Subscribes to the service's events; returns the unsubscribe function. */
  onEvent(listener: (event: LambdaEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Events still being processed by the asynchronous queue (queued, running or waiting to retry). */
  get pendingAsyncInvocations(): number {
    return this.#queue.pending;
  }

  /** Stops every environment and removes their `/tmp` directories. */
  async close(): Promise<void> {
    const pools = [...this.#functions.values()].map((state) => state.pool);
    this.#functions.clear();
    await this.#runner.close(pools);
  }

  // ---- internals -----------------------------------------------------------------------------

  async #attempt(name: string, requestId: string, payload: string): Promise<AttemptResult> {
    const state = this.#functions.get(name);
    if (state === undefined) throw new ResourceNotFoundException(`Function not found: ${this.#arn(name)}`);
    try {
      const run = await this.#runner.run(state, requestId, payload, undefined, 'Event');
      return run.functionError ? { kind: 'function-error', payload: run.payload } : { kind: 'success', payload: run.payload };
    } catch (error) {
      if (error instanceof TooManyRequestsException) return { kind: 'throttled' };
      throw error;
    }
  }

  async #deliver(destination: string, record: AsyncInvocationRecord): Promise<void> {
    if (this.#isFunctionArn(destination)) {
      const name = nameFromIdentifier(destination);
      if (this.#functions.has(name)) {
        await this.invoke({ FunctionName: name, InvocationType: 'Event', Payload: JSON.stringify(record) });
      }
      return;
    }
    await this.#options.onDestination?.(destination, record);
  }

  #state(identifier: string, qualifier?: string, invoking = false): FunctionState {
    const direct = qualifier === undefined ? this.#functions.get(identifier) : undefined;
    if (direct !== undefined) return direct;
    const name = nameFromIdentifier(identifier);
    const effectiveQualifier = qualifier ?? qualifierFromIdentifier(identifier);
    const state = this.#functions.get(name);
    if (state === undefined || (effectiveQualifier !== undefined && effectiveQualifier !== '$LATEST')) {
      const suffix = effectiveQualifier !== undefined ? `:${effectiveQualifier}` : invoking ? ':$LATEST' : '';
      throw new ResourceNotFoundException(`Function not found: ${this.#arn(name)}${suffix}`);
    }
    return state;
  }

  #bumpVersion(state: FunctionState): void {
    Object.assign(state.record, this.#stamp());
    state.record.version += 1;
    state.pool.retireIdle('updated');
  }

  #stamp(): { lastModified: string; revisionId: string } {
    return { lastModified: formatLastModified(this.#options.clock.now()), revisionId: this.#options.ids.uuid() };
  }

  #configuration(record: FunctionRecord): FunctionConfiguration {
    return toConfiguration(record, this.#options.region, this.#options.accountId);
  }

  #arn(name: string): string {
    return `arn:aws:lambda:${this.#options.region}:${this.#options.accountId}:function:${name}`;
  }

  #isFunctionArn(arn: string): boolean {
    return /^arn:aws[a-zA-Z-]*:lambda:[^:]+:\d{12}:function:/.test(arn);
  }

  #emit(event: LambdaEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}

