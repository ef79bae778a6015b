import { StatesError, StatesErrorName } from '../errors.js';
import type { EvalEnv } from '../eval-env.js';
import { isJsonObject, type Json, type JsonObject } from '../json.js';
import { compilePath, type CompiledPath } from '../path/index.js';
import { parseTimestamp } from '../timestamp.js';
import { literalTest, matchesTest, OPERATORS, pairTest, type OperatorSpec, type Relation, type ValueTest } from './operators.js';

export { OPERATORS as CHOICE_OPERATORS } from './operators.js';

/** A compiled JSONPath Choice rule: whether it matches the state's (effective) input. */
export type ChoiceRulePredicate = (input: Json, env: EvalEnv) => boolean;

/**
 * Thrown by {@link compileChoiceRule} for a rule that validation should have rejected (no
 * operator, two operators, an operand of the wrong type): says which rule and what is wrong.
 */
export class ChoiceRuleError extends Error {
  override readonly name = 'ChoiceRuleError';
  readonly code = 'INVALID_CHOICE_RULE';
}

/**
 * Compiles a JSONPath-language Choice rule (a top-level rule with `Next`, or a nested one) into a
 * predicate. Paths, patterns and timestamp operands are compiled here, once; evaluation only
 * reads the input and compares.
 *
 * At run time, AWS's rules:
 * - a value of the wrong type makes a comparison false, never an error;
 * - `IsPresent` is the only operator that accepts a `Variable` that selects nothing (`null` is
 *   present); any other operator, and a `...Path` operand that selects nothing, throw a
 *   `States.Runtime` {@link StatesError} (decorated with the state by the run loop):
 *   `Invalid path '$.x': The choice state's condition path references an invalid value.`;
 * - `And` and `Or` stop at the first rule that decides them, so an `IsPresent` guard first in an
 *   `And` protects the comparisons after it.
 *
 * @throws {@link ChoiceRuleError} for a malformed rule; `PathSyntaxError` for a malformed path.
 * @example
 * const isAdult = compileChoiceRule({ Variable: '$.age', NumericGreaterThanEquals: 18, Next: 'Adult' });
 * isAdult({ age: 21 }, env); // true
 * isAdult({ age: '21' }, env); // false: a string is not a number
 */
export function compileChoiceRule(rule: JsonObject): ChoiceRulePredicate {
  return generateRule(rule, '');
}

/** @internal The closure form of a rule, which the generated form must agree with (property-tested). */
export function compileChoiceRuleAsClosures(rule: JsonObject): ChoiceRulePredicate {
  return compileRule(rule, '');
}

/**
 * A rule as one generated function: `And`, `Or`, `Not`, `IsPresent` and string, number and
 * boolean comparisons (literal or `...Path`) become inline code (`typeof v === 'number' && v >= 5`),
 * so a junction of range tests runs without a call per test; every path and every other test
 * stays a compiled closure the code calls. Same checks, same results, same errors as
 * {@link compileRule}, which the property tests compare it with.
 */
function generateRule(rule: JsonObject, where: string): ChoiceRulePredicate {
  const helpers: unknown[] = [];
  const helper = (value: unknown): string => `h${helpers.push(value) - 1}`;
  const expression = (r: Json | undefined, at: string): string => {
    if (!isJsonObject(r)) return `${helper(compileRule(r, at))}(input, env)`; // throws the shape error
    const operator = operatorOf(r, at);
    if (operator === 'And' || operator === 'Or') {
      const rules = r[operator];
      if (!Array.isArray(rules) || rules.length === 0) return `${helper(compileRule(r, at))}(input, env)`; // throws
      const parts = rules.map((inner, i) => expression(inner, `${at}/${operator}[${i}]`));
      return `(${parts.join(operator === 'And' ? ' && ' : ' || ')})`;
    }
    if (operator === 'Not') return `!${expression(r.Not, `${at}/Not`)}`;
    const spec = OPERATORS.get(operator) as OperatorSpec;
    const inline = spec.form === 'present' || (spec.form === 'compare' && spec.kind !== 'timestamp');
    if (!inline) return `${helper(compileDataTest(r, operator, spec, at))}(input, env)`;
    const variable = referencePath(r.Variable, 'Variable', at);
    const select = helper(variable.select);
    const operand = r[operator] as Json;
    if (spec.form === 'present') return `((${select}(input, env) !== undefined) === ${booleanOperand(operand, operator, at)})`;
    const fail = helper((): never => {
      throw invalidPath(variable.text);
    });
    if (spec.path) {
      const other = referencePath(operand, operator, at);
      const failOther = helper((): never => {
        throw invalidPath(other.text);
      });
      const test = pairInlineTest(spec.kind as 'string' | 'number' | 'boolean', spec.relation);
      return `((v = ${select}(input, env)) === undefined ? ${fail}() : (o = ${helper(other.select)}(input, env)) === undefined ? ${failOther}() : ${test})`;
    }
    const literal = literalOperand(operand, spec.kind, operator, at);
    // A definition given as an object may hold NaN or Infinity, which have no JSON literal.
    if (typeof literal === 'number' && !Number.isFinite(literal)) return `${helper(compileDataTest(r, operator, spec, at))}(input, env)`;
    return `((v = ${select}(input, env)) === undefined ? ${fail}() : ${inlineTest(spec.kind as 'string' | 'number' | 'boolean', spec.relation, literal)})`;
  };
  const body = expression(rule, where);
  const names = helpers.map((_, i) => `h${i}`);
  const factory = new Function(...names, `return function rule(input, env) {\n  let v, o;\n  return ${body};\n};`) as (...h: unknown[]) => ChoiceRulePredicate;
  return factory(...helpers);
}

const INFIX: Record<Exclude<Relation, 'Equals'>, string> = { LessThan: '<', GreaterThan: '>', LessThanEquals: '<=', GreaterThanEquals: '>=' };

/** The inline form of a comparison of `v` with the value `o` of a `...Path` operand, as {@link pairTest} decides it. */
function pairInlineTest(kind: 'string' | 'number' | 'boolean', relation: Relation): string {
  if (kind === 'boolean') return `typeof v === 'boolean' && v === o`;
  if (relation === 'Equals') return `typeof v === '${kind}' && v === o`;
  return `typeof v === '${kind}' && typeof o === '${kind}' && v ${INFIX[relation]} o`;
}

/** The inline form of a literal comparison of `v`, as {@link literalTest} decides it. */
function inlineTest(kind: 'string' | 'number' | 'boolean', relation: Relation, literal: string | number | boolean): string {
  // JSON text is a JavaScript literal for every string, number and boolean a definition can hold.
  const text = JSON.stringify(literal);
  if (kind === 'boolean' || relation === 'Equals') return `v === ${text}`;
  return `typeof v === '${kind}' && v ${INFIX[relation]} ${text}`;
}

/**
 * Compiles a Choice state's `Choices` into one function that returns the index of the first rule
 * that matches, or -1 when none does (the state then takes `Default`, or fails).
 *
 * @example
 * const pick = compileChoices(state.Choices);
 * const i = pick(input, env); // state.Choices[i].Next, or Default when i === -1
 */
export function compileChoices(rules: readonly JsonObject[]): (input: Json, env: EvalEnv) => number {
  const compiled = rules.map((rule, i) => compileRule(rule, `/Choices[${i}]`));
  const count = compiled.length;
  return (input, env) => {
    for (let i = 0; i < count; i++) if ((compiled[i] as ChoiceRulePredicate)(input, env)) return i;
    return -1;
  };
}

function compileRule(rule: Json | undefined, where: string): ChoiceRulePredicate {
  if (!isJsonObject(rule)) throw new ChoiceRuleError(`The Choice rule${at(where)} must be an object, but was ${JSON.stringify(rule ?? null)}.`);
  const operator = operatorOf(rule, where);
  switch (operator) {
    case 'And':
    case 'Or':
      return compileJunction(operator, rule[operator], `${where}/${operator}`);
    case 'Not': {
      const inner = compileRule(rule.Not, `${where}/Not`);
      return (input, env) => !inner(input, env);
    }
    default:
      return compileDataTest(rule, operator, OPERATORS.get(operator) as OperatorSpec, where);
  }
}

function operatorOf(rule: JsonObject, where: string): string {
  let found: string | undefined;
  for (const key of Object.keys(rule)) {
    if (key !== 'And' && key !== 'Or' && key !== 'Not' && !OPERATORS.has(key)) continue;
    if (found !== undefined) throw new ChoiceRuleError(`The Choice rule${at(where)} has two operators, '${found}' and '${key}'; a rule has exactly one.`);
    found = key;
  }
  if (found === undefined) throw new ChoiceRuleError(`The Choice rule${at(where)} has no comparison operator (such as 'StringEquals', 'IsPresent' or 'And').`);
  return found;
}

function compileJunction(operator: 'And' | 'Or', rules: Json | undefined, where: string): ChoiceRulePredicate {
  if (!Array.isArray(rules) || rules.length === 0) {
    throw new ChoiceRuleError(`'${operator}'${at(where)} must be a non-empty array of Choice rules.`);
  }
  const compiled = rules.map((r, i) => compileRule(r, `${where}[${i}]`));
  const count = compiled.length;
  if (operator === 'And') {
    return (input, env) => {
      for (let i = 0; i < count; i++) if (!(compiled[i] as ChoiceRulePredicate)(input, env)) return false;
      return true;
    };
  }
  return (input, env) => {
    for (let i = 0; i < count; i++) if ((compiled[i] as ChoiceRulePredicate)(input, env)) return true;
    return false;
  };
}

function compileDataTest(rule: JsonObject, operator: string, spec: OperatorSpec, where: string): ChoiceRulePredicate {
  const variable = referencePath(rule.Variable, 'Variable', where);
  const select = variable.select;
  const operand = rule[operator] as Json;

  if (spec.form === 'present') {
    const expected = booleanOperand(operand, operator, where);
    return (input, env) => (select(input, env) !== undefined) === expected;
  }

  if (spec.form === 'compare' && spec.path) {
    const other = referencePath(operand, operator, where);
    const selectOther = other.select;
    const test = pairTest(spec.kind, spec.relation);
    return (input, env) => {
      const value = select(input, env);
      if (value === undefined) throw invalidPath(variable.text);
      const operandValue = selectOther(input, env);
      if (operandValue === undefined) throw invalidPath(other.text);
      return test(value, operandValue);
    };
  }

  let test: ValueTest;
  if (spec.form === 'is') {
    const base = spec.test;
    test = booleanOperand(operand, operator, where) ? base : (v) => !base(v);
  } else if (spec.form === 'matches') {
    test = matchesTest(stringOperand(operand, operator, where));
  } else {
    test = literalTest(spec.kind, spec.relation, literalOperand(operand, spec.kind, operator, where));
  }
  return (input, env) => {
    const value = select(input, env);
    if (value === undefined) throw invalidPath(variable.text);
    return test(value);
  };
}

/**
 * AWS's failure for a Choice path that selects nothing (recorded in production histories, e.g.
 * "An error occurred while executing the state 'IsDataset' (entered at the event id #2). Invalid
 * path '$.processing_type': The choice state's condition path references an invalid value.").
 */
function invalidPath(text: string): StatesError {
  return new StatesError(
    StatesErrorName.Runtime,
    `Invalid path '${text}': The choice state's condition path references an invalid value.`,
    true,
  );
}

function referencePath(text: Json | undefined, field: string, where: string): CompiledPath {
  if (typeof text !== 'string') {
    throw new ChoiceRuleError(`'${field}'${at(where)} must be a reference path such as '$.status', but was ${JSON.stringify(text ?? null)}.`);
  }
  const path = compilePath(text);
  if (!path.definite) {
    throw new ChoiceRuleError(`'${field}'${at(where)} must be a reference path, which selects a single value; '${text}' can select several.`);
  }
  return path;
}

function booleanOperand(operand: Json, operator: string, where: string): boolean {
  if (typeof operand !== 'boolean') throw operandError(operator, 'true or false', operand, where);
  return operand;
}

function stringOperand(operand: Json, operator: string, where: string): string {
  if (typeof operand !== 'string') throw operandError(operator, 'a string', operand, where);
  return operand;
}

function literalOperand(operand: Json, kind: 'string' | 'number' | 'boolean' | 'timestamp', operator: string, where: string): string | number | boolean {
  switch (kind) {
    case 'string':
      return stringOperand(operand, operator, where);
    case 'number':
      if (typeof operand !== 'number') throw operandError(operator, 'a number', operand, where);
      return operand;
    case 'boolean':
      return booleanOperand(operand, operator, where);
    case 'timestamp':
      if (typeof operand !== 'string' || parseTimestamp(operand) === undefined) {
        throw operandError(operator, 'an RFC 3339 timestamp such as 2016-03-14T01:59:00Z', operand, where);
      }
      return operand;
  }
}

function operandError(operator: string, expected: string, actual: Json, where: string): ChoiceRuleError {
  return new ChoiceRuleError(`'${operator}'${at(where)} needs ${expected}, but was ${JSON.stringify(actual)}.`);
}

function at(where: string): string {
  return where === '' ? '' : ` at ${where}`;
}
