// What `fogbank cost` (and `pnpm cost` here) prints for the pipeline: one happy run priced as a
// Standard and as an Express workflow, plus its Lambda calls. The CLI's functions are not part
// of the `fogbank` package's exports, so this reads them from its source, as the CLI does.
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { costOf, loadConfig } from '../../packages/fogbank/src/cli/index.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

test('fogbank cost: the pipeline is cheaper as Express than as Standard, both priced from one run', async () => {
  const config = await loadConfig(here, 'fogbank.config.json');
  const input = { documentId: 'doc-1', userId: 'user-7', file: { name: 'notes.txt', contentType: 'text/plain', size: 11, content: 'hello world' } };
  // A clock that stands still: only simulated time (the 2 s Retry back-off) is billed.
  const estimate = await costOf({ definition: 'file-pipeline.asl.json', cwd: here, input, config, executionsPerMonth: 100_000, now: () => 0 });
  expect(estimate.status).toBe('SUCCEEDED');
  // Check File, Get Metadata, Process File, Get Thumbnail, Extract Text, Insert into Database,
  // Document Ready, and Get Thumbnail's one retry.
  expect({ transitions: estimate.transitions, retries: estimate.retries }).toEqual({ transitions: 8, retries: 1 });
  expect(estimate.standard.perRun).toBeCloseTo(8 * 0.000025, 12);
  if ('unavailable' in estimate.express) throw new Error(estimate.express.unavailable);
  expect(estimate.express).toMatchObject({ billedDurationMs: 2000, billedMemoryMb: 64 });
  expect(estimate.express.perRun).toBeCloseTo(0.000001 + (64 / 1024) * 2 * 0.00001667, 12);
  expect(estimate.express.perMonth).toBeLessThan(estimate.standard.perMonth / 50);
  // check-file, get-metadata, get-thumbnail twice, extract-text.
  expect(estimate.lambda.requests).toBe(5);
});
