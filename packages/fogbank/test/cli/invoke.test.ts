import { describe, expect, test } from 'vitest';
import { EXIT, runCli } from '../../src/cli/index.js';
import { memoryIo } from './memory-io.js';

describe('fogbank invoke', () => {
  test('prints the response on stdout and the START/END/REPORT log on stderr; each stdin line is one (warm) invocation', async () => {
    const { io, stdout, stderr } = memoryIo({ stdin: '{"x":1}\n{"x":2}\n' });
    expect(await runCli(['invoke', 'functions/echo', 'index.handler', '--env', 'STAGE=test', '--memory', '256'], io)).toBe(EXIT.OK);
    expect(stdout()).toBe('{\n  "echoed": {\n    "x": 1\n  }\n}\n{\n  "echoed": {\n    "x": 2\n  }\n}\n');
    const log = stderr().split('\n');
    expect(log[0]).toMatch(/^INIT_START Runtime Version: nodejs:20/);
    expect(log[1]).toMatch(/^START RequestId: [\w-]+ Version: \$LATEST$/);
    expect(log[2]).toMatch(/^END RequestId: /);
    expect(log[3]).toMatch(/^REPORT RequestId: [\w-]+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms\t$/);
    // The second invocation is warm: no INIT_START, no Init Duration.
    expect(log[4]).toMatch(/^START RequestId: /);
    expect(log[6]).not.toContain('Init Duration');
  });

  test('a function error prints Lambda\'s error answer and exits 1', async () => {
    const { io, stdout, stderr } = memoryIo();
    expect(await runCli(['invoke', 'functions/boom', 'index.handler', '--event', '{"a":1}', '--json'], io)).toBe(EXIT.FAILED);
    expect(stderr()).toBe('');
    const invocation = JSON.parse(stdout()) as { statusCode: number; functionError: string; payload: string; log: string };
    expect(invocation.statusCode).toBe(200);
    expect(invocation.functionError).toBe('Unhandled');
    expect(JSON.parse(invocation.payload)).toMatchObject({ errorType: 'TypeError', errorMessage: 'boom' });
    expect(invocation.log).toMatch(/\tINFO\tabout to fail \{"a":1\}\n/);
  });

  test.for([
    { name: 'a missing directory', argv: ['invoke', 'functions/nope', 'index.handler'], message: 'Not a directory: ' },
    { name: 'a bad --env', argv: ['invoke', 'functions/echo', 'index.handler', '--env', 'NOEQUALS'], message: "--env takes KEY=VALUE, got 'NOEQUALS'" },
    { name: 'a bad --timeout', argv: ['invoke', 'functions/echo', 'index.handler', '--timeout', 'soon'], message: 'a positive whole number is expected' },
    {
      name: "Lambda's own checks",
      argv: ['invoke', 'functions/echo', 'index.handler', '--timeout', '901', '--event', '{}'],
      message: "CreateFunction failed: ValidationException: 1 validation error detected: Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900",
    },
  ])('$name: exit 2, the reason on stderr', async ({ argv, message }) => {
    const { io, stderr } = memoryIo({ stdin: '' });
    expect(await runCli(argv, io)).toBe(EXIT.USAGE);
    expect(stderr()).toContain(message);
  });
});
