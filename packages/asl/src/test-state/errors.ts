/**
 * The errors TestState answers a request with before running anything, named as AWS names them
 * (`ValidationException`, `InvalidDefinition`) and worded as AWS words them.
 */

/** AWS's exception names for a rejected TestState request. */
export type TestStateErrorName = 'ValidationException' | 'InvalidDefinition';

/**
 * Thrown by `testState()` when AWS would reject the request itself (HTTP 400): `name` is AWS's
 * exception name and `message` AWS's text.
 *
 * @example
 * try { await testState({ definition: { Type: 'Pass', End: true }, mock: { result: '{}' } }) }
 * catch (e) { e.name; e.message } // 'ValidationException', "State type 'Pass' is not supported when a mock is specified"
 */
export class TestStateError extends Error {
  override readonly name: TestStateErrorName;
  constructor(name: TestStateErrorName, message: string) {
    super(message);
    this.name = name;
  }
}

export function validationError(message: string): TestStateError {
  return new TestStateError('ValidationException', message);
}

export function invalidDefinition(message: string): TestStateError {
  return new TestStateError('InvalidDefinition', message);
}
