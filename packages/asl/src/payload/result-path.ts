import { StatesError, StatesErrorName } from '../errors.js';
import type { Json, JsonObject } from '../json.js';
import { parsePath, PathSyntaxError, type Segment } from '../path/parse.js';

/**
 * `ResultPath`: where the state's result goes in the state's raw input.
 *
 * - absent or `"$"`: the result replaces the input;
 * - `null`: the result is discarded and the input passes through;
 * - `"$.a.b"`: a copy of the input with `a.b` set to the result. Only the objects along the
 *   path are copied; missing objects on the way are created. When the path runs into something
 *   that is not an object (or an index out of range), the state fails with
 *   `States.ResultPathMatchFailure`: "Unable to apply ReferencePath $.a.b to input <json>".
 */
export function compileResultPath(text: string | null | undefined): (stateInput: Json, result: Json) => Json {
  if (text === undefined || text === '$') return (_input, result) => result;
  if (text === null) return (input) => input;
  const parsed = parsePath(text);
  if (parsed.root.kind !== 'input') {
    throw new PathSyntaxError(`Invalid ResultPath '${text}': a ResultPath must start with '$' and cannot reference the context object or variables.`);
  }
  const steps = parsed.segments.map((segment) => {
    if (segment.kind !== 'name' && segment.kind !== 'index') {
      throw new PathSyntaxError(`Invalid ResultPath '${text}': a ResultPath must be a reference path (names and indexes only).`);
    }
    return segment;
  });
  if (steps.length === 0) return (_input, result) => result;
  const last = steps.length - 1;

  const fail = (input: Json): never => {
    throw new StatesError(StatesErrorName.ResultPathMatchFailure, `Unable to apply ReferencePath ${text} to input ${JSON.stringify(input)}`);
  };
  const keys = steps.map((step) => (step.kind === 'name' ? step.name : step.index));

  // Copies the containers along the path top down, each linked into the copy of its parent.
  return (input, result) => {
    let node: Json | undefined = input;
    let root: Json = null;
    let parent: JsonObject | Json[] | null = null;
    let parentKey: string | number = 0;
    for (let i = 0; i <= last; i++) {
      const key = keys[i]!;
      let copy: JsonObject | Json[];
      let at: string | number;
      if (typeof key === 'string') {
        if (node === undefined) copy = {};
        else if (typeof node !== 'object' || node === null || Array.isArray(node)) return fail(input);
        else copy = { ...node };
        at = key;
        node = node === undefined ? undefined : ownValue(node as JsonObject, key);
      } else {
        if (!Array.isArray(node)) return fail(input);
        at = key < 0 ? node.length + key : key;
        if (at < 0 || at >= node.length) return fail(input);
        copy = node.slice();
        node = node[at];
      }
      if (parent === null) root = copy;
      else link(parent, parentKey, copy);
      parent = copy;
      parentKey = at;
    }
    link(parent!, parentKey, result);
    return root;
  };
}

function link(container: JsonObject | Json[], key: string | number, value: Json): void {
  if (typeof key === 'number') (container as Json[])[key] = value;
  else setOwn(container as JsonObject, key, value);
}

// An own `__proto__` key shadows the accessor, so a plain read finds the value.
function ownValue(obj: JsonObject, name: string): Json | undefined {
  return Object.prototype.hasOwnProperty.call(obj, name) ? obj[name] : undefined;
}

function setOwn(obj: JsonObject, name: string, value: Json): void {
  // A plain assignment to `__proto__` would replace the prototype instead of adding a key.
  if (name === '__proto__') Object.defineProperty(obj, name, { value, enumerable: true, writable: true, configurable: true });
  else obj[name] = value;
}

/**
 * How many bytes merging a result of `resultBytes` through `ResultPath` can add to the JSON of
 * the input: the result, and for each named step its key and separators (six bytes per UTF-16
 * unit covers escapes) and the braces of an object it may create. `0` for `null` (the input
 * passes); `null` when the result replaces the input.
 */
export function resultPathGrowth(text: Json | undefined, resultBytes: number): number | null {
  if (text === null) return 0;
  if (typeof text !== 'string' || text === '$') return null;
  const segments = parsePath(text).segments;
  if (segments.length === 0) return null;
  let growth = resultBytes;
  for (const segment of segments) if (segment.kind === 'name') growth += 6 * segment.name.length + 6;
  return growth;
}
