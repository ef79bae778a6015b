/**
 * Timestamps as AWS Step Functions reads and writes them.
 *
 * AWS parses the `Timestamp*` Choice operands, `IsTimestamp` and the Wait state's `Timestamp` /
 * `TimestampPath` with Java's `DateTimeFormatter.ISO_OFFSET_DATE_TIME`: its run-time errors name
 * "a valid ISO-8601 extended offset date-time format string", that formatter's own description.
 * So the grammar here is that formatter's, not a looser `Date.parse`:
 *
 * - date `YYYY-MM-DD`, a real calendar date (no 2016-02-30, no month 13); a year of more than four
 *   digits needs a sign (`+10000-01-01`), a negative year takes `-`;
 * - `T` (either case), then `hh:mm`, optionally `:ss`, optionally a fraction of 1 to 9 digits;
 *   hours 00-23, minutes and seconds 00-59 (no leap second, no `24:00`);
 * - an offset that is required: `Z` (either case), or `+hh`, `+hh:mm`, `+hh:mm:ss` (or `-`), at
 *   most 18 hours.
 *
 * Rejected, as AWS rejects them: `2016-12-05T21:29:29` (no offset), `2016-12-05 21:29:29Z`
 * (space), `2016-13-05T21:29:29Z`, `2016-12-05T25:29:29Z`, `05-12-2016T21:29:29Z`.
 * Accepted: `...Z`, `...00Z`, `.000000Z`, `.243167252Z`, `+01:00`.
 */

/**
 * Parses a timestamp into epoch milliseconds (sub-millisecond digits are dropped), or
 * `undefined` when AWS would not accept the text.
 *
 * @example
 * parseTimestamp('2016-03-14T01:59:00Z'); // 1457920740000
 * parseTimestamp('2016-03-14T01:59:00');  // undefined: no offset
 */
export function parseTimestamp(text: string): number | undefined {
  return parseInstant(text, scratch) ? scratch[0] : undefined;
}

/**
 * Renders epoch milliseconds as AWS renders `$$.Execution.StartTime` and `$$.State.EnteredTime`:
 * UTC, always three fraction digits.
 *
 * @example
 * formatTimestamp(Date.parse('2025-01-01T00:00:00Z')); // '2025-01-01T00:00:00.000Z'
 */
export function formatTimestamp(ms: number): string {
  // Executions started together (on a virtual clock, all of them) share one instant: format it once.
  if (ms !== lastFormatted) {
    lastFormatted = ms;
    lastText = new Date(ms).toISOString();
  }
  return lastText;
}

let lastFormatted = Number.NaN;
let lastText = '';

const scratch = new Float64Array(2);

/**
 * Parses a timestamp into `out[0]` = epoch milliseconds (floored) and `out[1]` = the nanoseconds
 * past that millisecond, so that instants compare at AWS's nanosecond precision. Returns whether
 * the text was accepted; allocates nothing (Choice rules call it on every evaluation).
 */
export function parseInstant(text: string, out: Float64Array): boolean {
  const n = text.length;
  let i = 0;

  // Year: exactly four digits unsigned; `+` only with more than four; `-` with four or more.
  const sign = n > 0 ? text.charCodeAt(0) : 0;
  if (sign === PLUS || sign === MINUS) i = 1;
  const yearStart = i;
  let year = 0;
  while (i < n && i - yearStart < 10 && isDigit(text.charCodeAt(i))) year = year * 10 + (text.charCodeAt(i++) - ZERO);
  const yearDigits = i - yearStart;
  if (yearDigits < 4) return false;
  if (sign === PLUS ? yearDigits <= 4 : sign !== MINUS && yearDigits > 4) return false;
  if (sign === MINUS) year = -year;

  if (text.charCodeAt(i) !== MINUS) return false;
  const month = twoDigits(text, i + 1);
  if (month < 1 || month > 12 || text.charCodeAt(i + 3) !== MINUS) return false;
  const day = twoDigits(text, i + 4);
  if (day < 1 || day > daysInMonth(year, month)) return false;
  i += 6;

  const t = text.charCodeAt(i);
  if (t !== UPPER_T && t !== LOWER_T) return false;
  const hour = twoDigits(text, i + 1);
  if (hour < 0 || hour > 23 || text.charCodeAt(i + 3) !== COLON) return false;
  const minute = twoDigits(text, i + 4);
  if (minute < 0 || minute > 59) return false;
  i += 6;

  let second = 0;
  let nanos = 0;
  if (text.charCodeAt(i) === COLON) {
    second = twoDigits(text, i + 1);
    if (second < 0 || second > 59) return false;
    i += 3;
    if (text.charCodeAt(i) === DOT) {
      i++;
      const fractionStart = i;
      while (i < n && i - fractionStart < 9 && isDigit(text.charCodeAt(i))) nanos = nanos * 10 + (text.charCodeAt(i++) - ZERO);
      const digits = i - fractionStart;
      // Java's formatter reads at most nine digits; a tenth is left over and fails the parse below.
      if (digits === 0) return false;
      for (let d = digits; d < 9; d++) nanos *= 10;
    }
  }

  let offsetSeconds = 0;
  const o = text.charCodeAt(i);
  if (o === UPPER_Z || o === LOWER_Z) {
    i++;
  } else if (o === PLUS || o === MINUS) {
    const hours = twoDigits(text, i + 1);
    if (hours < 0 || hours > 18) return false;
    i += 3;
    let minutes = 0;
    let seconds = 0;
    // Java parses the offset leniently: minutes and seconds are each optional after a colon.
    if (text.charCodeAt(i) === COLON && twoDigits(text, i + 1) >= 0) {
      minutes = twoDigits(text, i + 1);
      if (minutes > 59) return false;
      i += 3;
      if (text.charCodeAt(i) === COLON && twoDigits(text, i + 1) >= 0) {
        seconds = twoDigits(text, i + 1);
        if (seconds > 59) return false;
        i += 3;
      }
    }
    offsetSeconds = hours * 3600 + minutes * 60 + seconds;
    if (offsetSeconds > 18 * 3600) return false;
    if (o === MINUS) offsetSeconds = -offsetSeconds;
  } else {
    return false;
  }
  if (i !== n) return false;

  const epochSeconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
  const millisOfSecond = Math.floor(nanos / 1e6);
  out[0] = epochSeconds * 1000 + millisOfSecond;
  out[1] = nanos - millisOfSecond * 1e6;
  return true;
}

/** Compares two instants parsed by {@link parseInstant}: negative, zero or positive. */
export function compareInstants(a: Float64Array, b: Float64Array): number {
  const a0 = a[0] as number;
  const b0 = b[0] as number;
  return a0 === b0 ? (a[1] as number) - (b[1] as number) : a0 - b0;
}

const ZERO = 48;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const COLON = 58;
const UPPER_T = 84;
const LOWER_T = 116;
const UPPER_Z = 90;
const LOWER_Z = 122;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The two-digit number at `at`, or -1 when either character is not a digit (or is missing). */
function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at);
  const b = text.charCodeAt(at + 1);
  return isDigit(a) && isDigit(b) ? (a - ZERO) * 10 + (b - ZERO) : -1;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
 * `Date.UTC` would map years 0-99 to 1900-1999.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}
