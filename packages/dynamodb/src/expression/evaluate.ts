/**
 * Evaluation of conditions and projections against an item. Pure functions of (AST, item,
 * request context); a missing attribute makes a comparison false (and `<>` true), never an error.
 */
import {
  compareBytes,
  compareScalars,
  typeOf,
  valuesEqual,
  type AttributeMap,
  type AttributeValue,
} from '../attribute-value.js';
import type { ConditionNode, Operand, PathNode } from './ast.js';
import { resolvedElements, type ExpressionContext } from './context.js';

/** Follows a resolved path into an item. */
export function getPath(item: AttributeMap | undefined, elements: readonly (string | number)[]): AttributeValue | undefined {
  if (item === undefined) return undefined;
  let current: AttributeValue | undefined = item[elements[0] as string];
  for (let i = 1; i < elements.length && current !== undefined; i++) {
    const e = elements[i] as string | number;
    if (typeof e === 'number') current = current.L === undefined ? undefined : current.L[e];
    else current = current.M === undefined ? undefined : current.M[e];
  }
  return current;
}

/** Reads a path node from an item. */
export function readPath(item: AttributeMap | undefined, path: PathNode, ctx: ExpressionContext): AttributeValue | undefined {
  const first = path.elements[0];
  // The common case, a single bare name, skips building the resolved array.
  if (path.elements.length === 1 && first?.kind === 'name' && !first.token.startsWith('#')) return item?.[first.token];
  return getPath(item, resolvedElements(path, ctx.names));
}

function sizeOf(v: AttributeValue | undefined): AttributeValue | undefined {
  if (v === undefined) return undefined;
  let n: number | undefined;
  if (v.S !== undefined) n = [...v.S].length;
  else if (v.B !== undefined) n = v.B.byteLength;
  else if (v.SS !== undefined) n = v.SS.length;
  else if (v.NS !== undefined) n = v.NS.length;
  else if (v.BS !== undefined) n = v.BS.length;
  else if (v.L !== undefined) n = v.L.length;
  else if (v.M !== undefined) n = Object.keys(v.M).length;
  return n === undefined ? undefined : { N: String(n) };
}

/** The value of an operand for this item; undefined when the attribute is absent. */
export function operandValue(o: Operand, item: AttributeMap | undefined, ctx: ExpressionContext): AttributeValue | undefined {
  switch (o.kind) {
    case 'value':
      return ctx.values[o.name];
    case 'path':
      return readPath(item, o, ctx);
    case 'size':
      return sizeOf(readPath(item, o.path, ctx));
  }
}

function beginsWith(a: AttributeValue, b: AttributeValue): boolean {
  if (a.S !== undefined && b.S !== undefined) return a.S.startsWith(b.S);
  if (a.B !== undefined && b.B !== undefined)
    return a.B.byteLength >= b.B.byteLength && compareBytes(a.B.subarray(0, b.B.byteLength), b.B) === 0;
  return false;
}

function contains(a: AttributeValue, b: AttributeValue): boolean {
  if (a.S !== undefined) return b.S !== undefined && a.S.includes(b.S);
  if (a.SS !== undefined) return b.S !== undefined && a.SS.includes(b.S);
  if (a.NS !== undefined) return b.N !== undefined && a.NS.some((n) => valuesEqual({ N: n }, b));
  if (a.BS !== undefined) return b.B !== undefined && a.BS.some((x) => compareBytes(x, b.B as Uint8Array) === 0);
  if (a.L !== undefined) return a.L.some((x) => valuesEqual(x, b));
  if (a.B !== undefined && b.B !== undefined) return Buffer.from(a.B).includes(Buffer.from(b.B));
  return false;
}

function compare(op: string, a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  if (op === '=') return a !== undefined && b !== undefined && valuesEqual(a, b);
  if (op === '<>') return a === undefined || b === undefined || !valuesEqual(a, b);
  if (a === undefined || b === undefined) return false;
  const c = compareScalars(a, b);
  if (c === undefined) return false;
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    default:
      return c >= 0;
  }
}

/** Whether the condition holds for the item (undefined item: the item does not exist). */
export function evaluateCondition(node: ConditionNode, item: AttributeMap | undefined, ctx: ExpressionContext): boolean {
  switch (node.kind) {
    case 'and':
      return evaluateCondition(node.left, item, ctx) && evaluateCondition(node.right, item, ctx);
    case 'or':
      return evaluateCondition(node.left, item, ctx) || evaluateCondition(node.right, item, ctx);
    case 'not':
      return !evaluateCondition(node.operand, item, ctx);
    case 'compare':
      return compare(node.op, operandValue(node.left, item, ctx), operandValue(node.right, item, ctx));
    case 'between': {
      const v = operandValue(node.operand, item, ctx);
      const low = operandValue(node.low, item, ctx);
      const high = operandValue(node.high, item, ctx);
      if (v === undefined || low === undefined || high === undefined) return false;
      const a = compareScalars(v, low);
      const b = compareScalars(v, high);
      return a !== undefined && b !== undefined && a >= 0 && b <= 0;
    }
    case 'in': {
      const v = operandValue(node.operand, item, ctx);
      if (v === undefined) return false;
      return node.list.some((o) => {
        const x = operandValue(o, item, ctx);
        return x !== undefined && valuesEqual(v, x);
      });
    }
    case 'function': {
      const [first, second] = node.args;
      const a = operandValue(first as Operand, item, ctx);
      switch (node.name) {
        case 'attribute_exists':
          return a !== undefined;
        case 'attribute_not_exists':
          return a === undefined;
        case 'attribute_type': {
          const t = operandValue(second as Operand, item, ctx);
          return a !== undefined && t?.S !== undefined && typeOf(a) === t.S;
        }
        case 'begins_with': {
          const b = operandValue(second as Operand, item, ctx);
          return a !== undefined && b !== undefined && beginsWith(a, b);
        }
        case 'contains': {
          const b = operandValue(second as Operand, item, ctx);
          return a !== undefined && b !== undefined && contains(a, b);
        }
      }
    }
  }
}

/** Copies the projected paths of an item (lists keep the selected elements, in order). */
export function project(item: AttributeMap, paths: readonly PathNode[], ctx: ExpressionContext): AttributeMap {
  const out: AttributeMap = {};
  for (const p of paths) copyPath(item, out, resolvedElements(p, ctx.names));
  return out;
}

/** Copies one path from `source` into `target`, creating the intermediate maps and lists. */
export function copyPath(source: AttributeMap, target: AttributeMap, elements: readonly (string | number)[]): void {
  const value = getPath(source, elements);
  if (value === undefined) return;
  // Walk target, creating containers; lists are rebuilt from source order afterwards.
  let src: AttributeValue = { M: source };
  let dst: AttributeValue = { M: target };
  for (let i = 0; i < elements.length; i++) {
    const e = elements[i] as string | number;
    const last = i === elements.length - 1;
    const nextSrc: AttributeValue = (typeof e === 'number' ? src.L?.[e] : src.M?.[e]) as AttributeValue;
    let nextDst: AttributeValue | undefined;
    if (typeof e === 'number') {
      const list = dst.L as AttributeValue[] & { origin?: number[] };
      const origin = (list.origin ??= []);
      const at = origin.indexOf(e);
      if (last) {
        if (at === -1) insertOrdered(list, origin, e, cloneShallowDeep(nextSrc));
        return;
      }
      if (at === -1) nextDst = insertOrdered(list, origin, e, emptyLike(nextSrc));
      else nextDst = list[at] as AttributeValue;
    } else {
      const map = dst.M as AttributeMap;
      if (last) {
        map[e] = cloneShallowDeep(nextSrc);
        return;
      }
      nextDst = map[e] ??= emptyLike(nextSrc);
    }
    src = nextSrc;
    dst = nextDst;
  }
}

function insertOrdered(list: AttributeValue[], origin: number[], index: number, v: AttributeValue): AttributeValue {
  let pos = origin.findIndex((o) => o > index);
  if (pos === -1) pos = origin.length;
  origin.splice(pos, 0, index);
  list.splice(pos, 0, v);
  return v;
}

function emptyLike(v: AttributeValue): AttributeValue {
  if (v.L !== undefined) {
    const L: AttributeValue[] = [];
    Object.defineProperty(L, 'origin', { value: [], enumerable: false, writable: true });
    return { L };
  }
  return { M: {} };
}

function cloneShallowDeep(v: AttributeValue): AttributeValue {
  // Callers get copies; deep copy happens once more at the API boundary, so share here.
  return v;
}
