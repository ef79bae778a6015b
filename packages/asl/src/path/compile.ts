import type { EvalEnv } from '../eval-env.js';
import type { Json, JsonObject } from '../json.js';
import { compileFilter } from './filter.js';
import type { ParsedPath, PathRoot, Segment } from './parse.js';

/**
 * Turns a parsed path into closures. A definite path of names and indexes becomes a straight
 * property walk; anything else becomes a chain of steps, each calling the next for every match,
 * that pushes the matches into one result array.
 */

/** Selects from a document: `(doc, env)`, where `doc` is what `$` means (the input). */
export type Selector = (doc: Json, env: EvalEnv) => Json | undefined;

export interface Compiled {
  readonly definite: boolean;
  readonly select: Selector;
}

// One link of the chain: handles `node` and passes each match on to the next link.
type Step = (node: Json, root: Json, env: EvalEnv, out: Json[]) => void;

const emit: Step = (node, _root, _env, out) => {
  out.push(node);
};

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads an own property. Names that `Object.prototype` also has (`constructor`, `__proto__`) take the slow, safe way. */
export function propertyReader(name: string): (obj: JsonObject) => Json | undefined {
  if (!(name in Object.prototype)) return (obj) => obj[name];
  return (obj) => (Object.prototype.hasOwnProperty.call(obj, name) ? (Object.getOwnPropertyDescriptor(obj, name)!.value as Json) : undefined);
}

export function rootReader(root: PathRoot): Selector {
  switch (root.kind) {
    case 'input':
      return (doc) => doc;
    case 'context':
      return (_doc, env) => env.context;
    case 'variable': {
      const name = root.name;
      return (_doc, env) => env.variables.get(name);
    }
  }
}

/** A path is definite when every step selects at most one value (Jayway: a union of names at the end merges into one object). */
export function isDefinite(segments: readonly Segment[]): boolean {
  return segments.every(
    (s, i) => s.kind === 'name' || s.kind === 'index' || s.kind === 'function' || (s.kind === 'names' && i === segments.length - 1),
  );
}

export function compileParsed(path: ParsedPath): Compiled {
  const root = rootReader(path.root);
  const segments = path.segments;
  if (segments.length === 0) return { definite: true, select: root };
  // Jayway (as AWS runs it) refuses a union of names anywhere but at the end, at run time:
  // "Multi properties can only be used as path leafs" (see explain.ts).
  if (segments.some((s, i) => s.kind === 'function' || (s.kind === 'names' && i < segments.length - 1))) {
    // Jayway functions never yield a value on AWS either (see parse.ts).
    return { definite: true, select: () => undefined };
  }
  if (segments.every((s) => s.kind === 'name' || s.kind === 'index')) {
    return { definite: true, select: straightWalk(path.root, segments as readonly (Segment & { kind: 'name' | 'index' })[]) };
  }
  let chain = emit;
  for (let i = segments.length - 1; i >= 0; i--) chain = compileStep(segments[i]!, chain, i === segments.length - 1);
  const first = chain;
  if (isDefinite(segments)) {
    return {
      definite: true,
      select: (doc, env) => {
        const out: Json[] = [];
        const start = root(doc, env);
        if (start !== undefined) first(start, doc, env, out);
        return out[0];
      },
    };
  }
  return {
    definite: false,
    select: (doc, env) => {
      const out: Json[] = [];
      const start = root(doc, env);
      if (start !== undefined) first(start, doc, env, out);
      return out;
    },
  };
}

/**
 * A definite path of names and indexes becomes one generated function: a straight property walk
 * as a person would write it (`v = v["a"]; if (v === undefined) ...`), which V8 inlines and keeps
 * monomorphic. Names go in as JSON string literals and indexes as integers, so no text of the
 * path reaches the generated code unquoted.
 */
function straightWalk(root: PathRoot, segments: readonly (Segment & { kind: 'name' | 'index' })[]): Selector {
  const lines: string[] = [];
  switch (root.kind) {
    case 'input':
      lines.push('let v = doc;');
      break;
    case 'context':
      lines.push('let v = env.context;');
      break;
    case 'variable':
      lines.push(`let v = env.variables.get(${JSON.stringify(root.name)});`, 'if (v === undefined) return undefined;');
      break;
  }
  for (const s of segments) {
    if (s.kind === 'index') {
      const i = Math.trunc(s.index);
      lines.push('if (!Array.isArray(v)) return undefined;', i < 0 ? `v = v[v.length - ${-i}];` : `v = v[${i}];`);
    } else {
      lines.push("if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;");
      const key = JSON.stringify(s.name);
      // Names that Object.prototype also has must be own properties of the JSON object.
      lines.push(s.name in Object.prototype ? `v = hasOwn(v, ${key}) ? own(v, ${key}) : undefined;` : `v = v[${key}];`);
    }
    lines.push('if (v === undefined) return undefined;');
  }
  lines.push('return v;');
  const factory = new Function('hasOwn', 'own', `return function select(doc, env) {\n${lines.join('\n')}\n};`) as (
    hasOwn: (o: object, k: string) => boolean,
    own: (o: object, k: string) => Json | undefined,
  ) => Selector;
  return factory(
    (o, k) => Object.prototype.hasOwnProperty.call(o, k),
    (o, k) => Object.getOwnPropertyDescriptor(o, k)!.value as Json,
  );
}

function compileStep(segment: Segment, next: Step, leaf: boolean): Step {
  switch (segment.kind) {
    case 'name': {
      const read = propertyReader(segment.name);
      return (node, root, env, out) => {
        if (!isObject(node)) return;
        const v = read(node);
        if (v !== undefined) next(v, root, env, out);
      };
    }
    case 'names': {
      const readers = segment.names.map((name) => [name, propertyReader(name)] as const);
      if (leaf) {
        // Jayway merges a trailing union of names into one object of the names present.
        return (node, root, env, out) => {
          if (!isObject(node)) return;
          const merged: JsonObject = {};
          for (const [name, read] of readers) {
            const v = read(node);
            if (v !== undefined) merged[name] = v;
          }
          next(merged, root, env, out);
        };
      }
      return (node, root, env, out) => {
        if (!isObject(node)) return;
        for (const [, read] of readers) {
          const v = read(node);
          if (v !== undefined) next(v, root, env, out);
        }
      };
    }
    case 'index': {
      const index = segment.index;
      return (node, root, env, out) => {
        if (!Array.isArray(node)) return;
        const i = index < 0 ? node.length + index : index;
        if (i >= 0 && i < node.length) next(node[i]!, root, env, out);
      };
    }
    case 'indexes': {
      const indexes = segment.indexes;
      return (node, root, env, out) => {
        if (!Array.isArray(node)) return;
        for (const index of indexes) {
          const i = index < 0 ? node.length + index : index;
          if (i >= 0 && i < node.length) next(node[i]!, root, env, out);
        }
      };
    }
    case 'wildcard':
      return (node, root, env, out) => {
        if (Array.isArray(node)) for (const v of node) next(v, root, env, out);
        else if (isObject(node)) for (const v of Object.values(node)) next(v, root, env, out);
      };
    case 'slice': {
      const { start, end } = segment;
      return (node, root, env, out) => {
        if (!Array.isArray(node)) return;
        const n = node.length;
        const from = start === undefined ? 0 : start < 0 ? Math.max(0, n + start) : start;
        const to = end === undefined ? n : end < 0 ? n + end : Math.min(n, end);
        for (let i = from; i < to; i++) next(node[i]!, root, env, out);
      };
    }
    case 'filter': {
      const accept = compileFilter(segment.filter, compileParsed);
      return (node, root, env, out) => {
        if (Array.isArray(node)) {
          // AWS documents that `@` "does not match scalar values. It only matches objects."
          for (const v of node) if (typeof v === 'object' && v !== null && accept(v, root, env)) next(v, root, env, out);
        } else if (isObject(node) && accept(node, root, env)) {
          // Jayway applies a filter to an object itself, not to its members.
          next(node, root, env, out);
        }
      };
    }
    case 'function':
      return () => {};
    case 'descend': {
      const inner = segment.step;
      // Jayway's scan: at every object and array (the start included, pre-order) apply the step.
      let here: Step;
      if (inner.kind === 'filter') {
        const accept = compileFilter(inner.filter, compileParsed);
        here = (node, root, env, out) => {
          if (isObject(node) && accept(node, root, env)) next(node, root, env, out);
        };
      } else if (inner.kind === 'names' && leaf) {
        // A merging union applies only where every name is present (Jayway's scan predicate).
        const merge = compileStep(inner, next, leaf);
        const names = inner.names;
        here = (node, root, env, out) => {
          if (isObject(node) && names.every((n) => Object.prototype.hasOwnProperty.call(node, n))) merge(node, root, env, out);
        };
      } else {
        here = compileStep(inner, next, leaf);
      }
      const walk: Step = (node, root, env, out) => {
        if (Array.isArray(node)) {
          here(node, root, env, out);
          for (const v of node) if (typeof v === 'object' && v !== null) walk(v, root, env, out);
        } else if (isObject(node)) {
          here(node, root, env, out);
          for (const v of Object.values(node)) if (typeof v === 'object' && v !== null) walk(v, root, env, out);
        }
      };
      return walk;
    }
  }
}
