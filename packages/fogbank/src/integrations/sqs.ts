/**
 * SQS Task resources: the optimised `arn:aws:states:::sqs:sendMessage` (and, through the service's
 * wrapper, `.waitForTaskToken`): the SendMessage result plus `SdkHttpMetadata`, errors
 * `SQS.<Exception>` with the Java SDK v1 cause, as the recorded cases show; and the SDK integration
 * `arn:aws:states:::aws-sdk:sqs:<action>` (the bare SDK result, errors `Sqs.<Exception>` with the
 * Java SDK v2 cause).
 */
import { TaskError, type Integration, type Json, type JsonObject, type TaskContext } from '@fogbank/asl';
import { SqsError } from '../sqs/errors.js';
import { SQS_OPERATIONS, type Sqs, type SqsOperation } from '../sqs/service.js';
import { jsonServiceMetadata } from '../step-functions/sdk-metadata.js';
import { unknownResource } from '../step-functions/service-integrations.js';

const OPTIMISED = 'arn:aws:states:::sqs:';
const SDK = 'arn:aws:states:::aws-sdk:sqs:';
const OPERATIONS: ReadonlySet<string> = new Set(SQS_OPERATIONS);

/** Hosts the Java SDK reaches: AWS's SQS endpoints and loopback (a local endpoint). */
const REACHABLE_HOST = /^(?:sqs\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?|(?:[a-z0-9-]+\.)?queue\.amazonaws\.com|localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

export function sqsIntegrations(sqs: Sqs, newRequestId: () => string): Record<string, Integration> {
  const optimised: Integration = async (parameters, ctx) => {
    const request = isObject(parameters) ? parameters : {};
    // The Java SDK v1 sends to the host of the queue URL: one that does not resolve never reaches SQS.
    const host = hostOf(request['QueueUrl']);
    if (host !== undefined && !REACHABLE_HOST.test(host)) {
      throw new TaskError('SQS.SdkClientException', `Unable to execute HTTP request: ${host}: Name or service not known`);
    }
    const requestId = newRequestId();
    let result: unknown;
    try {
      result = await sqs.sendMessage({
        ...(request as object),
        QueueUrl: request['QueueUrl'] as string,
        MessageBody: messageBody(request['MessageBody']) as string,
      });
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      const name = error.modeled ? `${error.name}Exception` : 'AmazonSQSException';
      throw new TaskError(
        `SQS.${name}`,
        `${error.message} (Service: AmazonSQS; Status Code: ${error.statusCode}; Error Code: ${error.queryErrorCode}; Request ID: ${requestId}; Proxy: null)`,
      );
    }
    const body = JSON.stringify(result);
    return { ...(JSON.parse(body) as JsonObject), ...jsonServiceMetadata({ requestId, contentLength: Buffer.byteLength(body), nowMs: ctx.clock.now() }) };
  };

  const sdk: Integration = async (parameters, ctx) => {
    const action = ctx.resource.slice(SDK.length);
    if (!OPERATIONS.has(action)) throw unknownResource(ctx.resource);
    releaseClockWhilePolling(action, parameters, ctx);
    try {
      return JSON.parse(JSON.stringify(await sqs.call(action as SqsOperation, parameters ?? {}))) as Json;
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      const name = error.modeled ? `${error.name}Exception` : 'SqsException';
      throw new TaskError(`Sqs.${name}`, `${error.message} (Service: Sqs, Status Code: ${error.statusCode}, Request ID: ${newRequestId()})`);
    }
  };

  // Exact: `sendMessage.waitForTaskToken` then goes through the service's callback wrapper, and
  // other `sqs:` actions (AWS optimises SendMessage only) are unknown resources.
  return { [`${OPTIMISED}sendMessage`]: optimised, [`${SDK}*`]: sdk };
}

/**
 * A long poll waits for a message; it is not work in flight: let a virtual clock move, so the
 * poll's wait ends in simulated time when no message comes.
 */
function releaseClockWhilePolling(action: string, parameters: Json, ctx: TaskContext): void {
  if (action !== 'receiveMessage' || !('advance' in ctx.clock)) return;
  const wait = isObject(parameters) ? parameters['WaitTimeSeconds'] : undefined;
  if (typeof wait === 'number' && wait > 0) ctx.sleep(0).catch(() => {});
}

/** `MessageBody` as Step Functions sends it: text as is, any other JSON value serialised, null as absent. */
function messageBody(body: Json | undefined): string | undefined {
  if (body === undefined || body === null) return undefined;
  return typeof body === 'string' ? body : JSON.stringify(body);
}

function hostOf(url: Json | undefined): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

function isObject(value: Json): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
