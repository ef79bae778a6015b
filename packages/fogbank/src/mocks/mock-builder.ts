/**
 * A typed builder for Step Functions Local's mock configuration: the same structure as the file,
 * written in code.
 *
 * @example
 * const mocks = mockConfig()
 *   .response('LambdaOk', (r) => r.return({ StatusCode: 200, Payload: { ok: true } }))
 *   .response('LambdaFlaky', (r) => r.throw('Lambda.ServiceException', 'boom', { times: 2 }).return({ StatusCode: 200, Payload: {} }))
 *   .testCase('Orders', 'HappyPath', { Charge: 'LambdaOk' })
 *   .build(); // { StateMachines: {...}, MockedResponses: {...} }
 */
import type { Json } from '@fogbank/asl';
import type { MockConfig, MockedInvocation } from './mock-config.js';

/** The invocations of one mocked response, in order. */
export class MockedResponseBuilder {
  readonly #steps: Record<string, MockedInvocation> = {};
  #next = 0;

  /** The next invocation(s) return `value`. */
  return(value: Json, options: { times?: number } = {}): this {
    return this.#add({ Return: value }, options.times ?? 1);
  }

  /** The next invocation(s) fail with `error` and `cause`. */
  throw(error: string, cause: string, options: { times?: number } = {}): this {
    return this.#add({ Throw: { Error: error, Cause: cause } }, options.times ?? 1);
  }

  #add(invocation: MockedInvocation, times: number): this {
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`times must be a positive integer, got ${times}`);
    const key = times === 1 ? String(this.#next) : `${this.#next}-${this.#next + times - 1}`;
    this.#steps[key] = invocation;
    this.#next += times;
    return this;
  }

  /** @internal */
  toJSON(): Record<string, MockedInvocation> {
    return { ...this.#steps };
  }
}

export class MockConfigBuilder {
  readonly #config: MockConfig = { StateMachines: {}, MockedResponses: {} };

  /** Defines a mocked response by id. */
  response(id: string, define: (response: MockedResponseBuilder) => MockedResponseBuilder): this {
    this.#config.MockedResponses[id] = define(new MockedResponseBuilder()).toJSON();
    return this;
  }

  /** Defines a test case of a state machine: state name -> response id. */
  testCase(stateMachine: string, name: string, states: Record<string, string>): this {
    const machine = (this.#config.StateMachines[stateMachine] ??= { TestCases: {} });
    machine.TestCases[name] = { ...states };
    return this;
  }

  /** The configuration, in the file's structure. */
  build(): MockConfig {
    return structuredClone(this.#config);
  }
}

/** Starts a mock configuration in code. */
export function mockConfig(): MockConfigBuilder {
  return new MockConfigBuilder();
}
