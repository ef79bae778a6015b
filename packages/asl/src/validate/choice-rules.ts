import { isJsonObject, type Json, type JsonObject } from '../json.js';
import { type Diagnostics, field, item } from './diagnostics.js';
import { foreignFieldMessage, type QueryLanguage } from './fields.js';
import { checkPathField } from './paths.js';
import { isRfc3339 } from './schemas.js';

/**
 * Choice rules. A JSONPath rule is a boolean combination (`And`, `Or`, `Not`) or a `Variable`
 * with exactly one comparison operator; a JSONata rule is a `Condition`. Only the top-level
 * rules of `Choices` carry `Next` (and `Assign`, `Output`); nested rules must not.
 */

type OperandType = 'string' | 'number' | 'boolean' | 'timestamp' | 'path';

/** Every comparison operator and the operand it takes; each but `Is*` and `StringMatches` has a `...Path` form. */
const OPERATORS: Readonly<Record<string, OperandType>> = (() => {
  const table: Record<string, OperandType> = {};
  const add = (type: OperandType, names: string[]) => names.forEach((name) => (table[name] = type));
  add('string', ['StringEquals', 'StringLessThan', 'StringGreaterThan', 'StringLessThanEquals', 'StringGreaterThanEquals', 'StringMatches']);
  add('number', ['NumericEquals', 'NumericLessThan', 'NumericGreaterThan', 'NumericLessThanEquals', 'NumericGreaterThanEquals']);
  add('boolean', ['BooleanEquals', 'IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp']);
  add('timestamp', ['TimestampEquals', 'TimestampLessThan', 'TimestampGreaterThan', 'TimestampLessThanEquals', 'TimestampGreaterThanEquals']);
  add('path', Object.keys(table).filter((name) => !name.startsWith('Is') && name !== 'StringMatches').map((name) => `${name}Path`));
  return table;
})();
const OPERATOR_NAMES = Object.keys(OPERATORS);
const SELECTORS = ['And', 'Or', 'Not', 'Variable'];
const TYPE_NAMES: Record<OperandType, string> = { string: 'STRING', number: 'NUMBER', boolean: 'BOOLEAN', timestamp: 'STRING', path: 'STRING' };

/** Checks the `Choices` array (already known to be an array) of a Choice state. */
export function checkChoices(choices: readonly Json[], language: QueryLanguage, location: string, out: Diagnostics): void {
  choices.forEach((rule, index) => {
    const at = item(location, index);
    if (!isJsonObject(rule)) return; // the state schema already reported it
    if (language === 'JSONata') checkJsonataRule(rule, at, out);
    else checkJsonPathRule(rule, true, at, out);
  });
}

function checkJsonataRule(rule: JsonObject, location: string, out: Diagnostics): void {
  for (const name of Object.keys(rule)) {
    if (name === 'Condition' || name === 'Next' || name === 'Output' || name === 'Assign' || name === 'Comment') continue;
    if (name in OPERATORS || SELECTORS.includes(name)) out.schema(foreignFieldMessage('JSONata', name), location);
    else out.schema(`Field '${name}' is not supported`, location);
  }
  const missing = ['Condition', 'Next'].filter((name) => !(name in rule));
  if (missing.length > 0) out.schema(`These fields are required: [${missing.join(', ')}]`, location);
  const condition = rule.Condition;
  if (condition !== undefined && typeof condition !== 'string' && typeof condition !== 'boolean') {
    out.schema('Expected value of type [STRING]', field(location, 'Condition'));
  }
  if (rule.Next !== undefined && typeof rule.Next !== 'string') out.schema('Expected value of type [STRING]', field(location, 'Next'));
  if (rule.Assign !== undefined && !isJsonObject(rule.Assign)) out.schema('Expected value of type [OBJECT]', field(location, 'Assign'));
}

function checkJsonPathRule(rule: JsonObject, topLevel: boolean, location: string, out: Diagnostics): void {
  for (const name of Object.keys(rule)) {
    if (name in OPERATORS || SELECTORS.includes(name) || name === 'Comment') continue;
    if (topLevel && (name === 'Next' || name === 'Assign')) continue;
    if (name === 'Condition' || (topLevel && name === 'Output')) out.schema(foreignFieldMessage('JSONPath', name), location);
    else out.schema(`Field '${name}' is not supported`, location);
  }
  if (topLevel && !('Next' in rule)) out.schema('These fields are required: [Next]', location);
  if (topLevel && rule.Next !== undefined && typeof rule.Next !== 'string') out.schema('Expected value of type [STRING]', field(location, 'Next'));
  if (topLevel && rule.Assign !== undefined && !isJsonObject(rule.Assign)) out.schema('Expected value of type [OBJECT]', field(location, 'Assign'));

  const selectors = SELECTORS.filter((name) => name in rule);
  const operators = OPERATOR_NAMES.filter((name) => name in rule);
  if (selectors.length === 0) {
    if (operators.length > 0) out.schema('These fields are required: [Variable]', location);
    else out.oneRequired(SELECTORS, location);
    return;
  }
  if (selectors.length > 1) {
    out.exclusive(SELECTORS, location);
    return;
  }
  const selector = selectors[0] as string;
  if (selector === 'Variable') {
    if (typeof rule.Variable !== 'string') out.schema('Expected value of type [STRING]', field(location, 'Variable'));
    else checkPathField(rule.Variable, 'Variable', 'selector', location, out);
    if (operators.length === 0) out.oneRequired(OPERATOR_NAMES, location);
    else if (operators.length > 1) out.exclusive(OPERATOR_NAMES, location);
    else checkOperand(rule, operators[0] as string, location, out);
    return;
  }
  if (operators.length > 0) out.schema(`Field '${operators[0] as string}' is not supported`, location);
  const value = rule[selector];
  const at = field(location, selector);
  if (selector === 'Not') {
    if (isJsonObject(value)) checkJsonPathRule(value, false, at, out);
    else out.schema('Expected value of type [OBJECT]', at);
    return;
  }
  if (!Array.isArray(value)) out.schema('Expected value of type [ARRAY]', at);
  else if (value.length === 0) out.schema('Value cannot be empty', at);
  else {
    value.forEach((nested, index) => {
      if (isJsonObject(nested)) checkJsonPathRule(nested, false, item(at, index), out);
      else out.schema('Expected value of type [OBJECT]', item(at, index));
    });
  }
}

function checkOperand(rule: JsonObject, operator: string, location: string, out: Diagnostics): void {
  const type = OPERATORS[operator] as OperandType;
  const value = rule[operator];
  const at = field(location, operator);
  const ok =
    type === 'number' ? typeof value === 'number' : type === 'boolean' ? typeof value === 'boolean' : typeof value === 'string';
  if (!ok) {
    out.schema(`Expected value of type [${TYPE_NAMES[type]}]`, at);
    return;
  }
  if (type === 'timestamp' && !isRfc3339(value as string)) out.schema('String does not match RFC3339 timestamp', at);
  if (type === 'path') checkPathField(value, operator, 'selector', location, out);
}
