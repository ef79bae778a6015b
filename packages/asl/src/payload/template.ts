import type { EvalEnv } from '../eval-env.js';
import type { Json, JsonObject } from '../json.js';
import { compileIntrinsic, isIntrinsicCall } from '../intrinsics/index.js';
import { compilePath, fieldNotFound, PathSyntaxError } from '../path/index.js';

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

/**
 * An object node becomes one generated function returning an object literal with the
 * template's keys in order, so every payload it builds has the same hidden class (as
 * hand-written code would). Keys go in as JSON string literals (`__proto__` as a computed key,
 * which defines a property rather than setting the prototype); scalar constants are inlined the
 * same way; everything else is called from the `b` array of builders.
 */
function compileObject(node: JsonObject): Builder {
  const builders: Builder[] = [];
  const props: string[] = [];
  for (const key of Object.keys(node)) {
    const value = Object.getOwnPropertyDescriptor(node, key)!.value as Json;
    const dynamic = key.endsWith('.$');
    const name = dynamic ? key.slice(0, -2) : key;
    const literalKey = name === '__proto__' ? `[${JSON.stringify(name)}]` : JSON.stringify(name);
    // JSON text cannot spell -0 (or NaN), so such numbers stay out of the generated literal.
    const inlinable = value === null || (typeof value !== 'object' && !(typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0))));
    if (!dynamic && inlinable) {
      props.push(`${literalKey}: ${JSON.stringify(value)}`);
    } else {
      props.push(`${literalKey}: b[${builders.length}](input, env)`);
      builders.push(dynamic ? compileSelectorField(key, value) : compileNode(value));
    }
  }
  const factory = new Function('b', `return function build(input, env) {\nreturn {\n${props.join(',\n')}\n};\n};`) as (b: Builder[]) => Builder;
  return factory(builders);
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
