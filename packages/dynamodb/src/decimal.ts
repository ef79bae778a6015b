/**
 * DynamoDB numbers: decimals of up to 38 significant digits, magnitudes from 1E-130 to below
 * 1E126 (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number).
 * A number is held as an integer mantissa and a power of ten, so ADD and comparisons never drift
 * the way binary floating point does (0.1 + 0.2 is exactly 0.3 here, as in DynamoDB).
 */
import { validation } from './errors.js';

/** `mantissa × 10^exponent`, normalised: the mantissa has no trailing zeros (zero is `0n`, 0). */
export interface Decimal {
  readonly mantissa: bigint;
  readonly exponent: number;
  /** Count of significant digits of the mantissa. */
  readonly digits: number;
  /**
   * The nearest double when that double orders exactly like the decimal: up to 15 significant
   * digits round to distinct doubles, and rounding is monotonic. Comparisons use it first.
   */
  readonly approx: number | undefined;
}

const NUMBER_RE = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/;
const ZERO: Decimal = { mantissa: 0n, exponent: 0, digits: 0, approx: 0 };

function normalise(mantissa: bigint, exponent: number): Decimal {
  if (mantissa === 0n) return ZERO;
  let m = mantissa;
  let e = exponent;
  while (m % 10n === 0n) {
    m /= 10n;
    e += 1;
  }
  const digits = (m < 0n ? -m : m).toString().length;
  const approx = digits <= 15 && e > -290 && e < 290 ? Number(`${m}e${e}`) : undefined;
  return { mantissa: m, exponent: e, digits, approx };
}

/** Parses a DynamoDB number string; undefined when it is not a number at all. */
export function parseDecimal(text: string): Decimal | undefined {
  const m = NUMBER_RE.exec(text);
  if (!m) return undefined;
  const [, sign, int = '', frac = '', exp] = m;
  if (int === '' && frac === '') return undefined;
  if (exp !== undefined && exp.length > 12) return undefined;
  const digits = (int + frac).replace(/^0+/, '');
  if (digits === '') return ZERO;
  const exponent = (exp === undefined ? 0 : Number(exp)) - frac.length;
  return normalise(BigInt((sign === '-' ? '-' : '') + digits), exponent);
}

/** Checks AWS's range and precision rules, throwing AWS's message when one is broken. */
export function checkRange(d: Decimal): Decimal {
  if (d.mantissa === 0n) return d;
  const magnitude = d.digits - 1 + d.exponent;
  if (d.digits > 38) throw validation('Attempting to store more than 38 significant digits in a Number');
  if (magnitude > 125)
    throw validation('Number overflow. Attempting to store a number with magnitude larger than supported range');
  if (magnitude < -130)
    throw validation('Number underflow. Attempting to store a number with magnitude smaller than supported range');
  return d;
}

/** Parses and checks a number as DynamoDB does for any `N` it receives. */
export function toDecimal(text: string): Decimal {
  const d = parseDecimal(text);
  if (d === undefined) throw validation('A value provided cannot be converted into a number');
  return checkRange(d);
}

/** The canonical text DynamoDB returns: plain notation, no exponent, no redundant zeros. */
export function formatDecimal(d: Decimal): string {
  if (d.mantissa === 0n) return '0';
  const negative = d.mantissa < 0n;
  const digits = (negative ? -d.mantissa : d.mantissa).toString();
  let body: string;
  if (d.exponent >= 0) body = digits + '0'.repeat(d.exponent);
  else {
    const point = digits.length + d.exponent;
    body = point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${'0'.repeat(-point)}${digits}`;
  }
  return negative ? `-${body}` : body;
}

/** Normalises a number string to DynamoDB's canonical form (after validating it). */
export function canonicalNumber(text: string): string {
  return formatDecimal(toDecimal(text));
}

/** Total order of numbers: negative, zero, positive; then by magnitude. */
export function compareDecimal(a: Decimal, b: Decimal): number {
  if (a.approx !== undefined && b.approx !== undefined) return a.approx < b.approx ? -1 : a.approx > b.approx ? 1 : 0;
  const sa = a.mantissa < 0n ? -1 : a.mantissa > 0n ? 1 : 0;
  const sb = b.mantissa < 0n ? -1 : b.mantissa > 0n ? 1 : 0;
  if (sa !== sb) return sa - sb;
  if (sa === 0) return 0;
  const ma = a.digits + a.exponent;
  const mb = b.digits + b.exponent;
  if (ma !== mb) return sa * (ma - mb);
  const e = Math.min(a.exponent, b.exponent);
  const x = a.mantissa * 10n ** BigInt(a.exponent - e);
  const y = b.mantissa * 10n ** BigInt(b.exponent - e);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Exact sum; the result is checked against DynamoDB's precision and range. */
export function addDecimal(a: Decimal, b: Decimal): Decimal {
  if (a.mantissa === 0n) return b;
  if (b.mantissa === 0n) return a;
  const e = Math.min(a.exponent, b.exponent);
  // Adding numbers 200 orders apart cannot fit 38 digits; fail before building a huge BigInt.
  if (Math.max(a.digits + a.exponent, b.digits + b.exponent) - e > 300)
    throw validation('Attempting to store more than 38 significant digits in a Number');
  const x = a.mantissa * 10n ** BigInt(a.exponent - e);
  const y = b.mantissa * 10n ** BigInt(b.exponent - e);
  return checkRange(normalise(x + y, e));
}

/** Exact difference `a - b`. */
export function subtractDecimal(a: Decimal, b: Decimal): Decimal {
  return addDecimal(a, { mantissa: -b.mantissa, exponent: b.exponent, digits: b.digits, approx: b.approx === undefined ? undefined : -b.approx });
}
