import type { Json } from '../json.js';
import { compareInstants, parseInstant } from '../timestamp.js';
import { compileStringMatches } from './string-matches.js';

/**
 * The data-test operators of a JSONPath Choice rule, and the tests they compile to.
 *
 * AWS's rule for every comparison: a value of the wrong type makes the comparison false, never an
 * error (`NumericEquals` on `"1"`, `BooleanEquals` on `null`, `TimestampEquals` on a string that is
 * not a timestamp). Strings compare by UTF-16 code units (Java's `String.compareTo`), numbers by
 * value (`0` equals `0.0`), timestamps as instants to the nanosecond whatever their offsets.
 */

/** A test of the value the rule's `Variable` selected. */
export type ValueTest = (value: Json) => boolean;
/** A test of the `Variable` value against the value of a `...Path` operand. */
export type PairTest = (value: Json, operand: Json) => boolean;

export type OperandKind = 'string' | 'number' | 'boolean' | 'timestamp';
export type Relation = 'Equals' | 'LessThan' | 'GreaterThan' | 'LessThanEquals' | 'GreaterThanEquals';

export type OperatorSpec =
  | { readonly form: 'compare'; readonly kind: OperandKind; readonly relation: Relation; readonly path: boolean }
  | { readonly form: 'matches' }
  | { readonly form: 'is'; readonly test: ValueTest }
  | { readonly form: 'present' };

const RELATIONS: readonly Relation[] = ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'];

function buildOperators(): ReadonlyMap<string, OperatorSpec> {
  const operators = new Map<string, OperatorSpec>();
  const families: [string, OperandKind, readonly Relation[]][] = [
    ['String', 'string', RELATIONS],
    ['Numeric', 'number', RELATIONS],
    ['Timestamp', 'timestamp', RELATIONS],
    ['Boolean', 'boolean', ['Equals']],
  ];
  for (const [prefix, kind, relations] of families) {
    for (const relation of relations) {
      operators.set(prefix + relation, { form: 'compare', kind, relation, path: false });
      operators.set(`${prefix + relation}Path`, { form: 'compare', kind, relation, path: true });
    }
  }
  operators.set('StringMatches', { form: 'matches' });
  operators.set('IsPresent', { form: 'present' });
  operators.set('IsNull', { form: 'is', test: (v) => v === null });
  operators.set('IsNumeric', { form: 'is', test: (v) => typeof v === 'number' });
  operators.set('IsString', { form: 'is', test: (v) => typeof v === 'string' });
  operators.set('IsBoolean', { form: 'is', test: (v) => typeof v === 'boolean' });
  const instant = new Float64Array(2);
  operators.set('IsTimestamp', { form: 'is', test: (v) => typeof v === 'string' && parseInstant(v, instant) });
  return operators;
}

/** Every JSONPath Choice operator AWS accepts, by name (`And`, `Or`, `Not` are not data tests). */
export const OPERATORS: ReadonlyMap<string, OperatorSpec> = buildOperators();

/** The test of a comparison with a literal operand, already checked to be of `kind`. */
export function literalTest(kind: OperandKind, relation: Relation, operand: string | number | boolean): ValueTest {
  switch (kind) {
    case 'string':
      return stringLiteral(relation, operand as string);
    case 'number':
      return numberLiteral(relation, operand as number);
    case 'boolean':
      return (v) => v === operand;
    case 'timestamp': {
      const expected = new Float64Array(2);
      parseInstant(operand as string, expected);
      const actual = new Float64Array(2);
      return (v) => typeof v === 'string' && parseInstant(v, actual) && holds(relation, compareInstants(actual, expected));
    }
  }
}

/** The test of a comparison whose operand comes from a `...Path`. */
export function pairTest(kind: OperandKind, relation: Relation): PairTest {
  switch (kind) {
    case 'string':
      return stringPair(relation);
    case 'number':
      return numberPair(relation);
    case 'boolean':
      return (v, o) => typeof v === 'boolean' && v === o;
    case 'timestamp': {
      const left = new Float64Array(2);
      const right = new Float64Array(2);
      return (v, o) =>
        typeof v === 'string' &&
        typeof o === 'string' &&
        parseInstant(v, left) &&
        parseInstant(o, right) &&
        holds(relation, compareInstants(left, right));
    }
  }
}

/** `StringMatches` against a literal pattern, compiled once. */
export function matchesTest(pattern: string): ValueTest {
  const matches = compileStringMatches(pattern);
  return (v) => typeof v === 'string' && matches(v);
}

function holds(relation: Relation, order: number): boolean {
  switch (relation) {
    case 'Equals':
      return order === 0;
    case 'LessThan':
      return order < 0;
    case 'GreaterThan':
      return order > 0;
    case 'LessThanEquals':
      return order <= 0;
    case 'GreaterThanEquals':
      return order >= 0;
  }
}

// One closure per relation rather than a shared `holds(relation, ...)` keeps the hot comparison
// a single typeof check and one operator.
function stringLiteral(relation: Relation, s: string): ValueTest {
  switch (relation) {
    case 'Equals':
      return (v) => v === s;
    case 'LessThan':
      return (v) => typeof v === 'string' && v < s;
    case 'GreaterThan':
      return (v) => typeof v === 'string' && v > s;
    case 'LessThanEquals':
      return (v) => typeof v === 'string' && v <= s;
    case 'GreaterThanEquals':
      return (v) => typeof v === 'string' && v >= s;
  }
}

function numberLiteral(relation: Relation, n: number): ValueTest {
  switch (relation) {
    case 'Equals':
      return (v) => v === n;
    case 'LessThan':
      return (v) => typeof v === 'number' && v < n;
    case 'GreaterThan':
      return (v) => typeof v === 'number' && v > n;
    case 'LessThanEquals':
      return (v) => typeof v === 'number' && v <= n;
    case 'GreaterThanEquals':
      return (v) => typeof v === 'number' && v >= n;
  }
}

function stringPair(relation: Relation): PairTest {
  switch (relation) {
    case 'Equals':
      return (v, o) => typeof v === 'string' && v === o;
    case 'LessThan':
      return (v, o) => typeof v === 'string' && typeof o === 'string' && v < o;
    case 'GreaterThan':
      return (v, o) => typeof v === 'string' && typeof o === 'string' && v > o;
    case 'LessThanEquals':
      return (v, o) => typeof v === 'string' && typeof o === 'string' && v <= o;
    case 'GreaterThanEquals':
      return (v, o) => typeof v === 'string' && typeof o === 'string' && v >= o;
  }
}

function numberPair(relation: Relation): PairTest {
  switch (relation) {
    case 'Equals':
      return (v, o) => typeof v === 'number' && v === o;
    case 'LessThan':
      return (v, o) => typeof v === 'number' && typeof o === 'number' && v < o;
    case 'GreaterThan':
      return (v, o) => typeof v === 'number' && typeof o === 'number' && v > o;
    case 'LessThanEquals':
      return (v, o) => typeof v === 'number' && typeof o === 'number' && v <= o;
    case 'GreaterThanEquals':
      return (v, o) => typeof v === 'number' && typeof o === 'number' && v >= o;
  }
}
