import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { EXIT, runCli } from '../../src/cli/index.js';
import { memoryIo } from './memory-io.js';

/** Runs tasks.asl.json and keeps its history in a file, as a user would with `--history > F`. */
async function recordedHistory(): Promise<string> {
  const { io, stdout } = memoryIo();
  await runCli(['run', 'tasks.asl.json', '--virtual-time', '--history'], io);
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'fogbank-graph-')), 'history.json');
  await writeFile(file, stdout());
  return file;
}

describe('fogbank graph', () => {
  test('Mermaid: states, Next, Choice and Default edges, Catch edges dotted, Parallel branches as subgraphs', async () => {
    const { io, stdout } = memoryIo();
    expect(await runCli(['graph', 'fail.asl.json'], io)).toBe(EXIT.OK);
    expect(stdout()).toMatchInlineSnapshot(`
      "flowchart TD
        n0(["Start"])
        n1{"Check<br/><small>Choice</small>"}
        n2["Fine<br/><small>Succeed</small>"]
        n3["Broken<br/><small>Fail</small>"]
        n4(["End"])
        n0 --> n1
        n1 -->|"$.ok BooleanEquals true"| n2
        n1 -->|"Default"| n3
        n2 --> n4
        n3 --> n4
      "
    `);
    const tasks = memoryIo();
    await runCli(['graph', 'tasks.asl.json'], tasks.io);
    expect(tasks.stdout()).toContain('n2 -.->|"Catch States.ALL"| n3');
    expect(tasks.stdout()).toContain('subgraph n4["branch 0"]');
  });

  test('with --execution: visited, caught and failed states, retries counted, the path taken thick', async () => {
    const history = await recordedHistory();
    const { io, stdout } = memoryIo();
    expect(await runCli(['graph', 'tasks.asl.json', '--execution', history], io)).toBe(EXIT.OK);
    const text = stdout();
    expect(text).toContain('n1["Flaky<br/><small>Task</small><br/>↻ 1 retry"]');
    expect(text).toContain("class n1,n6,n10,n3 visited");
    expect(text).toContain('class n2 caught');
    expect(text).toContain('linkStyle 0,1,2,3,4,5,7,8 stroke:#2e7d32,stroke-width:3px');
  });

  test('a failed iteration marks its failing state and the Map red', async () => {
    const run = memoryIo();
    await runCli(['run', 'map-fail.asl.json', '--input', '{"items":[1,2]}', '--virtual-time', '--history'], run.io);
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'fogbank-graph-')), 'history.json');
    await writeFile(file, run.stdout());
    const { io, stdout } = memoryIo();
    await runCli(['graph', 'map-fail.asl.json', '--execution', file], io);
    expect(stdout()).toContain('class n3,n4 visited\n  class n5,n1 failed\n');
  });

  test('SVG and HTML carry the same marks; HTML is self-contained', async () => {
    const history = await recordedHistory();
    const svg = memoryIo();
    await runCli(['graph', 'tasks.asl.json', '--format', 'svg', '--execution', history], svg.io);
    expect(svg.stdout()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.stdout()).toContain('<g class="state caught" data-state="Boom">');
    expect(svg.stdout()).toContain('<g class="retries">');
    expect(svg.stdout().match(/class="edge [a-z]+ taken"/g)).toHaveLength(8);
    const html = memoryIo();
    await runCli(['graph', 'tasks.asl.json', '--format', 'html'], html.io);
    expect(html.stdout()).toMatch(/^<!doctype html>/);
    expect(html.stdout()).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  test('an invalid definition is not drawn (exit 2); a file without events is refused', async () => {
    const invalid = memoryIo();
    expect(await runCli(['graph', 'invalid.asl.json'], invalid.io)).toBe(EXIT.USAGE);
    expect(invalid.stderr()).toContain('MISSING_TRANSITION_TARGET');
    const noEvents = memoryIo();
    expect(await runCli(['graph', 'hello.asl.json', '--execution', 'hello.asl.json'], noEvents.io)).toBe(EXIT.USAGE);
    expect(noEvents.stderr()).toContain('holds no execution history');
  });
});
