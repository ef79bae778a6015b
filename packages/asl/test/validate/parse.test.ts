import { describe, expect, test } from 'vitest';
import { validate } from '../../src/validate/index.js';
import { problems } from './helpers.js';

// Recorded: sfn_api_validation test_validate_state_machine_definition_not_a_definition.
describe('parsing the definition', () => {
  test('JSON text and parsed objects are the same definition', () => {
    const definition = { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } };
    expect(validate(definition)).toEqual([]);
    expect(validate(JSON.stringify(definition))).toEqual([]);
  });

  test("text that is not JSON gets Jackson's message, located at its [Source: ...] part", () => {
    expect(validate('not a definition')).toMatchInlineSnapshot(`
      [
        {
          "code": "INVALID_JSON_DESCRIPTION",
          "location": "[Source: (String)"not a definition"; line: 1, column: 4]",
          "message": "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')
       at [Source: (String)"not a definition"; line: 1, column: 4]",
          "severity": "ERROR",
        },
      ]
    `);
  });

  test('other syntax errors', () => {
    expect(problems('{"StartAt": "A",}')).toMatchInlineSnapshot(`
      [
        "INVALID_JSON_DESCRIPTION: Unexpected character ('}' (code 125)): was expecting double-quote to start field name
       at [Source: (String)"{"StartAt": "A",}"; line: 1, column: 18] at [Source: (String)"{"StartAt": "A",}"; line: 1, column: 18]",
      ]
    `);
    expect(problems('{"StartAt" "A"}')).toMatchInlineSnapshot(`
      [
        "INVALID_JSON_DESCRIPTION: Unexpected character ('"' (code 34)): was expecting a colon to separate field name and value
       at [Source: (String)"{"StartAt" "A"}"; line: 1, column: 13] at [Source: (String)"{"StartAt" "A"}"; line: 1, column: 13]",
      ]
    `);
    expect(problems('{"StartAt": "A"')).toMatchInlineSnapshot(`
      [
        "INVALID_JSON_DESCRIPTION: Unexpected end-of-input: expected close marker for Object (start marker at [Source: (String)"{"StartAt": "A""; line: 1, column: 1])
       at [Source: (String)"{"StartAt": "A""; line: 1, column: 16] at [Source: (String)"{"StartAt": "A""; line: 1, column: 16]",
      ]
    `);
    expect(problems('[1 2]')).toMatchInlineSnapshot(`
      [
        "INVALID_JSON_DESCRIPTION: Unexpected character ('2' (code 50)): was expecting comma to separate Array entries
       at [Source: (String)"[1 2]"; line: 1, column: 5] at [Source: (String)"[1 2]"; line: 1, column: 5]",
      ]
    `);
    expect(problems('{"a": "b\\x"}')).toMatchInlineSnapshot(`
      [
        "INVALID_JSON_DESCRIPTION: Unrecognized character escape 'x' (code 120)
       at [Source: (String)"{"a": "b\\x"}"; line: 1, column: 11] at [Source: (String)"{"a": "b\\x"}"; line: 1, column: 11]",
      ]
    `);
    expect(problems('{"a": 01}')).toMatchInlineSnapshot(`
      [
        "INVALID_JSON_DESCRIPTION: Invalid numeric value: Leading zeroes not allowed
       at [Source: (String)"{"a": 01}"; line: 1, column: 7] at [Source: (String)"{"a": 01}"; line: 1, column: 7]",
      ]
    `);
    expect(problems('{"a": tru}')).toMatchInlineSnapshot(`
      [
        "INVALID_JSON_DESCRIPTION: Unrecognized token 'tru': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')
       at [Source: (String)"{"a": tru}"; line: 1, column: 10] at [Source: (String)"{"a": tru}"; line: 1, column: 10]",
      ]
    `);
  });

  test('like Jackson, the first JSON value is the definition and what follows it is ignored', () => {
    expect(problems('{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}} trailing')).toEqual([]);
  });

  test('a blank definition or a JSON value that is not an object has no location', () => {
    expect(validate(' ')).toMatchInlineSnapshot(`
      [
        {
          "code": "SCHEMA_VALIDATION_FAILED",
          "location": "",
          "message": "Definition must be a valid JSON object",
          "severity": "ERROR",
        },
      ]
    `);
    expect(problems('')).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object at null",
      ]
    `);
    expect(problems('[]')).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object at null",
      ]
    `);
    expect(problems(null)).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object at null",
      ]
    `);
    expect(problems(42)).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object at null",
      ]
    `);
    expect(problems(undefined)).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object at null",
      ]
    `);
  });

  test('long text is cut at 500 characters in the source excerpt', () => {
    const [diagnostic] = validate(`x${'y'.repeat(600)}`);
    expect(diagnostic?.location).toMatchInlineSnapshot(`"[Source: (String)"xyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"[truncated 101 chars]; line: 1, column: 257]"`);
  });
});
