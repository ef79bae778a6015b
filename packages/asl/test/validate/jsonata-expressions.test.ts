/**
 * validate(): JSONata expressions as CreateStateMachine checks them (parse errors, reads of the
 * absent root input, each at the expression) and the names `Assign` may set, in both languages.
 * Texts from the AWS recordings in ../shared/reference/asl-semantics.md §0.6 and §4.
 */
import { InvalidDefinitionError, StateMachine } from '@fogbank/asl';
import { describe, expect, test } from 'vitest';
import { machine, problems } from './helpers.js';

const jsonata = (state: Record<string, unknown>) => machine(state, { QueryLanguage: 'JSONata' });

describe('JSONata expressions at definition time', () => {
  test('a bare top-level field name, at the expression inside the template (recorded)', () => {
    expect(problems(jsonata({ Type: 'Pass', Output: { v: '{% phone %}' }, End: true }))).toEqual([
      "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'phone' at the top level is not supported. at /States/S/Output/v",
    ]);
  });

  test('a parse error, in the parser words without the S0xxx code', () => {
    expect(problems(jsonata({ Type: 'Pass', Output: '{% a[1,2) %}', End: true }))).toEqual([
      'INVALID_JSONATA_EXPRESSION: Expected "]", got "," at /States/S/Output',
    ]);
  });

  test('the root input `$` is refused at the top level, allowed inside a predicate', () => {
    expect(problems(jsonata({ Type: 'Pass', Output: { a: '{% $.name %}', b: '{% $states.input.items[$.price > 10] %}' }, End: true }))).toEqual([
      "UNSUPPORTED_JSONATA_EXPRESSION: Reference to '$' at the top level is not supported. at /States/S/Output/a",
    ]);
  });

  test('every field that holds expressions, array items in brackets', () => {
    const definition = jsonata({
      Type: 'Map',
      Items: ['{% a %}', '{% 1 + %}'],
      ItemSelector: { deep: { list: [0, '{% b %}'] } },
      MaxConcurrency: '{% c %}',
      ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', Assign: { x: '{% d %}' }, End: true } } },
      Catch: [{ ErrorEquals: ['States.ALL'], Output: '{% e %}', Next: 'C' }],
      Next: 'C',
    });
    (definition['States'] as Record<string, unknown>)['C'] = {
      Type: 'Choice',
      Choices: [{ Condition: '{% f %}', Assign: { y: '{% g %}' }, Next: 'F' }],
      Default: 'F',
    };
    (definition['States'] as Record<string, unknown>)['F'] = { Type: 'Fail', Error: '{% h %}', Cause: '{% $states.input.why %}' };
    expect(problems(definition)).toEqual([
      "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'a' at the top level is not supported. at /States/S/Items[0]",
      'INVALID_JSONATA_EXPRESSION: Unexpected end of expression at /States/S/Items[1]',
      "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'b' at the top level is not supported. at /States/S/ItemSelector/deep/list[1]",
      "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'c' at the top level is not supported. at /States/S/MaxConcurrency",
      "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'e' at the top level is not supported. at /States/S/Catch[0]/Output",
      "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'd' at the top level is not supported. at /States/S/ItemProcessor/States/P/Assign/x",
      "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'f' at the top level is not supported. at /States/C/Choices[0]/Condition",
      "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'g' at the top level is not supported. at /States/C/Choices[0]/Assign/y",
      "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'h' at the top level is not supported. at /States/F/Error",
    ]);
  });

  test('a JSONPath state never evaluates `{% %}`: its strings are literals', () => {
    expect(problems(machine({ Type: 'Pass', Result: { v: '{% phone %}' }, End: true }))).toEqual([]);
    expect(problems(machine({ Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% phone %}', End: true }))).toEqual([
      "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'phone' at the top level is not supported. at /States/S/Output",
    ]);
  });

  test('StateMachine.from refuses such a definition with every problem, as CreateStateMachine does', () => {
    const definition = jsonata({ Type: 'Pass', Output: { v: '{% phone %}', w: '{% [1,2 %}' }, End: true });
    expect(() => StateMachine.from(definition)).toThrow(InvalidDefinitionError);
    expect(() => StateMachine.from(definition)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidDefinitionError: Invalid State Machine Definition: 'UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'phone' at the top level is not supported. at /States/S/Output/v, INVALID_JSONATA_EXPRESSION: Expected "]" before end of expression at /States/S/Output/w']`,
    );
  });
});

describe('Assign names', () => {
  test.for([
    { language: 'JSONPath', assign: { 'x.y': 1 }, name: 'x.y' },
    { language: 'JSONPath', assign: { 'x[2].$': '$.a' }, name: 'x[2]' },
    { language: 'JSONata', assign: { 'a.b': '{% 1 %}' }, name: 'a.b' },
    { language: 'JSONata', assign: { '1st': 1 }, name: '1st' },
    { language: 'JSONPath', assign: { ['v'.repeat(81)]: 1 }, name: 'v'.repeat(81) },
  ])('$language refuses $name', ({ language, assign, name }) => {
    expect(problems(machine({ Type: 'Pass', QueryLanguage: language, Assign: assign, End: true }))).toEqual([
      `SCHEMA_VALIDATION_FAILED: The variable name '${name}' is not valid: a variable name is an identifier of at most 80 characters (letters, digits and '_', not starting with a digit), and Assign cannot set part of a variable such as 'x.y' or 'x[2]' at /States/S/Assign`,
    ]);
  });

  test('identifiers of up to 80 characters, Unicode letters and `.$` value keys are fine', () => {
    const assign = { ['v'.repeat(80)]: 1, _under: 2, 'päckchen': 4, 'copy.$': '$.a', n2: 5 };
    expect(problems(machine({ Type: 'Pass', Assign: assign, End: true }))).toEqual([]);
  });

  test('Choice rules and catchers are checked too', () => {
    const definition = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.a', IsPresent: true, Assign: { 'a-b': 1 }, Next: 'T' }], Default: 'T' },
        T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', Catch: [{ ErrorEquals: ['States.ALL'], Assign: { 'x y': 1 }, Next: 'E' }], End: true },
        E: { Type: 'Succeed' },
      },
    };
    expect(problems(definition).map((p) => p.replace(/ is not valid.* at /, ' at '))).toEqual([
      "SCHEMA_VALIDATION_FAILED: The variable name 'a-b' at /States/C/Choices[0]/Assign",
      "SCHEMA_VALIDATION_FAILED: The variable name 'x y' at /States/T/Catch[0]/Assign",
    ]);
  });
});
