/**
 * The AST of DynamoDB's expression language. Placeholders stay as written (`#n`, `:v`): a parsed
 * expression is cached by its text and reused with other ExpressionAttributeNames/Values.
 */

/** One step of a document path: an attribute name (bare or `#placeholder`) or a list index. */
export type PathElement = { readonly kind: 'name'; readonly token: string } | { readonly kind: 'index'; readonly index: number };

/** A document path such as `a.#b[2].c`. */
export interface PathNode {
  readonly kind: 'path';
  readonly elements: readonly PathElement[];
}

/** An `:value` placeholder. */
export interface ValueNode {
  readonly kind: 'value';
  readonly name: string;
}

/** `size(path)`, the only function usable as a comparison operand. */
export interface SizeNode {
  readonly kind: 'size';
  readonly path: PathNode;
}

/** Something a condition compares. */
export type Operand = PathNode | ValueNode | SizeNode;

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

/** The boolean functions of condition expressions. */
export type ConditionFunction = 'attribute_exists' | 'attribute_not_exists' | 'attribute_type' | 'begins_with' | 'contains';

export type ConditionNode =
  | { readonly kind: 'compare'; readonly op: Comparator; readonly left: Operand; readonly right: Operand }
  | { readonly kind: 'between'; readonly operand: Operand; readonly low: Operand; readonly high: Operand }
  | { readonly kind: 'in'; readonly operand: Operand; readonly list: readonly Operand[] }
  | { readonly kind: 'and' | 'or'; readonly left: ConditionNode; readonly right: ConditionNode }
  | { readonly kind: 'not'; readonly operand: ConditionNode }
  | { readonly kind: 'function'; readonly name: ConditionFunction; readonly args: readonly Operand[] };

/** The right-hand side of a SET action. */
export type SetValue =
  | PathNode
  | ValueNode
  | { readonly kind: 'plus' | 'minus'; readonly left: SetValue; readonly right: SetValue }
  | { readonly kind: 'if_not_exists'; readonly path: PathNode; readonly fallback: SetValue }
  | { readonly kind: 'list_append'; readonly left: SetValue; readonly right: SetValue };

export interface UpdateNode {
  readonly set: readonly { readonly path: PathNode; readonly value: SetValue }[];
  readonly remove: readonly PathNode[];
  readonly add: readonly { readonly path: PathNode; readonly value: ValueNode }[];
  readonly delete: readonly { readonly path: PathNode; readonly value: ValueNode }[];
}

/** Which expression parameter a text came from; AWS prefixes its errors with it. */
export type ExpressionKind =
  | 'ConditionExpression'
  | 'FilterExpression'
  | 'KeyConditionExpression'
  | 'UpdateExpression'
  | 'ProjectionExpression';

/** A parsed expression plus the placeholders it uses, in order of appearance. */
export interface Parsed<T> {
  readonly ast: T;
  readonly names: readonly string[];
  readonly values: readonly string[];
  /** Problems AWS reports after checking placeholders (operand counts, document paths). */
  readonly deferred: readonly string[];
}
