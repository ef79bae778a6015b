import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { EXIT, runCli, type CostEstimate } from '../../src/cli/index.js';
import { memoryIo } from './memory-io.js';

async function estimate(argv: string[]): Promise<{ code: number; estimate: CostEstimate }> {
  const { io, stdout } = memoryIo();
  const code = await runCli(['cost', ...argv, '--json'], io);
  return { code, estimate: JSON.parse(stdout()) as CostEstimate };
}

describe('fogbank cost', () => {
  test('Standard is priced per transition, retries included; Express per request and 100 ms x 64 MB; Lambda per invocation', async () => {
    const { code, estimate: e } = await estimate(['tasks.asl.json', '--executions', '1000']);
    expect(code).toBe(EXIT.OK);
    // Flaky, Boom, Both, Echo, Pause entered, plus Flaky's one retry.
    expect(e.transitions).toBe(6);
    expect(e.retries).toBe(1);
    expect(e.standard.perRun).toBeCloseTo(6 * 0.000025, 12);
    expect(e.standard.perMonth).toBeCloseTo(6 * 0.000025 * 1000, 9);
    // 13 s of simulated time (3 s back-off, 10 s Wait) plus real task time (measured on io.now), in 100 ms steps.
    if ('unavailable' in e.express) throw new Error(e.express.unavailable);
    expect(e.express.billedMemoryMb).toBe(64);
    expect(e.express.billedDurationMs % 100).toBe(0);
    // The test clock stands still, so only simulated time counts here.
    expect(e.express.billedDurationMs).toBe(13_000);
    expect(e.express.perRun).toBeCloseTo(0.000001 + (64 / 1024) * (e.express.billedDurationMs / 1000) * 0.00001667, 12);
    expect(e.lambda.requests).toBe(4);
    expect(e.lambda.perRun).toBeGreaterThan(4 * 0.0000002);
  });

  test('prices are overridable; Express memory rounds up to 64 MB steps', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fogbank-prices-'));
    const prices = path.join(dir, 'prices.json');
    await writeFile(prices, JSON.stringify({ standardPerTransition: 0.001, lambdaPerRequest: 0, lambdaPerGbSecond: 0 }));
    const { estimate: e } = await estimate(['hello.asl.json', '--input', '{"name":"x"}', '--prices', prices, '--express-memory', '100']);
    expect(e.transitions).toBe(2);
    expect(e.standard.perRun).toBeCloseTo(0.002, 12);
    if ('unavailable' in e.express) throw new Error(e.express.unavailable);
    expect(e.express).toMatchObject({ billedDurationMs: 100, billedMemoryMb: 128 });
    expect(e.lambda.perRun).toBe(0);
  });

  test('a machine Express refuses, or a run past 5 minutes, has no Express price, saying why', async () => {
    const { estimate: e } = await estimate(['callback.asl.json', '--config', 'empty.config.json']);
    expect(e.express).toEqual({
      unavailable: "not an Express machine: SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' service integration  at /States/Wait for approval/Resource",
    });
    const slow = await estimate(['timeout.asl.json']);
    expect(slow.code).toBe(EXIT.TIMED_OUT);
    expect(slow.estimate.express).toMatchObject({ billedDurationMs: expect.any(Number) });
  });

  test('the table names each line and the prices used', async () => {
    const { io, stdout } = memoryIo();
    await runCli(['cost', 'hello.asl.json', '--input', '{"name":"x"}'], io);
    expect(stdout().split('\n').map((l) => l.replace(/\s+/g, ' '))).toEqual([
      'hello.asl.json: one run SUCCEEDED in ' + stdout().split('\n')[0]!.split(' in ')[1]!,
      ' per run per 1,000,000 runs',
      'Standard (2 transitions) $0.00005 $50.00',
      'Express (100 ms x 64 MB) $0.0000011 $1.10',
      'Lambda (0 invocations, 0 GB-s) $0 $0',
      'Standard + Lambda $0.00005 $50.00',
      'Express + Lambda $0.0000011 $1.10',
      'us-east-1 on-demand prices, no free tier (override with --prices FILE); Express memory is an estimate (AWS publishes no formula).',
      '',
    ]);
  });

  test('unknown price keys are refused (exit 2)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fogbank-prices-'));
    const prices = path.join(dir, 'prices.json');
    await writeFile(prices, JSON.stringify({ perTransition: 1 }));
    const { io, stderr } = memoryIo();
    expect(await runCli(['cost', 'hello.asl.json', '--prices', prices], io)).toBe(EXIT.USAGE);
    expect(stderr()).toContain("unknown price 'perTransition' (known: standardPerTransition, expressPerRequest, expressPerGbSecond, lambdaPerRequest, lambdaPerGbSecond)");
  });
});
