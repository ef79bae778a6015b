// The floor for the HTTP contender: a node:http server that answers every request with a
// constant body and does no work. Its CPU per request is what the HTTP stack alone costs.
import { createServer } from 'node:http';

const body = Buffer.from('{"Item":{"pk":{"S":"p0"},"sk":{"N":"1"}}}');
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': body.byteLength });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => process.send?.({ url: `http://127.0.0.1:${server.address().port}` }));
process.on('message', (m) => {
  if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  if (m === 'exit') server.close(() => process.exit(0));
});
