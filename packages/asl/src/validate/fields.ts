/**
 * Which fields each state type accepts, and which of them belong to one query language only.
 * The per-type sets follow AWS's answers to ValidateStateMachineDefinition for every
 * (type, field) pair (a field outside its type's set is `Field 'X' is not supported`); the
 * language sets follow AWS's `The QueryLanguage is set to 'JSONPath', but field 'X' is only
 * supported for the 'JSONata' QueryLanguage` family.
 */

export type QueryLanguage = 'JSONPath' | 'JSONata';

export const STATE_TYPES = ['Task', 'Wait', 'Pass', 'Succeed', 'Fail', 'Choice', 'Parallel', 'Map'] as const;
export type StateType = (typeof STATE_TYPES)[number];

export function isStateType(value: unknown): value is StateType {
  return typeof value === 'string' && (STATE_TYPES as readonly string[]).includes(value);
}

const COMMON = ['Type', 'Comment', 'QueryLanguage'];
const IO = ['InputPath', 'OutputPath', 'Output', 'Assign'];
const FLOW = ['Next', 'End'];
const ERRORS = ['Retry', 'Catch'];

/** Every field each state type accepts, in either query language. */
export const STATE_FIELDS: Readonly<Record<StateType, ReadonlySet<string>>> = {
  Pass: new Set([...COMMON, ...IO, ...FLOW, 'Result', 'ResultPath', 'Parameters']),
  Task: new Set([
    ...COMMON, ...IO, ...FLOW, ...ERRORS, 'ResultPath', 'Parameters', 'Arguments', 'ResultSelector', 'Resource',
    'Credentials', 'TimeoutSeconds', 'TimeoutSecondsPath', 'HeartbeatSeconds', 'HeartbeatSecondsPath',
  ]),
  Wait: new Set([...COMMON, ...IO, ...FLOW, 'Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath']),
  Parallel: new Set([...COMMON, ...IO, ...FLOW, ...ERRORS, 'ResultPath', 'Parameters', 'Arguments', 'ResultSelector', 'Branches']),
  Map: new Set([
    ...COMMON, ...IO, ...FLOW, ...ERRORS, 'ResultPath', 'Parameters', 'ResultSelector', 'ItemProcessor', 'Iterator',
    'ItemsPath', 'Items', 'ItemSelector', 'ItemReader', 'ItemBatcher', 'ResultWriter', 'MaxConcurrency',
    'MaxConcurrencyPath', 'ToleratedFailurePercentage', 'ToleratedFailurePercentagePath', 'ToleratedFailureCount',
    'ToleratedFailureCountPath', 'Label',
  ]),
  Choice: new Set([...COMMON, ...IO, 'Choices', 'Default']),
  Succeed: new Set([...COMMON, 'InputPath', 'OutputPath', 'Output']),
  Fail: new Set([...COMMON, 'Error', 'Cause', 'ErrorPath', 'CausePath']),
};

/** Fields only the JSONPath query language has. */
export const JSONPATH_ONLY: ReadonlySet<string> = new Set([
  'InputPath', 'OutputPath', 'ResultPath', 'Parameters', 'ResultSelector', 'Result', 'ItemsPath',
  'TimeoutSecondsPath', 'HeartbeatSecondsPath', 'SecondsPath', 'TimestampPath', 'MaxConcurrencyPath',
  'ToleratedFailurePercentagePath', 'ToleratedFailureCountPath', 'ErrorPath', 'CausePath',
]);

/** Fields only the JSONata query language has. */
export const JSONATA_ONLY: ReadonlySet<string> = new Set(['Arguments', 'Output', 'Items']);

/** The fields `language` does not have. */
export function foreignFields(language: QueryLanguage): ReadonlySet<string> {
  return language === 'JSONPath' ? JSONATA_ONLY : JSONPATH_ONLY;
}

/** AWS's message for a field of the other query language. */
export function foreignFieldMessage(language: QueryLanguage, name: string): string {
  const other = language === 'JSONPath' ? 'JSONata' : 'JSONPath';
  return `The QueryLanguage is set to '${language}', but field '${name}' is only supported for the '${other}' QueryLanguage`;
}

/**
 * Fields that, in a JSONata state, may hold a `{% expression %}` in place of their literal
 * type (a number of seconds, a timestamp, an item array, ...).
 */
export const JSONATA_EXPRESSION_FIELDS: ReadonlySet<string> = new Set([
  'TimeoutSeconds', 'HeartbeatSeconds', 'Seconds', 'Timestamp', 'Items', 'MaxConcurrency',
  'ToleratedFailureCount', 'ToleratedFailurePercentage', 'Error', 'Cause', 'Arguments', 'Output', 'Assign',
]);

/** Whether `value` is a JSONata expression string, `{% ... %}`. */
export function isJsonataExpression(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('{%') && value.endsWith('%}');
}

/**
 * The language a state is evaluated in. AWS takes a state's own `QueryLanguage` when present
 * (exactly `JSONPath` is JSONPath; any other value, even `jsonpath`, is JSONata), else the
 * machine's top-level one: states inside a Parallel branch or a Map processor do not inherit
 * the enclosing state's language.
 */
export function effectiveLanguage(declared: unknown, machine: QueryLanguage): QueryLanguage {
  if (declared === undefined) return machine;
  return declared === 'JSONPath' ? 'JSONPath' : 'JSONata';
}
