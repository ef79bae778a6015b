// Does a Query page cost the same at 1,000 and at 1,000,000 items? The same 100-item page of a
// 1,000-item partition is read from a table holding only that partition and from one holding a
// million items in other partitions (in-process, where nothing but the store is timed).
// A million items make a heap large enough for garbage collection to show in any timing, so the
// small table is measured twice: alone, and side by side with the large one in the same heap.
// The second comparison is the store's own cost; the first adds what the bigger heap costs.
import { DynamoDB } from '../../packages/dynamodb/dist/index.js';
import { sideBySide } from './measure.mjs';
import { fill, schema, TABLE } from './scenarios.mjs';

async function table(total) {
  const db = new DynamoDB();
  const call = (op, input) => db.call(op, input);
  await call('createTable', schema);
  // One queried partition of 1,000 items; the rest of the table in other partitions.
  await fill(call, 1, 1000);
  for (let p = 0; p < Math.max(0, total - 1000) / 1000; p++)
    for (let s = 0; s < 1000; s += 25) {
      const batch = [];
      for (let k = s; k < s + 25; k++) batch.push({ PutRequest: { Item: { pk: { S: `o${p}` }, sk: { N: String(k) } } } });
      await call('batchWriteItem', { RequestItems: { [TABLE]: batch } });
    }
  return (i) =>
    call('query', {
      TableName: TABLE,
      KeyConditionExpression: 'pk = :p AND sk >= :s',
      ExpressionAttributeValues: { ':p': { S: 'p0' }, ':s': { N: String((i * 37) % 900) } },
      Limit: 100,
    });
}

/** @returns {Promise<{ smallAlone: number, smallSameHeap: number, large: number }>} µs per page */
export async function queryPageAtScale(largeTotal, ops) {
  const small = await table(1000);
  const [alone] = await sideBySide([{ run: small, ops }]);
  const large = await table(largeTotal);
  const [sameHeap, big] = await sideBySide([
    { run: small, ops },
    { run: large, ops },
  ]);
  return { smallAlone: alone.usPerOp, smallSameHeap: sameHeap.usPerOp, large: big.usPerOp };
}
