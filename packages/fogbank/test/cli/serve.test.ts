import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { EXIT, runCli, type ServeSummary } from '../../src/cli/index.js';
import { fixtures, memoryIo } from './memory-io.js';

describe('fogbank serve', () => {
  test("serves the config's cloud until stopped: DynamoDB answers over HTTP, the summary is one JSON line", async () => {
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const { io, stdout, stderr } = memoryIo({ cwd: path.join(fixtures, 'js-config'), untilStopped: stopped });
    const exited = runCli(['serve', '--port', '0'], io);
    await expect.poll(() => stdout(), { timeout: 10_000 }).toContain('\n');
    const summary = JSON.parse(stdout()) as ServeSummary;
    expect(summary).toMatchObject({ functions: ['greet'], tables: ['greetings'], stateMachines: ['arn:aws:states:us-east-1:123456789012:stateMachine:greeter'] });
    expect(summary.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(summary.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' },
      body: '{}',
    });
    expect(await response.json()).toEqual({ TableNames: ['greetings'] });
    expect(stderr()).toContain(`at ${summary.endpoint} (1 functions, 1 tables, 1 state machines); Ctrl-C stops`);
    stop();
    expect(await exited).toBe(EXIT.OK);
  });
});
