// The document pipeline end to end, as Standard and as Express: the Lambda functions and tables
// of fogbank.config.json, the definition file, a virtual clock so the Retry back-off takes no
// time. The handlers reach DynamoDB through the cloud's endpoint with the SDK, as in AWS.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { virtualClock } from '@fogbank/asl';
import { createCloud } from 'fogbank';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const CONFIG = here('./fogbank.config.json');
const START = Date.UTC(2025, 0, 1);

const happyInput = JSON.parse(await readFile(here('./input.json'), 'utf8'));
const definition = await readFile(here('./file-pipeline.asl.json'), 'utf8');

let cloud;

/** A cloud with the config's functions (code paths relative to the file) and tables. */
async function cloudFromConfig(file) {
  const config = JSON.parse(await readFile(file, 'utf8'));
  const created = await createCloud({ clock: virtualClock(START) });
  for (const fn of config.functions) {
    await created.lambda.createFunction({ ...fn, Code: { Directory: resolve(dirname(file), fn.Code.Directory) } });
  }
  for (const table of config.tables) await created.dynamodb.createTable(table);
  return created;
}

beforeEach(async () => {
  cloud = await cloudFromConfig(CONFIG);
});

afterEach(() => cloud.close());

/** Runs the pipeline once as `type`: status, output or error and cause, and (Standard) history. */
async function runPipeline(type, input) {
  const sfn = cloud.stepFunctions;
  const { stateMachineArn } = await sfn.createStateMachine({ name: `file-pipeline-${type.toLowerCase()}`, definition, type });
  if (type === 'EXPRESS') {
    const out = await sfn.startSyncExecution({ stateMachineArn, input: JSON.stringify(input) });
    return { status: out.status, output: out.output, error: out.error, cause: out.cause, seconds: (cloud.clock.now() - START) / 1000 };
  }
  const { executionArn } = await sfn.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  const done = await sfn.waitForExecution(executionArn);
  const { events } = await sfn.getExecutionHistory({ executionArn, maxResults: 1000 });
  return { status: done.status, output: done.output, error: done.error, cause: done.cause, seconds: (cloud.clock.now() - START) / 1000, events };
}

/** The names of the states entered, in order (Standard history). */
const statesEntered = (events) => events.filter((e) => e.type.endsWith('StateEntered')).map((e) => e.stateEnteredEventDetails.name);

const item = async (table, PK) => (await cloud.dynamodb.getItem({ TableName: table, Key: { PK: { S: PK } } })).Item;

const badFile = { documentId: 'doc-2', userId: 'user-7', file: { name: 'setup.exe', contentType: 'application/x-msdownload', size: 4096, content: 'MZ' } };
const brokenPdf = { documentId: 'doc-3', userId: 'user-7', file: { name: 'scan.pdf', contentType: 'application/pdf', size: 2048, content: 'not really a pdf' } };

describe.each(['STANDARD', 'EXPRESS'])('the file pipeline as %s', (type) => {
  test('a good file is checked, described, thumbnailed and read in parallel, and stored as READY', async () => {
    const run = await runPipeline(type, happyInput);
    expect(run.status).toBe('SUCCEEDED');
    expect(JSON.parse(run.output)).toEqual({ documentId: 'doc-1', status: 'READY', pages: 1, thumbnail: 'thumbnails/doc-1.png' });
    // The thumbnail renderer was busy once: the Retry waited its 2 s interval in simulated time.
    expect(run.seconds).toBe(2);
    expect(await item('documents', 'doc-1')).toEqual({
      PK: { S: 'doc-1' },
      status: { S: 'READY' },
      userId: { S: 'user-7' },
      name: { S: 'report.pdf' },
      pages: { N: '1' },
      words: { N: '18' },
      thumbnail: { S: 'thumbnails/doc-1.png' },
      text: { S: 'Quarterly report. Revenue grew in every region and costs fell for the third quarter in a row.' },
      language: { S: 'en' },
    });
    expect(await item('alerts', 'user-7#doc-1')).toBeUndefined();
    if (type === 'STANDARD') {
      expect(statesEntered(run.events)).toEqual(['Check File', 'Get Metadata', 'Process File', 'Get Thumbnail', 'Extract Text', 'Insert into Database', 'Document Ready']);
      expect(run.events.filter((e) => e.type === 'TaskFailed').map((e) => e.taskFailedEventDetails.error)).toEqual(['ThumbnailServiceBusy']);
    }
  });

  test('a bad file is refused by Check File, the user is alerted and nothing is stored', async () => {
    const run = await runPipeline(type, badFile);
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('DocumentProcessingFailed');
    expect(run.cause).toBe('setup.exe could not be processed (FileRejected): setup.exe: .exe files are not accepted');
    expect(await item('documents', 'doc-2')).toBeUndefined();
    expect(await item('alerts', 'user-7#doc-2')).toMatchObject({ error: { S: 'FileRejected' }, message: { S: run.cause } });
    if (type === 'STANDARD') {
      expect(statesEntered(run.events)).toEqual(['Check File', 'Alert User of Failure', 'Processing Failed']);
    }
  });

  test('a failing thumbnail step is retried while busy, then caught: the user is alerted and the PROCESSING row removed', async () => {
    const run = await runPipeline(type, brokenPdf);
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('DocumentProcessingFailed');
    expect(run.cause).toBe('scan.pdf could not be processed (ThumbnailError): cannot render scan.pdf: it is not a PDF document');
    // Get Metadata had registered the document; the alert step cleaned it up.
    expect(await item('documents', 'doc-3')).toBeUndefined();
    expect(await item('alerts', 'user-7#doc-3')).toMatchObject({ error: { S: 'ThumbnailError' } });
    expect(run.seconds).toBe(2);
    if (type === 'STANDARD') {
      const entered = statesEntered(run.events);
      expect(entered.slice(0, 3)).toEqual(['Check File', 'Get Metadata', 'Process File']);
      expect(entered.slice(-2)).toEqual(['Alert User of Failure', 'Processing Failed']);
      expect(entered).not.toContain('Insert into Database');
      expect(run.events.filter((e) => e.type === 'TaskFailed').map((e) => e.taskFailedEventDetails.error)).toEqual(['ThumbnailServiceBusy', 'ThumbnailError']);
      expect(run.events.some((e) => e.type === 'ParallelStateFailed')).toBe(true);
    }
  });
});
