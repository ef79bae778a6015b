import { describe, expect, test } from 'vitest';
import { EXIT, runCli } from '../../src/cli/index.js';
import { memoryIo } from './memory-io.js';

describe('fogbank run', () => {
  test('prints the timeline, then the output, and exits 0 when the execution succeeds', async () => {
    const { io, stdout, stderr } = memoryIo();
    const code = await runCli(['run', 'hello.asl.json', '--input', '{"name":"Ada"}', '--virtual-time'], io);
    expect(code).toBe(EXIT.OK);
    expect(stderr()).toBe('');
    expect(stdout()).toMatchInlineSnapshot(`
      "Execution id-1 of hello (STANDARD)
      +0:00:00.000       Greet  Pass  0 ms
      +0:00:00.000       Done  Succeed  0 ms
      SUCCEEDED in 0 ms
      output: {
        "greeting": "hello Ada"
      }
      "
    `);
  });

  test('--json prints the result object only, as DescribeExecution has it', async () => {
    const { io, stdout } = memoryIo();
    const code = await runCli(['run', 'hello.asl.json', '--input', '{"name":"Ada"}', '--virtual-time', '--json'], io);
    expect(code).toBe(EXIT.OK);
    expect(JSON.parse(stdout())).toEqual({
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:hello:id-1',
      stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:hello',
      name: 'id-1',
      status: 'SUCCEEDED',
      startDate: '2025-01-01T00:00:00.000Z',
      stopDate: '2025-01-01T00:00:00.000Z',
      input: { name: 'Ada' },
      output: { greeting: 'hello Ada' },
    });
  });

  test('--history prints the AWS-shaped events', async () => {
    const { io, stdout } = memoryIo();
    await runCli(['run', 'hello.asl.json', '--input', '{"name":"Ada"}', '--virtual-time', '--history'], io);
    const { events } = JSON.parse(stdout()) as { events: Array<{ type: string; id: number; previousEventId: number }> };
    expect(events.map((e) => `${e.id}<-${e.previousEventId} ${e.type}`)).toEqual([
      '1<-0 ExecutionStarted',
      '2<-0 PassStateEntered',
      '3<-2 PassStateExited',
      '4<-3 SucceedStateEntered',
      '5<-4 SucceedStateExited',
      '6<-5 ExecutionSucceeded',
    ]);
  });

  test('each JSON line on stdin is one execution; the first that fails decides the exit code', async () => {
    const { io, stdout } = memoryIo({ stdin: '{"ok":true}\n\n{"ok":false}\n{"ok":true}\n' });
    const code = await runCli(['run', 'fail.asl.json', '--json'], io);
    expect(code).toBe(EXIT.FAILED);
    const lines = stdout().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((l) => [l['name'], l['status'], l['error'], l['cause']])).toEqual([
      ['id-1', 'SUCCEEDED', undefined, undefined],
      ['id-2', 'FAILED', 'Check.NotOk', 'ok was not true'],
      ['id-3', 'SUCCEEDED', undefined, undefined],
    ]);
  });

  test('a failed execution shows the failing state and exits 1', async () => {
    const { io, stdout } = memoryIo();
    const code = await runCli(['run', 'fail.asl.json', '--input', '{"ok":false}', '--virtual-time'], io);
    expect(code).toBe(EXIT.FAILED);
    expect(stdout()).toMatchInlineSnapshot(`
      "Execution id-1 of fail (STANDARD)
      +0:00:00.000       Check  Choice  0 ms
      +0:00:00.000       Broken  Fail  0 ms
                           failed: Check.NotOk: ok was not true
      FAILED in 0 ms
        Check.NotOk: ok was not true
      "
    `);
  });

  test('a failing Map iteration: the failed state and its Map are marked, iterations indented', async () => {
    const { io, stdout } = memoryIo();
    expect(await runCli(['run', 'map-fail.asl.json', '--input', '{"items":[1,2]}', '--virtual-time'], io)).toBe(EXIT.FAILED);
    expect(stdout()).toMatchInlineSnapshot(`
      "Execution id-1 of map-fail (STANDARD)
      +0:00:00.000       Each  Map  0 ms
                           failed
                           [iteration 0]
      +0:00:00.000           Check  Choice  0 ms
      +0:00:00.000           Good  Pass  0 ms
                           [iteration 1]
      +0:00:00.000           Check  Choice  0 ms
      +0:00:00.000           Bad  Fail  0 ms
                               failed
      FAILED in 0 ms
        Too.Big: item > 1
      "
    `);
  });

  test('on a terminal, a long execution shows the state it is in on stderr, cleared at the end', async () => {
    const { io, stdout, stderr } = memoryIo();
    const code = await runCli(['run', 'slow.asl.json'], { ...io, interactive: true });
    expect(code).toBe(EXIT.OK);
    expect(stderr()).toMatch(/^(\r\u001b\[Krunning: Nap \(Wait\))+\r\u001b\[K$/);
    expect(stdout()).toMatch(/Nap  Wait  1(\.\d+)? s\n/);
  });

  test('a timed-out execution exits 3, in simulated time with --virtual-time', async () => {
    const { io, stdout } = memoryIo();
    const code = await runCli(['run', 'timeout.asl.json', '--virtual-time', '--json'], io);
    expect(code).toBe(EXIT.TIMED_OUT);
    expect(JSON.parse(stdout())).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout', stopDate: '2025-01-01T00:00:05.000Z' });
  });

  test('Express keeps no history: the timeline says so and still prints the output', async () => {
    const { io, stdout } = memoryIo();
    const code = await runCli(['run', 'hello.asl.json', '--type', 'express', '--input', '{"name":"Ada"}'], io);
    expect(code).toBe(EXIT.OK);
    expect(stdout()).toContain('Express executions keep no history (as on AWS)');
    expect(stdout()).toContain('"greeting": "hello Ada"');
  });

  test.for([
    { name: 'an invalid definition', argv: ['run', 'invalid.asl.json'], message: 'is not a valid state machine:\n  ERROR MISSING_TRANSITION_TARGET at /States/A/Next: Missing \'Next\' target: B' },
    { name: 'a missing file', argv: ['run', 'nope.asl.json'], message: 'File not found: ' },
    { name: 'input that is not JSON', argv: ['run', 'hello.asl.json', '--input', '{oops'], message: '--input is not valid JSON' },
    { name: 'both --input and --input-file', argv: ['run', 'hello.asl.json', '--input', '{}', '--input-file', 'x.json'], message: 'Give either --input or --input-file, not both.' },
    { name: 'an unknown type', argv: ['run', 'hello.asl.json', '--type', 'fast'], message: "option '--type <type>' argument 'fast' is invalid" },
    { name: 'an unknown option', argv: ['run', 'hello.asl.json', '--inptu', '{}'], message: "unknown option '--inptu'" },
  ])('$name: nothing runs, the reason goes to stderr, exit 2', async ({ argv, message }) => {
    const { io, stdout, stderr } = memoryIo();
    expect(await runCli(argv, io)).toBe(EXIT.USAGE);
    expect(stdout()).toBe('');
    expect(stderr()).toContain(message);
  });
});
