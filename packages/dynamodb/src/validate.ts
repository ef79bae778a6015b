/**
 * Request-level validation in AWS's words: Coral's constraint messages ("N validation errors
 * detected: Value 'x' at 'member' failed to satisfy constraint: ..."), collected in AWS's order
 * and thrown together.
 */
import { constraintErrors, validation } from './errors.js';

/** Collects constraint failures for one request. */
export class Constraints {
  readonly errors: string[] = [];

  private add(value: unknown, member: string, rule: string): void {
    const shown = value === undefined || value === null ? 'null' : `'${Array.isArray(value) ? `[${value.join(', ')}]` : String(value)}'`;
    this.errors.push(`Value ${shown} at '${member}' failed to satisfy constraint: ${rule}`);
  }

  /** A required member. */
  required(value: unknown, member: string): this {
    if (value === undefined || value === null) this.add(value, member, 'Member must not be null');
    return this;
  }

  /** A table name (or ARN-less name) as CreateTable and every item operation check it. */
  tableName(value: unknown, member = 'tableName'): this {
    if (value === undefined || value === null) return this.required(value, member);
    const s = String(value);
    if (!/^[a-zA-Z0-9_.-]+$/.test(s)) this.add(s, member, 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+');
    if (s.length < 3) this.add(s, member, 'Member must have length greater than or equal to 3');
    if (s.length > 255) this.add(s, member, 'Member must have length less than or equal to 255');
    return this;
  }

  /** An enum member. */
  oneOf(value: unknown, member: string, allowed: readonly string[]): this {
    if (value !== undefined && value !== null && !allowed.includes(String(value)))
      this.add(value, member, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
    return this;
  }

  /** A number with bounds. */
  range(value: unknown, member: string, min: number, max?: number): this {
    if (value === undefined || value === null) return this;
    const n = Number(value);
    if (n < min) this.add(value, member, `Member must have value greater than or equal to ${min}`);
    if (max !== undefined && n > max) this.add(value, member, `Member must have value less than or equal to ${max}`);
    return this;
  }

  /** A collection length with bounds. */
  length(value: unknown, member: string, min: number, max?: number, shown?: string): this {
    if (value === undefined || value === null) return this;
    const n = Array.isArray(value) ? value.length : typeof value === 'object' ? Object.keys(value as object).length : String(value).length;
    const display = shown ?? value;
    if (n < min) this.add(display, member, `Member must have length greater than or equal to ${min}`);
    if (max !== undefined && n > max) this.add(display, member, `Member must have length less than or equal to ${max}`);
    return this;
  }

  /** Throws the aggregated ValidationException if anything failed. */
  check(): void {
    const e = constraintErrors(this.errors.slice(0, 10));
    if (e) throw e;
  }
}

export const RETURN_VALUES = ['ALL_NEW', 'UPDATED_OLD', 'ALL_OLD', 'NONE', 'UPDATED_NEW'] as const;
export const RETURN_CONSUMED_CAPACITY = ['INDEXES', 'TOTAL', 'NONE'] as const;
export const RETURN_ITEM_COLLECTION_METRICS = ['SIZE', 'NONE'] as const;
export const RETURN_ON_CONDITION_FAILURE = ['ALL_OLD', 'NONE'] as const;
export const SELECT = ['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES', 'COUNT'] as const;

/** The legacy (pre-expression) parameters and the expression parameters they conflict with. */
const LEGACY = ['AttributesToGet', 'Expected', 'ConditionalOperator', 'KeyConditions', 'QueryFilter', 'ScanFilter', 'AttributeUpdates'];
const EXPRESSIONS = ['ProjectionExpression', 'ConditionExpression', 'KeyConditionExpression', 'FilterExpression', 'UpdateExpression'];

/** AWS's rule: legacy and expression parameters never mix in one request. */
export function checkNoMixing(input: Record<string, unknown>): string[] {
  const legacy = LEGACY.filter((k) => input[k] !== undefined && input[k] !== null);
  const expr = EXPRESSIONS.filter((k) => input[k] !== undefined && input[k] !== null);
  if (legacy.length > 0 && expr.length > 0)
    throw validation(
      `Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {${legacy.join(', ')}} Expression parameters: {${expr.join(', ')}}`,
    );
  return legacy;
}
