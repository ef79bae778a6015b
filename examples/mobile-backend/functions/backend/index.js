// The "simple mobile backend" blueprint: one function answers every operation a mobile app sends
// (`{ "operation": "create", "payload": { "Item": { "PK": "id1", ... } } }`) against one table.
// The code is what deploys to AWS: no endpoint, no credentials, the table from the environment,
// the SDK from the Node.js runtime (CommonJS `require`, so nothing is bundled).
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} = require('@aws-sdk/lib-dynamodb');

// Created once per execution environment and reused by every invocation it serves.
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

// The operations that go to the table, each taking the payload as its command's input.
const commands = {
  create: PutCommand,
  read: GetCommand,
  update: UpdateCommand,
  delete: DeleteCommand,
  list: ScanCommand,
};

exports.handler = async (event) => {
  const { operation, payload = {} } = event;
  if (operation === 'echo') return payload;
  if (operation === 'ping') return 'pong';
  const Command = Object.hasOwn(commands, operation) ? commands[operation] : undefined;
  if (Command === undefined) throw new Error(`Unrecognized operation "${operation}"`);
  // The app never names the table: the deployment does, so one client serves stage and prod.
  const { $metadata, ...output } = await documents.send(new Command({ ...payload, TableName: process.env.DYNAMO_DB_TABLE }));
  return output;
};
