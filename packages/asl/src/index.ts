export type { Json, JsonObject } from './json.js';
export { TaskError, InvalidDefinitionError, StatesErrorName } from './errors.js';
export type { Diagnostic } from './errors.js';
