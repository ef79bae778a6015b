import { describe, expect, test } from 'vitest';
import { machine, problems } from './helpers.js';

const task = (Resource: string) => machine({ Type: 'Task', Resource, End: true });

describe('Task resources', () => {
  test.for([
    'arn:aws:lambda:us-east-1:111111111111:function:f',
    'arn:aws:lambda:us-east-1:111111111111:function:f:live',
    'arn:aws:states:us-east-1:111111111111:activity:a',
    'arn:aws:states:::lambda:invoke',
    'arn:aws:states:::lambda:invoke.waitForTaskToken',
    'arn:aws:states:::dynamodb:putItem',
    'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
    'arn:aws:states:::states:startExecution.sync:2',
    'arn:aws:states:::aws-sdk:dynamodb:query',
    'arn:aws:states:::aws-sdk:s3:listBuckets.waitForTaskToken',
    'arn:aws:states:::ecs:runTask.sync',
    'arn:aws-cn:states:::sns:publish',
  ])('accepted: %s', (resource) => {
    expect(problems(task(resource))).toEqual([]);
  });

  test('an unknown integration or pattern is not recognized (recorded for dynamodb:query)', () => {
    expect(problems(task('arn:aws:states:::dynamodb:query'))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: The resource provided arn:aws:states:::dynamodb:query is not recognized. The value is not a valid resource ARN, or the resource is not available in this region. at /States/S/Resource",
      ]
    `);
    expect(problems(task('arn:aws:states:::lambda:invoke.sync'))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: The resource provided arn:aws:states:::lambda:invoke.sync is not recognized. The value is not a valid resource ARN, or the resource is not available in this region. at /States/S/Resource",
      ]
    `);
    expect(problems(task('my-function'))).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Value is not a valid resource ARN at /States/S/Resource",
      ]
    `);
  });
});

// Recorded: sfn_api_express test_illegal_activity_task, test_illegal_callbacks and
// sfn_api_validation ILLEGAL_WFTT. Only reported when the machine is EXPRESS.
describe('Express restrictions', () => {
  test('activities, .sync and .waitForTaskToken', () => {
    expect(problems(task('arn:aws:states:us-east-1:111111111111:activity:a'), 'EXPRESS')).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Express state machine does not support Activity ARN at /States/S/Resource",
      ]
    `);
    expect(problems(task('arn:aws:states:::states:startExecution.sync'), 'EXPRESS')).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Express state machine does not support '.sync' service integration at /States/S/Resource",
      ]
    `);
    expect(problems(task('arn:aws:states:::states:startExecution.sync:2'), 'EXPRESS')).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Express state machine does not support '.sync' service integration at /States/S/Resource",
      ]
    `);
    expect(problems(task('arn:aws:states:::sns:publish.waitForTaskToken'), 'EXPRESS')).toMatchInlineSnapshot(`
      [
        "SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' service integration  at /States/S/Resource",
      ]
    `);
  });

  test('the same resources are fine in a STANDARD machine, and request-response ones in EXPRESS', () => {
    expect(problems(task('arn:aws:states:::sns:publish.waitForTaskToken'))).toEqual([]);
    expect(problems(task('arn:aws:states:::sns:publish'), 'EXPRESS')).toEqual([]);
  });
});
