// The HTTP contender's server, in its own process so its CPU time can be measured apart from
// the SDK client's. Answers 'cpu' messages with process.cpuUsage().
import { DynamoDB } from '../../packages/dynamodb/dist/index.js';
import { startServer } from '../../packages/server/dist/index.js';

const server = await startServer({ port: 0, dynamodb: new DynamoDB() });
process.send?.({ url: server.url });
process.on('message', (m) => {
  if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  if (m === 'exit') server.close().then(() => process.exit(0));
});
