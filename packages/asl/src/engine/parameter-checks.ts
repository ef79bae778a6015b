import { runtimeError, type StatesError } from '../errors.js';
import { isJsonObject, type Json } from '../json.js';
import type { ResourceInfo } from './types.js';

/**
 * Checks AWS makes on an optimized integration's parameters before it schedules the task: a
 * failure is a decorated `States.Runtime` and no `TaskScheduled` is recorded (recorded:
 * services/apigateway `test_invoke_with_headers[singleStringHeader]`). Only the formats AWS
 * documents are checked; everything else reaches the integration as given.
 */
export function checkParameters(info: ResourceInfo, parameters: Json): StatesError | null {
  if (info.kind !== 'service') return null;
  const fields = FORMATS[`${info.resourceType}:${baseAction(info.resource)}`];
  if (fields === undefined || !isJsonObject(parameters)) return null;
  const invalid = Object.keys(fields).filter((name) => name in parameters && !fields[name]!(parameters[name]!));
  if (invalid.length === 0) return null;
  const reasons = invalid.map((name) => `The value of the field '${name}' has an invalid format`).join(', ');
  return runtimeError(`The Parameters '${JSON.stringify(parameters)}' could not be used to start the Task: [${reasons}]`);
}

function baseAction(resource: string): string {
  const dot = resource.indexOf('.');
  return dot < 0 ? resource : resource.slice(0, dot);
}

/** A JSON map of string to list of strings (API Gateway's `Headers` and `QueryParameters`). */
function multiValueMap(value: Json): boolean {
  return isJsonObject(value) && Object.values(value).every((v) => Array.isArray(v) && v.every((s) => typeof s === 'string'));
}

const FORMATS: Record<string, Record<string, (value: Json) => boolean>> = {
  'apigateway:invoke': { Headers: multiValueMap, QueryParameters: multiValueMap },
};
