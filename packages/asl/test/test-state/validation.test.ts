import { testState, TestStateError, virtualClock, type TestStateRequest } from '@fogbank/asl';
import { describe, expect, test } from 'vitest';

const task = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'Payload.$': '$' }, End: true };
const parallel = { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', End: true } } }], End: true };
const map = { Type: 'Map', ItemProcessor: { StartAt: 'B', States: { B: { Type: 'Pass', End: true } } }, End: true };
const startExecution = { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution', Parameters: { StateMachineArn: 'arn' }, End: true };

async function rejection(request: TestStateRequest): Promise<string> {
  try {
    await testState(request, { clock: virtualClock(0) });
  } catch (error) {
    if (error instanceof TestStateError) return `${error.name}: ${error.message}`;
    throw error;
  }
  throw new Error('the request was not rejected');
}

describe('requests AWS rejects, with its exception names and texts', () => {
  test.for<[string, TestStateRequest, string]>([
    ['both mock fields', { definition: task, mock: { result: '{}', errorOutput: { error: 'E' } } }, 'ValidationException: A test mock should have only one of the following fields: [result, errorOutput].'],
    ['RevealSecrets with a mock', { definition: task, mock: { result: '{}' }, revealSecrets: true }, 'ValidationException: TestState does not support RevealSecrets when a mock is specified.'],
    ['a mock on Pass', { definition: { Type: 'Pass', End: true }, mock: { result: '{}' } }, "ValidationException: State type 'Pass' is not supported when a mock is specified"],
    ['a mock on Succeed', { definition: { Type: 'Succeed' }, mock: { errorOutput: { error: 'E' } } }, "ValidationException: State type 'Succeed' is not supported when a mock is specified"],
    ['a Map without a mock', { definition: map }, 'InvalidDefinition: TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]'],
    ['a Parallel without a mock', { definition: parallel }, 'InvalidDefinition: TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]'],
    ['MapIterationFailureCount without a mock', { definition: map, stateConfiguration: { mapIterationFailureCount: 1 } }, 'ValidationException: TestState does not support MapIterationFailureCount when a mock is not specified.'],
    ['a Task without role or mock', { definition: task }, 'ValidationException: RoleArn must be specified when testing a Task state'],
    ['a Parallel mock that is not an array', { definition: parallel, mock: { result: '{}' } }, 'ValidationException: Mocked result must be an array.'],
    ['a Parallel mock of the wrong length', { definition: parallel, mock: { result: '[1, 2]' } }, 'ValidationException: Mocked result must contain the same number of items as number of Parallel branches.'],
    ['more failed iterations than items', { definition: map, mock: { result: '[1]' }, stateConfiguration: { mapIterationFailureCount: 2 } }, 'ValidationException: Map iteration failure count must be less than or equal to the number of Map iterations'],
    ['a state name not in the machine', { definition: { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }, stateName: 'B' }, 'ValidationException: State not found in definition'],
    ['an invalid single state', { definition: { Type: 'Parallel', Branches: [], End: true }, mock: { result: '[]' } }, "InvalidDefinition: Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/StateName/Branches'"],
    ['an unknown context section', { definition: startExecution, mock: { result: '{"ExecutionArn": "a", "StartDate": "d"}' }, context: '{"Pokedex": {}}' }, "ValidationException: Invalid Context object provided: Field 'Pokedex' is not allowed"],
    ['a context Map section', { definition: startExecution, mock: { result: '{"ExecutionArn": "a", "StartDate": "d"}' }, context: { Map: {} } }, "ValidationException: Invalid Context object provided: 'Map' field is not supported when mocking a Context object"],
    ['a mistyped context field', { definition: startExecution, mock: { result: '{"ExecutionArn": "a", "StartDate": "d"}' }, context: { Execution: { Id: 1 } } }, 'ValidationException: Invalid Context object provided: Execution.Id must be a string'],
    [
      'a context Task section on a request-response Task',
      { definition: task, mock: { result: '{}' }, context: { Task: { Token: 't' } } },
      "ValidationException: Invalid Context object provided: Context object contains 'Task' when state is not a Task state with a '.sync' or '.waitForTaskToken' service integration pattern",
    ],
    [
      'a negative retry count',
      { definition: task, mock: { result: '{}' }, stateConfiguration: { retrierRetryCount: -1 } },
      "ValidationException: 1 validation error detected: Value '-1' at 'stateConfiguration.retrierRetryCount' failed to satisfy constraint: Member must have value greater than or equal to 0",
    ],
    [
      'an empty stateName',
      { definition: { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }, stateName: '' },
      "ValidationException: 1 validation error detected: Value '' at 'stateName' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ],
  ])('%s', async ([, request, expected]) => {
    expect(await rejection(request)).toBe(expected);
  });
});

describe('mocked results checked against the API model (fieldValidationMode)', () => {
  test.for<[string, object, string]>([
    ['STRICT requires required fields', {}, "Mock result schema validation error: Required field 'ExecutionArn' is missing"],
    ['a timestamp must be a string', { ExecutionArn: 'a', StartDate: 17 }, "Mock result schema validation error: Field 'StartDate' must be a string"],
  ])('startExecution: %s', async ([, result, message]) => {
    expect(await rejection({ definition: startExecution, mock: { result: JSON.stringify(result) } })).toBe(`ValidationException: ${message}`);
  });

  test.for<[string, string, object, string]>([
    ['arn:aws:states:::aws-sdk:s3:getObject', 'enum', { StorageClass: 'Papyrus' }, "Field 'StorageClass' is not an expected value"],
    ['arn:aws:states:::aws-sdk:s3:getObject', 'long', { ContentLength: '9000' }, "Field 'ContentLength' must be a number"],
    ['arn:aws:states:::aws-sdk:kms:encrypt', 'blob length', { CiphertextBlob: '' }, "Field 'CiphertextBlob' is smaller than the minimum length"],
    ['arn:aws:states:::aws-sdk:lambda:getFunction', 'maximum', { Configuration: { MemorySize: 10241 } }, "Field 'MemorySize' exceeds the maximum value"],
    ['arn:aws:states:::aws-sdk:lambda:getFunction', 'minimum', { Configuration: { MemorySize: 127 } }, "Field 'MemorySize' is less than the minimum value"],
    ['arn:aws:states:::events:putEvents', 'list member', { Entries: [{ EventId: 'a' }, { EventId: ['b'] }] }, "Field 'EventId' must be a string"],
    ['arn:aws:states:::events:putEvents', 'list', { Entries: 'x' }, "Field 'Entries' must be an array"],
  ])('%s, %s, in PRESENT mode', async ([resource, , result, message]) => {
    const definition = { Type: 'Task', Resource: resource, End: true };
    expect(await rejection({ definition, mock: { result: JSON.stringify(result), fieldValidationMode: 'PRESENT' } })).toBe(
      `ValidationException: Mock result schema validation error: ${message}`,
    );
  });

  test('PRESENT skips missing required fields, NONE checks nothing, unknown fields pass', async () => {
    const run = (result: object, fieldValidationMode: 'PRESENT' | 'NONE') =>
      testState({ definition: startExecution, mock: { result: JSON.stringify(result), fieldValidationMode } });
    expect(await run({ extra: 1 }, 'PRESENT')).toEqual({ status: 'SUCCEEDED', output: { extra: 1 } });
    expect(await run({ StartDate: true }, 'NONE')).toEqual({ status: 'SUCCEEDED', output: { StartDate: true } });
  });
});
