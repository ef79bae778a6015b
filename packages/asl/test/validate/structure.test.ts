import { describe, expect, test } from 'vitest';
import { machine, problems } from './helpers.js';

// Sources: the recorded corpus (sfn_api_validation, test_sfn_api, scenarios, credentials) and
// the AWS-measured ValidateStateMachineDefinition cases of floci's integration tests
// (StepFunctionsValidateStateMachineDefinitionIntegrationTest): messages and locations.

describe('top level', () => {
  test('required fields are listed together at / (recorded)', () => {
    expect(problems({})).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: These fields are required: [States, StartAt] at /",
      ]
    `);
    expect(problems({ Comment: 'x', StartAt: 'A' })).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /",
      ]
    `);
    expect(problems({ States: { A: { Type: 'Pass', End: true } } })).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: These fields are required: [StartAt] at /",
      ]
    `);
  });

  test('unknown fields, wrong types, QueryLanguage and Version values', () => {
    expect(problems({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } }, Extra: 1, TimeoutSeconds: 'x' })).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Field 'Extra' is not supported at /",
        "SCHEMA_VALIDATION_FAILED: Expected value of type [INTEGER] at /TimeoutSeconds",
      ]
    `);
    expect(problems(machine({ Type: 'Pass', End: true }, { QueryLanguage: 'jsonpath' }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Value should be one of the following: [JSONPath, JSONata] at /QueryLanguage",
      ]
    `);
    expect(problems(machine({ Type: 'Pass', End: true }, { QueryLanguage: 5 }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] at /QueryLanguage",
      ]
    `);
    expect(problems(machine({ Type: 'Pass', End: true }, { Version: '2.0' }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Value should be one of the following: [1.0] at /Version",
      ]
    `);
    expect(problems({ StartAt: 'A', States: {} })).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States",
        "MISSING_TRANSITION_TARGET: Missing 'Next' target: A at /StartAt",
        "MISSING_END_STATE: Workflow has no terminal state at null",
      ]
    `);
  });
});

describe('states', () => {
  test('Type is required and must be one of the eight', () => {
    expect(problems(machine({ End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: These fields are required: [Type] at /States/S",
      ]
    `);
    expect(problems(machine({ Type: 'Nope', End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map] at /States/S/Type",
      ]
    `);
    expect(problems(machine('not a state' as unknown as Record<string, unknown>))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Expected value of type [OBJECT] at /States/S",
        "MISSING_END_STATE: Workflow has no terminal state at null",
      ]
    `);
  });

  test('a field the state type does not have is not supported, at the state', () => {
    expect(problems(machine({ Type: 'Pass', End: true, TimeoutSeconds: 5 }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Field 'TimeoutSeconds' is not supported at /States/S",
      ]
    `);
    expect(problems(machine({ Type: 'Pass', End: true, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'S' }] }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Field 'Catch' is not supported at /States/S",
      ]
    `);
    expect(problems(machine({ Type: 'Wait', Seconds: 1, End: true, Retry: [{ ErrorEquals: ['States.ALL'] }] }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Field 'Retry' is not supported at /States/S",
      ]
    `);
    expect(problems(machine({ Type: 'Succeed', Next: 'S' }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Field 'Next' is not supported at /States/S",
      ]
    `);
    expect(problems(machine({ Type: 'Fail', End: true, Assign: {} }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Field 'End' is not supported at /States/S",
        "SCHEMA_VALIDATION_FAILED: Field 'Assign' is not supported at /States/S",
      ]
    `);
    expect(problems(machine({ Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'S' }], End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Field 'End' is not supported at /States/S",
      ]
    `);
  });

  test('exactly one of Next and End', () => {
    expect(problems(machine({ Type: 'Pass' }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: This object should have only one of the following fields: [Next, End] at /States/S",
        "MISSING_END_STATE: Workflow has no terminal state at null",
      ]
    `);
    expect(problems({ StartAt: 'S', States: { S: { Type: 'Pass', Next: 'T', End: true }, T: { Type: 'Succeed' } } })).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [Next, End] at /States/S",
      ]
    `);
    expect(problems(machine({ Type: 'Pass', End: false }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: This object should have only one of the following fields: [Next, End] at /States/S",
        "MISSING_END_STATE: Workflow has no terminal state at null",
      ]
    `);
    expect(problems(machine({ Type: 'Pass', End: 'yes' }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Expected value of type [BOOLEAN] at /States/S/End",
        "SCHEMA_VALIDATION_FAILED: This object should have only one of the following fields: [Next, End] at /States/S",
        "MISSING_END_STATE: Workflow has no terminal state at null",
      ]
    `);
  });

  test('state names are at most 80 characters', () => {
    const name = 'n'.repeat(81);
    expect(problems({ StartAt: name, States: { [name]: { Type: 'Succeed' } } })).toMatchInlineSnapshot(`
      [
        "INVALID_STATE_NAME: State name must be between 1 and 80 characters long: "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn" at /States/nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn",
      ]
    `);
  });
});

describe('query languages', () => {
  test('JSONata-only fields in a JSONPath state, at the state (measured)', () => {
    expect(problems(machine({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Output: { v: 1 }, Arguments: {}, End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage at /States/S",
        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Arguments' is only supported for the 'JSONata' QueryLanguage at /States/S",
      ]
    `);
    expect(problems(machine({ Type: 'Map', Items: [1], ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Items' is only supported for the 'JSONata' QueryLanguage at /States/S",
      ]
    `);
  });

  test('JSONPath-only fields in a JSONata state', () => {
    expect(
      problems(machine({ Type: 'Pass', InputPath: '$.a', OutputPath: '$.b', ResultPath: '$.c', End: true }, { QueryLanguage: 'JSONata' })),
    ).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'InputPath' is only supported for the 'JSONPath' QueryLanguage at /States/S",
        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'OutputPath' is only supported for the 'JSONPath' QueryLanguage at /States/S",
        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'ResultPath' is only supported for the 'JSONPath' QueryLanguage at /States/S",
      ]
    `);
  });

  test('a state cannot go back to JSONPath under a JSONata machine, and says nothing else about its fields (recorded)', () => {
    expect(
      problems(machine({ Type: 'Pass', QueryLanguage: 'JSONPath', Output: { v: '{% 1 %}' }, End: true }, { QueryLanguage: 'JSONata' })),
    ).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: 'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine at /States/S",
      ]
    `);
  });

  test('a state value outside the enum is reported at the field and still counts as JSONata (measured)', () => {
    expect(problems(machine({ Type: 'Pass', QueryLanguage: 'jsonata', Output: { v: '{% 1 %}' }, InputPath: '$.a', End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'InputPath' is only supported for the 'JSONPath' QueryLanguage at /States/S",
        "SCHEMA_VALIDATION_FAILED: Value should be one of the following: [JSONPath, JSONata] at /States/S/QueryLanguage",
      ]
    `);
    expect(problems(machine({ Type: 'Pass', QueryLanguage: 5, InputPath: '$.a', End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'InputPath' is only supported for the 'JSONPath' QueryLanguage at /States/S",
        "SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] at /States/S/QueryLanguage",
      ]
    `);
  });

  test('branches and processors take no QueryLanguage; their states inherit the machine language, not the enclosing state (measured)', () => {
    const inner = { StartAt: 'P', States: { P: { Type: 'Pass', Output: { n: '{% 1 %}' }, End: true } } };
    expect(problems(machine({ Type: 'Map', QueryLanguage: 'JSONata', ItemProcessor: inner, End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage at /States/S/ItemProcessor/States/P",
      ]
    `);
    expect(problems(machine({ Type: 'Parallel', Branches: [{ ...inner, QueryLanguage: 'JSONata' }], End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Field 'QueryLanguage' is not supported at /States/S/Branches[0]",
        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage at /States/S/Branches[0]/States/P",
      ]
    `);
    expect(problems(machine({ Type: 'Map', Iterator: { ...inner, QueryLanguage: 'JSONata' }, End: true }, { QueryLanguage: 'JSONata' }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Field 'QueryLanguage' is not supported at /States/S/Iterator",
      ]
    `);
  });

  test('JSONata expressions stand in for literal values', () => {
    const jsonata = { QueryLanguage: 'JSONata' };
    expect(problems(machine({ Type: 'Wait', Seconds: '{% $states.input.n %}', End: true }, jsonata))).toEqual([]);
    expect(problems(machine({ Type: 'Wait', Timestamp: '{% $states.input.t %}', End: true }, jsonata))).toEqual([]);
    expect(
      problems(machine({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', TimeoutSeconds: '{% 5 %}', Arguments: '{% $states.input %}', End: true }, jsonata)),
    ).toEqual([]);
    expect(problems(machine({ Type: 'Wait', Seconds: 'soon', End: true }, jsonata))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Expected value of type [INTEGER] at /States/S/Seconds",
      ]
    `);
  });
});
