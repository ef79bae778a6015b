import { describe, expect, test } from 'vitest';
import { EXIT, runCli } from '../../src/cli/index.js';
import { memoryIo } from './memory-io.js';

describe('fogbank run in a cloud built from the config file', () => {
  test('retries, a caught Lambda error and a Parallel state, each on the timeline', async () => {
    const { io, stdout, stderr } = memoryIo();
    const code = await runCli(['run', 'tasks.asl.json', '--virtual-time'], io);
    expect(stderr()).toBe('');
    expect(code).toBe(EXIT.OK);
    expect(stdout()).toMatchInlineSnapshot(`
      "Execution id-1 of tasks (STANDARD)
      +0:00:00.000       Flaky  Task  3 s
                           attempt 1 failed after 0 ms: Flaky.NotYet: not yet
                           retry 1 after 3 s
                           attempt 2 succeeded after 0 ms
      +0:00:03.000       Boom  Task  0 ms
                           attempt 1 failed after 0 ms: TypeError: boom
                           error caught
      +0:00:03.000       Both  Parallel  10 s
                           [branch 0]
      +0:00:03.000           Echo  Task  0 ms
                           [branch 1]
      +0:00:03.000           Pause  Wait  10 s
      SUCCEEDED in 13 s
      output: {
        "echo": {
          "echoed": {
            "branch": 0
          }
        }
      }
      "
    `);
  });

  test('lambda:invoke returns the Invoke envelope; a function error is Lambda\'s errorType and error answer', async () => {
    const { io, stdout } = memoryIo();
    await runCli(['run', 'tasks.asl.json', '--virtual-time', '--json'], io);
    const result = JSON.parse(stdout()) as { output: unknown };
    expect(result.output).toEqual({ echo: { echoed: { branch: 0 } } });
    const { io: io2, stdout: out2 } = memoryIo();
    await runCli(['run', 'tasks.asl.json', '--virtual-time', '--history'], io2);
    const { events } = JSON.parse(out2()) as { events: Array<Record<string, Record<string, string>>> };
    const failed = events.find((e) => e['type'] as unknown === 'TaskFailed')!['taskFailedEventDetails']!;
    expect(failed['error']).toBe('TypeError');
    expect(JSON.parse(failed['cause']!)).toMatchObject({ errorType: 'TypeError', errorMessage: 'boom' });
    const succeeded = events.find((e) => e['type'] as unknown === 'TaskSucceeded')!['taskSucceededEventDetails']!;
    expect(JSON.parse(succeeded['output']!)).toMatchObject({ ExecutedVersion: '$LATEST', Payload: { echoed: { branch: 0 } }, StatusCode: 200 });
  });

  test('a function the config does not declare fails the task as Lambda does', async () => {
    const { io, stdout } = memoryIo();
    const code = await runCli(['run', 'tasks.asl.json', '--virtual-time', '--json', '--config', 'empty.config.json'], io);
    expect(code).toBe(EXIT.FAILED);
    expect(JSON.parse(stdout())).toMatchObject({
      status: 'FAILED',
      error: 'Lambda.ResourceNotFoundException',
    });
  });

  test('a resource the cloud does not serve fails the task with States.Runtime, saying so', async () => {
    const { io, stdout } = memoryIo();
    const code = await runCli(['run', 'unknown-resource.asl.json', '--json'], io);
    expect(code).toBe(EXIT.FAILED);
    expect(JSON.parse(stdout())).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect((JSON.parse(stdout()) as { cause: string }).cause).toContain("no integration for the resource 'arn:aws:states:::events:putEvents' of state 'Put'");
  });

  test('a config that is not valid is refused before anything runs (exit 2)', async () => {
    const { io, stderr } = memoryIo();
    const code = await runCli(['run', 'hello.asl.json', '--config', 'bad.config.json'], io);
    expect(code).toBe(EXIT.USAGE);
    expect(stderr()).toMatch(/bad\.config\.json: unknown key 'function' \(expected functions, tables, stateMachines, eventSourceMappings\)\n$/);
  });
});
