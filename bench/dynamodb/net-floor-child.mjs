// The floor for a server on node:net, as fogbank's is: a socket server that frames requests by
// their Content-Length and answers each with a constant response, doing no other work. Its CPU
// per request is what the event loop, the socket reads and the writes alone cost.
import { createServer } from 'node:net';

const body = '{"Item":{"pk":{"S":"p0"},"sk":{"N":"1"}}}';
const response = Buffer.from(`HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: ${body.length}\r\n\r\n${body}`, 'latin1');
const server = createServer({ noDelay: true }, (socket) => {
  let pending = Buffer.alloc(0);
  socket.on('data', (data) => {
    pending = pending.length === 0 ? data : Buffer.concat([pending, data]);
    for (;;) {
      const end = pending.indexOf('\r\n\r\n');
      if (end === -1) return;
      const length = Number(/content-length: *(\d+)/i.exec(pending.toString('latin1', 0, end))?.[1] ?? 0);
      if (pending.length < end + 4 + length) return;
      pending = pending.subarray(end + 4 + length);
      socket.write(response);
    }
  });
  socket.on('error', () => socket.destroy());
});
server.listen(0, '127.0.0.1', () => process.send?.({ url: `http://127.0.0.1:${server.address().port}` }));
process.on('message', (m) => {
  if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  if (m === 'exit') process.exit(0);
});
