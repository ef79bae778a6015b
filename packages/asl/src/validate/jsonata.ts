import { checkJsonataExpressionAll, isJsonataExpression } from '../jsonata/index.js';
import { isJsonObject, type Json, type JsonObject } from '../json.js';
import { type Diagnostics, field, item } from './diagnostics.js';
import type { QueryLanguage } from './fields.js';

/**
 * Definition-time checks of what a state evaluates: every `{% %}` expression of a JSONata state
 * must parse (`INVALID_JSONATA_EXPRESSION: Expected "]", got ","`, the parser's text without
 * its S0xxx code) and must not read the absent root input (`UNSUPPORTED_JSONATA_EXPRESSION:
 * Reference to 'phone' at the top level is not supported.`), each reported at the expression
 * (`/States/E/Output/v`); and the names a state assigns, in either language, must be variable
 * names.
 */

export const INVALID_JSONATA_EXPRESSION = 'INVALID_JSONATA_EXPRESSION';
export const UNSUPPORTED_JSONATA_EXPRESSION = 'UNSUPPORTED_JSONATA_EXPRESSION';

/** State fields that may hold expressions, at any depth, in a JSONata state. */
const EXPRESSION_FIELDS = [
  'Arguments', 'Output', 'Assign', 'Items', 'ItemSelector', 'TimeoutSeconds', 'HeartbeatSeconds', 'Seconds', 'Timestamp',
  'Error', 'Cause', 'MaxConcurrency', 'ToleratedFailureCount', 'ToleratedFailurePercentage', 'Credentials',
];

/** Nested settings of a Map and the parts of each that may hold expressions. */
const NESTED_FIELDS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['ItemReader', ['Arguments', 'ReaderConfig']],
  ['ItemBatcher', ['MaxItemsPerBatch', 'MaxInputBytesPerBatch', 'BatchInput']],
  ['ResultWriter', ['Arguments']],
];

/** Checks every expression of a JSONata state (`state` holds the fields of its language). */
export function checkJsonataExpressions(state: JsonObject, location: string, out: Diagnostics): void {
  for (const name of EXPRESSION_FIELDS) {
    if (name in state) checkValue(state[name]!, field(location, name), out);
  }
  for (const [name, parts] of NESTED_FIELDS) {
    const settings = state[name];
    if (!isJsonObject(settings)) continue;
    for (const part of parts) if (part in settings) checkValue(settings[part]!, field(field(location, name), part), out);
  }
  for (const [list, parts] of [['Choices', ['Condition', 'Output', 'Assign']], ['Catch', ['Output', 'Assign']]] as const) {
    const entries = state[list];
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry, index) => {
      if (!isJsonObject(entry)) return;
      for (const part of parts) if (part in entry) checkValue(entry[part]!, field(item(field(location, list), index), part), out);
    });
  }
}

/**
 * One field value: an expression, or a template holding expressions at any depth. Locations
 * follow AWS's style, array items in brackets on their field (`/States/E/Output/list[1]`).
 */
function checkValue(value: Json, location: string, out: Diagnostics): void {
  if (isJsonataExpression(value)) {
    for (const problem of checkJsonataExpressionAll(value)) out.error(problem.code, problem.message, location);
  } else if (Array.isArray(value)) {
    value.forEach((entry, index) => checkValue(entry, item(location, index), out));
  } else if (isJsonObject(value)) {
    for (const [key, entry] of Object.entries(value)) checkValue(entry, field(location, key), out);
  }
}

/**
 * AWS's variable name syntax: a Unicode identifier (UAX #31: ID_Start, then ID_Continue), with
 * `_` allowed first as in JavaScript (names like `_count` are common and JSONata reads them).
 */
const VARIABLE_NAME = /^[\p{ID_Start}_]\p{ID_Continue}*$/u;
/** AWS's longest variable name, in characters. */
export const MAX_VARIABLE_NAME_LENGTH = 80;

/**
 * The names a state assigns (state level, each Choice rule, each catcher). A name is a variable,
 * never a sub-path of one: `x.y` and `x[2]` are refused, as are names over 80 characters.
 */
export function checkAssignedNames(state: JsonObject, language: QueryLanguage, location: string, out: Diagnostics): void {
  checkAssign(state['Assign'], language, field(location, 'Assign'), out);
  for (const list of ['Choices', 'Catch']) {
    const entries = state[list];
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry, index) => {
      if (isJsonObject(entry)) checkAssign(entry['Assign'], language, field(item(field(location, list), index), 'Assign'), out);
    });
  }
}

function checkAssign(assign: Json | undefined, language: QueryLanguage, location: string, out: Diagnostics): void {
  // A JSONata `Assign` written as one expression assigns the names its object has at run time.
  if (!isJsonObject(assign)) return;
  for (const key of Object.keys(assign)) {
    const name = language === 'JSONPath' && key.endsWith('.$') ? key.slice(0, -2) : key;
    if (VARIABLE_NAME.test(name) && [...name].length <= MAX_VARIABLE_NAME_LENGTH) continue;
    out.schema(
      `The variable name '${name}' is not valid: a variable name is an identifier of at most ${MAX_VARIABLE_NAME_LENGTH} characters (letters, digits and '_', not starting with a digit), and Assign cannot set part of a variable such as 'x.y' or 'x[2]'`,
      location,
    );
  }
}
