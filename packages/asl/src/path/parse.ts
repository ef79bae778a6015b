import type { Json } from '../json.js';

/**
 * The parser for JSONPath as AWS Step Functions accepts it. AWS evaluates paths with Jayway
 * JsonPath, so the grammar follows Jayway's: dot and bracket notation, quoted names, indexes
 * (negative counts from the end), `*`, `..`, slices `[a:b]`, unions `['a','b']` / `[0,1]` and
 * filters `[?(...)]`. Roots are `$` (the input), `$$` (the context object) and `$name` (a
 * workflow variable).
 */

/** Thrown by `compilePath` for text that is not a JSONPath AWS accepts; says what and where. */
export class PathSyntaxError extends Error {
  override readonly name = 'PathSyntaxError';
  readonly code = 'INVALID_JSONPATH';
}

export type PathRoot = { kind: 'input' } | { kind: 'context' } | { kind: 'variable'; name: string };

export type Segment =
  | { kind: 'name'; name: string }
  | { kind: 'names'; names: string[] }
  | { kind: 'index'; index: number }
  | { kind: 'indexes'; indexes: number[] }
  | { kind: 'wildcard' }
  | { kind: 'slice'; start: number | undefined; end: number | undefined }
  | { kind: 'filter'; filter: FilterExpr }
  // Jayway path functions (`.length()`, `.sum()`): AWS accepts them in a definition but never
  // finds a value for them at run time ("could not be found in the input"), so they select nothing.
  | { kind: 'function'; name: string }
  | { kind: 'descend'; step: Segment };

export interface ParsedPath {
  readonly root: PathRoot;
  readonly segments: readonly Segment[];
}

export type FilterOperand =
  | { kind: 'literal'; value: Json }
  | { kind: 'regex'; regex: RegExp }
  | { kind: 'path'; relative: boolean; path: ParsedPath };

export type FilterExpr =
  | { kind: 'or' | 'and'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; expr: FilterExpr }
  | { kind: 'exists'; operand: FilterOperand }
  | { kind: 'compare'; op: string; left: FilterOperand; right: FilterOperand };

const RELATIONAL = ['==', '!=', '<=', '>=', '=~', '<', '>'];
const WORD_OPERATORS = ['nin', 'in', 'subsetof', 'anyof', 'noneof', 'size', 'empty', 'contains'];
const VARIABLE_CHAR = /[\p{L}\p{N}_]/u;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/;

/** Parses a JSONPath; throws {@link PathSyntaxError}. */
export function parsePath(text: string): ParsedPath {
  const parser = new Parser(text.trim());
  const path = parser.path(false);
  if (!parser.done()) parser.fail(`unexpected character '${parser.peek()}'`);
  return path;
}

class Parser {
  pos = 0;
  constructor(readonly text: string) {}

  done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(offset = 0): string {
    return this.text.charAt(this.pos + offset);
  }
  fail(what: string): never {
    throw new PathSyntaxError(`Invalid JSONPath '${this.text}': ${what} at position ${this.pos}.`);
  }
  skipSpaces(): void {
    while (this.peek() === ' ') this.pos++;
  }
  expect(ch: string): void {
    if (this.peek() !== ch) this.fail(this.done() ? `expected '${ch}' but the path ended` : `expected '${ch}' but found '${this.peek()}'`);
    this.pos++;
  }

  /** A whole path; `inFilter` makes names stop at filter punctuation and allows an `@` root. */
  path(inFilter: boolean): ParsedPath {
    if (this.text.length === 0) this.fail('a path must not be empty');
    let root: PathRoot;
    if (inFilter && this.peek() === '@') {
      this.pos++;
      root = { kind: 'input' };
    } else {
      if (this.peek() !== '$') this.fail("a path must start with '$'");
      this.pos++;
      if (this.peek() === '$') {
        this.pos++;
        root = { kind: 'context' };
      } else if (VARIABLE_CHAR.test(this.peek())) {
        const start = this.pos;
        while (!this.done() && VARIABLE_CHAR.test(this.peek())) this.pos++;
        root = { kind: 'variable', name: this.text.slice(start, this.pos) };
      } else {
        root = { kind: 'input' };
      }
    }
    const segments: Segment[] = [];
    while (!this.done()) {
      const ch = this.peek();
      if (ch === '.' && this.peek(1) === '.') {
        this.pos += 2;
        if (this.done()) this.fail("a path must not end with '..'");
        segments.push({ kind: 'descend', step: this.afterDot(inFilter) });
      } else if (ch === '.') {
        this.pos++;
        if (this.done()) this.fail("a path must not end with '.'");
        segments.push(this.afterDot(inFilter));
      } else if (ch === '[') {
        segments.push(this.bracket());
      } else if (inFilter) {
        break;
      } else {
        this.fail(`unexpected character '${ch}'`);
      }
    }
    return { root, segments };
  }

  private afterDot(inFilter: boolean): Segment {
    if (this.peek() === '*') {
      this.pos++;
      return { kind: 'wildcard' };
    }
    if (this.peek() === '[') return this.bracket();
    const start = this.pos;
    while (!this.done()) {
      const c = this.peek();
      if (c === '.' || c === '[' || c === '(') break;
      if (c === ' ') {
        if (inFilter) break;
        this.fail("a name in dot notation must not contain blanks; use bracket notation ['my prop']");
      }
      if (inFilter && ')=!<>&|,~'.includes(c)) break;
      this.pos++;
    }
    const name = this.text.slice(start, this.pos);
    if (name.length === 0) this.fail('expected a property name');
    if (this.peek() === '(') {
      this.pos++;
      this.skipSpaces();
      this.expect(')');
      return { kind: 'function', name };
    }
    return { kind: 'name', name };
  }

  private bracket(): Segment {
    this.expect('[');
    this.skipSpaces();
    const ch = this.peek();
    let segment: Segment;
    if (ch === '?') {
      this.pos++;
      this.skipSpaces();
      if (this.peek() !== '(') this.fail("expected '(' after '[?'");
      segment = { kind: 'filter', filter: this.or() };
    } else if (ch === '*') {
      this.pos++;
      segment = { kind: 'wildcard' };
    } else if (ch === "'" || ch === '"') {
      const names = [this.quoted()];
      this.skipSpaces();
      while (this.peek() === ',') {
        this.pos++;
        this.skipSpaces();
        if (this.peek() !== "'" && this.peek() !== '"') this.fail('expected a quoted name');
        names.push(this.quoted());
        this.skipSpaces();
      }
      segment = names.length === 1 ? { kind: 'name', name: names[0]! } : { kind: 'names', names };
    } else {
      segment = this.indexes();
    }
    this.skipSpaces();
    this.expect(']');
    return segment;
  }

  private indexes(): Segment {
    const start = this.pos;
    while (!this.done() && this.peek() !== ']') this.pos++;
    const body = this.text.slice(start, this.pos).trim();
    const parseInteger = (part: string, what: string): number => {
      const t = part.trim();
      if (!/^-?\d+$/.test(t)) {
        this.pos = start;
        this.fail(`expected ${what} in brackets but found '${body}'`);
      }
      return Number(t);
    };
    if (body.includes(':')) {
      const parts = body.split(':');
      if (parts.length > 2) {
        this.pos = start;
        this.fail('array slices with a step are not supported');
      }
      const [from, to] = parts as [string, string];
      return {
        kind: 'slice',
        start: from.trim() === '' ? undefined : parseInteger(from, 'a slice start'),
        end: to.trim() === '' ? undefined : parseInteger(to, 'a slice end'),
      };
    }
    const indexes = body.split(',').map((part) => parseInteger(part, 'an index'));
    return indexes.length === 1 ? { kind: 'index', index: indexes[0]! } : { kind: 'indexes', indexes };
  }

  /**
   * A quoted name. A backslash before the closing quote character escapes it; any other
   * backslash is kept as written (recorded: `$['Test\"Name']` reads the key `Test\"Name`).
   */
  quoted(): string {
    const quote = this.peek();
    this.pos++;
    let out = '';
    while (!this.done() && this.peek() !== quote) {
      if (this.peek() === '\\' && this.peek(1) === quote) this.pos++;
      out += this.peek();
      this.pos++;
    }
    if (this.done()) this.fail('unterminated quoted name');
    this.pos++;
    return out;
  }

  // ---- filters: or := and ('||' and)*; and := unary ('&&' unary)*; unary := '!' unary | '(' or ')' | relation

  private or(): FilterExpr {
    let left = this.and();
    for (this.skipSpaces(); this.text.startsWith('||', this.pos); this.skipSpaces()) {
      this.pos += 2;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): FilterExpr {
    let left = this.unary();
    for (this.skipSpaces(); this.text.startsWith('&&', this.pos); this.skipSpaces()) {
      this.pos += 2;
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): FilterExpr {
    this.skipSpaces();
    if (this.peek() === '!' && this.peek(1) !== '=') {
      this.pos++;
      return { kind: 'not', expr: this.unary() };
    }
    if (this.peek() === '(') {
      this.pos++;
      const inner = this.or();
      this.skipSpaces();
      this.expect(')');
      return inner;
    }
    return this.relation();
  }

  private relation(): FilterExpr {
    const left = this.operand();
    this.skipSpaces();
    const op = RELATIONAL.find((o) => this.text.startsWith(o, this.pos)) ?? WORD_OPERATORS.find((o) => this.wordAt(o));
    if (op === undefined) {
      if (left.kind !== 'path') this.fail('a filter needs a comparison');
      return { kind: 'exists', operand: left };
    }
    this.pos += op.length;
    this.skipSpaces();
    return { kind: 'compare', op, left, right: this.operand() };
  }

  private wordAt(word: string): boolean {
    return this.text.startsWith(word, this.pos) && !/[\w]/.test(this.text.charAt(this.pos + word.length));
  }

  private operand(): FilterOperand {
    this.skipSpaces();
    const c = this.peek();
    if (c === '@' || c === '$') return { kind: 'path', relative: c === '@', path: this.path(true) };
    if (c === "'" || c === '"') return { kind: 'literal', value: this.quoted() };
    if (c === '/') return { kind: 'regex', regex: this.regex() };
    if (c === '[' || c === '{') return { kind: 'literal', value: this.jsonLiteral() };
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.wordAt(word)) {
        this.pos += word.length;
        return { kind: 'literal', value };
      }
    }
    const number = NUMBER.exec(this.text.slice(this.pos));
    if (number !== null) {
      this.pos += number[0].length;
      return { kind: 'literal', value: Number(number[0]) };
    }
    return this.fail(this.done() ? 'the filter ended early' : `unexpected '${c}' in a filter`);
  }

  private regex(): RegExp {
    const start = ++this.pos;
    while (!this.done() && this.peek() !== '/') this.pos += this.peek() === '\\' ? 2 : 1;
    if (this.done()) this.fail('unterminated regular expression');
    const source = this.text.slice(start, this.pos++);
    const flagsStart = this.pos;
    while (/[a-z]/.test(this.peek())) this.pos++;
    const flags = this.text.slice(flagsStart, this.pos).replace(/[^imsu]/g, '');
    try {
      // Jayway matches the whole string (Java's Matcher.matches()).
      return new RegExp(`^(?:${source})$`, flags);
    } catch {
      return this.fail(`invalid regular expression /${source}/`);
    }
  }

  private jsonLiteral(): Json {
    const open = this.peek();
    const close = open === '[' ? ']' : '}';
    const start = this.pos;
    let depth = 0;
    let quote = '';
    for (; !this.done(); this.pos++) {
      const c = this.peek();
      if (quote !== '') {
        if (c === '\\') this.pos++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === open) depth++;
      else if (c === close && --depth === 0) break;
    }
    if (this.done()) this.fail(`unterminated '${open}' in a filter`);
    const source = this.text.slice(start, ++this.pos);
    try {
      // Jayway accepts single-quoted strings inside JSON literals of filters.
      return JSON.parse(source.replace(/'((?:[^'\\]|\\.)*)'/g, (_m, s: string) => JSON.stringify(s.replace(/\\'/g, "'")))) as Json;
    } catch {
      return this.fail(`invalid JSON literal ${source}`);
    }
  }
}
