// An inline Map over an array of orders, each reshaped by ItemSelector (a field of the item from
// $$.Map.Item.Value, one field from the Map state's input, one field dropped), processed by a
// Pass state. Items are small on purpose: AWS caps every payload at 256 KiB
// (States.DataLimitExceeded), and 10,000 results must fit in the Map's output.

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
        ItemSelector: { 'id.$': '$$.Map.Item.Value.id', 'c.$': '$.c' },
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

  // The same Map in JSONata: Items and an ItemSelector of expressions.
  jsonataDefinition: () => ({
    Comment: 'Reshapes every order line',
    QueryLanguage: 'JSONata',
    StartAt: 'Lines',
    States: {
      Lines: {
        Type: 'Map',
        Items: '{% $states.input.orders %}',
        ItemSelector: { id: '{% $states.context.Map.Item.Value.id %}', c: '{% $states.input.c %}' },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'Line',
          States: { Line: { Type: 'Pass', End: true } },
        },
        End: true,
      },
    },
  }),

  // Standard history per item: MapIterationStarted, PassStateEntered, PassStateExited,
  // MapIterationSucceeded.
  eventsPerUnit: 4,

  async drive(execute, size, { unitsPerExecution = Infinity } = {}) {
    const orders = makeOrders(size);
    // Chunked for Standard (see counter-loop.mjs); the concatenated output is the same.
    const out = [];
    for (let start = 0; start < size; start += unitsPerExecution) {
      const part = await execute({ c: 'EU', orders: orders.slice(start, start + unitsPerExecution) });
      for (const line of part) out.push(line);
    }
    return out;
  },

  handWritten() {
    const line = async (item) => item;
    return async (input) =>
      Promise.all(
        input.orders.map((o) =>
          line({ id: o.id, c: input.c }),
        ),
      );
  },

  // Every item's output is a new object either way.
  floor() {
    return (input) => input.orders.map((o) => ({ id: o.id, c: input.c }));
  },
};

function makeOrders(size) {
  return Array.from({ length: size }, (_, i) => ({ id: i, q: (i % 7) + 1 }));
}
