/**
 * JSONata field values: a `{% %}` expression, or an object/array template holding expressions
 * at any depth (`Arguments`, `Output`, `Assign`, `ItemSelector`, `ItemBatcher.BatchInput`, ...),
 * or a plain literal. Compiled once per state; each evaluation builds one scope and walks a tree
 * of closures.
 */
import { isJsonObject, type Json } from '../json.js';
import { buildScope, compileFieldExpression, type FieldExpression, type JsonataBindings, type JsonataScope } from './expression.js';
import type { JsonataExpectedType } from './messages.js';
import { isJsonataExpression, JsonataSyntaxError, unwrapJsonata } from './parse.js';

/** Options of one evaluation. */
export interface JsonataEvaluateOptions {
  /**
   * The type the field requires, e.g. `'array'` for Map `Items`, `'integer'` for
   * `TimeoutSeconds`. Checked only when the whole field is one expression (a literal is the
   * validator's business); a mismatch fails with AWS's "returned an unexpected result type".
   */
  readonly expect?: JsonataExpectedType | undefined;
}

/** A compiled JSONata field value. */
export interface CompiledJsonata {
  /** The field path used in messages, e.g. `Output` or `Catch[0]/Assign`. */
  readonly field: string;
  /** Whether the value holds at least one expression (a literal evaluates to itself). */
  readonly dynamic: boolean;
  /** Workflow variables the value reads, in order of first appearance (for `variableReferences`). */
  readonly variableNames: readonly string[];
  /**
   * Evaluates the value. Literal parts are returned as written (shared, not copied: treat results
   * as immutable).
   * @throws StatesError `States.QueryEvaluationError` (decorated) with AWS's cause.
   */
  evaluate(bindings: JsonataBindings, options?: JsonataEvaluateOptions): Promise<Json>;
}

type Node = (scope: JsonataScope) => Promise<Json>;

interface Compiler {
  readonly expressions: FieldExpression[];
}

function compileNode(value: Json, field: string, compiler: Compiler): Node | undefined {
  if (isJsonataExpression(value)) {
    const expression = compileFieldExpression(unwrapJsonata(value), field);
    compiler.expressions.push(expression);
    return (scope) => expression.run(scope);
  }
  if (Array.isArray(value)) {
    const items = value.map((item, i) => compileNode(item, `${field}[${i}]`, compiler));
    if (items.every((item) => item === undefined)) return undefined;
    return async (scope) => {
      const out: Json[] = new Array<Json>(value.length);
      for (let i = 0; i < value.length; i++) {
        const item = items[i];
        out[i] = item === undefined ? (value[i] as Json) : await item(scope);
      }
      return out;
    };
  }
  if (isJsonObject(value)) {
    const entries = Object.entries(value).map(([key, item]) => [key, item, compileNode(item, `${field}/${key}`, compiler)] as const);
    if (entries.every(([, , node]) => node === undefined)) return undefined;
    return async (scope) => {
      const out: Record<string, Json> = {};
      for (const [key, literal, node] of entries) out[key] = node === undefined ? literal : await node(scope);
      return out;
    };
  }
  return undefined;
}

function uniqueNames(expressions: readonly FieldExpression[], pick: (e: FieldExpression) => readonly string[]): string[] {
  const names = new Set<string>();
  for (const expression of expressions) for (const name of pick(expression)) names.add(name);
  return [...names];
}

/**
 * Compiles a JSONata field value once. Every expression in it is parsed here.
 *
 * @param value the field value as written in the definition.
 * @param field the field's path relative to the state, as AWS names it in messages:
 *   `Output`, `Arguments`, `Assign`, `Items`, `TimeoutSeconds`, `Choices[1]/Output`, `Catch[0]/Assign`.
 *   Nested keys extend it with `/key`, array items with `[i]`.
 * @throws {@link JsonataSyntaxError} when an expression does not parse (AWS's
 *   `INVALID_JSONATA_EXPRESSION` wording; `error.expression` is the culprit).
 * @example
 * const output = compileJsonataTemplate({ total: '{% $sum($states.input.prices) %}' }, 'Output');
 * await output.evaluate({ input: { prices: [1, 2] }, context, variables: NO_VARIABLES }); // { total: 3 }
 */
export function compileJsonataTemplate(value: Json, field: string): CompiledJsonata {
  const compiler: Compiler = { expressions: [] };
  const root = compileNode(value, field, compiler);
  const bindNames = uniqueNames(compiler.expressions, (e) => e.bindNames);
  const variableNames = uniqueNames(compiler.expressions, (e) => e.variableNames);
  const single = isJsonataExpression(value) ? compiler.expressions[0] : undefined;

  let evaluate: CompiledJsonata['evaluate'];
  if (root === undefined) {
    evaluate = () => Promise.resolve(value);
  } else if (single !== undefined) {
    evaluate = (bindings, options) => single.run(buildScope(bindings, bindNames), options?.expect);
  } else {
    evaluate = (bindings) => root(buildScope(bindings, bindNames));
  }
  return Object.freeze({ field, dynamic: root !== undefined, variableNames, evaluate });
}

/** A compiled Choice rule `Condition`. */
export interface CompiledJsonataCondition {
  readonly field: string;
  readonly variableNames: readonly string[];
  /**
   * Evaluates the condition.
   * @throws StatesError `States.QueryEvaluationError` when it fails, returns nothing, or returns
   *   anything but a boolean ("returned an unexpected result type. Expected 'boolean', ...").
   */
  evaluate(bindings: JsonataBindings): Promise<boolean>;
}

/**
 * Compiles a Choice rule's `Condition` (`{% ... %}`), which must evaluate to a boolean.
 *
 * @param field e.g. `Choices[0]/Condition`.
 * @throws {@link JsonataSyntaxError} when it does not parse or is not a `{% %}` expression.
 * @example
 * const cond = compileJsonataCondition('{% $states.input.cost < 10 %}', 'Choices[0]/Condition');
 * await cond.evaluate({ input: { cost: 5 }, context, variables: NO_VARIABLES }); // true
 */
export function compileJsonataCondition(text: string, field: string): CompiledJsonataCondition {
  if (!isJsonataExpression(text)) {
    throw new JsonataSyntaxError(
      `The field '${field}' must be a JSONata expression written as '{% ... %}'.`,
      text,
      undefined,
      undefined,
    );
  }
  const expression = compileFieldExpression(unwrapJsonata(text), field);
  const bindNames = expression.bindNames;
  return Object.freeze({
    field,
    variableNames: expression.variableNames,
    async evaluate(bindings: JsonataBindings): Promise<boolean> {
      return (await expression.run(buildScope(bindings, bindNames), 'boolean')) as boolean;
    },
  });
}

/** Whether a field value holds a `{% %}` expression anywhere (itself, or at any depth inside it). */
export function isJsonataTemplate(value: Json): boolean {
  if (isJsonataExpression(value)) return true;
  if (Array.isArray(value)) return value.some(isJsonataTemplate);
  if (isJsonObject(value)) return Object.values(value).some(isJsonataTemplate);
  return false;
}
