import { isJsonObject, type Json, type JsonObject } from '../json.js';
import { checkChoices } from './choice-rules.js';
import { type Diagnostics, field, INVALID_LABEL_NAME, item } from './diagnostics.js';
import { foreignFieldMessage, type QueryLanguage, type StateType } from './fields.js';
import { checkPathField, checkTemplate, type PathKind } from './paths.js';
import { checkMapResource, checkResource } from './resources.js';

/**
 * The rules of a state that span several fields or need AWS's own wording, run after the
 * state's JSON Schema. `state` holds the fields of the state's own query language only (the
 * other language's fields were reported already).
 */
export interface StateContext {
  readonly type: StateType;
  readonly language: QueryLanguage;
  readonly location: string;
  readonly express: boolean;
}

const TRANSITIONING: ReadonlySet<StateType> = new Set(['Task', 'Pass', 'Wait', 'Parallel', 'Map']);

/** JSONPath fields holding a path, and the kind of path each takes. */
const PATH_FIELDS: ReadonlyArray<readonly [string, PathKind]> = [
  ['InputPath', 'path'],
  ['OutputPath', 'path'],
  ['ResultPath', 'reference'],
  ['ItemsPath', 'selector'],
  ['SecondsPath', 'selector'],
  ['TimestampPath', 'selector'],
  ['TimeoutSecondsPath', 'selector'],
  ['HeartbeatSecondsPath', 'selector'],
  ['MaxConcurrencyPath', 'selector'],
  ['ToleratedFailureCountPath', 'selector'],
  ['ToleratedFailurePercentagePath', 'selector'],
  ['ErrorPath', 'selector-or-intrinsic'],
  ['CausePath', 'selector-or-intrinsic'],
];

const TEMPLATE_FIELDS = ['Parameters', 'ResultSelector', 'ItemSelector', 'Assign'];

export function checkStateRules(state: JsonObject, ctx: StateContext, out: Diagnostics): void {
  const { type: kind, location } = ctx;
  if (TRANSITIONING.has(kind)) {
    const hasNext = state.Next !== undefined;
    const hasEnd = state.End === true;
    if (hasNext && hasEnd) out.exclusive(['Next', 'End'], location);
    else if (!hasNext && !hasEnd) out.oneRequired(['Next', 'End'], location);
  }
  switch (kind) {
    case 'Task':
      checkTask(state, ctx, out);
      break;
    case 'Wait': {
      const timing = ['SecondsPath', 'Seconds', 'TimestampPath', 'Timestamp'];
      const given = timing.filter((name) => state[name] !== undefined).length;
      if (given > 1) out.exclusive(timing, location);
      else if (given === 0) out.oneRequired(timing, location);
      break;
    }
    case 'Choice':
      if (Array.isArray(state.Choices)) checkChoices(state.Choices, ctx.language, field(location, 'Choices'), out);
      break;
    case 'Map':
      checkMap(state, ctx, out);
      break;
    case 'Fail':
      pair(state, 'Error', 'ErrorPath', location, out);
      pair(state, 'Cause', 'CausePath', location, out);
      break;
    case 'Pass':
    case 'Parallel':
    case 'Succeed':
      break;
    default:
      kind satisfies never;
  }
  if (state.Retry !== undefined) checkErrorHandlers(state.Retry, 'Retry', ctx, out);
  if (state.Catch !== undefined) checkErrorHandlers(state.Catch, 'Catch', ctx, out);
  if (ctx.language === 'JSONPath') checkPaths(state, location, out);
}

function pair(state: JsonObject, a: string, b: string, location: string, out: Diagnostics): void {
  if (state[a] !== undefined && state[b] !== undefined) out.exclusive([a, b], location);
}

function checkTask(state: JsonObject, ctx: StateContext, out: Diagnostics): void {
  const { location } = ctx;
  if (typeof state.Resource === 'string') checkResource(state.Resource, ctx.express, field(location, 'Resource'), out);
  pair(state, 'TimeoutSeconds', 'TimeoutSecondsPath', location, out);
  pair(state, 'HeartbeatSeconds', 'HeartbeatSecondsPath', location, out);
  const timeout = state.TimeoutSeconds;
  const heartbeat = state.HeartbeatSeconds;
  if (typeof timeout === 'number' && typeof heartbeat === 'number' && heartbeat >= timeout) {
    out.schema('HeartbeatSeconds must be less than TimeoutSeconds', field(location, 'HeartbeatSeconds'));
  }
  const credentials = state.Credentials;
  if (isJsonObject(credentials)) {
    if (credentials.RoleArn === undefined && credentials['RoleArn.$'] === undefined) {
      out.schema("The field 'RoleArn' is required but was missing", field(location, 'Credentials'));
    }
    if (ctx.language === 'JSONPath') checkTemplate(credentials, field(location, 'Credentials'), out);
  }
}

// AWS's Label rules (Map state docs): up to 40 characters, none of whitespace, brackets,
// wildcards, the listed punctuation, or control characters U+0000-001F and U+007F-009F.
const LABEL_FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

function checkMap(state: JsonObject, ctx: StateContext, out: Diagnostics): void {
  const { location } = ctx;
  if (state.ItemProcessor !== undefined && state.Iterator !== undefined) out.exclusive(['ItemProcessor', 'Iterator'], location);
  else if (state.ItemProcessor === undefined && state.Iterator === undefined) out.oneRequired(['ItemProcessor', 'Iterator'], location);
  pair(state, 'ItemSelector', 'Parameters', location, out);
  for (const name of ['MaxConcurrency', 'ToleratedFailureCount', 'ToleratedFailurePercentage']) {
    if (state[name] !== undefined && state[`${name}Path`] !== undefined) out.exclusive([name, `${name}Path`], field(location, name));
  }
  for (const key of ['ItemProcessor', 'Iterator']) {
    const config = isJsonObject(state[key]) ? (state[key] as JsonObject).ProcessorConfig : undefined;
    if (!isJsonObject(config)) continue;
    const at = field(field(location, key), 'ProcessorConfig');
    if (config.Mode === 'DISTRIBUTED' && config.ExecutionType === undefined) out.schema('These fields are required: [ExecutionType]', at);
    if (config.Mode !== 'DISTRIBUTED' && config.ExecutionType !== undefined) out.schema("Field 'ExecutionType' is not supported", at);
  }
  const label = state.Label;
  if (typeof label === 'string') {
    const bad = LABEL_FORBIDDEN.exec(label);
    if (label.length === 0 || label.length > 40) {
      out.error(INVALID_LABEL_NAME, 'The Label must be between 1 and 40 characters long', field(location, 'Label'));
    } else if (bad !== null) {
      out.error(INVALID_LABEL_NAME, `The Label contains an invalid character: ${JSON.stringify(bad[0])}`, field(location, 'Label'));
    }
  }
  for (const [key, role] of [['ItemReader', 'reader'], ['ResultWriter', 'writer']] as const) {
    const part = state[key];
    if (!isJsonObject(part)) continue;
    const at = field(location, key);
    // Parameters is JSONPath's and Arguments JSONata's, reported at the field (AWS-measured).
    const foreign = ctx.language === 'JSONPath' ? 'Arguments' : 'Parameters';
    if (part[foreign] !== undefined) out.schema(foreignFieldMessage(ctx.language, foreign), field(at, foreign));
    if (typeof part.Resource === 'string') checkMapResource(part.Resource, role, field(at, 'Resource'), out);
    if (ctx.language === 'JSONPath') checkTemplate(part.Parameters, field(at, 'Parameters'), out);
    if (role === 'writer') checkResultWriter(part, ctx.language, at, out);
  }
}

// A ResultWriter names where to write (Resource with its Parameters/Arguments), how to shape
// the results (WriterConfig), or both; an empty one, or a Resource with nowhere in it, is
// refused at the ResultWriter (AWS-measured locations; the wording is fogbank's).
function checkResultWriter(writer: JsonObject, language: QueryLanguage, location: string, out: Diagnostics): void {
  if (writer.Resource === undefined && writer.WriterConfig === undefined) {
    out.schema('This object should have at least one of the following fields: [Resource, WriterConfig]', location);
  }
  const destination = language === 'JSONPath' ? 'Parameters' : 'Arguments';
  if (writer.Resource !== undefined && writer[destination] === undefined) out.schema(`These fields are required: [${destination}]`, location);
}

function checkErrorHandlers(list: Json, name: 'Retry' | 'Catch', ctx: StateContext, out: Diagnostics): void {
  if (!Array.isArray(list)) return;
  list.forEach((handler, index) => {
    if (!isJsonObject(handler)) return;
    const at = item(field(ctx.location, name), index);
    const errors = handler.ErrorEquals;
    if (Array.isArray(errors) && errors.includes('States.ALL') && (errors.length > 1 || index < list.length - 1)) {
      out.schema('States.ALL must appear alone and at end of list', field(at, 'ErrorEquals'));
    }
    if (name !== 'Catch') return;
    const foreign = ctx.language === 'JSONPath' ? 'Output' : 'ResultPath';
    if (handler[foreign] !== undefined) out.schema(foreignFieldMessage(ctx.language, foreign), at);
    if (ctx.language === 'JSONPath') {
      checkPathField(handler.ResultPath, 'ResultPath', 'reference', at, out);
      checkTemplate(handler.Assign, field(at, 'Assign'), out);
    }
  });
}

function checkPaths(state: JsonObject, location: string, out: Diagnostics): void {
  for (const [name, kind] of PATH_FIELDS) checkPathField(state[name], name, kind, location, out);
  for (const name of TEMPLATE_FIELDS) checkTemplate(state[name], field(location, name), out);
}
