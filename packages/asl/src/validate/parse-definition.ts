import { isJsonObject, type JsonObject } from '../json.js';
import { Diagnostics, INVALID_JSON_DESCRIPTION, NO_LOCATION } from './diagnostics.js';

/**
 * Turns the definition a caller passed (JSON text or an already parsed object) into a JSON
 * object, or reports what AWS reports for it. AWS parses definitions with Jackson, so a syntax
 * error gets Jackson's message (`Unrecognized token 'not': was expecting (...)\n at [Source: ...]`,
 * recorded in sfn_api_validation NOT_A_DEF) with the `[Source: ...]` part as the location; a
 * definition that is blank or not an object gets `Definition must be a valid JSON object`
 * without a location (recorded for a blank string).
 */
export function parseDefinition(definition: unknown, out: Diagnostics): JsonObject | undefined {
  let value: unknown;
  if (typeof definition === 'string') {
    if (definition.trim() === '') return notAnObject(out);
    try {
      value = JSON.parse(definition);
    } catch {
      const scan = jacksonScan(definition);
      if (scan.error === undefined) {
        // Jackson reads the first JSON value and ignores what follows it (its default
        // FAIL_ON_TRAILING_TOKENS is off), so `{...} trailing` is the object.
        try {
          value = JSON.parse(definition.slice(0, scan.end));
        } catch {
          return notAnObject(out);
        }
      } else {
        out.error(INVALID_JSON_DESCRIPTION, `${scan.error.message}\n at ${scan.error.source}`, scan.error.source);
        return undefined;
      }
    }
  } else {
    // An object built in code may hold what JSON cannot (undefined, functions, cycles); the
    // round trip keeps exactly what AWS would have received as JSON text.
    try {
      const text = JSON.stringify(definition);
      value = text === undefined ? undefined : JSON.parse(text);
    } catch {
      return notAnObject(out);
    }
  }
  return isJsonObject(value) ? value : notAnObject(out);
}

function notAnObject(out: Diagnostics): undefined {
  out.schema('Definition must be a valid JSON object', NO_LOCATION);
  return undefined;
}

const SOURCE_LIMIT = 500;
const VALUE_EXPECTED = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

/**
 * Reads the first JSON value of `text` as Jackson does: where it ends, or Jackson's error for
 * the first syntax error in it with the `[Source: ...]` description of where.
 */
function jacksonScan(text: string): { end: number; error?: { message: string; source: string } } {
  const scanner = new Scanner(text);
  try {
    scanner.value();
    return { end: scanner.at };
  } catch (e) {
    if (!(e instanceof JacksonError)) throw e;
    return { end: scanner.at, error: { message: e.message, source: describeSource(text, scanner.line, scanner.column) } };
  }
}

function describeSource(text: string, line: number, column: number): string {
  const shown = text.length > SOURCE_LIMIT ? `${text.slice(0, SOURCE_LIMIT)}"[truncated ${text.length - SOURCE_LIMIT} chars]` : `${text}"`;
  return `[Source: (String)"${shown}; line: ${line}, column: ${column}]`;
}

class JacksonError extends Error {}

/** Jackson's rendering of a character in its messages. */
function charDescription(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  if (code < 32) return `(CTRL-CHAR, code ${code})`;
  if (code > 255) return `'${c}' (code ${code} / 0x${code.toString(16)})`;
  return `'${c}' (code ${code})`;
}

/** A JSON reader that only exists to find where and why the text is not JSON. */
class Scanner {
  at = 0;
  line = 1;
  column = 1;
  constructor(private readonly text: string) {}

  private next(): string {
    const c = this.text[this.at++] ?? '';
    if (c === '\n') {
      this.line++;
      this.column = 1;
    } else this.column++;
    return c;
  }

  skipSpace(): void {
    while (this.at < this.text.length && ' \t\r\n'.includes(this.text[this.at] ?? '')) this.next();
  }

  private fail(message: string): never {
    throw new JacksonError(message);
  }

  unexpected(expectation: string): never {
    const c = this.next();
    this.fail(`Unexpected character (${charDescription(c)}): ${expectation}`);
  }

  private endOfInput(what: string): never {
    this.fail(`Unexpected end-of-input: ${what}`);
  }

  value(): void {
    this.skipSpace();
    const c = this.text[this.at];
    if (c === undefined) this.endOfInput(`expected a value`);
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    if (/[\p{L}\p{N}_$]/u.test(c)) return this.token();
    this.unexpected(`expected a valid value ${VALUE_EXPECTED}`);
  }

  private token(): void {
    let word = '';
    while (this.at < this.text.length && /[\p{L}\p{N}_$]/u.test(this.text[this.at] ?? '') && word.length < 256) word += this.next();
    if (word !== 'true' && word !== 'false' && word !== 'null') {
      this.fail(`Unrecognized token '${word}': was expecting ${VALUE_EXPECTED}`);
    }
  }

  private object(): void {
    const start = describeSource(this.text, this.line, this.column);
    this.next();
    this.skipSpace();
    if (this.text[this.at] === '}') return void this.next();
    for (;;) {
      this.skipSpace();
      if (this.at >= this.text.length) this.endOfInput(`expected close marker for Object (start marker at ${start})`);
      if (this.text[this.at] !== '"') this.unexpected('was expecting double-quote to start field name');
      this.string();
      this.skipSpace();
      if (this.at >= this.text.length) this.endOfInput(`expected close marker for Object (start marker at ${start})`);
      if (this.text[this.at] !== ':') this.unexpected('was expecting a colon to separate field name and value');
      this.next();
      this.value();
      this.skipSpace();
      if (this.at >= this.text.length) this.endOfInput(`expected close marker for Object (start marker at ${start})`);
      const c = this.text[this.at];
      if (c === '}') return void this.next();
      if (c !== ',') this.unexpected('was expecting comma to separate Object entries');
      this.next();
    }
  }

  private array(): void {
    const start = describeSource(this.text, this.line, this.column);
    this.next();
    this.skipSpace();
    if (this.text[this.at] === ']') return void this.next();
    for (;;) {
      if (this.at >= this.text.length) this.endOfInput(`expected close marker for Array (start marker at ${start})`);
      this.value();
      this.skipSpace();
      if (this.at >= this.text.length) this.endOfInput(`expected close marker for Array (start marker at ${start})`);
      const c = this.text[this.at];
      if (c === ']') return void this.next();
      if (c !== ',') this.unexpected('was expecting comma to separate Array entries');
      this.next();
    }
  }

  private string(): void {
    this.next();
    for (;;) {
      if (this.at >= this.text.length) this.endOfInput('was expecting closing quote for a string value');
      const c = this.next();
      if (c === '"') return;
      if (c === '\\') {
        const e = this.next();
        if (e === 'u') {
          for (let i = 0; i < 4; i++) {
            const h = this.next();
            if (!/[0-9a-fA-F]/.test(h)) this.fail(`Unexpected character (${charDescription(h)}): expected a hex-digit for character escape sequence`);
          }
        } else if (!'"\\/bfnrt'.includes(e) || e === '') {
          this.fail(`Unrecognized character escape ${charDescription(e)}`);
        }
      } else if (c < ' ') {
        this.fail(`Illegal unquoted character (${charDescription(c)}): has to be escaped using backslash to be included in string value`);
      }
    }
  }

  private number(): void {
    if (this.text[this.at] === '-') {
      this.next();
      const d = this.text[this.at];
      if (d === undefined || d < '0' || d > '9') {
        this.unexpected('expected digit (0-9) to follow minus sign, for valid numeric value');
      }
    }
    if (this.text[this.at] === '0' && /[0-9]/.test(this.text[this.at + 1] ?? '')) {
      this.fail('Invalid numeric value: Leading zeroes not allowed');
    }
    while (/[0-9]/.test(this.text[this.at] ?? '')) this.next();
    if (this.text[this.at] === '.') {
      this.next();
      if (!/[0-9]/.test(this.text[this.at] ?? '')) this.unexpected('Decimal point not followed by a digit');
      while (/[0-9]/.test(this.text[this.at] ?? '')) this.next();
    }
    if (this.text[this.at] === 'e' || this.text[this.at] === 'E') {
      this.next();
      if (this.text[this.at] === '+' || this.text[this.at] === '-') this.next();
      if (!/[0-9]/.test(this.text[this.at] ?? '')) this.unexpected('Exponent indicator not followed by a digit');
      while (/[0-9]/.test(this.text[this.at] ?? '')) this.next();
    }
  }
}
