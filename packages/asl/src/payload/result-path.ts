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

  // Returns a copy of `node` with the path from step `i` on set to `result`; `undefined` when it cannot.
  const place = (node: Json | undefined, i: number, result: Json): Json | undefined => {
    const step = steps[i]! as Segment & ({ kind: 'name'; name: string } | { kind: 'index'; index: number });
    if (step.kind === 'name') {
      if (node === undefined) node = {};
      else if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
      const copy: JsonObject = { ...node };
      const child = i === last ? result : place(ownValue(node, step.name), i + 1, result);
      if (child === undefined) return undefined;
      setOwn(copy, step.name, child);
      return copy;
    }
    if (!Array.isArray(node)) return undefined;
    const index = step.index < 0 ? node.length + step.index : step.index;
    if (index < 0 || index >= node.length) return undefined;
    const child = i === last ? result : place(node[index], i + 1, result);
    if (child === undefined) return undefined;
    const copy = node.slice();
    copy[index] = child;
    return copy;
  };

  return (input, result) => place(input, 0, result) ?? fail(input);
}

function ownValue(obj: JsonObject, name: string): Json | undefined {
  return Object.prototype.hasOwnProperty.call(obj, name) ? (Object.getOwnPropertyDescriptor(obj, name)!.value as Json) : undefined;
}

function setOwn(obj: JsonObject, name: string, value: Json): void {
  // A plain assignment to `__proto__` would replace the prototype instead of adding a key.
  if (name === '__proto__') Object.defineProperty(obj, name, { value, enumerable: true, writable: true, configurable: true });
  else obj[name] = value;
}
