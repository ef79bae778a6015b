/**
 * Step Functions Local's mock configuration file (`MockConfigFile.json`), accepted unchanged
 * (https://docs.aws.amazon.com/step-functions/latest/dg/sfn-local-mock-cfg-file.html):
 * `StateMachines.<name>.TestCases.<case>.<state> -> response id`, and `MockedResponses.<id>`
 * mapping invocation numbers (`"0"`, ranges `"1-2"`) to exactly one `Return` or `Throw`.
 * A test case is chosen by starting the execution on `<state machine ARN>#<test case>`.
 */
import { readFileSync } from 'node:fs';
import type { Json } from '@fogbank/asl';

/** One mocked invocation: a result, or an error with its cause. */
export type MockedInvocation = { Return: Json } | { Throw: { Error: string; Cause: string } };

/** The mock configuration, as Step Functions Local reads it. */
export interface MockConfig {
  StateMachines: Record<string, { TestCases: Record<string, Record<string, string>> }>;
  MockedResponses: Record<string, Record<string, MockedInvocation>>;
}

/** A mock file that is not well formed: says what is wrong and where. */
export class MockConfigError extends Error {
  override readonly name = 'MockConfigError';
  readonly code = 'FOGBANK_MOCK_CONFIG';
}

interface Range {
  readonly from: number;
  readonly to: number;
  readonly invocation: MockedInvocation;
}

/** A checked configuration with its ranges parsed, ready for lookups. */
export class ResolvedMockConfig {
  private constructor(
    private readonly cases: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, readonly Range[]>>>,
  ) {}

  /** Checks a configuration object, or reads and checks a JSON file. */
  static from(config: MockConfig | string): ResolvedMockConfig {
    const raw: unknown = typeof config === 'string' ? readJson(config) : config;
    if (!isRecord(raw)) throw new MockConfigError('The mock configuration must be a JSON object with StateMachines and MockedResponses.');
    const machines = raw['StateMachines'];
    const responses = raw['MockedResponses'];
    if (!isRecord(machines)) throw new MockConfigError('StateMachines: must be an object of state machine names.');
    if (!isRecord(responses)) throw new MockConfigError('MockedResponses: must be an object of response ids.');
    const parsedResponses = new Map<string, Range[]>();
    for (const [id, steps] of Object.entries(responses)) parsedResponses.set(id, parseResponse(id, steps));
    const cases = new Map<string, Map<string, Map<string, Range[]>>>();
    for (const [machine, body] of Object.entries(machines)) {
      const testCases = isRecord(body) ? body['TestCases'] : undefined;
      if (!isRecord(testCases)) throw new MockConfigError(`StateMachines.${machine}.TestCases: must be an object of test cases.`);
      const byCase = new Map<string, Map<string, Range[]>>();
      for (const [name, states] of Object.entries(testCases)) {
        if (!isRecord(states)) throw new MockConfigError(`StateMachines.${machine}.TestCases.${name}: must map state names to response ids.`);
        const byState = new Map<string, Range[]>();
        for (const [state, id] of Object.entries(states)) {
          const ranges = typeof id === 'string' ? parsedResponses.get(id) : undefined;
          if (ranges === undefined) {
            throw new MockConfigError(`StateMachines.${machine}.TestCases.${name}.${state}: response '${String(id)}' is not in MockedResponses.`);
          }
          byState.set(state, ranges);
        }
        byCase.set(name, byState);
      }
      cases.set(machine, byCase);
    }
    return new ResolvedMockConfig(cases);
  }

  /** The states a test case mocks (`undefined` when the machine or test case is not configured). */
  testCase(machine: string, name: string): ReadonlyMap<string, readonly Range[]> | undefined {
    return this.cases.get(machine)?.get(name);
  }
}

/** The mocked answer to the `invocation`-th call (0-based) of a state, if the response defines one. */
export function invocationAt(ranges: readonly Range[], invocation: number): MockedInvocation | undefined {
  return ranges.find((r) => invocation >= r.from && invocation <= r.to)?.invocation;
}

function parseResponse(id: string, steps: unknown): Range[] {
  if (!isRecord(steps)) throw new MockConfigError(`MockedResponses.${id}: must map invocation numbers to Return or Throw.`);
  const ranges: Range[] = [];
  for (const [key, entry] of Object.entries(steps)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(key);
    if (m === null) throw new MockConfigError(`MockedResponses.${id}.${key}: the key must be an invocation number ("0") or a range ("1-2").`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) throw new MockConfigError(`MockedResponses.${id}.${key}: the range ends before it starts.`);
    if (!isRecord(entry)) throw new MockConfigError(`MockedResponses.${id}.${key}: must be { "Return": ... } or { "Throw": ... }.`);
    const hasReturn = 'Return' in entry;
    const hasThrow = 'Throw' in entry;
    if (hasReturn === hasThrow) throw new MockConfigError(`MockedResponses.${id}.${key}: must hold exactly one of Return and Throw.`);
    let invocation: MockedInvocation;
    if (hasThrow) {
      const thrown = entry['Throw'];
      if (!isRecord(thrown) || typeof thrown['Error'] !== 'string' || typeof thrown['Cause'] !== 'string') {
        throw new MockConfigError(`MockedResponses.${id}.${key}.Throw: needs the strings Error and Cause.`);
      }
      invocation = { Throw: { Error: thrown['Error'], Cause: thrown['Cause'] } };
    } else invocation = { Return: entry['Return'] as Json };
    const overlap = ranges.find((r) => from <= r.to && to >= r.from);
    if (overlap !== undefined) throw new MockConfigError(`MockedResponses.${id}.${key}: overlaps invocations ${overlap.from}-${overlap.to}.`);
    ranges.push({ from, to, invocation });
  }
  return ranges.sort((a, b) => a.from - b.from);
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new MockConfigError(`Cannot read the mock configuration file ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MockConfigError(`The mock configuration file ${file} is not JSON: ${(error as Error).message}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
