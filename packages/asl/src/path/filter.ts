import type { EvalEnv } from '../eval-env.js';
import type { Json } from '../json.js';
import type { Compiled } from './compile.js';
import type { FilterExpr, FilterOperand, ParsedPath } from './parse.js';

/**
 * Filter predicates `[?(...)]` with Jayway's operators and its comparison rules: `<`/`>` compare
 * only numbers with numbers and strings with strings (anything else is false), `==` compares a
 * number with a numeric string by value, `=~` matches the whole string.
 */

export type Predicate = (node: Json, root: Json, env: EvalEnv) => boolean;
type Operand = (node: Json, root: Json, env: EvalEnv) => Json | undefined;

export function compileFilter(expr: FilterExpr, compile: (path: ParsedPath) => Compiled): Predicate {
  switch (expr.kind) {
    case 'or': {
      const l = compileFilter(expr.left, compile);
      const r = compileFilter(expr.right, compile);
      return (n, root, env) => l(n, root, env) || r(n, root, env);
    }
    case 'and': {
      const l = compileFilter(expr.left, compile);
      const r = compileFilter(expr.right, compile);
      return (n, root, env) => l(n, root, env) && r(n, root, env);
    }
    case 'not': {
      const inner = compileFilter(expr.expr, compile);
      return (n, root, env) => !inner(n, root, env);
    }
    case 'exists': {
      const operand = compileOperand(expr.operand, compile);
      const definite = expr.operand.kind === 'path' && compile(expr.operand.path).definite;
      return (n, root, env) => {
        const v = operand(n, root, env);
        return definite ? v !== undefined : Array.isArray(v) && v.length > 0;
      };
    }
    case 'compare': {
      const left = compileOperand(expr.left, compile);
      if (expr.op === '=~') {
        if (expr.right.kind !== 'regex') return () => false;
        const regex = expr.right.regex;
        return (n, root, env) => {
          const v = left(n, root, env);
          const s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
          return regex.test(s);
        };
      }
      const right = compileOperand(expr.right, compile);
      const relation = relations[expr.op];
      if (relation === undefined) throw new Error(`unknown filter operator ${expr.op}`);
      const op = expr.op;
      return (n, root, env) => {
        const l = left(n, root, env);
        const r = right(n, root, env);
        if (l !== undefined && r !== undefined) return relation(l, r);
        // Jayway reads a missing path as one shared "undefined" value: equal only to itself,
        // so `!=` and `nin` hold for a missing property.
        const same = l === undefined && r === undefined;
        return op === '==' ? same : op === '!=' ? !same : op === 'nin';
      };
    }
  }
}

function compileOperand(operand: FilterOperand, compile: (path: ParsedPath) => Compiled): Operand {
  switch (operand.kind) {
    case 'literal': {
      const value = operand.value;
      return () => value;
    }
    case 'regex':
      return () => undefined;
    case 'path': {
      const { select } = compile(operand.path);
      // `@` paths start at the filtered node, `$` paths at the document the whole path reads.
      return operand.relative ? (node, _root, env) => select(node, env) : (_node, root, env) => select(root, env);
    }
  }
}

const relations: Record<string, (l: Json, r: Json) => boolean> = {
  '==': (l, r) => jsonEquals(l, r),
  '!=': (l, r) => !jsonEquals(l, r),
  '<': (l, r) => ordered(l, r, (c) => c < 0),
  '<=': (l, r) => ordered(l, r, (c) => c <= 0),
  '>': (l, r) => ordered(l, r, (c) => c > 0),
  '>=': (l, r) => ordered(l, r, (c) => c >= 0),
  in: (l, r) => Array.isArray(r) && r.some((x) => jsonEquals(l, x)),
  nin: (l, r) => !(Array.isArray(r) && r.some((x) => jsonEquals(l, x))),
  subsetof: (l, r) => Array.isArray(l) && Array.isArray(r) && l.every((x) => r.some((y) => jsonEquals(x, y))),
  anyof: (l, r) => Array.isArray(l) && Array.isArray(r) && l.some((x) => r.some((y) => jsonEquals(x, y))),
  noneof: (l, r) => Array.isArray(l) && Array.isArray(r) && !l.some((x) => r.some((y) => jsonEquals(x, y))),
  size: (l, r) => (Array.isArray(l) || typeof l === 'string') && l.length === r,
  empty: (l, r) => (Array.isArray(l) || typeof l === 'string') && (l.length === 0) === r,
  contains: (l, r) =>
    typeof l === 'string' ? typeof r === 'string' && l.includes(r) : Array.isArray(l) && l.some((x) => jsonEquals(x, r)),
};

function ordered(l: Json, r: Json, test: (c: number) => boolean): boolean {
  if (typeof l === 'number' && typeof r === 'number') return test(l - r);
  if (typeof l === 'string' && typeof r === 'string') return test(l < r ? -1 : l > r ? 1 : 0);
  return false;
}

/** Structural JSON equality; a number equals a string holding the same number (Jayway). */
export function jsonEquals(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'string') return b.trim() !== '' && Number(b) === a;
  if (typeof a === 'string' && typeof b === 'number') return a.trim() !== '' && Number(a) === b;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!strictEquals(a[i]!, b[i]!)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) {
    if (!Object.prototype.hasOwnProperty.call(b, k) || !strictEquals(a[k]!, b[k]!)) return false;
  }
  return true;
}

// Inside objects and arrays Jayway compares JSON trees, where "1" and 1 differ.
function strictEquals(a: Json, b: Json): boolean {
  if (typeof a !== typeof b) return false;
  return jsonEquals(a, b);
}
