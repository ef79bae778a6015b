import fc from 'fast-check';
import { jsonValue, STATE_TYPES } from '@fogbank/asl/arbitraries';
import { isJsonObject, type Json, type JsonObject } from '../../src/json.js';

// Documents for the ResultPath laws, shared by the compiled and the engine-level tests, and the
// state types the JSONata laws draw from.

/** The field names ResultPaths are made of in these tests. */
export const FIELDS = ['a', 'b', 'c'];

/** Documents whose keys overlap the ResultPath fields, so paths run into existing objects. */
export const overlapping: fc.Arbitrary<JsonObject> = fc.letrec<{ obj: JsonObject }>((tie) => ({
  obj: fc.dictionary(
    fc.constantFrom(...FIELDS, 'd'),
    fc.oneof({ depthSize: 'small', maxDepth: 3 }, jsonValue({ maxDepth: 1, maxLength: 2 }), tie('obj')),
    { maxKeys: 4, noNullPrototype: true },
  ),
})).obj;

/** Whether every node along `path` (but the last) is an object or absent. */
export function applicable(input: Json, path: string): boolean {
  let node: Json | undefined = input;
  const names = path.split('.').slice(1);
  for (const name of names) {
    if (node === undefined) return true;
    if (!isJsonObject(node)) return false;
    node = Object.prototype.hasOwnProperty.call(node, name) ? node[name] : undefined;
  }
  return true;
}


/**
 * The state types of the JSONata laws: all of them. (Parallel and Map were left out until a
 * branch aborted during an awaited JSONata evaluation stopped recording events after the end.)
 */
export const JSONATA_TYPES = STATE_TYPES;
