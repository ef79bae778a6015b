import fc from 'fast-check';
import { isJsonObject, type Json } from '../json.js';

/** One step into a document: an object key or an array index. */
type Step = string | number;

/** A definite JSONPath into a document together with the value it selects there. */
export interface PathInto {
  /** The path text, e.g. `$.orders[2]['unit price']`. */
  readonly path: string;
  /** What the path selects in the document. */
  readonly value: Json;
}

/** Options of {@link definitePath}. */
export interface DefinitePathOptions {
  /**
   * Deepest node considered.
   * @default 8
   */
  readonly maxDepth?: number;
  /**
   * Most nodes the path is drawn from (a breadth-first prefix of the document).
   * @default 1000
   */
  readonly maxNodes?: number;
}

/**
 * A definite JSONPath (one value, no `*`, `..`, filters, slices or unions) that exists in
 * `document`, with the value it selects. Keys that are not identifiers are written in brackets
 * (`['a b']`, `['it\'s']`), identifiers in either notation, and array indexes sometimes counted
 * from the end (`[-1]`), so all the notations that select the same node get exercised.
 * Shrinks towards `$` (the whole document).
 *
 * @example
 * fc.assert(fc.property(jsonValue().chain((doc) => definitePath(doc).map((p) => ({ doc, ...p }))),
 *   ({ doc, path, value }) => expect(select(path, doc)).toEqual(value)));
 */
export function definitePath(document: Json, options: DefinitePathOptions = {}): fc.Arbitrary<PathInto> {
  const nodes = nodesOf(document, options.maxDepth ?? 8, options.maxNodes ?? 1000);
  return fc.constantFrom(...nodes).chain(({ steps, value }) =>
    fc
      .array(fc.boolean(), { minLength: steps.length, maxLength: steps.length })
      .map((alternate) => ({ path: renderPath(steps, alternate, document), value })),
  );
}

/** Renders steps from the root `$`; `alternate[i]` picks the second notation for step i. */
function renderPath(steps: readonly Step[], alternate: readonly boolean[], document: Json): string {
  let text = '$';
  let node: Json = document;
  steps.forEach((step, i) => {
    if (typeof step === 'number') {
      const length = (node as Json[]).length;
      text += alternate[i] ? `[${step - length}]` : `[${step}]`;
      node = (node as Json[])[step]!;
    } else {
      text += IDENTIFIER.test(step) && !alternate[i] ? `.${step}` : `['${step.replace(/'/g, "\\'")}']`;
      node = Object.getOwnPropertyDescriptor(node, step)!.value as Json;
    }
  });
  return text;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Breadth-first list of the document's nodes that a definite path can name. */
function nodesOf(document: Json, maxDepth: number, maxNodes: number): { steps: Step[]; value: Json }[] {
  const out: { steps: Step[]; value: Json }[] = [];
  const queue: { steps: Step[]; value: Json }[] = [{ steps: [], value: document }];
  while (queue.length > 0 && out.length < maxNodes) {
    const node = queue.shift()!;
    out.push(node);
    if (node.steps.length >= maxDepth) continue;
    const { value } = node;
    if (Array.isArray(value)) {
      value.forEach((item, i) => queue.push({ steps: [...node.steps, i], value: item }));
    } else if (isJsonObject(value)) {
      for (const key of Object.keys(value)) {
        // A backslash right before a closing quote escapes it, so such keys cannot be written
        // unambiguously in a quoted name; they are left out.
        if (key.includes('\\')) continue;
        queue.push({ steps: [...node.steps, key], value: Object.getOwnPropertyDescriptor(value, key)!.value as Json });
      }
    }
  }
  return out;
}

/** Options of {@link referencePath}. */
export interface ReferencePathOptions {
  /**
   * Field names the path is made of.
   * @default ['a', 'b', 'c', 'result', 'error']
   */
  readonly fields?: readonly string[];
  /**
   * Most fields after `$`.
   * @default 3
   */
  readonly maxLength?: number;
}

/**
 * A reference path of named fields, `$` or `$.a.b`, as `ResultPath`, `ItemsPath` and Choice
 * `Variable` take. Shrinks towards `$`.
 */
export function referencePath(options: ReferencePathOptions = {}): fc.Arbitrary<string> {
  const fields = options.fields ?? ['a', 'b', 'c', 'result', 'error'];
  return fc
    .array(fc.constantFrom(...fields), { maxLength: options.maxLength ?? 3 })
    .map((names) => '$' + names.map((n) => (IDENTIFIER.test(n) ? `.${n}` : `['${n}']`)).join(''));
}

/** Where a `ResultPath` can put a result: a field path (most often), `$` or `null` (discard). */
export function resultPath(options: ReferencePathOptions = {}): fc.Arbitrary<string | null> {
  return fc.oneof(
    { weight: 3, arbitrary: referencePath({ ...options, maxLength: options.maxLength ?? 3 }).filter((p) => p !== '$') },
    { weight: 1, arbitrary: fc.constant('$') },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}
