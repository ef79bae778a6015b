import { describe, expect, test } from 'vitest';
import { machine, problems } from './helpers.js';

describe('paths and intrinsic functions', () => {
  test("a '.$' value must be a path or an intrinsic call, reported at the object holding it (recorded)", () => {
    // scenarios test_illegal_escapes: `\"` is not an escape of intrinsic string literals.
    const parameters = { 'parsed.$': `States.StringToJson('{"text":"An \\"escaped double quote\\" here"}')` };
    expect(problems(machine({ Type: 'Pass', Parameters: parameters, End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function call at /States/S/Parameters",
      ]
    `);
    expect(problems(machine({ Type: 'Pass', Parameters: { nested: { 'a.$': 'nope', list: [{ 'b.$': 42 }] } }, End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic function call at /States/S/Parameters/nested",
        "SCHEMA_VALIDATION_FAILED: The value for the field 'b.$' must be a valid JSONPath or a valid intrinsic function call at /States/S/Parameters/nested/list[0]",
      ]
    `);
    expect(problems(machine({ Type: 'Pass', Parameters: { 'a.$': 'States.Format(' }, End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic function call at /States/S/Parameters",
      ]
    `);
  });

  test('valid dynamic values: paths with every root, intrinsics with legal escapes', () => {
    const parameters = {
      'input.$': '$.a.b[0]',
      'context.$': '$$.Execution.Id',
      'variable.$': '$counter',
      'all.$': '$..items[?(@.price > 10)]',
      'call.$': "States.Format('{} \\'quoted\\' \\{braces\\}', $.name)",
    };
    expect(problems(machine({ Type: 'Pass', Parameters: parameters, ResultSelector: undefined, End: true }))).toEqual([]);
  });

  test('InputPath, OutputPath, ResultPath and the *Path fields', () => {
    expect(problems(machine({ Type: 'Pass', InputPath: 'a.b', OutputPath: '$.[', End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: The value for the field 'InputPath' must be a valid JSONPath at /States/S/InputPath",
        "SCHEMA_VALIDATION_FAILED: The value for the field 'OutputPath' must be a valid JSONPath at /States/S/OutputPath",
      ]
    `);
    expect(problems(machine({ Type: 'Pass', ResultPath: '$$.Execution', End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: The value for the field 'ResultPath' must be a valid ReferencePath at /States/S/ResultPath",
      ]
    `);
    expect(problems(machine({ Type: 'Pass', ResultPath: '$.items[*]', End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: The value for the field 'ResultPath' must be a valid ReferencePath at /States/S/ResultPath",
      ]
    `);
    expect(problems(machine({ Type: 'Pass', InputPath: null, OutputPath: null, ResultPath: null, End: true }))).toEqual([]);
    expect(problems(machine({ Type: 'Wait', SecondsPath: '$.waits[*]', End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: The value for the field 'SecondsPath' must be a valid JSONPath at /States/S/SecondsPath",
      ]
    `);
    expect(problems(machine({ Type: 'Fail', ErrorPath: "States.Format('E{}', $.code)", CausePath: '$.cause' }))).toEqual([]);
    expect(problems(machine({ Type: 'Fail', ErrorPath: 'States.Nope(', CausePath: 'cause' }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: The value for the field 'ErrorPath' must be a valid JSONPath or a valid intrinsic function call at /States/S/ErrorPath",
        "SCHEMA_VALIDATION_FAILED: The value for the field 'CausePath' must be a valid JSONPath or a valid intrinsic function call at /States/S/CausePath",
      ]
    `);
  });

  test('Catch ResultPath and Assign, Credentials, ItemSelector are checked too', () => {
    const task = {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Credentials: { 'RoleArn.$': 'not a path' },
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'S', ResultPath: 'x', Assign: { 'v.$': '$$$' } }],
      End: true,
    };
    expect(problems(machine(task))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: The value for the field 'RoleArn.$' must be a valid JSONPath or a valid intrinsic function call at /States/S/Credentials",
        "SCHEMA_VALIDATION_FAILED: The value for the field 'ResultPath' must be a valid ReferencePath at /States/S/Catch[0]/ResultPath",
        "SCHEMA_VALIDATION_FAILED: The value for the field 'v.$' must be a valid JSONPath or a valid intrinsic function call at /States/S/Catch[0]/Assign",
      ]
    `);
  });

  test('JSONata states have no paths to check', () => {
    expect(problems(machine({ Type: 'Pass', Output: { 'a.$': 'not a path' }, End: true }, { QueryLanguage: 'JSONata' }))).toEqual([]);
  });
});
