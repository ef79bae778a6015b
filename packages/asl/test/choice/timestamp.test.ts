import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { compareInstants, formatTimestamp, parseInstant, parseTimestamp } from '../../src/timestamp.js';

describe('parseTimestamp', () => {
  test.for([
    // Recorded as accepted by AWS (Wait TimestampPath / Timestamp, Choice Timestamp* operands).
    { text: '2016-03-14T01:59:00Z', iso: '2016-03-14T01:59:00.000Z' },
    { text: '2025-01-01T00:00:00.00Z', iso: '2025-01-01T00:00:00.000Z' },
    { text: '2025-01-01T00:00:00.000000Z', iso: '2025-01-01T00:00:00.000Z' },
    { text: '2016-03-05T21:29:29.243167252Z', iso: '2016-03-05T21:29:29.243Z' },
    { text: '2012-10-09T19:00:55+01:00', iso: '2012-10-09T18:00:55.000Z' },
    // ISO_OFFSET_DATE_TIME: seconds optional, case-insensitive T and Z, lenient offsets.
    { text: '2012-10-09T19:00Z', iso: '2012-10-09T19:00:00.000Z' },
    { text: '2012-10-09t19:00:55z', iso: '2012-10-09T19:00:55.000Z' },
    { text: '2012-10-09T19:00:55-05', iso: '2012-10-10T00:00:55.000Z' },
    { text: '2012-10-09T19:00:55+05:30:15', iso: '2012-10-09T13:30:40.000Z' },
    { text: '2012-10-09T19:00:55+18:00', iso: '2012-10-09T01:00:55.000Z' },
    { text: '2016-02-29T00:00:00Z', iso: '2016-02-29T00:00:00.000Z' },
    { text: '2000-02-29T00:00:00Z', iso: '2000-02-29T00:00:00.000Z' },
    { text: '0001-01-01T00:00:00Z', iso: '0001-01-01T00:00:00.000Z' },
    { text: '+10000-01-01T00:00:00Z', iso: '+010000-01-01T00:00:00.000Z' },
    { text: '-0001-01-01T00:00:00Z', iso: '-000001-01-01T00:00:00.000Z' },
  ])('accepts $text', ({ text, iso }) => {
    const ms = parseTimestamp(text);
    expect(ms).toBeDefined();
    expect(new Date(ms as number).toISOString()).toBe(iso);
  });

  test.for([
    // Recorded as rejected by AWS.
    '2016-13-05T21:29:29Z',
    '2016-12-05T25:29:29Z',
    '2016-12-05T21:29:29',
    '2016-12-05 21:29:29Z',
    '05-12-2016T21:29:29Z',
    '2025-01-01T00:00:00',
    '2025-01-01T00:00:00.000000',
    '2023-02-24 12:15:56.832957',
    // ISO_OFFSET_DATE_TIME rules.
    '',
    ' ',
    '2016-02-30T00:00:00Z',
    '2015-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2016-04-31T00:00:00Z',
    '2016-00-10T00:00:00Z',
    '2016-01-00T00:00:00Z',
    '2016-01-01T24:00:00Z',
    '2016-01-01T23:60:00Z',
    '2016-12-31T23:59:60Z',
    '2016-01-01T00:00:00.Z',
    '2016-01-01T00:00:00.1234567890Z',
    '2016-01-01T00:00:00+19:00',
    '2016-01-01T00:00:00+18:01',
    '2016-01-01T00:00:00+0100',
    '2016-01-01T00:00:00+1',
    '2016-01-01T00:00:00+01:60',
    '2016-01-01T00:00:00Z ',
    ' 2016-01-01T00:00:00Z',
    '2016-1-01T00:00:00Z',
    '2016-01-01T0:00:00Z',
    '2016-01-01T00:00:0Z',
    '20161-01-01T00:00:00Z',
    '+2016-01-01T00:00:00Z',
    '016-01-01T00:00:00Z',
    '2016-01-01',
    '2016-01-01T00Z',
    '2016-01-01T00:00:00GMT',
    '2016-01-01T00:00:00UTC',
  ])('rejects %j', (text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });

  test('agrees with Date.parse on every UTC instant Date can render', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        const iso = date.toISOString();
        expect(parseTimestamp(iso)).toBe(date.getTime());
      }),
    );
  });

  test('agrees with Date.parse on generated offsets', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9000-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -18 * 60, max: 18 * 60 }),
        (date, offsetMinutes) => {
          const iso = date.toISOString().slice(0, 23);
          const abs = Math.abs(offsetMinutes);
          const text = `${iso}${offsetMinutes < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
          expect(parseTimestamp(text)).toBe(Date.parse(text));
        },
      ),
    );
  });
});

describe('parseInstant', () => {
  test('keeps the nanoseconds that a millisecond number would lose', () => {
    const a = new Float64Array(2);
    const b = new Float64Array(2);
    expect(parseInstant('2016-03-05T21:29:29.000000001Z', a)).toBe(true);
    expect(parseInstant('2016-03-05T21:29:29Z', b)).toBe(true);
    expect(a[0]).toBe(b[0]);
    expect(compareInstants(a, b)).toBeGreaterThan(0);
    expect(parseInstant('2016-03-05T22:29:29.000000001+01:00', b)).toBe(true);
    expect(compareInstants(a, b)).toBe(0);
  });
});

describe('formatTimestamp', () => {
  test.for([
    { ms: Date.parse('2025-01-01T00:00:00Z'), text: '2025-01-01T00:00:00.000Z' },
    { ms: Date.parse('2019-03-26T20:14:13.192Z'), text: '2019-03-26T20:14:13.192Z' },
  ])('renders $text', ({ ms, text }) => {
    expect(formatTimestamp(ms)).toBe(text);
    expect(parseTimestamp(formatTimestamp(ms))).toBe(ms);
  });
});
