// dynalite 4.0.0 as a contender: in memory (its default without `path`), in its own process so
// its CPU time is measured apart from the SDK client's, with the same message protocol as
// server-child.mjs. Tables turn ACTIVE after one timer tick instead of dynalite's 500 ms default.
import { createRequire } from 'node:module';

const dynalite = createRequire(import.meta.url)('dynalite');
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, '127.0.0.1', () => process.send?.({ url: `http://127.0.0.1:${server.address().port}` }));
process.on('message', (m) => {
  if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  // dynalite's close() waits for open connections (up to 30 s); the parent is done with them.
  if (m === 'exit') {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 500).unref();
  }
});
