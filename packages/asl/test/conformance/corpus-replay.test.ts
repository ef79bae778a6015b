/**
 * The comparison against the corpus itself: every selected case's recorded outcome, played back
 * as if fogbank had produced it (payload fields as JSON text, as fogbank's history holds them),
 * must match, and the same outcome with one event dropped or the status changed must not.
 */
import { describe, expect, test } from 'vitest';
import { CORPUS_DIR, corpusAvailable, selectedCases, type ExecutionCase, type Json } from './corpus.js';
import { compareCase, type ActualExecution } from './run-case.js';

const PAYLOAD_FIELDS = new Set(['input', 'output', 'parameters', 'result']);

/** A recorded event as fogbank's history would hold it: payloads and assigned variables as JSON text. */
function asHistoryEvent(event: Json): unknown {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return event;
  const out: Record<string, unknown> = { timestamp: new Date(0) };
  for (const [key, value] of Object.entries(event)) {
    if (!key.endsWith('EventDetails') || value === null || typeof value !== 'object' || Array.isArray(value)) {
      out[key] = value;
      continue;
    }
    const details: Record<string, unknown> = {};
    for (const [field, v] of Object.entries(value)) {
      if (PAYLOAD_FIELDS.has(field)) details[field] = JSON.stringify(v);
      else if (field === 'assignedVariables' && v !== null && typeof v === 'object' && !Array.isArray(v)) {
        details[field] = Object.fromEntries(Object.entries(v).map(([name, x]) => [name, JSON.stringify(x)]));
      } else if (field === 'cause' && v !== null && typeof v === 'object') details[field] = JSON.stringify(v);
      else details[field] = v;
    }
    out[key] = details;
  }
  return out;
}

function replay(c: ExecutionCase): ActualExecution {
  const e = c.expected;
  return {
    status: e.status,
    ...(e.output !== undefined ? { output: e.output } : {}),
    ...(e.error !== undefined ? { error: e.error } : {}),
    ...(e.cause !== undefined ? { cause: typeof e.cause === 'object' && e.cause !== null ? JSON.stringify(e.cause) : e.cause } : {}),
    events: (e.events ?? []).map(asHistoryEvent),
  };
}

const available = corpusAvailable();

describe.skipIf(!available)(available ? 'recorded outcomes played back' : `recorded outcomes played back (skipped: no corpus at ${CORPUS_DIR})`, () => {
  const cases = available ? selectedCases() : [];

  test('match themselves', () => {
    const failing = cases.map((c) => [c.id, compareCase(c, replay(c))] as const).filter(([, m]) => m.length > 0);
    expect(failing.slice(0, 3)).toEqual([]);
  });

  test('do not match with another status or one event less', () => {
    const lenient = cases.filter((c) => {
      const actual = replay(c);
      const otherStatus = compareCase(c, { ...actual, status: actual.status === 'SUCCEEDED' ? 'FAILED' : 'SUCCEEDED' });
      const fewer = c.expected.events === undefined ? [1] : compareCase(c, { ...actual, events: actual.events.slice(0, -1) });
      return otherStatus.length === 0 || fewer.length === 0;
    });
    expect(lenient.map((c) => c.id)).toEqual([]);
  });
});
