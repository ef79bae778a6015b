/**
 * TestState mocks: which states take one and which require one, the shape a mocked result must
 * have for the state, and its check against the service's API model (`fieldValidationMode`).
 */
import { resolveResource } from '../engine/resources.js';
import type { ResourceInfo } from '../engine/types.js';
import { isJsonObject, type Json, type JsonObject } from '../json.js';
import { checkMockResult, modelFor, type FieldValidationMode } from './api-models.js';
import { invalidDefinition, validationError } from './errors.js';
import { jsonField } from './request.js';

/** `mock` of a TestState request, as AWS takes it. */
export interface TestStateMock {
  /** The state's result as JSON text (AWS's form); a non-string value is taken as already parsed. */
  readonly result?: string | Json;
  /** The error the state's invocation fails with. */
  readonly errorOutput?: { readonly error?: string; readonly cause?: string };
  /** How strictly a Task's mocked result is checked against the service's API model. @default 'STRICT' */
  readonly fieldValidationMode?: FieldValidationMode;
}

/** `stateConfiguration` of a TestState request. */
export interface TestStateConfiguration {
  /** Retries already made by the retrier that matches the mocked error (`$$.State.RetryCount`). */
  readonly retrierRetryCount?: number;
  /** The state inside a Map or Parallel that raised the mocked error. */
  readonly errorCausedByState?: string;
  /** How many Map iterations failed (checked against the Map's tolerated failure settings). */
  readonly mapIterationFailureCount?: number;
  /** What a distributed Map's ItemReader read, as JSON text. */
  readonly mapItemReaderData?: string;
}

/** A mock, checked: either a result or an error. */
export type ResolvedMock = { readonly kind: 'result'; readonly value: Json } | { readonly kind: 'error'; readonly error: string; readonly cause: string | undefined };

const REFUSES_MOCK = new Set(['Pass', 'Fail', 'Succeed']);

/**
 * Applies AWS's request rules that depend on the state: mocks refused by Pass/Fail/Succeed and
 * required by Map, Parallel, activities and `.sync`/`.waitForTaskToken` tasks; the role a real
 * task call needs; and the mocked result's shape. Returns the checked mock, if any.
 */
export function checkMock(
  raw: JsonObject,
  mock: TestStateMock | undefined,
  config: TestStateConfiguration,
  options: { readonly revealSecrets: boolean; readonly roleArn: string | undefined },
): ResolvedMock | null {
  const type = String(raw['Type']);
  const resource = type === 'Task' && typeof raw['Resource'] === 'string' ? resolveResource(raw['Resource']) : null;
  if (mock !== undefined) {
    if (mock.result !== undefined && mock.errorOutput !== undefined) {
      throw validationError('A test mock should have only one of the following fields: [result, errorOutput].');
    }
    if (mock.result === undefined && mock.errorOutput === undefined) {
      throw validationError('A test mock should have one of the following fields: [result, errorOutput].');
    }
    if (options.revealSecrets) throw validationError('TestState does not support RevealSecrets when a mock is specified.');
    if (REFUSES_MOCK.has(type)) throw validationError(`State type '${type}' is not supported when a mock is specified`);
  } else {
    if (config.mapIterationFailureCount !== undefined) {
      throw validationError('TestState does not support MapIterationFailureCount when a mock is not specified.');
    }
    if (type === 'Map' || type === 'Parallel') {
      throw invalidDefinition('TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]');
    }
    if (resource !== null && resource.pattern !== 'request-response') {
      throw invalidDefinition(
        'TestState API does not support Activity tasks or the .sync and .waitForTaskToken service integration patterns without a mock.',
      );
    }
    if (type === 'Task' && options.roleArn === undefined) throw validationError('RoleArn must be specified when testing a Task state');
    return null;
  }
  if (mock.errorOutput !== undefined) {
    return { kind: 'error', error: mock.errorOutput.error ?? '', cause: mock.errorOutput.cause };
  }
  const value = jsonField(mock.result, () => validationError('Mocked result must be valid JSON.'));
  checkResultShape(type, raw, value, config, resource, mock.fieldValidationMode ?? 'STRICT');
  return { kind: 'result', value };
}

function checkResultShape(
  type: string,
  raw: JsonObject,
  value: Json,
  config: TestStateConfiguration,
  resource: ResourceInfo | null,
  mode: FieldValidationMode,
): void {
  if (type === 'Parallel') {
    if (!Array.isArray(value)) throw validationError('Mocked result must be an array.');
    const branches = Array.isArray(raw['Branches']) ? raw['Branches'].length : 0;
    if (value.length !== branches) throw validationError('Mocked result must contain the same number of items as number of Parallel branches.');
    return;
  }
  if (type === 'Map') {
    // With a ResultWriter the Map's result is the writer's summary object, not the items.
    if ('ResultWriter' in raw) {
      if (!isJsonObject(value)) throw validationError('Mocked result must be a JSON object.');
      return;
    }
    if (!Array.isArray(value)) throw validationError('Mocked result must be an array.');
    if ((config.mapIterationFailureCount ?? 0) > value.length) {
      throw validationError('Map iteration failure count must be less than or equal to the number of Map iterations');
    }
    return;
  }
  if (resource === null || resource.kind !== 'service') return;
  // A `.sync` mock is the polling API's answer and a `.waitForTaskToken` one the callback's
  // output: neither is the called action's response.
  if (resource.pattern !== 'request-response') return;
  const model = modelFor(resource.resourceType, resource.resource);
  if (model !== undefined) checkMockResult(model, value, mode);
}
