// The harness: contenders measured side by side. Every contender runs one timed chunk per round,
// in turn, for five rounds, so a change in the shared machine's load weighs on all of them alike;
// the median chunk is reported. A contender with a server process is also asked for that
// process's CPU time (process.cpuUsage) before and after each chunk, so the SDK client's own
// cost, which dominates wall time over HTTP, is left out of the server's figure.
import { performance } from 'node:perf_hooks';

const ROUNDS = 5;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * @param {{ run: (i: number) => Promise<unknown>, ops: number, cpu?: () => Promise<number> }[]} contenders
 *   `ops` is the total number of timed operations; `cpu()` answers the server's CPU time in µs.
 * @returns {Promise<{ opsPerSecond: number, usPerOp: number, serverCpuUsPerOp?: number }[]>}
 */
export async function sideBySide(contenders) {
  const next = contenders.map(() => 0);
  // Warm-up: the JIT of both the client and the server settles before anything is timed.
  for (const [k, c] of contenders.entries()) {
    const warm = Math.min(200, Math.ceil(c.ops / 10));
    for (let j = 0; j < warm; j++) await c.run(next[k]++);
  }
  const samples = contenders.map(() => ({ ms: [], cpu: [] }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [k, c] of contenders.entries()) {
      const chunk = Math.ceil(c.ops / ROUNDS);
      const cpuBefore = c.cpu ? await c.cpu() : 0;
      const start = performance.now();
      for (let j = 0; j < chunk; j++) await c.run(next[k]++);
      samples[k].ms.push((performance.now() - start) / chunk);
      if (c.cpu) samples[k].cpu.push(((await c.cpu()) - cpuBefore) / chunk);
    }
  }
  return samples.map(({ ms, cpu }) => {
    const perOp = median(ms);
    const result = { opsPerSecond: Math.round(1000 / perOp), usPerOp: +(perOp * 1000).toFixed(2) };
    if (cpu.length > 0) result.serverCpuUsPerOp = +median(cpu).toFixed(1);
    return result;
  });
}
