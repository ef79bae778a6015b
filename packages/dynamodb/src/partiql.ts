/**
 * The PartiQL subset DynamoDB supports (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.html):
 * SELECT, INSERT, UPDATE and DELETE on one table. A statement is parsed once (linear, cached by
 * text) into a plan that is the equivalent item operation with expression placeholders, so
 * PartiQL and the item API share one implementation of conditions, updates and paging.
 */
import { checkAttributeName, importValue, type AttributeMap, type AttributeValue } from './attribute-value.js';
import { DynamoDBError, validation } from './errors.js';

const NOT_WELL_FORMED = "Statement wasn't well formed, can't be processed: ";

type TokenType = 'ident' | 'quoted' | 'string' | 'number' | 'punct' | 'param' | 'eof';
interface Token {
  type: TokenType;
  text: string;
}

const PUNCT = ['<<', '>>', '<=', '>=', '<>', '!=', '(', ')', '[', ']', '{', '}', ',', '.', '=', '<', '>', '+', '-', ':', '*'];

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '?') {
      out.push({ type: 'param', text: '?' });
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let value = '';
      for (;;) {
        if (j >= text.length) throw validation(`${NOT_WELL_FORMED}Unexpected end of statement`);
        if (text[j] === c) {
          if (text[j + 1] === c) {
            value += c;
            j += 2;
            continue;
          }
          break;
        }
        value += text[j];
        j++;
      }
      out.push({ type: c === "'" ? 'string' : 'quoted', text: value });
      i = j + 1;
      continue;
    }
    const num = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (num) {
      out.push({ type: 'number', text: num[0] });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 512));
    if (word) {
      out.push({ type: 'ident', text: word[0] });
      i += word[0].length;
      continue;
    }
    const p = PUNCT.find((x) => text.startsWith(x, i));
    if (p === undefined) throw validation(`${NOT_WELL_FORMED}Unexpected character '${c}'`);
    out.push({ type: 'punct', text: p });
    i += p.length;
  }
  out.push({ type: 'eof', text: '' });
  return out;
}

/** A value slot: a literal or the n-th `?`. */
type Slot = { literal: AttributeValue } | { param: number };
type Path = (string | number)[];
/** A WHERE condition before placeholders are assigned. */
type Cond =
  | { k: 'and' | 'or'; l: Cond; r: Cond }
  | { k: 'not'; c: Cond }
  | { k: 'cmp'; op: string; l: Operand; r: Operand }
  | { k: 'between'; o: Operand; lo: Operand; hi: Operand }
  | { k: 'in'; o: Operand; list: Operand[] }
  | { k: 'missing'; path: Path; not: boolean }
  | { k: 'fn'; name: string; args: Operand[] };
type Operand = { path: Path } | { slot: Slot } | { size: Path };

export type Statement =
  | { kind: 'select'; table: string; index?: string; projection?: Path[]; where?: Cond }
  | { kind: 'insert'; table: string; item: Record<string, Slot | AttributeValueTemplate> }
  | { kind: 'update'; table: string; set: { path: Path; value: Operand; op?: '+' | '-'; right?: Operand }[]; remove: Path[]; where: Cond; returning?: string }
  | { kind: 'delete'; table: string; where: Cond; returning?: string };

/** A map literal whose members may hold `?`s. */
type AttributeValueTemplate = { template: Record<string, Slot> };

class Parser {
  private pos = 0;
  params = 0;
  private readonly tokens: Token[];
  constructor(text: string) {
    this.tokens = tokenize(text);
  }
  private get tok(): Token {
    return this.tokens[this.pos] as Token;
  }
  private fail(what = 'Unexpected token'): never {
    throw validation(`${NOT_WELL_FORMED}${what}`);
  }
  private kw(word: string): boolean {
    if (this.tok.type === 'ident' && this.tok.text.toUpperCase() === word) {
      this.pos++;
      return true;
    }
    return false;
  }
  private need(word: string): void {
    if (!this.kw(word)) this.fail(`Expected ${word}`);
  }
  private punct(p: string): boolean {
    if (this.tok.type === 'punct' && this.tok.text === p) {
      this.pos++;
      return true;
    }
    return false;
  }
  private needPunct(p: string): void {
    if (!this.punct(p)) this.fail(`Expected '${p}'`);
  }
  private name(): string {
    const t = this.tok;
    if (t.type !== 'ident' && t.type !== 'quoted') this.fail('Expected an identifier');
    this.pos++;
    checkAttributeName(t.text);
    return t.text;
  }
  private path(): Path {
    const out: Path = [this.name()];
    for (;;) {
      if (this.punct('.')) out.push(this.name());
      else if (this.punct('[')) {
        const t = this.tok;
        if (t.type !== 'number') this.fail('Expected a list index');
        this.pos++;
        out.push(Number(t.text));
        this.needPunct(']');
      } else return out;
    }
  }

  private literal(): AttributeValue | Slot {
    const t = this.tok;
    if (t.type === 'param') {
      this.pos++;
      return { param: this.params++ };
    }
    if (t.type === 'string') {
      this.pos++;
      return { S: t.text };
    }
    if (t.type === 'number' || (t.type === 'punct' && t.text === '-')) {
      const neg = this.punct('-');
      const n = this.tok;
      if (n.type !== 'number') this.fail();
      this.pos++;
      return { N: (neg ? '-' : '') + n.text };
    }
    if (this.kw('TRUE')) return { BOOL: true };
    if (this.kw('FALSE')) return { BOOL: false };
    if (this.kw('NULL')) return { NULL: true };
    if (this.punct('{')) {
      const M: Record<string, AttributeValue | Slot> = {};
      if (!this.punct('}')) {
        do {
          const k = this.tok;
          if (k.type !== 'string') this.fail('Expected a string key');
          this.pos++;
          this.needPunct(':');
          checkAttributeName(k.text);
          M[k.text] = this.literal();
        } while (this.punct(','));
        this.needPunct('}');
      }
      return { M } as AttributeValue;
    }
    if (this.punct('[')) {
      const L: (AttributeValue | Slot)[] = [];
      if (!this.punct(']')) {
        do L.push(this.literal());
        while (this.punct(','));
        this.needPunct(']');
      }
      return { L } as AttributeValue;
    }
    if (this.punct('<<')) {
      const members: (AttributeValue | Slot)[] = [];
      do members.push(this.literal());
      while (this.punct(','));
      this.needPunct('>>');
      return { SET: members } as unknown as AttributeValue;
    }
    return this.fail();
  }

  private operand(): Operand {
    const t = this.tok;
    if (t.type === 'ident' && this.tokens[this.pos + 1]?.text === '(' && t.text.toLowerCase() === 'size') {
      this.pos += 2;
      const p = this.path();
      this.needPunct(')');
      return { size: p };
    }
    if ((t.type === 'ident' && !['TRUE', 'FALSE', 'NULL'].includes(t.text.toUpperCase())) || t.type === 'quoted') return { path: this.path() };
    return { slot: this.literal() as Slot };
  }

  cond(): Cond {
    let l = this.andCond();
    while (this.kw('OR')) l = { k: 'or', l, r: this.andCond() };
    return l;
  }
  private andCond(): Cond {
    let l = this.notCond();
    while (this.kw('AND')) l = { k: 'and', l, r: this.notCond() };
    return l;
  }
  private notCond(): Cond {
    if (this.kw('NOT')) return { k: 'not', c: this.notCond() };
    if (this.punct('(')) {
      const c = this.cond();
      this.needPunct(')');
      return c;
    }
    const t = this.tok;
    const fn = t.type === 'ident' && this.tokens[this.pos + 1]?.text === '(' ? t.text.toLowerCase() : undefined;
    if (fn !== undefined && fn !== 'size') {
      if (!['begins_with', 'contains', 'attribute_type', 'attribute_exists', 'attribute_not_exists'].includes(fn)) this.fail(`Unsupported function ${t.text}`);
      this.pos += 2;
      const args: Operand[] = [this.operand()];
      while (this.punct(',')) args.push(this.operand());
      this.needPunct(')');
      return { k: 'fn', name: fn, args };
    }
    const o = this.operand();
    if (this.kw('IS')) {
      const not = this.kw('NOT');
      this.need('MISSING');
      if (!('path' in o)) this.fail();
      return { k: 'missing', path: o.path, not };
    }
    if (this.kw('BETWEEN')) {
      const lo = this.operand();
      this.need('AND');
      return { k: 'between', o, lo, hi: this.operand() };
    }
    if (this.kw('IN')) {
      const close = this.punct('[') ? ']' : this.punct('(') ? ')' : this.fail("Expected '['");
      const list: Operand[] = [this.operand()];
      while (this.punct(',')) list.push(this.operand());
      this.needPunct(close);
      return { k: 'in', o, list };
    }
    const op = this.tok;
    if (op.type !== 'punct' || !['=', '<>', '!=', '<', '<=', '>', '>='].includes(op.text)) this.fail();
    this.pos++;
    return { k: 'cmp', op: op.text === '!=' ? '<>' : op.text, l: o, r: this.operand() };
  }

  statement(): Statement {
    let st: Statement;
    if (this.kw('SELECT')) {
      let projection: Path[] | undefined;
      if (!this.punct('*')) {
        projection = [this.path()];
        while (this.punct(',')) projection.push(this.path());
      }
      this.need('FROM');
      const table = this.name();
      const index = this.punct('.') ? this.name() : undefined;
      const where = this.kw('WHERE') ? this.cond() : undefined;
      st = { kind: 'select', table, ...(index === undefined ? {} : { index }), ...(projection ? { projection } : {}), ...(where ? { where } : {}) };
    } else if (this.kw('INSERT')) {
      this.need('INTO');
      const table = this.name();
      this.need('VALUE');
      const value = this.literal() as { M?: Record<string, AttributeValue | Slot> };
      if (value.M === undefined) this.fail('Expected a tuple in VALUE');
      st = { kind: 'insert', table, item: value.M as Record<string, Slot> };
    } else if (this.kw('UPDATE')) {
      const table = this.name();
      const set: Extract<Statement, { kind: 'update' }>['set'] = [];
      const remove: Path[] = [];
      for (;;) {
        if (this.kw('SET')) {
          do {
            const path = this.path();
            this.needPunct('=');
            const value = this.operand();
            const sign = this.punct('+') ? '+' : this.punct('-') ? '-' : undefined;
            set.push(sign ? { path, value, op: sign, right: this.operand() } : { path, value });
          } while (this.punct(','));
        } else if (this.kw('REMOVE')) {
          do remove.push(this.path());
          while (this.punct(','));
        } else break;
      }
      if (set.length === 0 && remove.length === 0) this.fail('Expected SET or REMOVE');
      if (!this.kw('WHERE')) throw validation('Where clause does not contain a mandatory equality on all key attributes');
      const where = this.cond();
      st = { kind: 'update', table, set, remove, where, ...this.returning() };
    } else if (this.kw('DELETE')) {
      this.need('FROM');
      const table = this.name();
      if (!this.kw('WHERE')) throw validation('Where clause does not contain a mandatory equality on all key attributes');
      st = { kind: 'delete', table, where: this.cond(), ...this.returning() };
    } else this.fail('Expected data manipulation');
    if (this.tok.type !== 'eof') this.fail('Unexpected token after expression');
    return st;
  }

  private returning(): { returning?: string } {
    if (!this.kw('RETURNING')) return {};
    const scope = this.kw('ALL') ? 'ALL' : this.kw('MODIFIED') ? 'UPDATED' : this.fail('Expected ALL or MODIFIED');
    const side = this.kw('OLD') ? 'OLD' : this.kw('NEW') ? 'NEW' : this.fail('Expected OLD or NEW');
    this.needPunct('*');
    return { returning: `${scope}_${side}` };
  }
}

const cache = new Map<string, { statement: Statement; params: number }>();

/** Parses a statement (cached by its text). */
export function parseStatement(text: unknown): { statement: Statement; params: number } {
  if (typeof text !== 'string' || text.length === 0)
    throw validation("1 validation error detected: Value null at 'statement' failed to satisfy constraint: Member must not be null");
  let hit = cache.get(text);
  if (hit === undefined) {
    const p = new Parser(text);
    const statement = p.statement();
    hit = { statement, params: p.params };
    if (cache.size > 5000) cache.clear();
    cache.set(text, hit);
  }
  return hit;
}

/** Turns a parsed statement plus parameters into expression text with placeholders. */
export class Binder {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};
  private n = 0;
  constructor(private readonly params: readonly unknown[]) {}

  value(slot: Slot | AttributeValue): AttributeValue {
    if ('param' in slot && typeof slot.param === 'number') return importValue(this.params[slot.param]);
    const v = slot as Record<string, unknown>;
    if (v.M !== undefined) return { M: Object.fromEntries(Object.entries(v.M as Record<string, Slot>).map(([k, x]) => [k, this.value(x)])) };
    if (v.L !== undefined) return { L: (v.L as Slot[]).map((x) => this.value(x)) };
    if (v.SET !== undefined) {
      const members = (v.SET as Slot[]).map((x) => this.value(x));
      if (members.every((m) => m.S !== undefined)) return importValue({ SS: members.map((m) => m.S) });
      if (members.every((m) => m.N !== undefined)) return importValue({ NS: members.map((m) => m.N) });
      if (members.every((m) => m.B !== undefined)) return importValue({ BS: members.map((m) => m.B) });
      throw validation(`${NOT_WELL_FORMED}Set members must all be of one type`);
    }
    return importValue(v);
  }
  path(p: Path): string {
    return p.map((e, i) => (typeof e === 'number' ? `[${e}]` : `${i > 0 ? '.' : ''}${this.name(e)}`)).join('');
  }
  private name(n: string): string {
    const key = `#p${this.n++}`;
    this.names[key] = n;
    return key;
  }
  placeholder(v: AttributeValue): string {
    const key = `:p${this.n++}`;
    this.values[key] = v;
    return key;
  }
  operand(o: Operand): string {
    if ('path' in o) return this.path(o.path);
    if ('size' in o) return `size(${this.path(o.size)})`;
    return this.placeholder(this.value(o.slot));
  }
  cond(c: Cond): string {
    switch (c.k) {
      case 'and':
      case 'or':
        return `(${this.cond(c.l)}) ${c.k.toUpperCase()} (${this.cond(c.r)})`;
      case 'not':
        return `NOT (${this.cond(c.c)})`;
      case 'cmp':
        return `${this.operand(c.l)} ${c.op} ${this.operand(c.r)}`;
      case 'between':
        return `${this.operand(c.o)} BETWEEN ${this.operand(c.lo)} AND ${this.operand(c.hi)}`;
      case 'in':
        return `${this.operand(c.o)} IN (${c.list.map((o) => this.operand(o)).join(', ')})`;
      case 'missing':
        return `${c.not ? 'attribute_exists' : 'attribute_not_exists'}(${this.path(c.path)})`;
      case 'fn':
        return `${c.name}(${c.args.map((o) => this.operand(o)).join(', ')})`;
    }
  }
  /** The expression members of a request (omitting empty maps, which AWS rejects). */
  members(): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, AttributeValue> } {
    return {
      ...(Object.keys(this.names).length > 0 ? { ExpressionAttributeNames: this.names } : {}),
      ...(Object.keys(this.values).length > 0 ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}

/** Splits a WHERE clause's top-level AND chain into conjuncts. */
export function conjuncts(c: Cond): Cond[] {
  return c.k === 'and' ? [...conjuncts(c.l), ...conjuncts(c.r)] : [c];
}

/** `key = value` conjuncts for the given key attributes; undefined unless every key is pinned. */
export function keyFrom(where: Cond, keys: readonly string[], binder: Binder): { key: AttributeMap; rest: Cond[] } | undefined {
  const key: AttributeMap = {};
  const rest: Cond[] = [];
  for (const c of conjuncts(where)) {
    if (c.k === 'cmp' && c.op === '=') {
      const [p, v] = 'path' in c.l && 'slot' in c.r ? [c.l.path, c.r.slot] : 'path' in c.r && 'slot' in c.l ? [c.r.path, c.l.slot] : [undefined, undefined];
      if (p !== undefined && v !== undefined && p.length === 1 && keys.includes(p[0] as string) && key[p[0] as string] === undefined) {
        key[p[0] as string] = binder.value(v);
        continue;
      }
    }
    rest.push(c);
  }
  return keys.every((k) => key[k] !== undefined) ? { key, rest } : undefined;
}

/** AWS's error for a parameter count that does not match the `?`s. */
export function checkParameters(params: number, given: readonly unknown[] | undefined): void {
  if ((given?.length ?? 0) !== params) throw validation("Number of parameters in request and statement don't match.");
}

/** PartiQL's INSERT of an existing key. */
export const duplicateItem = (): DynamoDBError => new DynamoDBError('DuplicateItemException', 'Duplicate primary key exists in table');

export type { Cond, Operand as PartiqlOperand, Path };
