/**
 * Parsing JSONata and reading its syntax tree: the `{% %}` delimiters, AWS's parse error wording,
 * the workflow variables an expression reads, and the bare top-level field references AWS refuses.
 */
import jsonata from 'jsonata';

/**
 * A JSONata expression that does not parse. `message` is the parser's text without its
 * `S0xxx` code, which is how AWS words `INVALID_JSONATA_EXPRESSION`, e.g. `Expected "]", got ","`.
 */
export class JsonataSyntaxError extends Error {
  override readonly name = 'JsonataSyntaxError';
  readonly code = 'INVALID_JSONATA_EXPRESSION';
  constructor(
    message: string,
    /** The expression as written between `{%` and `%}`, trimmed. */
    readonly expression: string,
    /** jsonata's error code, e.g. `S0202`. */
    readonly jsonataCode: string | undefined,
    /** Character offset of the error in `expression`, when jsonata reports one. */
    readonly position: number | undefined,
  ) {
    super(message);
  }
}

/**
 * Whether a field value is a JSONata expression: a string that starts with `{%` and ends with
 * `%}`, with nothing before or after (AWS evaluates no other string).
 */
export function isJsonataExpression(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 4 && value.startsWith('{%') && value.endsWith('%}');
}

/** The expression inside `{% ... %}`, trimmed (as AWS quotes it in messages); other text as is, trimmed. */
export function unwrapJsonata(text: string): string {
  return (isJsonataExpression(text) ? text.slice(2, -2) : text).trim();
}

/** Parses once; throws {@link JsonataSyntaxError} with AWS's wording. */
export function parseJsonata(expression: string): jsonata.Expression {
  try {
    return jsonata(expression);
  } catch (error) {
    const { code, message, position } = error as { code?: unknown; message?: unknown; position?: unknown };
    throw new JsonataSyntaxError(
      typeof message === 'string' ? message : String(error),
      expression,
      typeof code === 'string' ? code : undefined,
      typeof position === 'number' ? position : undefined,
    );
  }
}

// jsonata's bundled typings predate 2.x (no `path`, `bind`, ...), so the tree is read loosely.
interface AstNode {
  readonly type?: string;
  readonly value?: unknown;
  readonly [key: string]: unknown;
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Properties that hold bookkeeping (parent-operator slots, tuple flags), not sub-expressions.
const NON_CHILD_KEYS = new Set(['seekingParent', 'ancestor', 'slot', 'tuple', 'focus', 'index', 'position']);

function forEachChild(node: AstNode, skip: ReadonlySet<string> | undefined, visit: (child: AstNode) => void): void {
  for (const key of Object.keys(node)) {
    if (NON_CHILD_KEYS.has(key) || skip?.has(key)) continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const item of value) {
        // Object constructors hold [key, value] pairs.
        if (Array.isArray(item)) item.forEach((pair) => isNode(pair) && visit(pair));
        else if (isNode(item)) visit(item);
      }
    } else if (isNode(value)) {
      visit(value);
    }
  }
}

/** What one expression reads, found once at compile time. */
export interface ExpressionNames {
  /** Every `$name` read, minus `$`, `$$` and `$states`: what the evaluation must bind. */
  readonly referenced: readonly string[];
  /** Names bound inside the expression (`$x := ...`, lambda parameters, `#$i`, `@$o`). */
  readonly local: ReadonlySet<string>;
}

/** Collects the variable names of a parsed expression. */
export function expressionNames(ast: jsonata.ExprNode): ExpressionNames {
  const referenced = new Set<string>();
  const local = new Set<string>();
  const seen = new Set<object>();
  const walk = (node: AstNode): void => {
    if (seen.has(node)) return;
    seen.add(node);
    if (node.type === 'variable' && typeof node.value === 'string') referenced.add(node.value);
    if (node.type === 'bind' && isNode(node.lhs) && typeof node.lhs.value === 'string') local.add(node.lhs.value);
    if (node.type === 'lambda' && Array.isArray(node['arguments'])) {
      for (const parameter of node['arguments'] as unknown[]) {
        if (isNode(parameter) && typeof parameter.value === 'string') local.add(parameter.value);
      }
    }
    if (typeof node['index'] === 'string') local.add(node['index']);
    if (typeof node['focus'] === 'string') local.add(node['focus']);
    forEachChild(node, undefined, walk);
  };
  walk(ast as unknown as AstNode);
  for (const special of ['', '$', 'states']) referenced.delete(special);
  return { referenced: [...referenced], local };
}

// Sub-expressions evaluated against something other than the expression's root input: predicates
// and group-by run per item, later path steps against the previous step.
const NOT_TOP_LEVEL = new Set(['stages', 'predicate', 'group']);

/**
 * Bare field names read at the top level, i.e. against the (absent) root input, such as `phone`
 * in `phone` or `$count(phone)`, and the root input itself (`$`, `$.phone`), reported as `$`. Names inside predicates (`$states.input.items[price > 10]`) and
 * after the first step of a path (`$states.input.phone`) are relative to a value and allowed.
 */
export function topLevelReferences(ast: jsonata.ExprNode): string[] {
  const names: string[] = [];
  const seen = new Set<object>();
  const walk = (node: AstNode): void => {
    if (seen.has(node)) return;
    seen.add(node);
    if (node.type === 'path' && Array.isArray(node['steps'])) {
      const first = (node['steps'] as unknown[])[0];
      if (!isNode(first)) return;
      if (first.type === 'name') {
        if (typeof first.value === 'string' && !names.includes(first.value)) names.push(first.value);
        return;
      }
      walk(first);
      return;
    }
    if (node.type === 'name') {
      if (typeof node.value === 'string' && !names.includes(node.value)) names.push(node.value);
      return;
    }
    // `$` is the root input itself (`$.phone` too); AWS names it like a field.
    if (node.type === 'variable' && node.value === '') {
      if (!names.includes('$')) names.push('$');
      return;
    }
    forEachChild(node, NOT_TOP_LEVEL, walk);
  };
  walk(ast as unknown as AstNode);
  return names;
}
