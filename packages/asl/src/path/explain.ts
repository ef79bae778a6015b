import { runtimeError, type StatesError } from '../errors.js';
import type { EvalEnv } from '../eval-env.js';
import type { Json } from '../json.js';
import { isObject, propertyReader, rootReader } from './compile.js';
import type { ParsedPath, PathRoot, Segment } from './parse.js';

/**
 * Jayway's words for a definite path that found nothing, as AWS puts them after
 * "Invalid path '<path>' : ". Only runs on the failure path, so it walks the document again
 * rather than slowing down every successful read.
 *
 * - a missing last property (or an index out of range): `No results for path: $['a']['b']`
 * - a missing property before the end: `Missing property in path $['a']`
 * - a property step on something that is not an object: Jayway's "Expected to find an object ..."
 * - a union of names before the end: `Multi properties can only be used as path leafs: $['a', 'b']`
 */
export function explainMiss(path: ParsedPath, doc: Json, env: EvalEnv): string {
  const full = normalizedPath(path);
  let current = rootText(path.root);
  let value = rootReader(path.root)(doc, env);
  if (value === undefined) return `No results for path: ${full}`;
  const last = path.segments.length - 1;
  for (let i = 0; i <= last; i++) {
    const segment = path.segments[i]!;
    if (segment.kind === 'name') {
      if (!isObject(value)) {
        return (
          `Expected to find an object with property ['${segment.name}'] in path ${current} but found '${javaClass(value)}'. ` +
          `This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonProvider'.`
        );
      }
      current += segmentText(segment);
      const next = propertyReader(segment.name)(value);
      if (next === undefined) return i === last ? `No results for path: ${full}` : `Missing property in path ${current}`;
      value = next;
    } else if (segment.kind === 'index') {
      if (value === null) return `The path ${current} is null`;
      if (!Array.isArray(value)) return `Filter: [${segment.index}] can only be applied to arrays. Current context is: ${JSON.stringify(value)}`;
      current += segmentText(segment);
      const next: Json | undefined = value[segment.index < 0 ? value.length + segment.index : segment.index];
      if (next === undefined) return `No results for path: ${full}`;
      value = next;
    } else if (segment.kind === 'names' && i < last && isObject(value)) {
      return `Multi properties can only be used as path leafs: ${current}${segmentText(segment)}`;
    } else {
      return `No results for path: ${full}`;
    }
  }
  return `No results for path: ${full}`;
}

/** Jayway's normalised form of a path, e.g. `$['a'][0]['b']`. */
export function normalizedPath(path: ParsedPath): string {
  return rootText(path.root) + path.segments.map(segmentText).join('');
}

function rootText(root: PathRoot): string {
  return root.kind === 'input' ? '$' : root.kind === 'context' ? '$$' : `$${root.name}`;
}

function segmentText(segment: Segment): string {
  switch (segment.kind) {
    case 'name':
      return `['${segment.name}']`;
    case 'names':
      return `[${segment.names.map((n) => `'${n}'`).join(', ')}]`;
    case 'index':
      return `[${segment.index}]`;
    case 'indexes':
      return `[${segment.indexes.join(',')}]`;
    case 'wildcard':
      return '[*]';
    case 'slice':
      return `[${segment.start ?? ''}:${segment.end ?? ''}]`;
    case 'filter':
      return '[?]';
    case 'function':
      return `.${segment.name}()`;
    case 'descend':
      return `..${segmentText(segment.step).replace(/^\./, '')}`;
  }
}

function javaClass(value: Json): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return 'java.lang.String';
  if (typeof value === 'boolean') return 'java.lang.Boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? (Math.abs(value) <= 2147483647 ? 'java.lang.Integer' : 'java.lang.Long') : 'java.lang.Double';
  return Array.isArray(value) ? 'java.util.ArrayList' : 'java.util.LinkedHashMap';
}

/**
 * AWS's cause when a `.$` field (or `ErrorPath`/`CausePath`, or a path argument of an intrinsic)
 * finds nothing, a decorated `States.Runtime` that no Catch can handle:
 * "The JSONPath '$.x' specified for the field 'value.$' could not be found in the input '{"a":1}'".
 * AWS quotes the input as compact JSON.
 */
export function fieldNotFound(path: string, field: string, input: Json): StatesError {
  return runtimeError(`The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${JSON.stringify(input)}'`);
}
