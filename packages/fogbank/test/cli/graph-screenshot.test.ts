/**
 * `fogbank graph --format html` opened in headless Chromium (Debian's `chromium` in CI): the page
 * renders the graph, with the console's colours for visited, caught states. Skipped, with the
 * reason in its name, where no Chromium is on the PATH.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/index.js';
import { memoryIo } from './memory-io.js';

const chromium = ['chromium', 'chromium-browser', 'google-chrome'].find((bin) => spawnSync(bin, ['--version'], { stdio: 'ignore' }).status === 0);

/** Counts the pixels of each exact colour in an 8-bit RGB or RGBA PNG (Chromium's screenshots). */
function colourCounts(png: Buffer): Map<string, number> {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const channels = png[25] === 6 ? 4 : 3;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const row = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    const up = rows[y - 1];
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? row[x - channels]! : 0;
      const b = up?.[x] ?? 0;
      const c = x >= channels && up !== undefined ? up[x - channels]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]!;
      row[x] = (row[x]! + predictor) & 0xff;
    }
    rows.push(row);
  }
  const counts = new Map<string, number>();
  for (const row of rows) {
    for (let x = 0; x < stride; x += channels) {
      const hex = `#${[row[x]!, row[x + 1]!, row[x + 2]!].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
      counts.set(hex, (counts.get(hex) ?? 0) + 1);
    }
  }
  return counts;
}

describe.skipIf(chromium === undefined)(chromium !== undefined ? 'the HTML graph in headless Chromium' : 'the HTML graph in headless Chromium (skipped: no chromium on PATH)', () => {
  test('renders the states with the visited and caught colours of an execution', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fogbank-screenshot-'));
    const run = memoryIo();
    await runCli(['run', 'tasks.asl.json', '--virtual-time', '--history'], run.io);
    await writeFile(path.join(dir, 'history.json'), run.stdout());
    const graph = memoryIo();
    await runCli(['graph', 'tasks.asl.json', '--format', 'html', '--execution', path.join(dir, 'history.json')], graph.io);
    await writeFile(path.join(dir, 'graph.html'), graph.stdout());
    const shot = path.join(dir, 'graph.png');
    execFileSync(chromium!, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--window-size=900,1000', `--screenshot=${shot}`, `file://${path.join(dir, 'graph.html')}`], { stdio: 'ignore', timeout: 30_000 });
    const counts = colourCounts(await readFile(shot));
    // Flaky, Echo, Pause and the Parallel container are filled green; Boom (caught) orange-yellow.
    expect(counts.get('#d4edda') ?? 0).toBeGreaterThan(50_000);
    expect(counts.get('#fff3cd') ?? 0).toBeGreaterThan(3_000);
    expect(counts.get('#ffffff') ?? 0).toBeGreaterThan(counts.get('#d4edda')!);
  }, 60_000);
});
