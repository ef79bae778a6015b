import { describe, expect, test } from 'vitest';
import { EXIT, runCli } from '../../src/cli/index.js';
import { memoryIo } from './memory-io.js';

describe('fogbank validate', () => {
  test('a valid definition exits 0', async () => {
    const { io, stdout } = memoryIo();
    expect(await runCli(['validate', 'hello.asl.json'], io)).toBe(EXIT.OK);
    expect(stdout()).toMatch(/hello\.asl\.json: valid STANDARD state machine\n$/);
  });

  test('an invalid one lists every diagnostic with its location and exits 1', async () => {
    const { io, stdout } = memoryIo();
    expect(await runCli(['validate', 'invalid.asl.json'], io)).toBe(EXIT.FAILED);
    expect(stdout().split('\n').slice(1)).toEqual([
      "  ERROR MISSING_TRANSITION_TARGET at /States/A/Next: Missing 'Next' target: B",
      '  ERROR MISSING_TRANSITION_TARGET at /States/C: State "C" is not reachable.',
      '',
    ]);
  });

  test('--json prints { valid, diagnostics }', async () => {
    const { io, stdout } = memoryIo();
    await runCli(['validate', 'invalid.asl.json', '--json'], io);
    const report = JSON.parse(stdout()) as { valid: boolean; diagnostics: Array<{ code: string; location: string }> };
    expect(report.valid).toBe(false);
    expect(report.diagnostics.map((d) => `${d.code} ${d.location}`)).toEqual([
      'MISSING_TRANSITION_TARGET /States/A/Next',
      'MISSING_TRANSITION_TARGET /States/C',
    ]);
  });

  test('--type express applies Express rules', async () => {
    const { io, stdout } = memoryIo();
    expect(await runCli(['validate', 'callback.asl.json', '--type', 'express'], io)).toBe(EXIT.FAILED);
    expect(stdout()).toContain('ERROR');
    const standard = memoryIo();
    expect(await runCli(['validate', 'callback.asl.json'], standard.io)).toBe(EXIT.OK);
  });

  test('a file that is not JSON is a usage error (exit 2)', async () => {
    const { io, stderr } = memoryIo();
    expect(await runCli(['validate', 'functions/echo/index.mjs'], io)).toBe(EXIT.USAGE);
    expect(stderr()).toMatch(/index\.mjs is not valid JSON: /);
  });
});
