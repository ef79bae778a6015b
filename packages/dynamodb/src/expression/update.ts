/**
 * Applying an update expression: every SET value is computed from the item as it was before
 * the update (as AWS does), then SET, REMOVE, ADD and DELETE are applied to a copy. The caller
 * swaps the copy in only if everything succeeds, so a failed update changes nothing.
 */
import { addDecimal, subtractDecimal, formatDecimal } from '../decimal.js';
import { cloneMap, decimalOf, typeOf, valuesEqual, base64, type AttributeMap, type AttributeValue } from '../attribute-value.js';
import { validation } from '../errors.js';
import type { PathNode, SetValue, UpdateNode } from './ast.js';
import { resolvedElements, type ExpressionContext } from './context.js';
import { getPath, readPath } from './evaluate.js';

const INVALID_PATH = 'The document path provided in the update expression is invalid for update';
const WRONG_TYPE = 'An operand in the update expression has an incorrect data type';

function setValue(v: SetValue, item: AttributeMap, ctx: ExpressionContext): AttributeValue {
  switch (v.kind) {
    case 'value':
      return ctx.values[v.name] as AttributeValue;
    case 'path': {
      const found = readPath(item, v, ctx);
      if (found === undefined) throw validation('The provided expression refers to an attribute that does not exist in the item');
      return found;
    }
    case 'plus':
    case 'minus': {
      const a = setValue(v.left, item, ctx);
      const b = setValue(v.right, item, ctx);
      if (a.N === undefined || b.N === undefined) throw validation(WRONG_TYPE);
      const x = decimalOf(a.N);
      const y = decimalOf(b.N);
      return { N: formatDecimal(v.kind === 'plus' ? addDecimal(x, y) : subtractDecimal(x, y)) };
    }
    case 'if_not_exists':
      return readPath(item, v.path, ctx) ?? setValue(v.fallback, item, ctx);
    case 'list_append': {
      const a = setValue(v.left, item, ctx);
      const b = setValue(v.right, item, ctx);
      if (a.L === undefined || b.L === undefined) throw validation(WRONG_TYPE);
      return { L: [...a.L, ...b.L] };
    }
  }
}

type Parent = { kind: 'map'; map: AttributeMap; key: string } | { kind: 'list'; list: AttributeValue[]; index: number };

/** The container holding the last element of a path, or undefined when the path cannot exist. */
function parentOf(item: AttributeMap, elements: readonly (string | number)[]): Parent | undefined {
  const last = elements[elements.length - 1] as string | number;
  if (elements.length === 1) return { kind: 'map', map: item, key: last as string };
  const container = getPath(item, elements.slice(0, -1));
  if (container === undefined) return undefined;
  if (typeof last === 'number') return container.L === undefined ? undefined : { kind: 'list', list: container.L, index: last };
  return container.M === undefined ? undefined : { kind: 'map', map: container.M, key: last };
}

function current(p: Parent): AttributeValue | undefined {
  return p.kind === 'map' ? p.map[p.key] : p.list[p.index];
}

function assign(p: Parent, v: AttributeValue): void {
  if (p.kind === 'map') p.map[p.key] = v;
  else if (p.index >= p.list.length) p.list.push(v);
  else p.list[p.index] = v;
}

const REMOVED: AttributeValue = Object.freeze({});

function addToSet(existing: AttributeValue, operand: AttributeValue): AttributeValue {
  const t = typeOf(operand);
  if (typeOf(existing) !== t) throw validation(WRONG_TYPE);
  if (t === 'N') return { N: formatDecimal(addDecimal(decimalOf(existing.N as string), decimalOf(operand.N as string))) };
  if (t === 'SS') return { SS: [...new Set([...(existing.SS as string[]), ...(operand.SS as string[])])] };
  if (t === 'NS') {
    const out = [...(existing.NS as string[])];
    for (const n of operand.NS as string[]) if (!out.some((m) => valuesEqual({ N: m }, { N: n }))) out.push(n);
    return { NS: out };
  }
  const seen = new Set((existing.BS as Uint8Array[]).map(base64));
  return { BS: [...(existing.BS as Uint8Array[]), ...(operand.BS as Uint8Array[]).filter((b) => !seen.has(base64(b)))] };
}

function deleteFromSet(existing: AttributeValue, operand: AttributeValue): AttributeValue | undefined {
  const t = typeOf(operand);
  if (typeOf(existing) !== t) throw validation(WRONG_TYPE);
  let rest: AttributeValue;
  if (t === 'SS') rest = { SS: (existing.SS as string[]).filter((s) => !(operand.SS as string[]).includes(s)) };
  else if (t === 'NS') rest = { NS: (existing.NS as string[]).filter((n) => !(operand.NS as string[]).some((m) => valuesEqual({ N: n }, { N: m }))) };
  else {
    const gone = new Set((operand.BS as Uint8Array[]).map(base64));
    rest = { BS: (existing.BS as Uint8Array[]).filter((b) => !gone.has(base64(b))) };
  }
  const members = (rest.SS ?? rest.NS ?? rest.BS) as unknown[];
  return members.length === 0 ? undefined : rest;
}

/** All paths an update touches, for overlap checks and UPDATED_* return values. */
export function updatePaths(update: UpdateNode): PathNode[] {
  return [...update.set.map((s) => s.path), ...update.remove, ...update.add.map((a) => a.path), ...update.delete.map((d) => d.path)];
}

/** Applies an update to (a copy of) an item and returns the new item. */
export function applyUpdate(old: AttributeMap, update: UpdateNode, ctx: ExpressionContext): AttributeMap {
  const values = update.set.map((s) => setValue(s.value, old, ctx));
  const item = cloneMap(old);
  update.set.forEach((s, i) => {
    const parent = parentOf(item, resolvedElements(s.path, ctx.names));
    if (parent === undefined) throw validation(INVALID_PATH);
    assign(parent, values[i] as AttributeValue);
  });
  const touchedLists = new Set<AttributeValue[]>();
  for (const path of update.remove) {
    const parent = parentOf(item, resolvedElements(path, ctx.names));
    if (parent === undefined) continue;
    if (parent.kind === 'map') delete parent.map[parent.key];
    else if (parent.index < parent.list.length) {
      // Indexes refer to the list before the update: mark now, compact once at the end.
      parent.list[parent.index] = REMOVED;
      touchedLists.add(parent.list);
    }
  }
  for (const list of touchedLists) {
    const kept = list.filter((v) => v !== REMOVED);
    list.length = 0;
    list.push(...kept);
  }
  for (const a of update.add) {
    const parent = parentOf(item, resolvedElements(a.path, ctx.names));
    if (parent === undefined) throw validation(INVALID_PATH);
    const operand = ctx.values[a.value.name] as AttributeValue;
    const existing = current(parent);
    assign(parent, existing === undefined ? operand : addToSet(existing, operand));
  }
  for (const d of update.delete) {
    const parent = parentOf(item, resolvedElements(d.path, ctx.names));
    if (parent === undefined) throw validation(INVALID_PATH);
    const existing = current(parent);
    if (existing === undefined) continue;
    const rest = deleteFromSet(existing, ctx.values[d.value.name] as AttributeValue);
    if (rest !== undefined) assign(parent, rest);
    else if (parent.kind === 'map') delete parent.map[parent.key];
    else parent.list.splice(parent.index, 1);
  }
  return item;
}
