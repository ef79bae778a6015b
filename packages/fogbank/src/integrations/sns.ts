/**
 * SNS Task resources: the optimised `arn:aws:states:::sns:publish` (and, through the service's
 * wrapper, `.waitForTaskToken`): `{MessageId, SequenceNumber?}` plus the `SdkHttpMetadata` of
 * SNS's XML answer (the recorded cases' `text/xml` headers and its Content-Length), errors
 * `SNS.<Exception>` with the Java SDK v1 cause; and the SDK integration
 * `arn:aws:states:::aws-sdk:sns:<action>` (the bare SDK result, errors `Sns.<Exception>`).
 */
import { TaskError, type Integration, type Json, type JsonObject } from '@fogbank/asl';
import { SNS_OPERATIONS, SnsError, type Sns, type SnsOperation } from '../sns/service.js';
import { jsonServiceMetadata } from '../step-functions/sdk-metadata.js';
import { unknownResource } from '../step-functions/service-integrations.js';

const SDK = 'arn:aws:states:::aws-sdk:sns:';
const OPERATIONS: ReadonlySet<string> = new Set(SNS_OPERATIONS);

/** SNS's PublishResponse document, whose length is the response's Content-Length. */
function publishResponseXml(messageId: string, requestId: string, sequenceNumber: string | undefined): string {
  const sequence = sequenceNumber === undefined ? '' : `    <SequenceNumber>${sequenceNumber}</SequenceNumber>\n`;
  return (
    '<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">\n' +
    `  <PublishResult>\n    <MessageId>${messageId}</MessageId>\n${sequence}  </PublishResult>\n` +
    `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n` +
    '</PublishResponse>\n'
  );
}

export function snsIntegrations(sns: Sns, newRequestId: () => string): Record<string, Integration> {
  const publish: Integration = async (parameters, ctx) => {
    const request = isObject(parameters) ? parameters : {};
    const message = request['Message'];
    const requestId = newRequestId();
    let result: { MessageId: string; SequenceNumber?: string };
    try {
      result = await sns.publish({
        ...(request as object),
        Message: (message === undefined || message === null ? undefined : typeof message === 'string' ? message : JSON.stringify(message)) as string,
      });
    } catch (error) {
      if (!(error instanceof SnsError)) throw error;
      throw new TaskError(
        `SNS.${error.name}`,
        `${error.message} (Service: AmazonSNS; Status Code: ${error.statusCode}; Error Code: ${error.queryErrorCode}; Request ID: ${requestId}; Proxy: null)`,
      );
    }
    const xml = publishResponseXml(result.MessageId, requestId, result.SequenceNumber);
    const metadata = jsonServiceMetadata({ requestId, contentLength: Buffer.byteLength(xml), nowMs: ctx.clock.now(), contentType: 'text/xml' });
    return { MessageId: result.MessageId, ...metadata, ...(result.SequenceNumber !== undefined ? { SequenceNumber: result.SequenceNumber } : {}) };
  };

  const sdk: Integration = async (parameters, ctx) => {
    const action = ctx.resource.slice(SDK.length);
    if (!OPERATIONS.has(action)) throw unknownResource(ctx.resource);
    try {
      return JSON.parse(JSON.stringify(await sns.call(action as SnsOperation, parameters ?? {}))) as Json;
    } catch (error) {
      if (!(error instanceof SnsError)) throw error;
      throw new TaskError(`Sns.${error.name}`, `${error.message} (Service: Sns, Status Code: ${error.statusCode}, Request ID: ${newRequestId()})`);
    }
  };

  // Exact: `publish.waitForTaskToken` then goes through the service's callback wrapper.
  return { 'arn:aws:states:::sns:publish': publish, [`${SDK}*`]: sdk };
}

function isObject(value: Json): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
