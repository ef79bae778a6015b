import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Json } from '../json.js';
import { Diagnostics, field, item } from './diagnostics.js';
import type { StateType } from './fields.js';
import { BRANCH, PROCESSOR, STATE_SCHEMAS, TOP_LEVEL, isRfc3339 } from './schemas.js';

/**
 * Runs the JSON Schemas of schemas.ts with ajv and words each failure as AWS does:
 * `Field 'X' is not supported` (at the object), `These fields are required: [A, B]` (at the
 * object, all missing fields in one message), `Expected value of type [STRING]`,
 * `Value should be one of the following: [A, B]`, `Minimum value is 0`, `Value cannot be empty`,
 * `String does not match RFC3339 timestamp` (at the value).
 */

export type SchemaName = 'top' | 'branch' | 'processor' | StateType;

const validators = new Map<SchemaName, ValidateFunction>();
let ajv: Ajv | undefined;

// Compiled on first use, once per schema, and kept for the life of the process.
function validator(name: SchemaName): ValidateFunction {
  let fn = validators.get(name);
  if (fn === undefined) {
    ajv ??= new Ajv({ allErrors: true, allowUnionTypes: true, strict: true });
    if (!ajv.formats.rfc3339) ajv.addFormat('rfc3339', { type: 'string', validate: isRfc3339 });
    const schema = name === 'top' ? TOP_LEVEL : name === 'branch' ? BRANCH : name === 'processor' ? PROCESSOR : STATE_SCHEMAS[name];
    fn = ajv.compile(schema);
    validators.set(name, fn);
  }
  return fn;
}

/** Checks `value` (found at `location`) against schema `name`, adding AWS-worded diagnostics. */
export function checkSchema(name: SchemaName, value: Json, location: string, out: Diagnostics): void {
  const validate = validator(name);
  if (validate(value)) return;
  report(validate.errors ?? [], value, location, out);
}

const TYPE_NAMES: Record<string, string> = {
  string: 'STRING',
  integer: 'INTEGER',
  number: 'NUMBER',
  boolean: 'BOOLEAN',
  object: 'OBJECT',
  array: 'ARRAY',
  null: 'NULL',
};

function report(errors: readonly ErrorObject[], root: Json, base: string, out: Diagnostics): void {
  const typeFailures = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const required = new Map<string, string[]>();
  const order: Array<{ path: string; emit: () => void }> = [];
  for (const e of errors) {
    const path = e.instancePath;
    if (e.keyword !== 'type' && typeFailures.has(path)) continue;
    const at = () => awsLocation(root, path, base);
    switch (e.keyword) {
      case 'required': {
        const missing = required.get(path);
        const name = String(e.params.missingProperty);
        if (missing !== undefined) missing.push(name);
        else {
          const list = [name];
          required.set(path, list);
          order.push({ path, emit: () => out.schema(`These fields are required: [${list.join(', ')}]`, at()) });
        }
        break;
      }
      case 'additionalProperties':
        order.push({ path, emit: () => out.schema(`Field '${String(e.params.additionalProperty)}' is not supported`, at()) });
        break;
      case 'type': {
        const types = ([] as string[]).concat(e.params.type as string | string[]).map((t) => TYPE_NAMES[t] ?? t);
        order.push({ path, emit: () => out.schema(`Expected value of type [${types.join(', ')}]`, at()) });
        break;
      }
      case 'enum': {
        const values = (e.params.allowedValues as unknown[]).map(String);
        const location = at();
        const message = location.endsWith('/Type')
          ? `The field 'Type' should have one of these values: [${values.join(', ')}]`
          : `Value should be one of the following: [${values.join(', ')}]`;
        order.push({ path, emit: () => out.schema(message, location) });
        break;
      }
      case 'minimum':
        order.push({ path, emit: () => out.schema(`Minimum value is ${String(e.params.limit)}`, at()) });
        break;
      case 'maximum':
        order.push({ path, emit: () => out.schema(`Maximum value is ${String(e.params.limit)}`, at()) });
        break;
      case 'minItems':
      case 'minProperties':
      case 'minLength':
        order.push({ path, emit: () => out.schema('Value cannot be empty', at()) });
        break;
      case 'format':
        order.push({ path, emit: () => out.schema('String does not match RFC3339 timestamp', at()) });
        break;
      default:
        order.push({ path, emit: () => out.schema(e.message ?? `Invalid value (${e.keyword})`, at()) });
    }
  }
  for (const entry of order) entry.emit();
}

/**
 * Rewrites ajv's JSON Pointer (relative to the checked value) into AWS's form below `base`:
 * object keys as `/key`, array indexes as `[i]`. The value is walked because a pointer segment
 * alone cannot tell an array index from a numeric key.
 */
function awsLocation(root: Json, pointer: string, base: string): string {
  if (pointer === '') return base;
  let location = base;
  let current: Json | undefined = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      const index = Number(key);
      location = item(location, index);
      current = current[index];
    } else {
      location = field(location, key);
      current = current !== null && typeof current === 'object' ? current[key] : undefined;
    }
  }
  return location;
}
