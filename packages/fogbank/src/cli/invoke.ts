import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Json } from '@fogbank/asl';
import { LambdaServiceException } from '@fogbank/lambda';
import { startConfiguredCloud } from './cloud-config.js';
import type { ResolvedConfig } from './config.js';
import { CliError } from './errors.js';

/** Options of {@link invokeHandler}. */
export interface InvokeOptions {
  /** The function's code directory (what `/var/task` holds), relative to `cwd`. */
  readonly directory: string;
  /** Lambda's handler string, e.g. `index.handler` or `src/app.main`. */
  readonly handler: string;
  readonly cwd: string;
  /** One invocation per event, in order, in the same function (so the second one is warm). */
  readonly events: readonly Json[];
  /** Seconds. @default 3 */
  readonly timeout?: number;
  /** MB. @default 128 */
  readonly memory?: number;
  readonly environment?: Readonly<Record<string, string>>;
  /** @default 'nodejs20.x' */
  readonly runtime?: string;
  /** The cloud the function runs in: handlers' SDK clients reach its tables. */
  readonly config: ResolvedConfig;
}

/** One invocation's answer: Invoke's response with the payload and log decoded. */
export interface Invocation {
  readonly statusCode: number;
  readonly functionError: 'Unhandled' | undefined;
  readonly requestId: string;
  /** The payload text exactly as the function answered. */
  readonly payload: string;
  /** The `Tail` log: START, the handler's lines, END, REPORT. */
  readonly log: string;
}

/**
 * Creates a function from a directory and invokes it once per event with `LogType: 'Tail'`:
 * what `fogbank invoke` does, without printing. Configuration errors are Lambda's own
 * (`InvalidParameterValueException: ...`), as a {@link CliError}.
 */
export async function invokeHandler(options: InvokeOptions): Promise<Invocation[]> {
  const directory = path.resolve(options.cwd, options.directory);
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new CliError('FOGBANK_FILE_NOT_FOUND', `Not a directory: ${directory} (invoke takes the function's code directory, then its handler)`);
  }
  const cloud = await startConfiguredCloud(options.config);
  try {
    const taken = new Set(options.config.functions.map((f) => f.FunctionName));
    const base = functionNameOf(directory);
    let functionName = base;
    for (let i = 2; taken.has(functionName); i++) functionName = `${base}-${i}`;
    try {
      await cloud.lambda.createFunction({
        FunctionName: functionName,
        Handler: options.handler,
        Runtime: options.runtime ?? 'nodejs20.x',
        Code: { Directory: directory },
        ...(options.timeout !== undefined ? { Timeout: options.timeout } : {}),
        ...(options.memory !== undefined ? { MemorySize: options.memory } : {}),
        ...(options.environment !== undefined ? { Environment: { Variables: { ...options.environment } } } : {}),
      });
    } catch (thrown) {
      if (thrown instanceof LambdaServiceException) throw new CliError('FOGBANK_USAGE', `CreateFunction failed: ${thrown.name}: ${thrown.message}`);
      throw thrown;
    }
    const invocations: Invocation[] = [];
    for (const event of options.events) {
      const response = await cloud.lambda.invoke({ FunctionName: functionName, Payload: JSON.stringify(event), LogType: 'Tail' });
      invocations.push({
        statusCode: response.StatusCode,
        functionError: response.FunctionError,
        requestId: response.$metadata.requestId,
        payload: response.Payload.transformToString(),
        log: response.LogResult === undefined ? '' : Buffer.from(response.LogResult, 'base64').toString('utf8'),
      });
    }
    return invocations;
  } finally {
    await cloud.close();
  }
}

/** A function name from the directory's name (letters, digits, `-`, `_`; at most 64). */
function functionNameOf(directory: string): string {
  const name = path.basename(directory).replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 64);
  return name === '' ? 'function' : name;
}

/** `K=V` pairs (`--env`) into an environment; a pair without `=` is a usage error. */
export function parseEnvironment(pairs: readonly string[]): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new CliError('FOGBANK_USAGE', `--env takes KEY=VALUE, got '${pair}'`);
    environment[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return environment;
}
