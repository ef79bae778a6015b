// Laws of the log and billing arithmetic, and of payload round trips (fast-check).
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { LambdaService } from '@fogbank/lambda';
import { billedDuration, reportLine, tailLog } from '../src/log-lines.js';
import { formatLogLine } from '../src/runtime/log-patch.cjs';
import { fixture, json } from './helpers.js';

test('Billed Duration is Duration rounded up to the next whole ms, never past the timeout', () => {
  fc.assert(
    fc.property(fc.double({ min: 0.001, max: 900_000, noNaN: true }), (duration) => {
      const billed = billedDuration(duration, 900_000);
      expect(Number.isInteger(billed)).toBe(true);
      expect(billed).toBeGreaterThanOrEqual(Math.min(duration, 900_000));
      expect(billed - duration).toBeLessThan(1);
    }),
  );
});

test('LogResult decodes to a suffix of the log, at most 4 KB', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: 'grapheme-ascii' }), { maxLength: 80 }), (messages) => {
      const decoded = Buffer.from(tailLog(messages), 'base64');
      const whole = Buffer.from(messages.join(''), 'utf8');
      expect(decoded.length).toBe(Math.min(4096, whole.length));
      expect(whole.subarray(whole.length - decoded.length).equals(decoded)).toBe(true);
    }),
  );
});

test('a console line is one CloudWatch event: one trailing newline, none inside', () => {
  fc.assert(
    fc.property(fc.array(fc.anything(), { maxLength: 4 }), (args) => {
      const line = formatLogLine(0, 'id', 'INFO', args);
      expect(line.endsWith('\n')).toBe(true);
      expect(line.slice(0, -1)).not.toContain('\n');
      expect(line.startsWith('1970-01-01T00:00:00.000Z\tid\tINFO\t')).toBe(true);
    }),
  );
});

test('REPORT fields each end with a tab', () => {
  fc.assert(
    fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.option(fc.double({ min: 0, max: 1e4, noNaN: true })), (d, init) => {
      const line = reportLine({ requestId: 'r', durationMs: d, billedDurationMs: 1, memorySizeMb: 128, maxMemoryUsedMb: 9, initDurationMs: init ?? undefined });
      expect(line.endsWith('\t\n')).toBe(true);
      expect(line.split('\t').slice(1, -1).every((field) => /^[A-Za-z ]+: [\d.]+ (ms|MB)$/.test(field))).toBe(true);
    }),
  );
});

let lambda: LambdaService;
beforeAll(async () => {
  lambda = new LambdaService({ mode: 'inline' });
  await lambda.createFunction({ FunctionName: 'echo', Handler: 'index.echo', Runtime: 'nodejs20.x', Code: { Directory: fixture('basic') } });
});
afterAll(() => lambda.close());

test('any JSON event comes back unchanged through echo', async () => {
  await fc.assert(
    fc.asyncProperty(fc.jsonValue(), async (event) => {
      const payload = JSON.stringify(event);
      const res = await lambda.invoke({ FunctionName: 'echo', Payload: payload });
      // An empty or whitespace payload is the event {}; JSON.stringify never produces one.
      expect(json(res)).toEqual(JSON.parse(payload));
    }),
    { numRuns: 200 },
  );
});
