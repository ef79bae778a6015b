import fc from 'fast-check';
import type { Json, JsonObject } from '../json.js';
import { jsonValue } from './json.js';
import { definitePath } from './paths.js';
import { INPUT_PATHS, intrinsicCall } from './vocabulary.js';

// Intrinsic arguments are paths without quoted names (a quote or comma would end the argument).
const SIMPLE_PATH = /^\$(\.[A-Za-z_][A-Za-z0-9_]*|\[-?\d+\])*$/;

/** A payload template together with the payload it must build from the document it was made for. */
export interface TemplateFor {
  /** The template, as written in `Parameters`, `ItemSelector` or `ResultSelector`. */
  readonly template: JsonObject;
  /** What the template builds from the document. */
  readonly expected: JsonObject;
}

/** Options of {@link payloadTemplateFor} and {@link payloadTemplate}. */
export interface PayloadTemplateOptions {
  /**
   * How deep templates nest (objects and arrays of templates inside templates).
   * @default 2
   */
  readonly maxDepth?: number;
  /**
   * Most fields of one template object.
   * @default 4
   */
  readonly maxFields?: number;
}

/**
 * A payload template over `document` and the exact payload it builds from it: literal fields
 * (copied as written, whatever they look like), `key.$` fields holding a definite path into the
 * document, `key.$` fields holding `States.Array(...)` of such paths, and nested objects and
 * arrays of templates, which are evaluated at any depth.
 *
 * @example
 * fc.assert(fc.property(jsonValue().chain((doc) => payloadTemplateFor(doc).map((t) => ({ doc, ...t }))),
 *   ({ doc, template, expected }) => expect(build(template, doc)).toEqual(expected)));
 */
export function payloadTemplateFor(document: Json, options: PayloadTemplateOptions = {}): fc.Arbitrary<TemplateFor> {
  const maxDepth = options.maxDepth ?? 2;
  const maxFields = options.maxFields ?? 4;
  const path = definitePath(document);

  type Field = { key: string; dynamic: boolean; template: Json; expected: Json };
  const field = (depth: number): fc.Arbitrary<Field> => {
    const choices: fc.Arbitrary<Omit<Field, 'key'>>[] = [
      jsonValue({ maxDepth: 1, maxLength: 3 }).map((v) => ({ dynamic: false, template: v, expected: v })),
      path.map((p) => ({ dynamic: true, template: p.path, expected: p.value })),
      fc
        .array(path.filter((p) => SIMPLE_PATH.test(p.path)), { maxLength: 3 })
        .map((ps) => ({ dynamic: true, template: `States.Array(${ps.map((p) => p.path).join(', ')})`, expected: ps.map((p) => p.value) })),
    ];
    if (depth < maxDepth) {
      choices.push(object(depth + 1).map((t) => ({ dynamic: false, template: t.template, expected: t.expected })));
      choices.push(
        fc.array(object(depth + 1), { maxLength: 2 }).map((ts) => ({
          dynamic: false,
          template: ts.map((t) => t.template),
          expected: ts.map((t) => t.expected),
        })),
      );
    }
    return fc.tuple(fc.stringMatching(/^[a-z][a-zA-Z0-9 _-]{0,7}$/), fc.oneof(...choices)).map(([key, rest]) => ({ key, ...rest }));
  };
  const object = (depth: number): fc.Arbitrary<TemplateFor> =>
    // Keys are unique after the `.$` suffix is stripped, as AWS requires.
    fc.uniqueArray(field(depth), { maxLength: maxFields, selector: (f) => f.key }).map((fields) => {
      const template: JsonObject = {};
      const expected: JsonObject = {};
      for (const f of fields) {
        template[f.dynamic ? `${f.key}.$` : f.key] = f.template;
        expected[f.key] = f.expected;
      }
      return { template, expected };
    });
  return object(1);
}

/**
 * A payload template for the generated definitions (no document needed): literal values, paths
 * into the fields of {@link executionInput}, context object paths and intrinsic calls, nested.
 * `deterministic: false` also allows `States.UUID()` and unseeded `States.MathRandom`.
 */
export function payloadTemplate(options: PayloadTemplateOptions & { readonly deterministic?: boolean } = {}): fc.Arbitrary<JsonObject> {
  const maxDepth = options.maxDepth ?? 2;
  const maxFields = options.maxFields ?? 4;
  const deterministic = options.deterministic ?? true;
  const dynamic = fc.oneof(
    fc.constantFrom(...INPUT_PATHS, '$', '$$.Execution.Name', '$$.State.Name', '$$.StateMachine.Name', '$$.Execution.Input'),
    intrinsicCall({ deterministic }),
  );
  const object = (depth: number): fc.Arbitrary<JsonObject> => {
    const values: fc.Arbitrary<[boolean, Json]>[] = [
      jsonValue({ maxDepth: 1, maxLength: 3 }).map((v): [boolean, Json] => [false, v]),
      dynamic.map((v): [boolean, Json] => [true, v]),
    ];
    if (depth < maxDepth) values.push(object(depth + 1).map((v): [boolean, Json] => [false, v]));
    return fc
      .uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c', 'id', 'name', 'total', 'items', 'meta'), fc.oneof(...values)), {
        minLength: 1,
        maxLength: maxFields,
        selector: ([key]) => key,
      })
      .map((entries) => {
        const out: JsonObject = {};
        for (const [key, [isDynamic, value]] of entries) out[isDynamic ? `${key}.$` : key] = value;
        return out;
      });
  };
  return object(1);
}
