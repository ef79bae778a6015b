import type { ResourceInfo } from './types.js';

const LAMBDA_FUNCTION = /^arn:[\w-]+:lambda:[\w-]+:\d{12}:function:/;
const ACTIVITY = /^arn:[\w-]+:states:[\w-]+:\d{12}:activity:/;
const SERVICE = /^arn:[\w-]+:states:::(aws-sdk:[\w-]+|[\w-]+):(.+)$/;

/**
 * Reads a Task's `Resource` ARN the way Step Functions does: it decides which history events the
 * task records (`LambdaFunction*`, `Activity*` or `Task*`) and the `resourceType`/`resource` pair
 * of the `Task*` events.
 */
export function resolveResource(arn: string): ResourceInfo {
  if (LAMBDA_FUNCTION.test(arn)) {
    return { arn, kind: 'lambda', resourceType: 'lambda', resource: arn, pattern: 'request-response' };
  }
  if (ACTIVITY.test(arn)) {
    return { arn, kind: 'activity', resourceType: 'activity', resource: arn, pattern: 'callback' };
  }
  const service = SERVICE.exec(arn);
  if (service !== null) {
    const action = service[2]!;
    const pattern = action.endsWith('.waitForTaskToken') ? 'callback' : /\.sync(:\d+)?$/.test(action) ? 'sync' : 'request-response';
    return { arn, kind: 'service', resourceType: service[1]!, resource: action, pattern };
  }
  // Anything else (e.g. a plain name in a test) is recorded as a service task on the whole ARN.
  return { arn, kind: 'service', resourceType: 'unknown', resource: arn, pattern: 'request-response' };
}
