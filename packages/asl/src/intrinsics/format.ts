import type { Json } from '../json.js';

/**
 * `States.Format` as AWS renders it. The template's `{}` are the placeholders and `\{`, `\}`,
 * `\\`, `\'` stand for the characters themselves. Values are rendered the way AWS's Java runtime
 * prints them: strings as they are (no quotes), `null` as `null`, numbers and booleans as JSON,
 * arrays as `[a, b]` and objects as `{k=v, k2=v2}` (Java's `Map.toString`), recorded against AWS.
 */

/** Splits a template (with its escapes) into the text between placeholders: `n` holes give `n + 1` parts. */
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
