/**
 * The context object of a TestState call: the caller's mocked one, checked as AWS checks it, or
 * the one AWS builds for a one-off Express-like run of the state.
 */
import { isJsonObject, type Json, type JsonObject } from '../json.js';
import type { ResourceInfo } from '../engine/types.js';
import { validationError } from './errors.js';

type FieldType = 'string' | 'integer' | 'any';

/** The fields a mocked context may hold, per section, with their types. */
const SECTIONS: Readonly<Record<string, Readonly<Record<string, FieldType>>>> = {
  Execution: { Id: 'string', Input: 'any', Name: 'string', RoleArn: 'string', StartTime: 'string', RedriveCount: 'integer', RedriveTime: 'string' },
  State: { EnteredTime: 'string', Name: 'string', RetryCount: 'integer' },
  StateMachine: { Id: 'string', Name: 'string' },
  Task: { Token: 'string' },
};

const PREFIX = 'Invalid Context object provided: ';

/**
 * Checks a mocked context object: only the sections and fields AWS knows, with their types;
 * no `Map` section; a `Task` section only on a Task with a `.sync` or `.waitForTaskToken` pattern.
 * @throws TestStateError `ValidationException` with AWS's text.
 */
export function checkContext(context: Json, stateType: string, resource: ResourceInfo | null): JsonObject {
  if (!isJsonObject(context)) throw validationError(`${PREFIX}Context object must be a JSON object`);
  for (const [section, value] of Object.entries(context)) {
    if (section === 'Map') throw validationError(`${PREFIX}'Map' field is not supported when mocking a Context object`);
    const fields = SECTIONS[section];
    if (fields === undefined) throw validationError(`${PREFIX}Field '${section}' is not allowed`);
    if (!isJsonObject(value)) throw validationError(`${PREFIX}${section} must be an object`);
    for (const [name, fieldValue] of Object.entries(value)) {
      const type = fields[name];
      if (type === undefined) throw validationError(`${PREFIX}Field '${name}' is not allowed`);
      if (type === 'string' && typeof fieldValue !== 'string') throw validationError(`${PREFIX}${section}.${name} must be a string`);
      if (type === 'integer' && !Number.isInteger(fieldValue)) throw validationError(`${PREFIX}${section}.${name} must be an integer`);
    }
  }
  const waits = stateType === 'Task' && resource !== null && resource.kind === 'service' && resource.pattern !== 'request-response';
  if ('Task' in context && !waits) {
    throw validationError(
      `${PREFIX}Context object contains 'Task' when state is not a Task state with a '.sync' or '.waitForTaskToken' service integration pattern`,
    );
  }
  return context;
}
