/**
 * The platform's lines in a function's log, byte for byte as CloudWatch Logs holds them
 * (docs: https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html; exact bytes from
 * LocalStack's AWS-recorded snapshots): `START` has a space before `Version`, every REPORT field is
 * followed by a tab, including the last one.
 */

export function startLine(requestId: string): string {
  return `START RequestId: ${requestId} Version: $LATEST\n`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}\n`;
}

/** What one REPORT line says. */
export interface ReportFields {
  requestId: string;
  /** Handler time in ms. */
  durationMs: number;
  /** Whole ms, rounded up (1 ms billing granularity since December 2020). */
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  /** Present on the first invoke of a new environment only. */
  initDurationMs?: number | undefined;
  /** Newer runtimes add `Status: timeout` or `Status: error` + `Error Type:` for platform failures. */
  status?: 'timeout' | 'error' | undefined;
  errorType?: string | undefined;
}

export function reportLine(fields: ReportFields): string {
  let line =
    `REPORT RequestId: ${fields.requestId}\t` +
    `Duration: ${fields.durationMs.toFixed(2)} ms\t` +
    `Billed Duration: ${fields.billedDurationMs} ms\t` +
    `Memory Size: ${fields.memorySizeMb} MB\t` +
    `Max Memory Used: ${fields.maxMemoryUsedMb} MB\t`;
  if (fields.initDurationMs !== undefined) line += `Init Duration: ${fields.initDurationMs.toFixed(2)} ms\t`;
  if (fields.status !== undefined) line += `Status: ${fields.status}\t`;
  if (fields.errorType !== undefined) line += `Error Type: ${fields.errorType}\t`;
  return line + '\n';
}

/** `INIT_START` opens a cold start. fogbank names its own runtime version (there is no AWS one). */
export function initStartLine(runtime: string, region: string): string {
  const major = /^nodejs(\d+)/.exec(runtime)?.[1] ?? '20';
  return `INIT_START Runtime Version: nodejs:${major}.fogbank\tRuntime Version ARN: arn:aws:lambda:${region}::runtime:fogbank-${runtime}\n`;
}

/** A failed Init: `INIT_REPORT Init Duration: ... ms\tPhase: init\tStatus: error\tError Type: ...`. */
export function initReportLine(initDurationMs: number, status: 'error' | 'timeout', errorType?: string): string {
  return (
    `INIT_REPORT Init Duration: ${initDurationMs.toFixed(2)} ms\tPhase: invoke\tStatus: ${status}\t` +
    (errorType !== undefined ? `Error Type: ${errorType}\t` : '') +
    '\n'
  );
}

/** The runtime's timeout line: spaces, not tabs, and the elapsed seconds with 2 decimals. */
export function timeoutLine(epochMs: number, requestId: string, elapsedMs: number): string {
  return `${new Date(epochMs).toISOString()} ${requestId} Task timed out after ${(elapsedMs / 1000).toFixed(2)} seconds\n`;
}

/** `X-Amz-Log-Result`: the last 4 KB of the invocation's log, base64. */
export function tailLog(messages: readonly string[]): string {
  const bytes = Buffer.from(messages.join(''), 'utf8');
  return bytes.subarray(Math.max(0, bytes.length - 4096)).toString('base64');
}

/** Billed duration: whole ms rounded up, never past the timeout. */
export function billedDuration(durationMs: number, timeoutMs: number): number {
  return Math.min(Math.max(1, Math.ceil(durationMs)), timeoutMs);
}
