import { isJsonObject, type Json, type JsonObject } from '../json.js';
import { type Diagnostics, DUPLICATE_LABEL_NAME, field, INVALID_STATE_NAME, item, ROOT } from './diagnostics.js';
import {
  effectiveLanguage,
  foreignFieldMessage,
  foreignFields,
  isJsonataExpression,
  isStateType,
  JSONATA_EXPRESSION_FIELDS,
  type QueryLanguage,
  STATE_FIELDS,
  STATE_TYPES,
} from './fields.js';
import { checkAssignedNames, checkJsonataExpressions } from './jsonata.js';
import { checkSchema } from './schema-check.js';
import { checkStateRules } from './state-rules.js';

/**
 * Walks a definition's structure: the top level, every state, and the nested machines of
 * Parallel branches and Map processors, checking each against its schema and rules. Returns
 * the machines it found, for the graph checks.
 */

/** A `{ StartAt, States }` machine: the top level, a Parallel branch or a Map processor. */
export interface Machine {
  readonly location: string;
  readonly startAt: Json | undefined;
  /** `undefined` when `States` is not an object. */
  readonly states: JsonObject | undefined;
  readonly topLevel: boolean;
}

interface WalkContext {
  readonly language: QueryLanguage;
  readonly express: boolean;
  readonly machines: Machine[];
  readonly labels: Set<string>;
  readonly out: Diagnostics;
}

export function walkDefinition(definition: JsonObject, express: boolean, out: Diagnostics): Machine[] {
  checkSchema('top', definition, ROOT, out);
  const ctx: WalkContext = {
    language: effectiveLanguage(definition.QueryLanguage, 'JSONPath'),
    express,
    machines: [],
    labels: new Set(),
    out,
  };
  walkMachine(definition, ROOT, true, ctx);
  return ctx.machines;
}

function walkMachine(machine: JsonObject, location: string, topLevel: boolean, ctx: WalkContext): void {
  const states = isJsonObject(machine.States) ? machine.States : undefined;
  ctx.machines.push({ location, startAt: machine.StartAt, states, topLevel });
  if (states === undefined) return;
  const statesLocation = field(location, 'States');
  for (const [name, state] of Object.entries(states)) walkState(name, state, field(statesLocation, name), ctx);
}

/** Map settings whose fields may each hold a JSONata expression in a JSONata state. */
const NESTED_SETTINGS: ReadonlySet<string> = new Set(['ItemReader', 'ItemBatcher', 'ResultWriter']);

function withoutExpressions(value: Json): Json {
  if (!isJsonObject(value)) return value;
  const copy: JsonObject = {};
  for (const [key, nested] of Object.entries(value)) {
    if (!isJsonataExpression(nested)) copy[key] = withoutExpressions(nested);
  }
  return copy;
}

const DOWNGRADE = "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine";

function walkState(name: string, state: Json, location: string, ctx: WalkContext): void {
  const { out } = ctx;
  if (name.length === 0 || name.length > 80) {
    out.error(INVALID_STATE_NAME, `State name must be between 1 and 80 characters long: ${JSON.stringify(name)}`, location);
  }
  if (!isJsonObject(state)) {
    out.schema('Expected value of type [OBJECT]', location);
    return;
  }
  const type = state.Type;
  if (type === undefined) {
    out.schema('These fields are required: [Type]', location);
    return;
  }
  if (!isStateType(type)) {
    out.schema(`The field 'Type' should have one of these values: [${STATE_TYPES.join(', ')}]`, field(location, 'Type'));
    return;
  }
  const downgraded = ctx.language === 'JSONata' && state.QueryLanguage === 'JSONPath';
  if (downgraded) out.schema(DOWNGRADE, location);
  const language = effectiveLanguage(state.QueryLanguage, ctx.language);

  // `own` keeps the fields of the state's language; `literal` also drops JSONata expressions,
  // whose text a later stage checks, so the schema sees only literal values.
  const foreign = foreignFields(language);
  const own: JsonObject = {};
  for (const [key, value] of Object.entries(state)) {
    if (foreign.has(key) && STATE_FIELDS[type].has(key)) {
      if (!downgraded) out.schema(foreignFieldMessage(language, key), location);
    } else own[key] = value;
  }
  let literal = own;
  if (language === 'JSONata') {
    literal = {};
    for (const [key, value] of Object.entries(own)) {
      if (JSONATA_EXPRESSION_FIELDS.has(key) && isJsonataExpression(value)) continue;
      literal[key] = NESTED_SETTINGS.has(key) ? withoutExpressions(value) : value;
    }
  }
  checkSchema(type, literal, location, out);
  checkStateRules(own, { type, language, location, express: ctx.express }, out);
  if (language === 'JSONata') checkJsonataExpressions(own, location, out);
  checkAssignedNames(own, language, location, out);

  if (type === 'Map' && typeof state.Label === 'string') {
    if (ctx.labels.has(state.Label)) out.error(DUPLICATE_LABEL_NAME, `Duplicate Label name: ${state.Label}`, field(location, 'Label'));
    ctx.labels.add(state.Label);
  }
  if (type === 'Parallel' && Array.isArray(state.Branches)) {
    state.Branches.forEach((branch, index) => {
      if (!isJsonObject(branch)) return;
      const at = item(field(location, 'Branches'), index);
      checkSchema('branch', branch, at, out);
      walkMachine(branch, at, false, ctx);
    });
  }
  if (type === 'Map') {
    // With both given (already reported), only ItemProcessor is walked, so the states they
    // share are not reported twice as duplicates.
    for (const key of state.ItemProcessor === undefined ? ['Iterator'] : ['ItemProcessor']) {
      const processor = state[key];
      if (!isJsonObject(processor)) continue;
      const at = field(location, key);
      checkSchema('processor', processor, at, out);
      walkMachine(processor, at, false, ctx);
    }
  }
}
