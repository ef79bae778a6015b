import type { EvalEnv } from '../eval-env.js';
import type { Json, JsonObject } from '../json.js';
import { compileIntrinsic, isIntrinsicCall } from '../intrinsics/index.js';
import { compilePath, PathSyntaxError } from '../path/index.js';
import { fieldNotFound } from './messages.js';

/**
 * Payload templates (`Parameters`, `ResultSelector`, `ItemSelector`, JSONPath `Assign`): the
 * template is compiled into one builder per node. A key ending in `.$` takes a path (`$...`,
 * `$$...`, `$var...`) or an intrinsic call, and loses its `.$` suffix in the output; every other
 * value is copied as written, at any depth, in objects and arrays alike.
 */

type Builder = (input: Json, env: EvalEnv) => Json;

/** Compiles a payload template once; the returned function builds the payload for an input. */
export function compileTemplate(template: Json): Builder {
  return compileNode(template);
}

function compileNode(node: Json): Builder {
  if (Array.isArray(node)) {
    const items = node.map(compileNode);
    const n = items.length;
    return (input, env) => {
      const out: Json[] = new Array<Json>(n);
      for (let i = 0; i < n; i++) out[i] = items[i]!(input, env);
      return out;
    };
  }
  if (typeof node === 'object' && node !== null) return compileObject(node);
  return () => node;
}

function compileObject(node: JsonObject): Builder {
  const keys: string[] = [];
  const builders: Builder[] = [];
  let unsafeKey = false;
  for (const key of Object.keys(node)) {
    const value = Object.getOwnPropertyDescriptor(node, key)!.value as Json;
    if (key.endsWith('.$')) {
      keys.push(key.slice(0, -2));
      builders.push(compileSelectorField(key, value));
    } else {
      keys.push(key);
      builders.push(compileNode(value));
    }
    if (key === '__proto__' || key === '__proto__.$') unsafeKey = true;
  }
  const n = keys.length;
  if (unsafeKey) {
    return (input, env) => {
      const out: JsonObject = {};
      for (let i = 0; i < n; i++) Object.defineProperty(out, keys[i]!, { value: builders[i]!(input, env), enumerable: true, writable: true, configurable: true });
      return out;
    };
  }
  return (input, env) => {
    const out: JsonObject = {};
    for (let i = 0; i < n; i++) out[keys[i]!] = builders[i]!(input, env);
    return out;
  };
}

/** A `.$` field: a path or an intrinsic call, evaluated against the template's input. */
function compileSelectorField(key: string, value: Json): Builder {
  if (typeof value !== 'string' || !(value.startsWith('$') || isIntrinsicCall(value))) {
    throw new PathSyntaxError(`The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call`);
  }
  if (isIntrinsicCall(value)) return compileIntrinsic(value, key);
  const path = compilePath(value);
  const select = path.select;
  if (!path.definite) return (input, env) => select(input, env) as Json;
  return (input, env) => {
    const v = select(input, env);
    if (v === undefined) throw fieldNotFound(value, key, input);
    return v;
  };
}
