/**
 * Runs one corpus execution case through `createCloud()`, as an application would: the case's
 * Lambda functions are real functions of `cloud.lambda` (Node.js handlers doing what the
 * recorded Python handlers do), its tables are `cloud.dynamodb` tables, child state machines and
 * activities are created with `cloud.stepFunctions`, its queues and topics are `cloud.sqs` queues
 * and `cloud.sns` topics (the queues subscribed to the topics), activity workers are the recorded
 * worker state machines, run in the same cloud through the `aws-sdk:sfn` integration, and callback
 * senders are test code polling `cloud.sqs` (callback-senders.ts).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { virtualClock } from '@fogbank/asl';
import { createCloud } from 'fogbank';
import type { ExecutionCase, Json } from '../../../asl/test/conformance/corpus.js';
import { behaviourOf } from '../../../asl/test/conformance/lambda-behaviours.js';
import { ACCOUNT_ID, REGION, REAL_TIME_LIMIT_MS, START_TIME, roleArnOf, type ActualExecution } from '../../../asl/test/conformance/run-case.js';
import { runTestStateCase, type TestStateCase, type TestStateOutcome } from '../../../asl/test/conformance/test-state-case.js';
import { sendersOf, startSender } from './callback-senders.js';

const HANDLERS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'handlers');

/** The corpus fields this runner reads beyond the shared `ExecutionCase`. */
export interface CloudCase extends ExecutionCase {
  readonly needsDetails?: ExecutionCase['needsDetails'] & {
    readonly resources?: ReadonlyArray<{ service: string; tableName?: string; spec?: { partition_key?: string }; activityArn?: string; queueName?: string; queueUrl?: string; topicArn?: string }>;
    readonly otherStateMachines?: ReadonlyArray<{ stateMachineArn: string; type?: 'STANDARD' | 'EXPRESS'; definition: Json }>;
    readonly companions?: ReadonlyArray<{ role: string; description?: string; args?: readonly Json[]; kwargs?: { template?: Json; activity_arn?: string } }>;
  };
  readonly startMode?: string;
}

/** Whether the recording's test stopped the execution from outside while it waited. */
function stoppedFromOutside(c: CloudCase): boolean {
  const last = c.expected.events?.[c.expected.events.length - 1];
  return c.expected.status === 'ABORTED' && typeof last === 'object' && last !== null && !Array.isArray(last) && last['type'] === 'ExecutionAborted';
}

const nameOf = (arn: string) => arn.slice(arn.lastIndexOf(':') + 1);

/**
 * Functions a case's child machine calls that the corpus does not describe (it records the
 * functions of the main machine only), taken from the LocalStack test that recorded the case.
 */
const UNDESCRIBED_FUNCTIONS: Readonly<Record<string, ReadonlyArray<{ functionName: string; handler: string }>>> = {
  // test_callback.py creates it from TimeoutTemplates.LAMBDA_WAIT_60_SECONDS.
  'tests/aws/services/stepfunctions/v2/callback/test_callback.py::TestCallback::test_start_execution_sync_delegate_timeout': [
    { functionName: 'lambda_1_func_00000001', handler: 'wait-60-seconds' },
  ],
};

/** Every function the case needs, as `{ functionName, handler directory }`. */
function functionsOf(c: CloudCase): Array<{ functionName: string; handler: string }> {
  const described = (c.needsDetails?.lambda ?? []).map((detail) => ({ functionName: detail.functionName, handler: behaviourOf(detail) }));
  return [...described, ...(UNDESCRIBED_FUNCTIONS[c.id] ?? [])];
}

export async function runCloudCase(c: CloudCase): Promise<ActualExecution> {
  // A handler that sleeps 60 s of real time is cut off by its Task's TimeoutSeconds (5 s in the
  // corpus), in real time even on a virtual clock: allow for that wait.
  const sleeper = functionsOf(c).some((f) => f.handler === 'wait-60-seconds');
  const realTimeLimitMs = REAL_TIME_LIMIT_MS + (sleeper ? 10_000 : 0);
  const stop = stoppedFromOutside(c);
  let n = 0;
  const cloud = await createCloud({
    region: REGION,
    accountId: ACCOUNT_ID,
    clock: virtualClock(START_TIME, { autoAdvance: !stop }),
    ids: () => `${(++n).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
    server: false,
    lambda: { mode: 'inline', idleTimeoutMs: Infinity },
  });
  try {
    const sfn = cloud.stepFunctions;
    for (const { functionName, handler } of functionsOf(c)) {
      await cloud.lambda.createFunction({
        FunctionName: functionName,
        Handler: 'index.handler',
        Runtime: 'nodejs20.x',
        Code: { Directory: path.join(HANDLERS, handler) },
        Timeout: 900,
      });
    }
    for (const resource of c.needsDetails?.resources ?? []) {
      if (resource.service === 'dynamodb' && resource.tableName !== undefined) {
        const key = resource.spec?.partition_key ?? 'id';
        await cloud.dynamodb.createTable({
          TableName: resource.tableName,
          KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        });
      }
      if (resource.service === 'activity' && resource.activityArn !== undefined) await sfn.createActivity({ name: nameOf(resource.activityArn) });
      if (resource.service === 'sqs' && resource.queueName !== undefined) await cloud.sqs.createQueue({ QueueName: resource.queueName });
      if (resource.service === 'sns' && resource.topicArn !== undefined) {
        const name = nameOf(resource.topicArn);
        await cloud.sns.createTopic({ Name: name, ...(name.endsWith('.fifo') ? { Attributes: { FifoTopic: 'true' } } : {}) });
      }
    }
    // The tests that create a topic and a queue subscribe the queue to the topic.
    const queues = (c.needsDetails?.resources ?? []).filter((r) => r.service === 'sqs' && r.queueName !== undefined);
    for (const topic of (c.needsDetails?.resources ?? []).filter((r) => r.service === 'sns' && r.topicArn !== undefined)) {
      for (const queue of queues) {
        await cloud.sns.subscribe({ TopicArn: topic.topicArn!, Protocol: 'sqs', Endpoint: `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:${queue.queueName!}` });
      }
    }
    for (const other of c.needsDetails?.otherStateMachines ?? []) {
      await sfn.createStateMachine({ name: nameOf(other.stateMachineArn), definition: other.definition as object, type: other.type ?? 'STANDARD', roleArn: roleArnOf(c) });
    }
    const { stateMachineArn } = await sfn.createStateMachine({
      name: c.stateMachineName,
      definition: c.definition as object,
      type: c.stateMachineType,
      roleArn: roleArnOf(c),
    });
    let worker = 0;
    for (const companion of c.needsDetails?.companions ?? []) {
      const template = companion.kwargs?.template;
      const activityArn = companion.kwargs?.activity_arn;
      if (companion.role !== 'activity-worker' || template === undefined || activityArn === undefined) continue;
      const { stateMachineArn: workerArn } = await sfn.createStateMachine({ name: `worker-${++worker}`, definition: template as object });
      await sfn.startExecution({ stateMachineArn: workerArn, input: JSON.stringify({ ActivityArn: activityArn }) });
    }
    const senders = sendersOf(c).map((sender) => startSender(cloud, sender));

    const sync = c.startMode === 'StartSyncExecution';
    const input = JSON.stringify(c.input);
    let hung: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      hung = setTimeout(() => reject(new Error(`no result after ${realTimeLimitMs} ms of real time`)), realTimeLimitMs);
    });
    try {
      if (sync) {
        const out = await Promise.race([sfn.startSyncExecution({ stateMachineArn, name: c.executionName, input }), timeout]);
        return outcome(out.status, out.output, out.error, out.cause, []);
      }
      const { executionArn } = await sfn.startExecution({ stateMachineArn, name: c.executionName, input });
      if (stop) {
        await new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));
        await sfn.stopExecution({ executionArn });
      }
      const done = await Promise.race([sfn.waitForExecution(executionArn), timeout]);
      const events = c.stateMachineType === 'EXPRESS' ? [] : (await sfn.getExecutionHistory({ executionArn, maxResults: 1000 })).events;
      return outcome(done.status, done.output, done.error, done.cause, events);
    } finally {
      clearTimeout(hung);
      for (const sender of senders) sender.stop();
    }
  } finally {
    await cloud.close();
  }
}

function outcome(status: string, output: string | undefined, error: string | undefined, cause: string | undefined, events: readonly unknown[]): ActualExecution {
  return {
    status,
    ...(output !== undefined ? { output: JSON.parse(output) as Json } : {}),
    ...(error !== undefined ? { error } : {}),
    ...(cause !== undefined ? { cause } : {}),
    events,
  };
}

/** A recorded TestState call through `cloud.stepFunctions.testState`, with the case's functions. */
export async function runCloudTestState(c: TestStateCase & Pick<CloudCase, 'needsDetails'>): Promise<TestStateOutcome> {
  const cloud = await createCloud({ region: REGION, accountId: ACCOUNT_ID, clock: virtualClock(START_TIME), server: false, lambda: { mode: 'inline', idleTimeoutMs: Infinity } });
  try {
    for (const detail of c.needsDetails?.lambda ?? []) {
      await cloud.lambda.createFunction({
        FunctionName: detail.functionName,
        Handler: 'index.handler',
        Runtime: 'nodejs20.x',
        Code: { Directory: path.join(HANDLERS, behaviourOf(detail)) },
      });
    }
    return await runTestStateCase(c, {
      testState: (request) => cloud.stepFunctions.testState(request as never) as unknown as Promise<Record<string, unknown>>,
      virtualClock: () => undefined,
    });
  } finally {
    await cloud.close();
  }
}
