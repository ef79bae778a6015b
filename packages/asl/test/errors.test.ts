import { describe, expect, test } from 'vitest';
import { InvalidDefinitionError } from '@fogbank/asl';

describe('InvalidDefinitionError', () => {
  test('renders the diagnostics as CreateStateMachine does', () => {
    const error = new InvalidDefinitionError([
      { severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', message: 'These fields are required: [States]', location: '/' },
    ]);
    expect(error.message).toMatchInlineSnapshot(
      `"Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'"`,
    );
  });
});
