/**
 * Per-request expression handling: ExpressionAttributeNames/Values checked exactly as AWS does
 * (empty maps, malformed keys, undefined placeholders, unused ones), parsed ASTs fetched from a
 * cache keyed by text, and the value-dependent checks AWS makes before touching any item.
 */
import { checkAttributeName, importValue, typeOf, VALUE_TYPES, type AttributeMap, type AttributeValue, compareScalars, describeValue } from '../attribute-value.js';
import { validation } from '../errors.js';
import type { ConditionNode, ExpressionKind, Operand, Parsed, PathNode, UpdateNode } from './ast.js';
import { parseCondition, parseProjection, parseUpdate } from './parser.js';

/** Names and values of one request, after validation. */
export interface ExpressionContext {
  readonly names: Readonly<Record<string, string>>;
  readonly values: Readonly<AttributeMap>;
}

const CACHE_LIMIT = 10_000;
const cache = new Map<string, Parsed<unknown>>();

function cached<T>(key: string, parse: () => Parsed<T>): Parsed<T> {
  let hit = cache.get(key) as Parsed<T> | undefined;
  if (hit === undefined) {
    hit = parse();
    // A bounded cache: tests with generated expressions must not grow memory without end.
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, hit);
  }
  return hit;
}

/** Parses (or fetches from the cache) one expression. */
export function parseExpression(kind: 'UpdateExpression', text: string): Parsed<UpdateNode>;
export function parseExpression(kind: 'ProjectionExpression', text: string): Parsed<PathNode[]>;
export function parseExpression(kind: ExpressionKind, text: string): Parsed<ConditionNode>;
export function parseExpression(kind: ExpressionKind, text: string): Parsed<unknown> {
  return cached<unknown>(`${kind}\u0000${text}`, (): Parsed<unknown> =>
    kind === 'UpdateExpression' ? parseUpdate(text) : kind === 'ProjectionExpression' ? parseProjection(text) : parseCondition(text, kind),
  );
}

const NAME_KEY = /^#[0-9A-Za-z_]+$/;
const VALUE_KEY = /^:[0-9A-Za-z_]+$/;

/** The request members this module reads. */
export interface ExpressionInput {
  ExpressionAttributeNames?: Record<string, string> | undefined;
  ExpressionAttributeValues?: Record<string, AttributeValue> | undefined;
}

/** The parsed expressions of a request, by kind. */
export interface PreparedExpressions {
  readonly context: ExpressionContext;
  readonly condition?: ConditionNode;
  readonly filter?: ConditionNode;
  readonly keyCondition?: ConditionNode;
  readonly update?: UpdateNode;
  readonly projection?: readonly PathNode[];
}

type ExpressionTexts = Partial<Record<ExpressionKind, string | undefined>>;

const FIELD: Record<ExpressionKind, keyof Omit<PreparedExpressions, 'context'>> = {
  ConditionExpression: 'condition',
  FilterExpression: 'filter',
  KeyConditionExpression: 'keyCondition',
  UpdateExpression: 'update',
  ProjectionExpression: 'projection',
};

/**
 * Validates names and values, parses every expression given (in AWS's order: the order of
 * `texts`), and rejects undefined and unused placeholders.
 */
export function prepareExpressions(input: ExpressionInput, texts: ExpressionTexts): PreparedExpressions {
  const present = (Object.entries(texts) as [ExpressionKind, string | undefined][]).filter(([, t]) => t !== undefined);
  const rawNames = input.ExpressionAttributeNames;
  const rawValues = input.ExpressionAttributeValues;
  if (present.length === 0) {
    if (rawNames !== undefined && rawNames !== null)
      throw validation('ExpressionAttributeNames can only be specified when using expressions');
    if (rawValues !== undefined && rawValues !== null)
      throw validation('ExpressionAttributeValues can only be specified when using expressions');
    return { context: { names: {}, values: {} } };
  }
  const names: Record<string, string> = {};
  if (rawNames !== undefined && rawNames !== null) {
    const keys = Object.keys(rawNames);
    if (keys.length === 0) throw validation('ExpressionAttributeNames must not be empty');
    for (const k of keys) {
      if (!NAME_KEY.test(k)) throw validation(`ExpressionAttributeNames contains invalid key: Syntax error; key: "${k}"`);
      const v = rawNames[k];
      if (typeof v !== 'string') throw validation(`ExpressionAttributeNames contains invalid value: ${String(v)} for key ${k}`);
      if (v === '') throw validation(`ExpressionAttributeNames contains invalid value: Empty attribute name for key ${k}`);
      checkAttributeName(v);
      names[k] = v;
    }
  }
  const values: AttributeMap = {};
  if (rawValues !== undefined && rawValues !== null) {
    const keys = Object.keys(rawValues);
    if (keys.length === 0) throw validation('ExpressionAttributeValues must not be empty');
    for (const k of keys) {
      if (!VALUE_KEY.test(k)) throw validation(`ExpressionAttributeValues contains invalid key: Syntax error; key: "${k}"`);
      try {
        values[k] = importValue(rawValues[k]);
      } catch (e) {
        if (e instanceof Error && e.name === 'ValidationException')
          throw validation(`ExpressionAttributeValues contains invalid value: ${e.message} for key ${k}`);
        throw e;
      }
    }
  }
  const usedNames = new Set<string>();
  const usedValues = new Set<string>();
  const context: ExpressionContext = { names, values };
  const out: Record<string, unknown> = { context };
  for (const [kind, text] of present) {
    const parsed: Parsed<unknown> = parseExpression(kind, text as string);
    for (const n of parsed.names) {
      if (names[n] === undefined)
        throw validation(`Invalid ${kind}: An expression attribute name used in the document path is not defined; attribute name: ${n}`);
      usedNames.add(n);
    }
    for (const v of parsed.values) {
      if (values[v] === undefined)
        throw validation(`Invalid ${kind}: An expression attribute value used in expression is not defined; attribute value: ${v}`);
      usedValues.add(v);
    }
    if (parsed.deferred.length > 0) throw validation(parsed.deferred[0] as string);
    if (kind === 'UpdateExpression') checkUpdateValues(parsed.ast as UpdateNode, context);
    else if (kind === 'ProjectionExpression') checkOverlaps(parsed.ast as PathNode[], names, kind);
    else checkCondition(parsed.ast as ConditionNode, context, kind);
    out[FIELD[kind]] = parsed.ast;
  }
  const unusedNames = Object.keys(names).filter((k) => !usedNames.has(k));
  if (unusedNames.length > 0)
    throw validation(`Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(', ')}}`);
  const unusedValues = Object.keys(values).filter((k) => !usedValues.has(k));
  if (unusedValues.length > 0)
    throw validation(`Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(', ')}}`);
  return out as unknown as PreparedExpressions;
}

/** Resolves a path's names through the request's ExpressionAttributeNames. */
export function resolvedElements(path: PathNode, names: Readonly<Record<string, string>>): (string | number)[] {
  return path.elements.map((e) => (e.kind === 'index' ? e.index : e.token.startsWith('#') ? (names[e.token] as string) : e.token));
}

/** AWS's rendering of a path in messages: `[a, b, [2]]`. */
export function renderPath(elements: readonly (string | number)[]): string {
  return `[${elements.map((e) => (typeof e === 'number' ? `[${e}]` : e)).join(', ')}]`;
}

/** Rejects two paths where one is a prefix of (or equal to) the other, as AWS does. */
export function checkOverlaps(paths: readonly PathNode[], names: Readonly<Record<string, string>>, kind: ExpressionKind): void {
  const resolved = paths.map((p) => resolvedElements(p, names));
  for (let i = 0; i < resolved.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = resolved[j] as (string | number)[];
      const b = resolved[i] as (string | number)[];
      const n = Math.min(a.length, b.length);
      let prefix = true;
      for (let k = 0; k < n && prefix; k++) prefix = a[k] === b[k];
      if (!prefix) continue;
      throw validation(
        `Invalid ${kind}: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: ${renderPath(a)}, path two: ${renderPath(b)}`,
      );
    }
  }
}

const TYPE_NAMES = new Set<string>(VALUE_TYPES);

function operandValue(o: Operand, ctx: ExpressionContext): AttributeValue | undefined {
  return o.kind === 'value' ? ctx.values[o.name] : undefined;
}

/** The checks AWS makes on literal operands before evaluating anything. */
function checkCondition(node: ConditionNode, ctx: ExpressionContext, kind: ExpressionKind): void {
  const bad = (fn: string, v: AttributeValue) =>
    validation(`Invalid ${kind}: Incorrect operand type for operator or function; operator or function: ${fn}, operand type: ${typeOf(v)}`);
  switch (node.kind) {
    case 'and':
    case 'or':
      checkCondition(node.left, ctx, kind);
      checkCondition(node.right, ctx, kind);
      return;
    case 'not':
      checkCondition(node.operand, ctx, kind);
      return;
    case 'between': {
      const low = operandValue(node.low, ctx);
      const high = operandValue(node.high, ctx);
      if (low && high && typeOf(low) !== typeOf(high))
        throw validation(
          `Invalid ${kind}: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: ${describeValue(low)}, upper bound operand: AttributeValue: ${describeValue(high)}`,
        );
      if (low && high) {
        const c = compareScalars(low, high);
        if (c !== undefined && c > 0)
          throw validation(
            `Invalid ${kind}: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: ${describeValue(low)}, upper bound operand: AttributeValue: ${describeValue(high)}`,
          );
      }
      return;
    }
    case 'function': {
      checkDistinct(node.name, node.args, ctx, kind);
      if (node.name === 'attribute_type') {
        const t = operandValue(node.args[1] as Operand, ctx);
        if (t !== undefined && t.S === undefined) throw bad('attribute_type', t);
        if (t?.S !== undefined && !TYPE_NAMES.has(t.S))
          throw validation(`Invalid ${kind}: Invalid attribute type name found; type: ${t.S}, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}`);
      }
      if (node.name === 'begins_with') {
        for (const a of node.args) {
          const v = operandValue(a, ctx);
          if (v && v.S === undefined && v.B === undefined) throw bad('begins_with', v);
        }
      }
      return;
    }
    case 'compare':
      checkDistinct(node.op, [node.left, node.right], ctx, kind);
      return;
    case 'in':
      return;
  }
}

/** AWS rejects `a = a` and `contains(a, a)`: both operands the same path. */
function checkDistinct(op: string, args: readonly Operand[], ctx: ExpressionContext, kind: ExpressionKind): void {
  const [a, b] = args;
  if (args.length !== 2 || a?.kind !== 'path' || b?.kind !== 'path') return;
  const x = resolvedElements(a, ctx.names);
  const y = resolvedElements(b, ctx.names);
  if (x.length !== y.length || x.some((e, i) => e !== y[i])) return;
  throw validation(
    `Invalid ${kind}: The first operand must be distinct from the remaining operands for this operator or function; operator: ${op}, first operand: ${renderPath(x)}`,
  );
}

function checkUpdateValues(update: UpdateNode, ctx: ExpressionContext): void {
  for (const a of update.add) {
    const v = ctx.values[a.value.name] as AttributeValue;
    const t = typeOf(v);
    if (t !== 'N' && t !== 'SS' && t !== 'NS' && t !== 'BS')
      throw validation(`Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: ${AWS_TYPE_WORD[t]}`);
  }
  for (const d of update.delete) {
    const v = ctx.values[d.value.name] as AttributeValue;
    const t = typeOf(v);
    if (t !== 'SS' && t !== 'NS' && t !== 'BS')
      throw validation(`Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: ${AWS_TYPE_WORD[t]}`);
  }
}

/** The words AWS uses for types in update-expression operand errors. */
const AWS_TYPE_WORD: Record<string, string> = {
  S: 'STRING',
  N: 'NUMBER',
  B: 'BINARY',
  BOOL: 'BOOLEAN',
  NULL: 'NULL',
  M: 'MAP',
  L: 'LIST',
  SS: 'STRING SET',
  NS: 'NUMBER SET',
  BS: 'BINARY SET',
};
