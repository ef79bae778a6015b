/**
 * The recordings' callback senders, as test code against the cloud: each long-polls
 * `cloud.sqs` for the messages a `.waitForTaskToken` task sent and answers their tokens through
 * `cloud.stepFunctions`, as the case's companion description (or, where the case only names the
 * helper in its notes, LocalStack's helper of that name) says. They wait only on the cloud's
 * clock and on message arrival, never on real time.
 */
import type { Cloud } from 'fogbank';
import type { Json } from '../../../asl/test/conformance/corpus.js';

/** What a sender does with each message's token. */
export type SenderKind =
  /** SendTaskSuccess(Body.TaskToken, output = JSON of Body.Message). */
  | 'success'
  /** SendTaskFailure(Body.TaskToken, 'Failure error', 'Failure cause'). */
  | 'failure'
  /** Waits 5 s (the recorded sender's Wait state), SendTaskHeartbeat, then as `success`. */
  | 'heartbeat-then-success'
  /** `_handle_sqs_task_token_with_heartbeats_and_success`: 10 heartbeats, then SendTaskSuccess with the body as output. */
  | 'heartbeats-then-body'
  /** `_empty_send_task_failure_on_sqs_message`: SendTaskFailure with neither error nor cause. */
  | 'empty-failure'
  /** The SNS callback test's helper: the queue gets SNS notifications; SendTaskSuccess(JSON of Message).TaskToken, output `{}`. */
  | 'notification-success';

export interface Sender {
  readonly kind: SenderKind;
  readonly queueUrl: string;
}

interface SenderSource {
  readonly needs?: readonly string[];
  readonly needsDetails?: {
    readonly resources?: ReadonlyArray<{ service: string; queueUrl?: string }>;
    readonly companions?: ReadonlyArray<{ role: string; description?: string; args?: readonly Json[] }>;
  };
  readonly notes?: readonly string[] | null;
}

/** The helpers LocalStack ran that a case names only in its notes. */
const NOTED_HELPERS: ReadonlyArray<[string, SenderKind]> = [
  ['_sqs_task_token_handler', 'heartbeats-then-body'],
  ['_empty_send_task_failure_on_sqs_message', 'empty-failure'],
];

/** The senders a case ran: `callback-sender` companions, and helpers its notes name. */
export function sendersOf(c: SenderSource): Sender[] {
  const senders: Sender[] = [];
  for (const companion of c.needsDetails?.companions ?? []) {
    if (companion.role !== 'callback-sender') continue;
    const queueUrl = companion.args?.[0];
    if (typeof queueUrl !== 'string') continue;
    const text = companion.description ?? '';
    const kind: SenderKind = text.includes('SendTaskFailure') ? 'failure' : text.includes('SendTaskHeartbeat') ? 'heartbeat-then-success' : 'success';
    senders.push({ kind, queueUrl });
  }
  const queueUrl = c.needsDetails?.resources?.find((r) => r.service === 'sqs')?.queueUrl;
  const noted = (helper: string) => (c.notes ?? []).some((note) => note.includes(helper));
  for (const [helper, kind] of NOTED_HELPERS) {
    if (queueUrl !== undefined && noted(helper)) senders.push({ kind, queueUrl });
  }
  // test_sns_publish_wait_for_task_token's helper (run under LocalStack's `retry`) reads the
  // subscribed queue and answers the token inside the notification's Message.
  if (queueUrl !== undefined && noted('_retry') && c.needs?.includes('sns') === true && c.needs.includes('callback')) {
    senders.push({ kind: 'notification-success', queueUrl });
  }
  return senders;
}

/** Starts a sender; `stop()` ends it after its current poll (closing the cloud ends that poll). */
export function startSender(cloud: Cloud, sender: Sender): { stop(): void } {
  let stopped = false;
  const run = async (): Promise<void> => {
    while (!stopped) {
      const { Messages = [] } = await cloud.sqs.receiveMessage({ QueueUrl: sender.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 20 });
      for (const message of Messages) {
        if (stopped) return;
        await answer(cloud, sender.kind, message.Body);
      }
    }
  };
  run().catch(() => {});
  return {
    stop() {
      stopped = true;
    },
  };
}

async function answer(cloud: Cloud, kind: SenderKind, body: string): Promise<void> {
  const envelope = JSON.parse(body) as { TaskToken?: string; Message?: Json };
  const parsed = kind === 'notification-success' ? (JSON.parse(String(envelope.Message)) as typeof envelope) : envelope;
  const taskToken = parsed.TaskToken;
  if (typeof taskToken !== 'string') return;
  const sfn = cloud.stepFunctions;
  // A token that timed out meanwhile is answered with TaskTimedOut, as for the recorded sender.
  try {
    switch (kind) {
      case 'success':
        await sfn.sendTaskSuccess({ taskToken, output: JSON.stringify(parsed.Message ?? null) });
        return;
      case 'failure':
        await sfn.sendTaskFailure({ taskToken, error: 'Failure error', cause: 'Failure cause' });
        return;
      case 'heartbeat-then-success':
        await cloud.clock.timer(5_000).fired;
        await sfn.sendTaskHeartbeat({ taskToken });
        await sfn.sendTaskSuccess({ taskToken, output: JSON.stringify(parsed.Message ?? null) });
        return;
      case 'heartbeats-then-body':
        for (let i = 0; i < 10; i++) await sfn.sendTaskHeartbeat({ taskToken });
        await sfn.sendTaskSuccess({ taskToken, output: body });
        return;
      case 'empty-failure':
        await sfn.sendTaskFailure({ taskToken });
        return;
      case 'notification-success':
        await sfn.sendTaskSuccess({ taskToken, output: '{}' });
        return;
      default:
        kind satisfies never;
    }
  } catch {
    // The execution decides the outcome; a refused answer shows there as a timeout.
  }
}
