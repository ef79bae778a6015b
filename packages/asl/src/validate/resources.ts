import type { Diagnostics } from './diagnostics.js';

/**
 * Task `Resource` checks. AWS accepts a Lambda function ARN, an activity ARN, an AWS SDK
 * integration (`arn:aws:states:::aws-sdk:<service>:<action>`) and the optimized integrations
 * with the patterns each supports; anything else is
 * `The resource provided <arn> is not recognized. ...` (recorded for `dynamodb:query`, which
 * exists only as an SDK integration). Express machines cannot wait: no activities, no `.sync`,
 * no `.waitForTaskToken` (recorded messages, including the trailing space of the last one).
 */

const PARTITION = '(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b)';
const LAMBDA_FUNCTION = new RegExp(`^arn:${PARTITION}:lambda:[^:]+:[^:]+:function:[^:]+(:[^:]+)?$`);
const ACTIVITY = new RegExp(`^arn:${PARTITION}:states:[^:]+:[^:]+:activity:[^:]+$`);
const INTEGRATION = new RegExp(`^arn:${PARTITION}:states:::([a-z0-9-]+):(.+)$`);
const SDK_ACTION = /^[a-z0-9-]+:[a-zA-Z][a-zA-Z0-9]*(\.waitForTaskToken)?$/;

type Pattern = '' | '.sync' | '.sync:2' | '.waitForTaskToken';
const R: Pattern[] = [''];
const RT: Pattern[] = ['', '.waitForTaskToken'];
const RS: Pattern[] = ['', '.sync'];
const RST: Pattern[] = ['', '.sync', '.waitForTaskToken'];

/** Optimized integrations: service -> action -> the patterns AWS supports for it. */
const OPTIMIZED: Readonly<Record<string, Readonly<Record<string, Pattern[]>>>> = {
  lambda: { invoke: RT },
  dynamodb: { getItem: R, putItem: R, updateItem: R, deleteItem: R },
  sns: { publish: RT },
  sqs: { sendMessage: RT },
  events: { putEvents: RT },
  states: { startExecution: ['', '.sync', '.sync:2', '.waitForTaskToken'] },
  apigateway: { invoke: RT },
  http: { invoke: R },
  ecs: { runTask: RST },
  batch: { submitJob: RST },
  glue: { startJobRun: RST },
  athena: { startQueryExecution: RST, stopQueryExecution: R, getQueryExecution: R, getQueryResults: R },
  codebuild: { startBuild: RST, stopBuild: R, batchDeleteBuilds: R, batchGetReports: R, startBuildBatch: RS, stopBuildBatch: R, retryBuildBatch: RS, retryBuild: RS, deleteBuildBatch: R },
  databrew: { startJobRun: RS },
  'emr-containers': { startJobRun: RST, createVirtualCluster: R, deleteVirtualCluster: RS },
  'emr-serverless': { createApplication: RS, startApplication: RS, stopApplication: RS, deleteApplication: RS, startJobRun: RS, cancelJobRun: RS },
  elasticmapreduce: {
    createCluster: RS, terminateCluster: RS, addStep: RS, cancelStep: R, setClusterTerminationProtection: R,
    modifyInstanceFleetByName: R, modifyInstanceGroupByName: R,
  },
  eks: {
    createCluster: RS, deleteCluster: RS, createFargateProfile: RS, deleteFargateProfile: RS, createNodegroup: RS,
    deleteNodegroup: RS, runJob: RS, call: R,
  },
  mediaconvert: { createJob: RS },
  sagemaker: {
    createEndpoint: R, createEndpointConfig: R, createHyperParameterTuningJob: RS, createLabelingJob: RS, createModel: R,
    createProcessingJob: RS, createTrainingJob: RS, createTransformJob: RS, updateEndpoint: R,
  },
  bedrock: { invokeModel: R, createModelCustomizationJob: RS },
  'bedrock-agentcore': {},
  evidently: {},
};

const PATTERN_SUFFIX = /(\.sync:2|\.sync|\.waitForTaskToken)$/;

export type ResourceKind = 'lambda' | 'activity' | 'integration' | 'unknown';

/** What kind of resource `arn` names, or `unknown` when AWS would not recognize it. */
export function resourceKind(arn: string): ResourceKind {
  if (LAMBDA_FUNCTION.test(arn)) return 'lambda';
  if (ACTIVITY.test(arn)) return 'activity';
  const m = INTEGRATION.exec(arn);
  if (m === null) return 'unknown';
  const service = m[2] ?? '';
  const rest = m[3] ?? '';
  if (service === 'aws-sdk') return SDK_ACTION.test(rest) ? 'integration' : 'unknown';
  const pattern = (PATTERN_SUFFIX.exec(rest)?.[1] ?? '') as Pattern;
  const action = rest.slice(0, rest.length - pattern.length);
  const patterns = OPTIMIZED[service]?.[action];
  return patterns !== undefined && Object.hasOwn(OPTIMIZED[service] ?? {}, action) && patterns.includes(pattern) ? 'integration' : 'unknown';
}

/** Checks a Task's `Resource` (a string) at `location`; `express` adds the Express rules. */
export function checkResource(arn: string, express: boolean, location: string, out: Diagnostics): void {
  const kind = resourceKind(arn);
  if (kind === 'unknown') {
    out.schema(
      arn.startsWith('arn:')
        ? `The resource provided ${arn} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.`
        : 'Value is not a valid resource ARN',
      location,
    );
    return;
  }
  if (!express) return;
  if (kind === 'activity') out.schema('Express state machine does not support Activity ARN', location);
  else if (/\.sync(:2)?$/.test(arn)) out.schema("Express state machine does not support '.sync' service integration", location);
  else if (arn.endsWith('.waitForTaskToken')) {
    out.schema("Express state machine does not support '.waitForTaskToken' service integration ", location);
  }
}

const ITEM_READERS = new RegExp(`^arn:${PARTITION}:states:::s3:(getObject|listObjectsV2)$`);
const RESULT_WRITERS = new RegExp(`^arn:${PARTITION}:states:::s3:putObject$`);

/** Checks a Map `ItemReader.Resource` / `ResultWriter.Resource`. */
export function checkMapResource(arn: string, role: 'reader' | 'writer', location: string, out: Diagnostics): void {
  const ok = role === 'reader' ? ITEM_READERS.test(arn) : RESULT_WRITERS.test(arn);
  if (!ok) {
    out.schema(
      `The resource provided ${arn} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.`,
      location,
    );
  }
}
