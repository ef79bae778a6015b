import fc from 'fast-check';
import { jsonValue } from '@fogbank/asl/arbitraries';
import { isJsonObject, type Json } from '../../src/json.js';

// Small damage to a valid definition: the inputs that find crashes in a validator or compiler
// are the ones that are almost right.

type Step = string | number;

function nodes(doc: Json, at: Step[] = [], out: Step[][] = []): Step[][] {
  out.push(at);
  if (Array.isArray(doc)) doc.forEach((v, i) => nodes(v, [...at, i], out));
  else if (isJsonObject(doc)) for (const [k, v] of Object.entries(doc)) nodes(v, [...at, k], out);
  return out;
}

function edit(doc: Json, at: Step[], change: (node: Json) => Json | undefined): Json {
  if (at.length === 0) return change(doc) ?? null;
  const [step, ...rest] = at as [Step, ...Step[]];
  if (Array.isArray(doc)) {
    const copy = doc.slice();
    const child = edit(copy[step as number]!, rest, change);
    copy[step as number] = child;
    return copy;
  }
  const copy = { ...(doc as Record<string, Json>) };
  if (rest.length === 0) {
    const next = change(copy[step as string]!);
    if (next === undefined) delete copy[step as string];
    else copy[step as string] = next;
    return copy;
  }
  copy[step as string] = edit(copy[step as string]!, rest, change);
  return copy;
}

/** `doc` with one node replaced by another JSON value, deleted, or given an extra field. */
export function mutation(doc: Json): fc.Arbitrary<Json> {
  const all = nodes(doc).filter((p) => p.length > 0);
  const replacement = fc.oneof(
    jsonValue({ maxDepth: 1 }),
    fc.constantFrom('$.x', '$$', 'States.Format(', 'Nope', -1, 0, 1.5, 99999999999, '', 'States.ALL', '2025-13-01T00:00:00Z'),
  );
  return fc.tuple(fc.constantFrom(...all), fc.constantFrom('replace', 'delete', 'add'), replacement, fc.constantFrom('Next', 'End', 'Type', 'Seconds', 'ResultPath', 'Retry', 'Catch', 'Default', 'Branches', 'Parameters'))
    .map(([at, how, value, field]) =>
      edit(doc, at, (node) => {
        if (how === 'delete') return undefined;
        if (how === 'add' && isJsonObject(node)) return { ...node, [field]: value };
        return value;
      }),
    );
}
