import type { Json } from '../json.js';

/**
 * The places where AWS's Java runtime shows through intrinsics, recorded against AWS:
 * `States.Format` prints values the way Java does (`{k=v, k2=[a, b]}` for objects, strings
 * without quotes), `States.MathAdd` and `States.MathRandom` round with `Math.round` (halves
 * towards positive infinity), and the seeded `States.MathRandom` draws from `java.util.Random`.
 */

/** Java's `Math.round`: halves round up (towards positive infinity). */
export function javaRound(x: number): number {
  return Math.floor(x + 0.5);
}

/**
 * Splits a `States.Format` template into the text between placeholders (`n` holes give `n + 1`
 * parts). `{}` is a placeholder; `\{`, `\}`, `\\` and `\'` stand for the characters themselves.
 */
export function splitFormat(template: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c === '\\' && i + 1 < template.length) {
      current += template[++i]!;
    } else if (c === '{' && template[i + 1] === '}') {
      parts.push(current);
      current = '';
      i++;
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

/** One value as `States.Format` inserts it. */
export function formatValue(value: Json): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  return `{${Object.keys(value)
    .map((k) => `${k}=${formatValue(value[k]!)}`)
    .join(', ')}}`;
}

const MULTIPLIER = 0x5deece66dn;
const MASK = (1n << 48n) - 1n;

/** `new java.util.Random(seed).nextInt(bound)`: the same seed gives the same number on every run. */
export function javaRandomInt(seed: number, bound: number): number {
  let state = (BigInt(Math.trunc(seed)) ^ MULTIPLIER) & MASK;
  const next31 = (): number => {
    state = (state * MULTIPLIER + 0xbn) & MASK;
    return Number(state >> 17n);
  };
  let r = next31();
  const m = bound - 1;
  if ((bound & m) === 0) return Number((BigInt(bound) * BigInt(r)) >> 31n);
  // Java rejects values from the top, incomplete stretch of the range (int overflow test).
  for (let u = r; ((u - (r = u % bound) + m) | 0) < 0; u = next31());
  return r;
}
