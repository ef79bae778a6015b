// costReport() prices what ran at AWS's on-demand rates (https://aws.amazon.com/lambda/pricing/):
// $0.20 per 1M requests, $0.0000166667 per GB-second x86_64, $0.0000133334 arm64.
import { afterEach, expect, test } from 'vitest';
import { LAMBDA_PRICES, LambdaService } from '@fogbank/lambda';
import { fixture, steppingStopwatch } from './helpers.js';

let lambda: LambdaService;
afterEach(() => lambda?.close());

test('requests and GB-seconds per function, x86 and arm, Init billed on cold starts', async () => {
  // Every stopwatch reading moves 100 ms: each Duration 100 ms (billed 100 ms); Init is the
  // sandbox's boot plus the function's load, 200 ms.
  lambda = new LambdaService({ stopwatch: steppingStopwatch(100), spareSandboxes: 0 });
  await lambda.createFunction({ FunctionName: 'x86', Handler: 'index.echo', Runtime: 'nodejs20.x', MemorySize: 1024, Code: { Directory: fixture('basic') } });
  await lambda.createFunction({ FunctionName: 'arm', Handler: 'index.echo', Runtime: 'nodejs20.x', MemorySize: 2048, Architectures: ['arm64'], Code: { Directory: fixture('basic') } });
  await lambda.invoke({ FunctionName: 'x86' });
  await lambda.invoke({ FunctionName: 'x86' });
  await lambda.invoke({ FunctionName: 'arm' });
  const report = lambda.costReport();
  expect(report.requests).toBe(3);
  // x86: 1 GB x (0.1 + 0.2 init + 0.1) s = 0.4 GB-s; arm: 2 GB x (0.1 + 0.2 init) s = 0.6 GB-s.
  expect(report.functions.map((f) => [f.functionName, f.requests, f.billedMs, f.gbSeconds])).toEqual([
    ['arm', 1, 300, 0.6],
    ['x86', 2, 400, 0.4],
  ]);
  expect(report.durationCostUsd).toBeCloseTo(0.4 * LAMBDA_PRICES.perGbSecond.x86_64 + 0.6 * LAMBDA_PRICES.perGbSecond.arm64, 12);
  expect(report.requestCostUsd).toBeCloseTo(3 * 0.0000002, 12);
  expect(report.totalUsd).toBeCloseTo(report.durationCostUsd + report.requestCostUsd, 12);
});
