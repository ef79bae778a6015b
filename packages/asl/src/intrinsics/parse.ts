import type { Json } from '../json.js';

/**
 * The parser for intrinsic calls: `States.Name(arg, ...)` where an argument is a string literal
 * in single quotes (with `\'`, `\{`, `\}`, `\\` escapes), a number, `true`/`false`/`null`, a path
 * (`$...`, `$$...`, `$var...`) or another call, nested at most 10 deep.
 */

/** Thrown when an intrinsic call does not parse; says what is wrong and where. */
export class IntrinsicSyntaxError extends Error {
  override readonly name = 'IntrinsicSyntaxError';
  readonly code = 'INVALID_INTRINSIC';
}

export type IntrinsicArg =
  | { kind: 'literal'; value: Json; raw?: string }
  | { kind: 'path'; text: string }
  | { kind: 'call'; call: IntrinsicCall };

export interface IntrinsicCall {
  readonly name: string;
  readonly args: readonly IntrinsicArg[];
}

/** AWS's limit on calls nested within one field. */
export const MAX_NESTING = 10;

const CALL_START = /^\s*States\.[A-Za-z0-9]+\s*\(/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/;

/** Whether a `.$` value is an intrinsic call (rather than a path). */
export function isIntrinsicCall(text: string): boolean {
  return CALL_START.test(text);
}

export function parseIntrinsic(text: string): IntrinsicCall {
  const parser = new Parser(text);
  parser.skipSpaces();
  const call = parser.call(1);
  parser.skipSpaces();
  if (!parser.done()) parser.fail(`unexpected '${parser.rest()}' after the call`);
  return call;
}

class Parser {
  pos = 0;
  constructor(readonly text: string) {}

  done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(): string {
    return this.text.charAt(this.pos);
  }
  rest(): string {
    return this.text.slice(this.pos);
  }
  skipSpaces(): void {
    while (/\s/.test(this.peek()) && !this.done()) this.pos++;
  }
  fail(what: string): never {
    throw new IntrinsicSyntaxError(`Invalid intrinsic function call '${this.text}': ${what} at position ${this.pos}.`);
  }

  call(depth: number): IntrinsicCall {
    if (depth > MAX_NESTING) this.fail(`intrinsic functions can be nested at most ${MAX_NESTING} deep`);
    const match = /^States\.([A-Za-z0-9]+)\s*\(/.exec(this.rest());
    if (match === null) this.fail("expected an intrinsic function such as 'States.Format('");
    const name = `States.${match[1]!}`;
    this.pos += match[0].length;
    const args: IntrinsicArg[] = [];
    this.skipSpaces();
    if (this.peek() === ')') {
      this.pos++;
      return { name, args };
    }
    for (;;) {
      this.skipSpaces();
      args.push(this.argument(depth));
      this.skipSpaces();
      const c = this.peek();
      this.pos++;
      if (c === ')') return { name, args };
      if (c !== ',') {
        this.pos--;
        this.fail(this.done() ? `missing ')' to close ${name}` : `expected ',' or ')' but found '${c}'`);
      }
    }
  }

  private argument(depth: number): IntrinsicArg {
    const c = this.peek();
    if (c === "'") return this.string();
    if (c === '$') return { kind: 'path', text: this.pathText() };
    if (this.rest().startsWith('States.')) return { kind: 'call', call: this.call(depth + 1) };
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.rest().startsWith(word) && !/[\w$.]/.test(this.text.charAt(this.pos + word.length))) {
        this.pos += word.length;
        return { kind: 'literal', value };
      }
    }
    const number = NUMBER.exec(this.rest());
    if (number !== null) {
      this.pos += number[0].length;
      return { kind: 'literal', value: Number(number[0]) };
    }
    return this.fail(this.done() ? 'the call ended early' : `unexpected '${c}' in the arguments`);
  }

  /** A quoted string; `raw` keeps the escapes for `States.Format`, which treats `\{` as a brace. */
  private string(): IntrinsicArg {
    const start = ++this.pos;
    let value = '';
    while (!this.done() && this.peek() !== "'") {
      if (this.peek() === '\\') {
        const next = this.text.charAt(this.pos + 1);
        // AWS rejects any other escape (recorded: `\"` fails CreateStateMachine).
        if (next !== "'" && next !== '{' && next !== '}' && next !== '\\') this.fail(`illegal escape '\\${next}' in a string literal; only \\' \\{ \\} and \\\\ are allowed`);
        value += next;
        this.pos += 2;
        continue;
      }
      value += this.peek();
      this.pos++;
    }
    if (this.done()) this.fail('unterminated string literal');
    const raw = this.text.slice(start, this.pos);
    this.pos++;
    return { kind: 'literal', value, raw };
  }

  /** A path argument runs to the next `,` or `)` outside brackets and quotes. */
  private pathText(): string {
    const start = this.pos;
    let depth = 0;
    let quote = '';
    for (; !this.done(); this.pos++) {
      const c = this.peek();
      if (quote !== '') {
        if (c === '\\') this.pos++;
        else if (c === quote) quote = '';
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '[' || c === '(') depth++;
      else if (c === ']' || (c === ')' && depth > 0)) depth--;
      else if (depth === 0 && (c === ',' || c === ')')) break;
    }
    return this.text.slice(start, this.pos).trim();
  }
}
