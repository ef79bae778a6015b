// Named DynamoDB scenarios. Each takes a `call(op, input)` (in-process API or SDK client) and
// returns { setup, run } where `run(i)` performs one operation.

const TABLE = 'bench';
const schema = {
  TableName: TABLE,
  BillingMode: 'PAY_PER_REQUEST',
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'N' },
  ],
};

const item = (pk, sk) => ({ pk: { S: pk }, sk: { N: String(sk) }, name: { S: `item ${sk}` }, count: { N: '0' }, tags: { SS: ['a', 'b'] } });

async function fill(call, partitions, perPartition) {
  for (let p = 0; p < partitions; p++) {
    for (let s = 0; s < perPartition; s += 25) {
      const batch = [];
      for (let k = s; k < Math.min(s + 25, perPartition); k++) batch.push({ PutRequest: { Item: item(`p${p}`, k) } });
      await call('batchWriteItem', { RequestItems: { [TABLE]: batch } });
    }
  }
}

export const scenarios = {
  put: async (call) => {
    await call('createTable', schema);
    return (i) => call('putItem', { TableName: TABLE, Item: item(`p${i % 100}`, i) });
  },
  get: async (call) => {
    await call('createTable', schema);
    await fill(call, 1, 1000);
    return (i) => call('getItem', { TableName: TABLE, Key: { pk: { S: 'p0' }, sk: { N: String(i % 1000) } } });
  },
  query: async (call) => {
    await call('createTable', schema);
    await fill(call, 1, 1000);
    // One page of 100 items from a 1,000-item partition, starting at a varying key.
    return (i) =>
      call('query', {
        TableName: TABLE,
        KeyConditionExpression: 'pk = :p AND sk >= :s',
        ExpressionAttributeValues: { ':p': { S: 'p0' }, ':s': { N: String((i * 37) % 900) } },
        Limit: 100,
      });
  },
  conditionalUpdate: async (call) => {
    await call('createTable', schema);
    await fill(call, 1, 1000);
    return (i) =>
      call('updateItem', {
        TableName: TABLE,
        Key: { pk: { S: 'p0' }, sk: { N: String(i % 1000) } },
        UpdateExpression: 'SET #c = #c + :one',
        ConditionExpression: 'attribute_exists(pk) AND #c >= :zero',
        ExpressionAttributeNames: { '#c': 'count' },
        ExpressionAttributeValues: { ':one': { N: '1' }, ':zero': { N: '0' } },
      });
  },
  scan: async (call) => {
    await call('createTable', schema);
    await fill(call, 10, 100);
    return () => call('scan', { TableName: TABLE, FilterExpression: 'contains(tags, :a)', ExpressionAttributeValues: { ':a': { S: 'a' } } });
  },
  transaction: async (call) => {
    await call('createTable', schema);
    await fill(call, 1, 1000);
    return (i) =>
      call('transactWriteItems', {
        TransactItems: [
          { Update: { TableName: TABLE, Key: { pk: { S: 'p0' }, sk: { N: String(i % 500) } }, UpdateExpression: 'ADD #c :one', ExpressionAttributeNames: { '#c': 'count' }, ExpressionAttributeValues: { ':one': { N: '1' } } } },
          { ConditionCheck: { TableName: TABLE, Key: { pk: { S: 'p0' }, sk: { N: String(500 + (i % 500)) } }, ConditionExpression: 'attribute_exists(pk)' } },
        ],
      });
  },
};

export { fill, schema, TABLE };
