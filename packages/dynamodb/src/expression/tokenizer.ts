/**
 * A linear tokenizer for DynamoDB expressions. One pass, no backtracking: the peer that takes
 * exponential time on nested parentheses does so in its parser, and ours never revisits input.
 */
import { validation } from '../errors.js';
import type { ExpressionKind } from './ast.js';

export type TokenType = 'name' | 'attrName' | 'attrValue' | 'number' | 'punct' | 'eof';

export interface Token {
  readonly type: TokenType;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const isWord = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const TWO_CHAR = new Set(['<=', '>=', '<>']);
const ONE_CHAR = new Set(['(', ')', '[', ']', ',', '.', '=', '<', '>', '+', '-']);

/** Splits an expression into tokens, ending with an `<EOF>` token. */
export function tokenize(text: string, kind: ExpressionKind): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    const start = i;
    if (c === 35 /* # */ || c === 58 /* : */) {
      i++;
      while (i < n && isWord(text.charCodeAt(i))) i++;
      if (i === start + 1) throw syntaxError(kind, text, tokens, { type: 'punct', text: text[start] as string, start, end: i });
      tokens.push({ type: c === 35 ? 'attrName' : 'attrValue', text: text.slice(start, i), start, end: i });
      continue;
    }
    if (isDigit(c)) {
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      // "1abc" is one bad token to AWS, not a number followed by a name.
      while (i < n && isWord(text.charCodeAt(i))) i++;
      tokens.push({ type: /^\d+$/.test(text.slice(start, i)) ? 'number' : 'name', text: text.slice(start, i), start, end: i });
      continue;
    }
    // A name starts with a letter: AWS rejects "_x" at the underscore.
    if (isWord(c) && c !== 95) {
      while (i < n && isWord(text.charCodeAt(i))) i++;
      tokens.push({ type: 'name', text: text.slice(start, i), start, end: i });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (TWO_CHAR.has(two)) {
      tokens.push({ type: 'punct', text: two, start, end: i + 2 });
      i += 2;
      continue;
    }
    const one = text[i] as string;
    if (ONE_CHAR.has(one)) {
      tokens.push({ type: 'punct', text: one, start, end: i + 1 });
      i++;
      continue;
    }
    // Any other character is a one-character token no rule accepts: a syntax error there.
    const ch = String.fromCodePoint(text.codePointAt(i) ?? c);
    tokens.push({ type: 'punct', text: ch, start, end: i + ch.length });
    i += ch.length;
  }
  tokens.push({ type: 'eof', text: '<EOF>', start: n, end: n });
  return tokens;
}

/**
 * AWS's syntax error: the offending token and the text "near" it, which runs from the token
 * before it to the token after it (`token: "_", near: "AND __"`; at the end of the text,
 * `token: "<EOF>", near: ","`).
 */
export function syntaxError(kind: ExpressionKind, text: string, tokens: readonly Token[], at: Token) {
  const index = tokens.indexOf(at);
  const prev = index > 0 ? tokens[index - 1] : undefined;
  const next = index >= 0 && index + 1 < tokens.length && tokens[index + 1]?.type !== 'eof' ? tokens[index + 1] : undefined;
  const near = at.type === 'eof' ? (prev ? text.slice(prev.start, prev.end) : '') : text.slice(prev ? prev.start : at.start, (next ?? at).end);
  return validation(`Invalid ${kind}: Syntax error; token: "${at.text}", near: "${near}"`);
}
