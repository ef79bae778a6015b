/**
 * Recursive-descent parsers for condition, key condition, filter, update and projection
 * expressions. Each token is looked at a bounded number of times, so parsing is linear in the
 * text (nested parentheses included). Precedence as AWS documents it
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html#Expressions.OperatorsAndFunctions.Precedence):
 * comparisons, IN, BETWEEN, functions, parentheses bind tighter than NOT, then AND, then OR.
 */
import { unsupported, validation } from '../errors.js';
import { isReservedWord } from '../reserved-words.js';
import type {
  Comparator,
  ConditionFunction,
  ConditionNode,
  ExpressionKind,
  Operand,
  Parsed,
  PathElement,
  PathNode,
  SetValue,
  UpdateNode,
  ValueNode,
} from './ast.js';
import { syntaxError, tokenize, type Token } from './tokenizer.js';

const COMPARATORS = new Set<string>(['=', '<>', '<', '<=', '>', '>=']);
const CONDITION_FUNCTIONS = new Set<string>(['attribute_exists', 'attribute_not_exists', 'attribute_type', 'begins_with', 'contains']);
const UPDATE_FUNCTIONS = new Set<string>(['if_not_exists', 'list_append']);
const ARITY: Record<string, number> = {
  attribute_exists: 1,
  attribute_not_exists: 1,
  attribute_type: 2,
  begins_with: 2,
  contains: 2,
  size: 1,
  if_not_exists: 2,
  list_append: 2,
};
/** AWS's cap on operators and functions in one expression. */
export const MAX_OPERATORS = 300;
/**
 * Deepest nesting fogbank parses: AWS accepts at least 149 levels; 1000 keeps the recursion far
 * inside the JS stack. Deeper input gets an error that says it is fogbank's limit.
 */
const MAX_DEPTH = 1000;

type Problem = 'parens' | 'unknownFunction' | 'misusedFunction' | 'reserved' | 'operand' | 'function';

/** Stands in for an operand that already has a problem noted; the expression never evaluates. */
const NO_PATH: PathNode = Object.freeze({ kind: 'path', elements: [] });

/** A parenthesised operand on its way back to the comparison around it; never leaves the parser. */
interface BareOperand {
  readonly kind: 'operand';
  readonly operand: Operand;
}

class Parser {
  private pos = 0;
  private operators = 0;
  private depth = 0;
  /**
   * Semantic problems found while parsing, first of each kind. AWS reports them by kind, not by
   * position: redundant parentheses, then unknown functions, misused functions, reserved words;
   * operand-count and document-path problems come after undefined placeholders.
   */
  private readonly problems = new Map<Problem, string>();
  /** Nodes that were written inside their own parentheses. */
  private readonly grouped = new WeakSet<object>();
  readonly names: string[] = [];
  readonly values: string[] = [];
  private readonly tokens: Token[];

  constructor(
    private readonly text: string,
    readonly kind: ExpressionKind,
  ) {
    this.tokens = tokenize(text, kind);
  }

  private get tok(): Token {
    return this.tokens[this.pos] as Token;
  }
  private peek(offset = 1): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)] as Token;
  }
  private fail(at: Token = this.tok): never {
    throw syntaxError(this.kind, this.text, this.tokens, at);
  }
  private error(message: string): never {
    throw validation(`Invalid ${this.kind}: ${message}`);
  }
  private isPunct(text: string, t: Token = this.tok): boolean {
    return t.type === 'punct' && t.text === text;
  }
  private isKeyword(word: string, t: Token = this.tok): boolean {
    return t.type === 'name' && t.text.toUpperCase() === word;
  }
  private expect(text: string): void {
    if (!this.isPunct(text)) this.fail();
    this.pos++;
  }
  private tooDeep(): never {
    throw unsupported(`${this.kind} nested deeper than ${MAX_DEPTH} levels (AWS accepts at least 149)`);
  }
  private note(kind: Problem, message: string): void {
    if (!this.problems.has(kind)) this.problems.set(kind, `Invalid ${this.kind}: ${message}`);
  }
  /** Throws the parse-time problem AWS reports first; returns the ones reported after placeholders. */
  settle(): string[] {
    for (const kind of ['parens', 'unknownFunction', 'misusedFunction', 'reserved'] as const) {
      const message = this.problems.get(kind);
      if (message !== undefined) throw validation(message);
    }
    return (['operand', 'function'] as const).map((k) => this.problems.get(k)).filter((m): m is string => m !== undefined);
  }
  private countOperator(): void {
    if (++this.operators > MAX_OPERATORS)
      this.error(`The expression contains too many operators; operator count: ${this.operators}`);
  }
  expectEnd(): void {
    if (this.tok.type !== 'eof') this.fail();
  }

  // ---- paths and operands ----

  private pathName(t: Token): PathElement {
    if (t.type === 'attrName') {
      this.names.push(t.text);
      return { kind: 'name', token: t.text };
    }
    if (t.type !== 'name' || /^\d/.test(t.text)) this.fail(t);
    if (isReservedWord(t.text)) this.note('reserved', `Attribute name is a reserved keyword; reserved keyword: ${t.text}`);
    return { kind: 'name', token: t.text };
  }

  parsePath(): PathNode {
    const elements: PathElement[] = [this.pathName(this.tok)];
    this.pos++;
    for (;;) {
      if (this.isPunct('.')) {
        this.pos++;
        elements.push(this.pathName(this.tok));
        this.pos++;
      } else if (this.isPunct('[')) {
        this.pos++;
        const t = this.tok;
        if (t.type !== 'number') this.fail();
        const index = Number(t.text);
        if (!Number.isSafeInteger(index)) this.fail();
        this.pos++;
        this.expect(']');
        elements.push({ kind: 'index', index });
      } else return { kind: 'path', elements };
    }
  }

  private value(): ValueNode {
    const t = this.tok;
    this.values.push(t.text);
    this.pos++;
    return { kind: 'value', name: t.text };
  }

  private isCall(): boolean {
    return this.tok.type === 'name' && this.isPunct('(', this.peek());
  }

  /** Arguments of `name(` ... `)`, each parsed by `arg`. */
  private args<T>(arg: () => T): T[] {
    const name = this.tok.text;
    this.pos += 2;
    const out: T[] = [arg()];
    while (this.isPunct(',')) {
      this.pos++;
      out.push(arg());
    }
    this.expect(')');
    const arity = ARITY[name];
    if (arity !== undefined && out.length !== arity)
      this.note('operand', `Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${out.length}`);
    return out;
  }

  private requirePath(fn: string, o: Operand | SetValue | undefined): PathNode {
    if (o?.kind === 'path') return o;
    this.note('function', `Operator or function requires a document path; operator or function: ${fn}`);
    return NO_PATH;
  }

  parseOperand(): Operand {
    const t = this.tok;
    if (t.type === 'attrValue') return this.value();
    if (this.isCall()) {
      const name = t.text;
      if (name === 'size') {
        this.countOperator();
        const [arg] = this.args(() => this.parseOperand());
        return { kind: 'size', path: this.requirePath('size', arg as Operand) };
      }
      if (CONDITION_FUNCTIONS.has(name) || UPDATE_FUNCTIONS.has(name))
        this.note('misusedFunction', `The function is not allowed to be used this way in an expression; function: ${name}`);
      else this.note('unknownFunction', `Invalid function name; function: ${name}`);
      this.args(() => this.parseOperand());
      return NO_PATH;
    }
    if (t.type === 'name' || t.type === 'attrName') return this.parsePath();
    return this.fail();
  }

  // ---- conditions ----

  parseCondition(inGroup = false): ConditionNode {
    if (++this.depth > MAX_DEPTH) this.tooDeep();
    let left = this.parseAnd(inGroup);
    while (this.isKeyword('OR')) {
      this.countOperator();
      this.pos++;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    this.depth--;
    return left;
  }

  private parseAnd(inGroup = false): ConditionNode {
    let left = this.parseNot(inGroup);
    while (this.isKeyword('AND')) {
      this.countOperator();
      this.pos++;
      left = { kind: 'and', left, right: this.parseNot() };
    }
    return left;
  }

  private parseNot(inGroup = false): ConditionNode {
    if (this.isKeyword('NOT') && !this.isPunct('.', this.peek()) && !this.isPunct('[', this.peek())) {
      this.countOperator();
      this.pos++;
      if (++this.depth > MAX_DEPTH) this.tooDeep();
      const operand = this.parseNot();
      this.depth--;
      return { kind: 'not', operand };
    }
    return this.parsePredicate(inGroup);
  }

  private parsePredicate(allowBareOperand = false): ConditionNode {
    if (this.isPunct('(')) {
      this.pos++;
      const inner = this.parseCondition(true) as ConditionNode | BareOperand;
      this.expect(')');
      // "((a = :v))": AWS rejects a group whose only content is another group.
      if (this.grouped.has(inner)) this.note('parens', 'The expression has redundant parentheses;');
      if (inner.kind === 'operand') return this.comparison(inner.operand);
      this.grouped.add(inner);
      return inner;
    }
    if (this.isCall() && CONDITION_FUNCTIONS.has(this.tok.text)) {
      const name = this.tok.text as ConditionFunction;
      this.countOperator();
      const args = this.args(() => this.parseOperand());
      if (name === 'attribute_exists' || name === 'attribute_not_exists' || name === 'attribute_type')
        this.requirePath(name, args[0] as Operand);
      const node: ConditionNode = { kind: 'function', name, args };
      if (COMPARATORS.has(this.tok.text) || this.isKeyword('BETWEEN') || this.isKeyword('IN')) {
        this.note('misusedFunction', `The function is not allowed to be used this way in an expression; function: ${name}`);
        return this.comparison(NO_PATH);
      }
      return node;
    }
    if (this.isCall() && this.tok.text !== 'size') {
      // An unknown function in condition position: AWS names it (after parsing the whole text).
      const name = this.tok.text;
      if (UPDATE_FUNCTIONS.has(name)) this.note('misusedFunction', `The function is not allowed to be used this way in an expression; function: ${name}`);
      else this.note('unknownFunction', `Invalid function name; function: ${name}`);
      this.args(() => this.parseOperand());
      const follows = COMPARATORS.has(this.tok.text) || this.isKeyword('BETWEEN') || this.isKeyword('IN');
      return follows ? this.comparison(NO_PATH) : { kind: 'function', name: 'attribute_exists', args: [NO_PATH] };
    }
    const operand = this.parseOperand();
    // "(a) = :v": a parenthesised operand comes back to the enclosing group as a bare operand.
    if (allowBareOperand && this.isPunct(')')) {
      const bare: BareOperand = { kind: 'operand', operand };
      return bare as unknown as ConditionNode;
    }
    return this.comparison(operand);
  }

  private comparison(operand: Operand): ConditionNode {
    const t = this.tok;
    if (t.type === 'punct' && COMPARATORS.has(t.text)) {
      this.countOperator();
      this.pos++;
      return { kind: 'compare', op: t.text as Comparator, left: operand, right: this.parseOperand() };
    }
    if (this.isKeyword('BETWEEN')) {
      this.countOperator();
      this.pos++;
      const low = this.parseOperand();
      if (!this.isKeyword('AND')) this.fail();
      this.pos++;
      return { kind: 'between', operand, low, high: this.parseOperand() };
    }
    if (this.isKeyword('IN')) {
      this.countOperator();
      this.pos++;
      this.expect('(');
      const list: Operand[] = [this.parseOperand()];
      while (this.isPunct(',')) {
        this.pos++;
        list.push(this.parseOperand());
      }
      this.expect(')');
      if (list.length > 100)
        this.error(`The IN operator is provided with too many operands; number of operands: ${list.length}`);
      return { kind: 'in', operand, list };
    }
    if (operand.kind === 'size') {
      this.note('misusedFunction', 'The function is not allowed to be used this way in an expression; function: size');
      return { kind: 'function', name: 'attribute_exists', args: [operand.path] };
    }
    return this.fail();
  }

  // ---- update expressions ----

  private setOperand(): SetValue {
    const t = this.tok;
    if (t.type === 'attrValue') return this.value();
    if (this.isPunct('(')) {
      this.pos++;
      const inner = this.setValue();
      this.expect(')');
      return inner;
    }
    if (this.isCall()) {
      const name = t.text;
      if (name === 'if_not_exists') {
        this.countOperator();
        const [path, fallback] = this.args(() => this.setValue());
        return { kind: 'if_not_exists', path: this.requirePath(name, path as SetValue), fallback: fallback as SetValue };
      }
      if (name === 'list_append') {
        this.countOperator();
        const [left, right] = this.args(() => this.setValue());
        return { kind: 'list_append', left: left as SetValue, right: right as SetValue };
      }
      if (CONDITION_FUNCTIONS.has(name) || name === 'size') this.note('misusedFunction', `The function is not allowed in an update expression; function: ${name}`);
      else this.note('unknownFunction', `Invalid function name; function: ${name}`);
      this.args(() => this.setValue());
      return NO_PATH;
    }
    if (t.type === 'name' || t.type === 'attrName') return this.parsePath();
    return this.fail();
  }

  private setValue(): SetValue {
    const left = this.setOperand();
    if (this.isPunct('+') || this.isPunct('-')) {
      const kind = this.tok.text === '+' ? 'plus' : 'minus';
      this.countOperator();
      this.pos++;
      return { kind, left, right: this.setOperand() };
    }
    return left;
  }

  parseUpdate(): UpdateNode {
    const out = { set: [] as UpdateNode['set'][number][], remove: [] as PathNode[], add: [] as UpdateNode['add'][number][], delete: [] as UpdateNode['delete'][number][] };
    const seen = new Set<string>();
    do {
      const t = this.tok;
      const section = t.type === 'name' ? t.text.toUpperCase() : '';
      if (section !== 'SET' && section !== 'REMOVE' && section !== 'ADD' && section !== 'DELETE') this.fail();
      if (seen.has(section)) this.error(`The "${section}" section can only be used once in an update expression;`);
      seen.add(section);
      this.pos++;
      for (;;) {
        const path = this.parsePath();
        if (section === 'SET') {
          this.expect('=');
          out.set.push({ path, value: this.setValue() });
        } else if (section === 'REMOVE') out.remove.push(path);
        else {
          if (this.tok.type !== 'attrValue') this.fail();
          (section === 'ADD' ? out.add : out.delete).push({ path, value: this.value() });
        }
        if (!this.isPunct(',')) break;
        this.pos++;
      }
    } while (this.tok.type !== 'eof');
    return out;
  }

  parseProjection(): PathNode[] {
    const paths: PathNode[] = [this.parsePath()];
    while (this.isPunct(',')) {
      this.pos++;
      paths.push(this.parsePath());
    }
    return paths;
  }
}

/** Most expressions in one request; AWS caps each expression at 4 KB. */
const MAX_EXPRESSION_BYTES = 4096;

function run<T>(text: string, kind: ExpressionKind, body: (p: Parser) => T): Parsed<T> {
  if (text === '') throw validation(`Invalid ${kind}: The expression can not be empty;`);
  const size = Buffer.byteLength(text, 'utf8');
  if (size > MAX_EXPRESSION_BYTES)
    throw validation(`Invalid ${kind}: Expression size has exceeded the maximum allowed size; expression size: ${size}`);
  const p = new Parser(text, kind);
  const ast = body(p);
  p.expectEnd();
  const deferred = p.settle();
  return { ast, names: p.names, values: p.values, deferred };
}

/** Parses a condition, filter or key condition expression. */
export const parseCondition = (text: string, kind: ExpressionKind): Parsed<ConditionNode> =>
  run(text, kind, (p) => p.parseCondition());

/** Parses an update expression. */
export const parseUpdate = (text: string): Parsed<UpdateNode> =>
  run(text, 'UpdateExpression', (p) => p.parseUpdate());

/** Parses a projection expression. */
export const parseProjection = (text: string): Parsed<PathNode[]> =>
  run(text, 'ProjectionExpression', (p) => p.parseProjection());
