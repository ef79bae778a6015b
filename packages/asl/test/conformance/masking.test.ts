import { describe, expect, test } from 'vitest';
import { maskValue, normaliseEvent, NOT_JSON_TEXT, parseJsonObjectText } from './masking.js';

describe('maskValue', () => {
  test('applies masks in order, over the serialised value, inside strings too', () => {
    const masks = [
      { value: 'lambda_func_00000001', placeholder: '<lambda_function_name>' },
      { value: 'arn:aws:iam::111111111111:role/sfn-role-00000002', placeholder: 'snf_role_arn' },
    ];
    expect(
      maskValue({ fn: 'no_such_lambda_func_00000001', role: 'arn:aws:iam::111111111111:role/sfn-role-00000002' }, masks),
    ).toEqual({ fn: 'no_such_<lambda_function_name>', role: 'snf_role_arn' });
  });

  test('replaces valid ISO-8601 date-times with a zone by `date`, and nothing else', () => {
    expect(
      maskValue({
        start: '2025-01-01T00:00:00.000Z',
        offset: '2023-06-22T11:14:08+00:00',
        inText: "waited until '2016-03-14T01:59:00Z'.",
        badHour: '2016-12-05T25:29:29Z',
        noZone: '2016-12-05T21:29:29',
        noT: '2016-12-05 21:29:29Z',
      }),
    ).toEqual({
      start: 'date',
      offset: 'date',
      inText: "waited until 'date'.",
      badHour: '2016-12-05T25:29:29Z',
      noZone: '2016-12-05T21:29:29',
      noT: '2016-12-05 21:29:29Z',
    });
  });

  test('values under *timestamp* keys become `timestamp` unless already a date', () => {
    expect(maskValue({ TimestampValue: '2016-12-05T25:29:29Z', event_timestamp: 1735689600000, Other: 1 })).toEqual({
      TimestampValue: 'timestamp',
      event_timestamp: 'timestamp',
      Other: 1,
    });
    expect(maskValue({ TimestampValue: '2016-03-14T01:59:00Z' })).toEqual({ TimestampValue: 'date' });
  });

  test('numbers UUIDs found under *id/*Id keys by first occurrence and replaces them everywhere', () => {
    const a = '0a1b2c3d-0000-4000-8000-000000000001';
    const b = '0a1b2c3d-0000-4000-8000-000000000002';
    expect(
      maskValue([{ requestId: a }, { RequestId: b, text: `request ${a} then ${b}` }, { name: a }]),
    ).toEqual([{ requestId: '<uuid:1>' }, { RequestId: '<uuid:2>', text: 'request <uuid:1> then <uuid:2>' }, { name: '<uuid:1>' }]);
    // A UUID only under other keys is left alone.
    expect(maskValue({ token: a })).toEqual({ token: a });
  });

  test('quoted JSON objects inside a cause become <json-input:N>', () => {
    const cause = "could not be found in the input '{\"a\":1}' nor '{\"b\":2}' nor '{\"a\":1}'";
    expect(maskValue({ cause })).toEqual({
      cause: "could not be found in the input '<json-input:1>' nor '<json-input:2>' nor '<json-input:1>'",
    });
    expect(maskValue({ output: "'{\"a\":1}'" })).toEqual({ output: "'{\"a\":1}'" });
  });
});

describe('normaliseEvent', () => {
  test('drops the timestamp and parses payload fields, assigned variables and object causes', () => {
    const event = {
      timestamp: new Date(0),
      type: 'TaskStateExited',
      id: 6,
      previousEventId: 5,
      stateExitedEventDetails: {
        name: 'S',
        output: '"text"',
        outputDetails: { truncated: false },
        assignedVariables: { x: '1', y: '{"a":[1]}' },
      },
    };
    expect(normaliseEvent(event)).toEqual({
      type: 'TaskStateExited',
      id: 6,
      previousEventId: 5,
      stateExitedEventDetails: {
        name: 'S',
        output: 'text',
        outputDetails: { truncated: false },
        assignedVariables: { x: 1, y: { a: [1] } },
      },
    });
  });

  test('a payload field that is not JSON text cannot match a recorded value', () => {
    const normalised = normaliseEvent({ type: 'PassStateExited', id: 2, previousEventId: 1, stateExitedEventDetails: { output: { a: 1 } } });
    expect(normalised['stateExitedEventDetails']).toEqual({ output: { [NOT_JSON_TEXT]: { a: 1 } } });
  });

  test('parses a JSON-object cause once, not the strings inside it', () => {
    const cause = JSON.stringify({ errorMessage: 'm', inner: '{"k":1}' });
    const normalised = normaliseEvent({ type: 'TaskFailed', id: 1, previousEventId: 0, taskFailedEventDetails: { cause, error: 'E' } });
    expect(normalised['taskFailedEventDetails']).toEqual({ cause: { errorMessage: 'm', inner: '{"k":1}' }, error: 'E' });
    expect(parseJsonObjectText('{not json')).toBe('{not json');
    expect(parseJsonObjectText('[1]')).toBe('[1]');
  });
});
