/**
 * `StringMatches` patterns: `*` matches any run of characters (including none) and is the only
 * wildcard; `\*` is a literal asterisk and `\\` a literal backslash (written `\\*` and `\\\\`
 * inside JSON strings). `?`, `[` and every other character match themselves, unlike the
 * `fnmatch` some emulators use.
 *
 * A backslash before any other character, or at the very end, stands for itself: AWS documents
 * only the two escapes, and this reading keeps such patterns literal instead of failing.
 */

/** Tests a whole string against a compiled pattern. Allocates nothing. */
export type StringMatcher = (value: string) => boolean;

/**
 * Compiles a pattern once into literal segments between the wildcards. Matching then anchors
 * the first segment at the start and the last at the end, and finds each middle segment at its
 * leftmost place: with `*` as the only wildcard, leftmost placement never loses a match.
 *
 * @example
 * compileStringMatches('log-*.txt')('log-2024.txt'); // true
 * compileStringMatches('a\\*b')('a*b');              // true: the pattern text is a\*b
 */
export function compileStringMatches(pattern: string): StringMatcher {
  const segments = splitPattern(pattern);
  if (segments.length === 1) {
    const exact = segments[0] as string;
    return (value) => value === exact;
  }
  const first = segments[0] as string;
  const last = segments[segments.length - 1] as string;
  const middle = segments.slice(1, -1).filter((s) => s.length > 0);
  const fixedLength = first.length + last.length;
  if (middle.length === 0) {
    return (value) => value.length >= fixedLength && value.startsWith(first) && value.endsWith(last);
  }
  const middleCount = middle.length;
  return (value) => {
    if (value.length < fixedLength || !value.startsWith(first) || !value.endsWith(last)) return false;
    const end = value.length - last.length;
    let at = first.length;
    for (let k = 0; k < middleCount; k++) {
      const segment = middle[k] as string;
      const found = value.indexOf(segment, at);
      if (found < 0 || found + segment.length > end) return false;
      at = found + segment.length;
    }
    return true;
  };
}

/** The literal text between unescaped `*`s: `a*b\*c*` gives `['a', 'b*c', '']`. */
function splitPattern(pattern: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === '*' || next === '\\') {
        current += next;
        i++;
      } else {
        current += ch;
      }
    } else if (ch === '*') {
      segments.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  segments.push(current);
  return segments;
}
