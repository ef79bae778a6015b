/**
 * Compares a masked actual value with a recorded (masked) AWS value. Placeholders left in the
 * recorded value are wildcards: any `<...>` token and the replacement texts of the case's
 * snapshot transformers. Numbered tokens (`<uuid:1>`, `<json-input:2>`) must stand for the same
 * text wherever they occur, and different numbers for different texts.
 */
import type { Json, Mask, SnapshotTransformer } from './corpus.js';
import { escapeRegex } from './masking.js';

type JsonObject = { [key: string]: Json };

export interface Mismatch {
  readonly path: string;
  readonly message: string;
}

const BRACKET_TOKEN = '<[^<>\\s]+>';

/** Keys whose values LocalStack replaced by a fixed text, whatever they were. */
const KEY_VALUE_RULES: ReadonlyMap<string, string> = new Map([
  ['RequestId', 'RequestId'],
  ['x-amzn-RequestId', 'x-amzn-RequestId'],
  ['X-Amzn-Trace-Id', 'X-Amzn-Trace-Id'],
  ['Date', 'date'],
]);
const NUMBERED_TOKEN = /^<[^<>\s:]+:\d+>$/;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export interface Placeholders {
  /** Texts that stand for any text inside a recorded string. */
  readonly text: readonly string[];
  /** Texts that, as a whole recorded value, stand for any value (JsonpathTransformer replacements). */
  readonly value: readonly string[];
}

/**
 * The placeholders a case's snapshot transformers left in its recorded values. A replacement the
 * case's `masks` also produce is not a wildcard: the masks put it into the actual value too, so
 * it must match literally (`snf_role_arn` is the role ARN, nothing else).
 */
export function placeholdersOf(transformers: readonly SnapshotTransformer[] = [], masks: readonly Mask[] = []): Placeholders {
  const masked = new Set(masks.map((m) => m.placeholder));
  const text = new Set<string>();
  const value = new Set<string>();
  for (const t of transformers) {
    const replacement = t.kwargs?.['replacement'] ?? t.args?.[1];
    if (typeof replacement !== 'string' || replacement.length === 0) continue;
    if (t.transformer === 'JsonpathTransformer') {
      value.add(replacement);
      text.add(replacement);
    } else if (!masked.has(replacement)) text.add(replacement);
  }
  return { text: [...text], value: [...value] };
}

/** Short JSON for messages. */
export function preview(value: unknown, max = 160): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

/**
 * One comparison session: the placeholder bindings it learns hold across every value compared
 * through it (output, cause, each event), as the snapshot library numbered tokens per case.
 */
export class Matcher {
  private readonly tokenSource: string;
  private readonly wholeValueTokens: ReadonlySet<string>;
  private bindings = new Map<string, string>();

  constructor(placeholders: Placeholders = { text: [], value: [] }) {
    const literals = placeholders.text.filter((p) => !new RegExp(`^${BRACKET_TOKEN}$`).test(p));
    literals.sort((a, b) => b.length - a.length);
    this.tokenSource = [BRACKET_TOKEN, ...literals.map(escapeRegex)].join('|');
    this.wholeValueTokens = new Set(placeholders.value);
  }

  /** Compares and records every difference (up to `limit`). Bindings learnt are kept. */
  compare(expected: Json | undefined, actual: Json | undefined, path = '$', limit = 8): Mismatch[] {
    const out: Mismatch[] = [];
    this.walk(expected, actual, path, null, out, limit);
    return out;
  }

  /** Whether the values match; bindings are kept only when they do. */
  tryMatch(expected: Json, actual: Json): boolean {
    const saved = new Map(this.bindings);
    const ok = this.compare(expected, actual, '$', 1).length === 0;
    if (!ok) this.bindings = saved;
    return ok;
  }

  private walk(expected: Json | undefined, actual: Json | undefined, path: string, key: string | null, out: Mismatch[], limit: number): void {
    if (out.length >= limit) return;
    if (typeof expected === 'string' && this.isWildcardValue(expected, key)) {
      if (actual === undefined) out.push({ path, message: `missing (expected ${preview(expected)})` });
      else if (!this.bindWhole(expected, actual)) out.push({ path, message: `placeholder ${expected} already stands for another value, got ${preview(actual)}` });
      return;
    }
    if (expected === undefined || actual === undefined) {
      if (expected !== actual) out.push({ path, message: `expected ${preview(expected)}, got ${preview(actual)}` });
      return;
    }
    if (typeof expected === 'string') {
      if (typeof actual !== 'string' || !this.matchText(expected, actual)) {
        out.push({ path, message: `expected ${preview(expected)}, got ${preview(actual)}` });
      }
      return;
    }
    if (Array.isArray(expected)) {
      if (!Array.isArray(actual)) {
        out.push({ path, message: `expected an array ${preview(expected)}, got ${preview(actual)}` });
        return;
      }
      if (expected.length !== actual.length) {
        out.push({ path, message: `expected ${expected.length} items ${preview(expected)}, got ${actual.length} ${preview(actual)}` });
        return;
      }
      expected.forEach((item, i) => this.walk(item, actual[i], `${path}[${i}]`, key, out, limit));
      return;
    }
    if (isObject(expected)) {
      if (!isObject(actual)) {
        out.push({ path, message: `expected an object ${preview(expected)}, got ${preview(actual)}` });
        return;
      }
      for (const k of Object.keys(expected)) {
        if (!(k in actual)) out.push({ path: `${path}.${k}`, message: `missing (expected ${preview(expected[k])})` });
        else this.walk(expected[k], actual[k], `${path}.${k}`, k, out, limit);
        if (out.length >= limit) return;
      }
      for (const k of Object.keys(actual)) {
        if (!(k in expected)) out.push({ path: `${path}.${k}`, message: `unexpected ${preview(actual[k])}` });
      }
      return;
    }
    if (expected !== actual) out.push({ path, message: `expected ${preview(expected)}, got ${preview(actual)}` });
  }

  /**
   * A recorded string that is one placeholder alone stands for any value (a JsonpathTransformer
   * replaced a number or an object by it). So do the values LocalStack's Step Functions
   * transformers replace by key in the SDK metadata of service results (`"RequestId": "RequestId"`,
   * `"Date": "date"`).
   */
  private isWildcardValue(expected: string, key: string | null): boolean {
    if (key !== null && KEY_VALUE_RULES.get(key) === expected) return true;
    if (this.wholeValueTokens.has(expected)) return true;
    return new RegExp(`^(?:${BRACKET_TOKEN})$`).test(expected);
  }

  private bindWhole(token: string, actual: Json): boolean {
    if (!NUMBERED_TOKEN.test(token)) return true;
    return this.bind(token, typeof actual === 'string' ? actual : JSON.stringify(actual));
  }

  private bind(token: string, text: string): boolean {
    const bound = this.bindings.get(token);
    if (bound !== undefined) return bound === text;
    for (const [other, value] of this.bindings) {
      if (value === text && other !== token && sameFamily(other, token)) return false;
    }
    this.bindings.set(token, text);
    return true;
  }

  /** Matches a recorded text with placeholders inside it against an actual text. */
  private matchText(expected: string, actual: string): boolean {
    if (expected === actual) return true;
    const tokenRe = new RegExp(this.tokenSource, 'g');
    const groups: string[] = [];
    let source = '';
    let last = 0;
    for (const m of expected.matchAll(tokenRe)) {
      const token = m[0];
      source += escapeRegex(expected.slice(last, m.index));
      last = m.index + token.length;
      const bound = NUMBERED_TOKEN.test(token) ? this.bindings.get(token) : undefined;
      if (bound !== undefined) source += escapeRegex(bound);
      else if (NUMBERED_TOKEN.test(token) && groups.includes(token)) source += `\\${groups.indexOf(token) + 1}`;
      else {
        groups.push(token);
        source += '([\\s\\S]*?)';
      }
    }
    if (groups.length === 0 && last === 0) return false;
    source += escapeRegex(expected.slice(last));
    const match = new RegExp(`^${source}$`).exec(actual);
    if (match === null) return false;
    const saved = new Map(this.bindings);
    for (let i = 0; i < groups.length; i++) {
      const token = groups[i]!;
      if (NUMBERED_TOKEN.test(token) && !this.bind(token, match[i + 1]!)) {
        this.bindings = saved;
        return false;
      }
    }
    return true;
  }
}

/** `<uuid:1>` and `<uuid:2>` are one family: they must stand for different texts. */
function sameFamily(a: string, b: string): boolean {
  return a.slice(0, a.lastIndexOf(':')) === b.slice(0, b.lastIndexOf(':'));
}

/** Whether a recorded event was zeroed by LocalStack's SfnNoneRecursiveParallelTransformer. */
function isZeroed(event: Json | undefined): boolean {
  return isObject(event) && Array.isArray(event['id']);
}

function idOf(event: Json | undefined): number {
  return isObject(event) && typeof event['id'] === 'number' ? event['id'] : Number.NaN;
}

function typeOf(event: Json | undefined): string {
  return isObject(event) ? String(event['type']) : 'none';
}

function withoutIds(event: Json): Json {
  if (!isObject(event)) return event;
  const { id: _id, previousEventId: _prev, ...rest } = event;
  return rest;
}

/**
 * Events of a Parallel state that LocalStack's transformer dropped from the recording (the ids
 * around a zeroed stretch skip them): only the state's own closing events.
 */
const DROPPED_BY_TRANSFORMER = new Set(['ParallelStateSucceeded', 'ParallelStateFailed', 'ParallelStateAborted', 'ParallelStateExited']);

/**
 * Compares two event lists, positionally. A recorded stretch of zeroed events (inside a Parallel
 * state, sorted and with ids set to `[0]` by the test's transformer) is compared as a multiset,
 * without ids, against the actual events whose ids lie between the recorded ids around it; of
 * those, only the Parallel state's closing events may be left over (the transformer dropped them).
 */
export function compareEvents(expected: readonly Json[], actual: readonly Json[], matcher: Matcher, limit = 8): Mismatch[] {
  const out: Mismatch[] = [];
  let e = 0;
  let a = 0;
  while (e < expected.length && a < actual.length && out.length < limit) {
    if (!isZeroed(expected[e])) {
      out.push(...matcher.compare(expected[e], actual[a], `$.events[${e}]`, limit - out.length));
      e++;
      a++;
      continue;
    }
    // The stretch: zeroed events, and lone kept events between them (a nested ParallelStateStarted).
    let end = e;
    while (end < expected.length && (isZeroed(expected[end]) || isZeroed(expected[end + 1]))) end++;
    const before = e > 0 ? idOf(expected[e - 1]) : 0;
    const after = end < expected.length ? idOf(expected[end]) : Number.POSITIVE_INFINITY;
    let poolEnd = a;
    for (; poolEnd < actual.length; poolEnd++) {
      const id = idOf(actual[poolEnd]);
      if (id >= after || id <= before) break; // (a zeroed id, NaN, stays in: a recording played back)
    }
    const pool = actual.slice(a, poolEnd);
    for (let k = e; k < end; k++) {
      const zeroed = isZeroed(expected[k]);
      const want = zeroed ? withoutIds(expected[k]!) : expected[k]!;
      const found = pool.findIndex((candidate) => matcher.tryMatch(want, zeroed ? withoutIds(candidate) : candidate));
      if (found >= 0) pool.splice(found, 1);
      else {
        out.push({ path: `$.events[${k}]`, message: `no event inside the Parallel state matches ${preview(want, 300)}` });
        if (out.length >= limit) return out;
      }
    }
    for (const extra of pool) {
      if (!DROPPED_BY_TRANSFORMER.has(typeOf(extra))) {
        out.push({ path: `$.events[${e}..${end - 1}]`, message: `unexpected event inside the Parallel state ${preview(extra, 300)}` });
      }
    }
    e = end;
    a = poolEnd;
  }
  if (out.length < limit && (e < expected.length || a < actual.length)) {
    out.push({
      path: '$.events',
      message:
        `expected ${expected.length} events, got ${actual.length}; ` +
        `first unmatched: expected [${e}] ${typeOf(expected[e])}, got [${a}] ${typeOf(actual[a])}`,
    });
  }
  return out;
}
