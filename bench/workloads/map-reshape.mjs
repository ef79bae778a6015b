// An inline Map over an array of orders, each reshaped by ItemSelector (fields of the item from
// $$.Map.Item.Value, one field from the Map state's input), processed by a Pass state.

const CHUNK_SAFETY = 1;

/** @type {import('./types.mjs').Workload} */
export const mapReshape = {
  name: 'map-reshape',
  title: 'Map over items reshaped by ItemSelector',
  sizes: { full: 10_000, quick: 1_000, test: 30 },
  unit: 'items',

  definition: () => ({
    Comment: 'Reshapes every order line',
    StartAt: 'Lines',
    States: {
      Lines: {
        Type: 'Map',
        ItemsPath: '$.orders',
        ItemSelector: {
          'orderId.$': '$$.Map.Item.Value.id',
          'sku.$': '$$.Map.Item.Value.sku',
          'quantity.$': '$$.Map.Item.Value.qty',
          'unitPrice.$': '$$.Map.Item.Value.price',
          'currency.$': '$.currency',
          source: 'bench',
        },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'Line',
          States: { Line: { Type: 'Pass', End: true } },
        },
        End: true,
      },
    },
  }),

  transitions: (size) => size + 1,

  // Standard history per item: MapIterationStarted, PassStateEntered, PassStateExited,
  // MapIterationSucceeded.
  eventsPerUnit: 4 + CHUNK_SAFETY,

  async drive(execute, size, { unitsPerExecution = Infinity } = {}) {
    const orders = makeOrders(size);
    // Chunked for Standard (see counter-loop.mjs); the concatenated output is the same.
    const out = [];
    for (let start = 0; start < size; start += unitsPerExecution) {
      const part = await execute({ currency: 'EUR', orders: orders.slice(start, start + unitsPerExecution) });
      for (const line of part) out.push(line);
    }
    return out;
  },

  handWritten() {
    const line = async (item) => item;
    return async (input) =>
      Promise.all(
        input.orders.map((o) =>
          line({ orderId: o.id, sku: o.sku, quantity: o.qty, unitPrice: o.price, currency: input.currency, source: 'bench' }),
        ),
      );
  },
};

function makeOrders(size) {
  return Array.from({ length: size }, (_, i) => ({
    id: `order-${i}`,
    sku: `SKU-${i % 97}`,
    qty: (i % 7) + 1,
    price: (i % 100) + 0.25,
    note: 'not selected',
  }));
}
