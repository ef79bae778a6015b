/**
 * The legacy (pre-expression) parameters AWS still accepts: AttributesToGet, Expected,
 * KeyConditions, QueryFilter, ScanFilter (with ConditionalOperator) and AttributeUpdates.
 * They are translated into the same ASTs the expression parser produces, so one evaluator
 * serves both (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.html).
 */
import { checkAttributeName, importValue, type AttributeMap, type AttributeValue } from './attribute-value.js';
import { validation } from './errors.js';
import type { ConditionNode, Operand, PathNode, UpdateNode, ValueNode } from './expression/ast.js';
import type { PreparedExpressions } from './expression/context.js';

const ARGUMENTS: Record<string, (n: number) => boolean> = {
  EQ: (n) => n === 1,
  NE: (n) => n === 1,
  LE: (n) => n === 1,
  LT: (n) => n === 1,
  GE: (n) => n === 1,
  GT: (n) => n === 1,
  CONTAINS: (n) => n === 1,
  NOT_CONTAINS: (n) => n === 1,
  BEGINS_WITH: (n) => n === 1,
  NOT_NULL: (n) => n === 0,
  NULL: (n) => n === 0,
  IN: (n) => n > 0,
  BETWEEN: (n) => n === 2,
};

class Builder {
  readonly names: Record<string, string> = {};
  readonly values: AttributeMap = {};
  private n = 0;

  path(attr: string): PathNode {
    checkAttributeName(attr);
    const token = `#legacy${this.n++}`;
    this.names[token] = attr;
    return { kind: 'path', elements: [{ kind: 'name', token }] };
  }
  value(v: unknown): ValueNode {
    const name = `:legacy${this.n++}`;
    this.values[name] = importValue(v);
    return { kind: 'value', name };
  }

  condition(attr: string, op: string, list: unknown[]): ConditionNode {
    if (!(op in ARGUMENTS)) throw validation(`1 validation error detected: Value '${op}' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]`);
    if (!(ARGUMENTS[op] as (n: number) => boolean)(list.length))
      throw validation(`One or more parameter values were invalid: Invalid number of argument(s) for the ${op} ComparisonOperator`);
    const path = this.path(attr);
    const vals: Operand[] = list.map((v) => this.value(v));
    const [a, b] = vals as [Operand, Operand];
    const cmp = (o: '=' | '<>' | '<' | '<=' | '>' | '>='): ConditionNode => ({ kind: 'compare', op: o, left: path, right: a });
    switch (op) {
      case 'EQ':
        return cmp('=');
      case 'NE':
        return cmp('<>');
      case 'LE':
        return cmp('<=');
      case 'LT':
        return cmp('<');
      case 'GE':
        return cmp('>=');
      case 'GT':
        return cmp('>');
      case 'CONTAINS':
        return { kind: 'function', name: 'contains', args: [path, a] };
      case 'NOT_CONTAINS':
        return { kind: 'and', left: { kind: 'function', name: 'attribute_exists', args: [path] }, right: { kind: 'not', operand: { kind: 'function', name: 'contains', args: [path, a] } } };
      case 'BEGINS_WITH':
        return { kind: 'function', name: 'begins_with', args: [path, a] };
      case 'NOT_NULL':
        return { kind: 'function', name: 'attribute_exists', args: [path] };
      case 'NULL':
        return { kind: 'function', name: 'attribute_not_exists', args: [path] };
      case 'IN':
        return { kind: 'in', operand: path, list: vals };
      default:
        return { kind: 'between', operand: path, low: a, high: b };
    }
  }

  /** Expected / QueryFilter / ScanFilter / KeyConditions into one condition. */
  conditions(map: Record<string, unknown>, operator: unknown, expected: boolean): ConditionNode | undefined {
    const parts: ConditionNode[] = [];
    for (const [attr, raw] of Object.entries(map)) {
      const c = (raw ?? {}) as { Value?: unknown; Exists?: boolean; ComparisonOperator?: string; AttributeValueList?: unknown[] };
      if (c.ComparisonOperator !== undefined) {
        if (expected && c.Exists !== undefined)
          throw validation(`One or more parameter values were invalid: Exists and ComparisonOperator cannot be used together for Attribute: ${attr}`);
        if (c.AttributeValueList !== undefined && c.Value !== undefined)
          throw validation(`One or more parameter values were invalid: Value and AttributeValueList cannot be used together for Attribute: ${attr}`);
        parts.push(this.condition(attr, c.ComparisonOperator, c.AttributeValueList ?? (c.Value === undefined ? [] : [c.Value])));
      } else if (expected) {
        if (c.AttributeValueList !== undefined)
          throw validation(`One or more parameter values were invalid: AttributeValueList can only be used with a ComparisonOperator for Attribute: ${attr}`);
        const exists = c.Exists ?? true;
        if (exists && c.Value === undefined)
          throw validation(`One or more parameter values were invalid: Value must be provided when Exists is ${c.Exists === undefined ? 'null' : 'true'} for Attribute: ${attr}`);
        if (!exists && c.Value !== undefined)
          throw validation(`One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: ${attr}`);
        parts.push(exists ? { kind: 'compare', op: '=', left: this.path(attr), right: this.value(c.Value) } : { kind: 'function', name: 'attribute_not_exists', args: [this.path(attr)] });
      } else throw validation(`1 validation error detected: Value null at 'comparisonOperator' failed to satisfy constraint: Member must not be null`);
    }
    if (parts.length === 0) return undefined;
    const kind = operator === 'OR' ? 'or' : 'and';
    return parts.reduce((left, right) => ({ kind, left, right }));
  }

  updates(map: Record<string, unknown>): UpdateNode {
    const out = { set: [] as UpdateNode['set'][number][], remove: [] as PathNode[], add: [] as UpdateNode['add'][number][], delete: [] as UpdateNode['delete'][number][] };
    for (const [attr, raw] of Object.entries(map)) {
      const u = (raw ?? {}) as { Action?: string; Value?: unknown };
      const action = u.Action ?? 'PUT';
      if (action === 'PUT') {
        if (u.Value === undefined) throw validation('One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified');
        out.set.push({ path: this.path(attr), value: this.value(u.Value) });
      } else if (action === 'DELETE') {
        if (u.Value === undefined) out.remove.push(this.path(attr));
        else out.delete.push({ path: this.path(attr), value: this.value(u.Value) });
      } else if (action === 'ADD') {
        if (u.Value === undefined) throw validation('One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified');
        out.add.push({ path: this.path(attr), value: this.value(u.Value) });
      } else
        throw validation(`1 validation error detected: Value '${action}' at 'attributeUpdates.${attr}.member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, PUT, DELETE]`);
    }
    return out;
  }
}

/** Translates a request's legacy parameters into prepared expressions. */
export function legacyExpressions(input: Record<string, unknown>): PreparedExpressions {
  if (input.ExpressionAttributeNames !== undefined) throw validation('ExpressionAttributeNames can only be specified when using expressions');
  if (input.ExpressionAttributeValues !== undefined) throw validation('ExpressionAttributeValues can only be specified when using expressions');
  const b = new Builder();
  const out: { -readonly [K in keyof PreparedExpressions]?: PreparedExpressions[K] } = {};
  if (Array.isArray(input.AttributesToGet)) out.projection = (input.AttributesToGet as string[]).map((a) => b.path(a));
  const expected = input.Expected as Record<string, unknown> | undefined;
  if (expected) {
    const c = b.conditions(expected, input.ConditionalOperator, true);
    if (c) out.condition = c;
  }
  const filter = (input.QueryFilter ?? input.ScanFilter) as Record<string, unknown> | undefined;
  if (filter) {
    const c = b.conditions(filter, input.ConditionalOperator, false);
    if (c) out.filter = c;
  }
  if (input.KeyConditions) {
    const c = b.conditions(input.KeyConditions as Record<string, unknown>, 'AND', false);
    if (c) out.keyCondition = c;
  }
  if (input.AttributeUpdates) out.update = b.updates(input.AttributeUpdates as Record<string, unknown>);
  return { ...out, context: { names: b.names, values: b.values as Record<string, AttributeValue> } } as PreparedExpressions;
}
