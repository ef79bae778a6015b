import { describe, expect, test } from 'vitest';
import { EXIT, runCli } from '../../src/cli/index.js';
import { memoryIo } from './memory-io.js';

type Event = { type: string } & Record<string, Record<string, string>>;

async function history(testCase: string): Promise<{ code: number; output: unknown; events: Event[] }> {
  const { io, stdout } = memoryIo();
  const code = await runCli(['run', 'tasks.asl.json', '--virtual-time', '--json', '--history', '--mock-config', 'mock-config.json', '--test-case', testCase], io);
  const result = JSON.parse(stdout()) as { output: unknown; events: Event[] };
  return { code, output: result.output, events: result.events };
}

describe('fogbank run --mock-config --test-case', () => {
  test('mocked states answer by invocation number (retries included), with the same events as a real call', async () => {
    const { code, output, events } = await history('HappyPath');
    expect(code).toBe(EXIT.OK);
    expect(output).toEqual({ StatusCode: 200, Payload: 'fine' });
    const failures = events.filter((e) => e.type === 'LambdaFunctionFailed').map((e) => e['lambdaFunctionFailedEventDetails']);
    expect(failures).toEqual([{ error: 'Flaky.NotYet', cause: 'mocked' }, { error: 'Flaky.NotYet', cause: 'mocked' }]);
    expect(events.find((e) => e.type === 'LambdaFunctionSucceeded')!['lambdaFunctionSucceededEventDetails']!['output']).toBe('{"calls":3}');
  });

  test('unmocked states run for real, even on a resource another state mocks', async () => {
    const { output, events } = await history('BoomFails');
    expect(events.find((e) => e.type === 'TaskFailed')!['taskFailedEventDetails']).toEqual({
      resourceType: 'lambda',
      resource: 'invoke',
      error: 'Lambda.ServiceException',
      cause: 'mocked outage',
    });
    // Echo (lambda:invoke like the mocked Boom) called the real function.
    expect(output).toEqual({ echo: { echoed: { branch: 0 } } });
  });

  test.for([
    { name: 'an unknown test case', argv: ['--mock-config', 'mock-config.json', '--test-case', 'Nope'], message: "mock-config.json: no test case 'Nope'; the machine has: HappyPath, BoomFails" },
    { name: '--test-case alone', argv: ['--test-case', 'HappyPath'], message: '--mock-config and --test-case go together' },
  ])('$name is refused (exit 2)', async ({ argv, message }) => {
    const { io, stderr } = memoryIo();
    expect(await runCli(['run', 'tasks.asl.json', ...argv], io)).toBe(EXIT.USAGE);
    expect(stderr()).toContain(message);
  });
});
