import { describe, expect, test } from 'vitest';
import { machine, problems } from './helpers.js';

const processor = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
const lambda = 'arn:aws:states:::lambda:invoke';

describe('Wait', () => {
  test('exactly one of Seconds, Timestamp, SecondsPath, TimestampPath', () => {
    expect(problems(machine({ Type: 'Wait', End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: This object should have only one of the following fields: [SecondsPath, Seconds, TimestampPath, Timestamp] at /States/S",
      ]
    `);
    expect(problems(machine({ Type: 'Wait', Seconds: 1, SecondsPath: '$.s', End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [SecondsPath, Seconds, TimestampPath, Timestamp] at /States/S",
      ]
    `);
    expect(problems(machine({ Type: 'Wait', Seconds: -1, End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Minimum value is 0 at /States/S/Seconds",
      ]
    `);
  });

  test.for([
    ['2016-13-05T21:29:29Z'],
    ['05-12-2016T21:29:29Z'],
    ['2016-12-05T25:29:29Z'],
    ["{% '2016-03-14T01:59:00Z' %}"],
    ['2016-12-05 21:29:29Z'],
    ['2016-12-05T21:29:29'],
  ])('a static Timestamp must be RFC 3339 (recorded): %s', ([timestamp]) => {
    expect(problems(machine({ Type: 'Wait', Timestamp: timestamp, End: true }))).toEqual([
      'SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/S/Timestamp',
    ]);
  });

  test('RFC 3339 timestamps with fractions and offsets pass', () => {
    expect(problems(machine({ Type: 'Wait', Timestamp: '2024-02-29T23:59:59.123+05:30', End: true }))).toEqual([]);
  });
});

describe('Task', () => {
  test('Resource is required; TimeoutSeconds and HeartbeatSeconds and their Path forms', () => {
    expect(problems(machine({ Type: 'Task', End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: These fields are required: [Resource] at /States/S",
      ]
    `);
    expect(
      problems(machine({ Type: 'Task', Resource: lambda, TimeoutSeconds: 5, TimeoutSecondsPath: '$.t', HeartbeatSeconds: 0, End: true })),
    ).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Minimum value is 1 at /States/S/HeartbeatSeconds",
        "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [TimeoutSeconds, TimeoutSecondsPath] at /States/S",
      ]
    `);
    expect(problems(machine({ Type: 'Task', Resource: lambda, TimeoutSeconds: 5, HeartbeatSeconds: 5, End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: HeartbeatSeconds must be less than TimeoutSeconds at /States/S/HeartbeatSeconds",
      ]
    `);
  });

  test('Credentials need a RoleArn (recorded)', () => {
    const jsonata = { QueryLanguage: 'JSONata' };
    expect(problems(machine({ Type: 'Task', Resource: lambda, Arguments: '{% $states.input %}', Credentials: {}, End: true }, jsonata))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: The field 'RoleArn' is required but was missing at /States/S/Credentials",
      ]
    `);
    expect(problems(machine({ Type: 'Task', Resource: lambda, Credentials: { 'RoleArn.$': '$.role' }, End: true }))).toEqual([]);
  });
});

describe('Retry and Catch', () => {
  test('States.ALL alone in its ErrorEquals and in the last retrier or catcher', () => {
    const retry = [{ ErrorEquals: ['States.ALL', 'States.Timeout'] }, { ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['X'] }];
    expect(problems(machine({ Type: 'Task', Resource: lambda, Retry: retry, End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: States.ALL must appear alone and at end of list at /States/S/Retry[0]/ErrorEquals",
        "SCHEMA_VALIDATION_FAILED: States.ALL must appear alone and at end of list at /States/S/Retry[1]/ErrorEquals",
      ]
    `);
    const ok = [{ ErrorEquals: ['X'] }, { ErrorEquals: ['States.ALL'] }];
    expect(problems(machine({ Type: 'Task', Resource: lambda, Retry: ok, End: true }))).toEqual([]);
  });

  test('retrier and catcher fields', () => {
    const retry = [{ ErrorEquals: [], IntervalSeconds: 0, MaxAttempts: -1, BackoffRate: 0.5, JitterStrategy: 'SOME', Extra: 1 }];
    expect(problems(machine({ Type: 'Task', Resource: lambda, Retry: retry, End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Field 'Extra' is not supported at /States/S/Retry[0]",
        "SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/S/Retry[0]/ErrorEquals",
        "SCHEMA_VALIDATION_FAILED: Minimum value is 1 at /States/S/Retry[0]/IntervalSeconds",
        "SCHEMA_VALIDATION_FAILED: Minimum value is 0 at /States/S/Retry[0]/MaxAttempts",
        "SCHEMA_VALIDATION_FAILED: Minimum value is 1 at /States/S/Retry[0]/BackoffRate",
        "SCHEMA_VALIDATION_FAILED: Value should be one of the following: [FULL, NONE] at /States/S/Retry[0]/JitterStrategy",
      ]
    `);
    const catcher = [{ ErrorEquals: ['States.ALL'], Output: {} }];
    expect(problems(machine({ Type: 'Task', Resource: lambda, Catch: catcher, End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: These fields are required: [Next] at /States/S/Catch[0]",
        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage at /States/S/Catch[0]",
      ]
    `);
  });
});

describe('Choice', () => {
  const choice = (...rules: unknown[]) => ({ StartAt: 'C', States: { C: { Type: 'Choice', Choices: rules, Default: 'D' }, D: { Type: 'Succeed' } } });

  test('Choices is a non-empty array', () => {
    expect(problems(choice())).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/C/Choices",
      ]
    `);
  });

  test('a comparison takes a Variable and exactly one operator; top-level rules need Next', () => {
    expect(problems(choice({ Variable: '$.x', Next: 'D' }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: This object should have only one of the following fields: [StringEquals, StringLessThan, StringGreaterThan, StringLessThanEquals, StringGreaterThanEquals, StringMatches, NumericEquals, NumericLessThan, NumericGreaterThan, NumericLessThanEquals, NumericGreaterThanEquals, BooleanEquals, IsNull, IsPresent, IsNumeric, IsString, IsBoolean, IsTimestamp, TimestampEquals, TimestampLessThan, TimestampGreaterThan, TimestampLessThanEquals, TimestampGreaterThanEquals, StringEqualsPath, StringLessThanPath, StringGreaterThanPath, StringLessThanEqualsPath, StringGreaterThanEqualsPath, NumericEqualsPath, NumericLessThanPath, NumericGreaterThanPath, NumericLessThanEqualsPath, NumericGreaterThanEqualsPath, BooleanEqualsPath, TimestampEqualsPath, TimestampLessThanPath, TimestampGreaterThanPath, TimestampLessThanEqualsPath, TimestampGreaterThanEqualsPath] at /States/C/Choices[0]",
      ]
    `);
    expect(problems(choice({ Variable: '$.x', StringEquals: 'a', NumericEquals: 1, Next: 'D' }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [StringEquals, StringLessThan, StringGreaterThan, StringLessThanEquals, StringGreaterThanEquals, StringMatches, NumericEquals, NumericLessThan, NumericGreaterThan, NumericLessThanEquals, NumericGreaterThanEquals, BooleanEquals, IsNull, IsPresent, IsNumeric, IsString, IsBoolean, IsTimestamp, TimestampEquals, TimestampLessThan, TimestampGreaterThan, TimestampLessThanEquals, TimestampGreaterThanEquals, StringEqualsPath, StringLessThanPath, StringGreaterThanPath, StringLessThanEqualsPath, StringGreaterThanEqualsPath, NumericEqualsPath, NumericLessThanPath, NumericGreaterThanPath, NumericLessThanEqualsPath, NumericGreaterThanEqualsPath, BooleanEqualsPath, TimestampEqualsPath, TimestampLessThanPath, TimestampGreaterThanPath, TimestampLessThanEqualsPath, TimestampGreaterThanEqualsPath] at /States/C/Choices[0]",
      ]
    `);
    expect(problems(choice({ StringEquals: 'a', Next: 'D' }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: These fields are required: [Variable] at /States/C/Choices[0]",
      ]
    `);
    expect(problems(choice({ Variable: '$.x', IsPresent: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: These fields are required: [Next] at /States/C/Choices[0]",
      ]
    `);
    expect(problems(choice({ Next: 'D' }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: This object should have only one of the following fields: [And, Or, Not, Variable] at /States/C/Choices[0]",
      ]
    `);
  });

  test('operand types, timestamps and paths', () => {
    expect(
      problems(
        choice(
          { Variable: '$.x', NumericEquals: '1', Next: 'D' },
          { Variable: '$.x', TimestampEquals: '2020-01-01', Next: 'D' },
          { Variable: 'x', StringEqualsPath: '$.[', Next: 'D' },
        ),
      ),
    ).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Expected value of type [NUMBER] at /States/C/Choices[0]/NumericEquals",
        "SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/C/Choices[1]/TimestampEquals",
        "SCHEMA_VALIDATION_FAILED: The value for the field 'Variable' must be a valid JSONPath at /States/C/Choices[2]/Variable",
        "SCHEMA_VALIDATION_FAILED: The value for the field 'StringEqualsPath' must be a valid JSONPath at /States/C/Choices[2]/StringEqualsPath",
      ]
    `);
  });

  test('nested rules carry no Next; And and Or are non-empty arrays', () => {
    expect(
      problems(
        choice(
          { And: [{ Variable: '$.x', IsNull: true, Next: 'D' }], Next: 'D' },
          { Or: [], Next: 'D' },
          { Not: { Variable: '$.y', BooleanEquals: true }, Next: 'D' },
          { Not: { Variable: '$.y', BooleanEquals: true }, Variable: '$.z', Next: 'D' },
        ),
      ),
    ).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Field 'Next' is not supported at /States/C/Choices[0]/And[0]",
        "SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/C/Choices[1]/Or",
        "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [And, Or, Not, Variable] at /States/C/Choices[3]",
      ]
    `);
  });

  test('rules in each query language', () => {
    expect(problems(choice({ Condition: '{% true %}', Next: 'D' }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Condition' is only supported for the 'JSONata' QueryLanguage at /States/C/Choices[0]",
        "SCHEMA_VALIDATION_FAILED: This object should have only one of the following fields: [And, Or, Not, Variable] at /States/C/Choices[0]",
      ]
    `);
    const jsonata = { ...choice({ Variable: '$.x', IsPresent: true, Next: 'D' }, { Condition: '{% true %}', Next: 'D' }), QueryLanguage: 'JSONata' };
    expect(problems(jsonata)).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'Variable' is only supported for the 'JSONPath' QueryLanguage at /States/C/Choices[0]",
        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'IsPresent' is only supported for the 'JSONPath' QueryLanguage at /States/C/Choices[0]",
        "SCHEMA_VALIDATION_FAILED: These fields are required: [Condition] at /States/C/Choices[0]",
      ]
    `);
  });
});

describe('Parallel and Map', () => {
  test('Branches cannot be empty (recorded), and each branch is a machine', () => {
    expect(problems(machine({ Type: 'Parallel', Branches: [], End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/S/Branches",
      ]
    `);
    expect(problems(machine({ Type: 'Parallel', Branches: [{ States: {} }], End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: These fields are required: [StartAt] at /States/S/Branches[0]",
        "SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/S/Branches[0]/States",
      ]
    `);
  });

  test('Map: one of ItemProcessor and Iterator, ItemSelector or Parameters, each field or its Path form', () => {
    expect(problems(machine({ Type: 'Map', End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: This object should have only one of the following fields: [ItemProcessor, Iterator] at /States/S",
      ]
    `);
    expect(
      problems(
        machine({
          Type: 'Map',
          ItemProcessor: processor,
          Iterator: processor,
          ItemSelector: {},
          Parameters: {},
          MaxConcurrency: 2,
          MaxConcurrencyPath: '$.m',
          ToleratedFailurePercentage: 101,
          ToleratedFailureCount: -1,
          End: true,
        }),
      ),
    ).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Maximum value is 100 at /States/S/ToleratedFailurePercentage",
        "SCHEMA_VALIDATION_FAILED: Minimum value is 0 at /States/S/ToleratedFailureCount",
        "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [ItemProcessor, Iterator] at /States/S",
        "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [ItemSelector, Parameters] at /States/S",
        "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [MaxConcurrency, MaxConcurrencyPath] at /States/S/MaxConcurrency",
      ]
    `);
  });

  test('ProcessorConfig: DISTRIBUTED needs an ExecutionType, INLINE takes none', () => {
    const distributed = { ...processor, ProcessorConfig: { Mode: 'DISTRIBUTED' } };
    expect(problems(machine({ Type: 'Map', ItemProcessor: distributed, End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: These fields are required: [ExecutionType] at /States/S/ItemProcessor/ProcessorConfig",
      ]
    `);
    const inline = { ...processor, ProcessorConfig: { Mode: 'INLINE', ExecutionType: 'STANDARD' } };
    expect(problems(machine({ Type: 'Map', ItemProcessor: inline, End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Field 'ExecutionType' is not supported at /States/S/ItemProcessor/ProcessorConfig",
      ]
    `);
    const bad = { ...processor, ProcessorConfig: { Mode: 'PARALLEL' } };
    expect(problems(machine({ Type: 'Map', ItemProcessor: bad, End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Value should be one of the following: [INLINE, DISTRIBUTED] at /States/S/ItemProcessor/ProcessorConfig/Mode",
      ]
    `);
  });

  test('Labels: 1 to 40 characters, no forbidden character, unique', () => {
    const map = (Label: string, Next?: string) => ({
      Type: 'Map',
      Label,
      ItemProcessor: { StartAt: `P${Label.length}${Next ?? ''}`, States: { [`P${Label.length}${Next ?? ''}`]: { Type: 'Pass', End: true } } },
      ...(Next === undefined ? { End: true } : { Next }),
    });
    expect(problems(machine(map('')))).toMatchInlineSnapshot(`
      [
        "INVALID_LABEL_NAME: The Label must be between 1 and 40 characters long at /States/S/Label",
      ]
    `);
    expect(problems(machine(map('a b')))).toMatchInlineSnapshot(`
      [
        "INVALID_LABEL_NAME: The Label contains an invalid character: " " at /States/S/Label",
      ]
    `);
    expect(problems(machine(map('x'.repeat(41))))).toMatchInlineSnapshot(`
      [
        "INVALID_LABEL_NAME: The Label must be between 1 and 40 characters long at /States/S/Label",
      ]
    `);
    expect(problems({ StartAt: 'A', States: { A: map('same', 'B'), B: map('same') } })).toMatchInlineSnapshot(`
      [
        "DUPLICATE_LABEL_NAME: Duplicate Label name: same at /States/B/Label",
      ]
    `);
  });

  test('ItemReader and ResultWriter resources', () => {
    const reader = { Resource: 'arn:aws:states:::s3:unknownOperation', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: 'b', Key: 'k' } };
    expect(problems(machine({ Type: 'Map', ItemReader: reader, ItemProcessor: processor, End: true }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: The resource provided arn:aws:states:::s3:unknownOperation is not recognized. The value is not a valid resource ARN, or the resource is not available in this region. at /States/S/ItemReader/Resource",
      ]
    `);
    const good = { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: 'b', Key: 'k' } };
    expect(problems(machine({ Type: 'Map', ItemReader: good, ItemProcessor: processor, End: true }))).toEqual([]);
  });
});

// Locations measured on AWS by floci's ValidateStateMachineDefinition tests.
describe('Distributed Map settings', () => {
  const distributed = { ...processor, ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } };
  const map = (fields: Record<string, unknown>, top: Record<string, unknown> = {}) =>
    problems(machine({ Type: 'Map', ItemProcessor: distributed, End: true, ...fields }, top));

  test('MaxConcurrencyPath must select one value, reported at the field', () => {
    expect(map({ MaxConcurrencyPath: '$.limits[*]' })).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: The value for the field 'MaxConcurrencyPath' must be a valid JSONPath at /States/S/MaxConcurrencyPath",
      ]
    `);
  });

  test('ResultWriter: somewhere to write or a WriterConfig, destination strings, a complete WriterConfig', () => {
    expect(map({ ResultWriter: {} })).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: This object should have at least one of the following fields: [Resource, WriterConfig] at /States/S/ResultWriter",
      ]
    `);
    expect(map({ ResultWriter: { Resource: 'arn:aws:states:::s3:putObject' } })).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: These fields are required: [Parameters] at /States/S/ResultWriter",
      ]
    `);
    expect(map({ ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 42, Prefix: {} } } })).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] at /States/S/ResultWriter/Parameters/Bucket",
        "SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] at /States/S/ResultWriter/Parameters/Prefix",
      ]
    `);
    expect(map({ ResultWriter: { WriterConfig: { Transformation: 'COMPACT' } } })).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: These fields are required: [OutputType] at /States/S/ResultWriter/WriterConfig",
      ]
    `);
    const full = { Resource: 'arn:aws:states:::s3:putObject', WriterConfig: { Transformation: 'FLATTEN', OutputType: 'JSONL' }, Parameters: { 'Bucket.$': '$.b', Prefix: 'p' } };
    expect(map({ ResultWriter: full })).toEqual([]);
  });

  test("ItemReader and ResultWriter take their language's Parameters or Arguments, reported at the field", () => {
    const writer = { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b' }, Arguments: { Bucket: 'b' } };
    expect(map({ ResultWriter: writer })).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Arguments' is only supported for the 'JSONata' QueryLanguage at /States/S/ResultWriter/Arguments",
      ]
    `);
    expect(map({ ResultWriter: writer, Items: '{% [] %}' }, { QueryLanguage: 'JSONata' })).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'Parameters' is only supported for the 'JSONPath' QueryLanguage at /States/S/ResultWriter/Parameters",
      ]
    `);
  });
});

describe('Fail', () => {
  test('Error or ErrorPath, Cause or CausePath', () => {
    expect(problems(machine({ Type: 'Fail', Error: 'E', ErrorPath: '$.e', Cause: 'C', CausePath: '$.c' }))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [Error, ErrorPath] at /States/S",
        "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [Cause, CausePath] at /States/S",
      ]
    `);
  });
});
