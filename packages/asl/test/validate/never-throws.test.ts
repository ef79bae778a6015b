import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { validate } from '../../src/validate/index.js';

const STATE_TYPES = ['Task', 'Wait', 'Pass', 'Succeed', 'Fail', 'Choice', 'Parallel', 'Map', 'Nope'];
const FIELDS = [
  'Type', 'Next', 'End', 'Resource', 'Parameters', 'ResultPath', 'InputPath', 'Choices', 'Default', 'Branches', 'ItemProcessor',
  'Iterator', 'Seconds', 'Timestamp', 'SecondsPath', 'Retry', 'Catch', 'ErrorEquals', 'Variable', 'And', 'Not', 'StringEquals',
  'StartAt', 'States', 'QueryLanguage', 'Output', 'Arguments', 'Credentials', 'Label', 'ProcessorConfig', 'Mode', 'a.$',
];

/** JSON shaped like a definition: ASL field names, state names, paths and intrinsics as values. */
const aslish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(...STATE_TYPES, 'A', 'B', '$', '$.a', '$$.x', "States.Format('{}', $.a)", 'JSONata', 'JSONPath', '{% 1 %}', 'States.ALL'),
    fc.integer({ min: -2, max: 100 }),
    fc.boolean(),
    fc.constant(null),
    fc.string(),
    fc.array(tie('value'), { maxLength: 3 }),
    tie('object'),
  ),
  object: fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS, 'A', 'B'), fc.string()), tie('value'), { maxKeys: 5 }),
}));

describe('validate() never throws', () => {
  test('on arbitrary JSON values and texts: it returns diagnostics', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.json(), fc.string()), fc.constantFrom('STANDARD', 'EXPRESS' as const), (definition, type) => {
        expect(Array.isArray(validate(definition, { type }))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('on definition-shaped JSON', () => {
    fc.assert(
      fc.property(aslish.object, fc.constantFrom('A', 'B'), (states, startAt) => {
        const definition = { StartAt: startAt, States: states };
        const diagnostics = validate(definition);
        expect(Array.isArray(diagnostics)).toBe(true);
        expect(validate(JSON.stringify(definition))).toEqual(diagnostics);
      }),
      { numRuns: 300 },
    );
  });
});
