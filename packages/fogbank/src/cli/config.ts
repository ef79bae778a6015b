import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CreateFunctionRequest } from '@fogbank/lambda';
import type { CreateTableInput } from '@fogbank/dynamodb';
import { CliError, messageOf } from './errors.js';

/** A state machine the config declares: CreateStateMachine's input, `definition` a path or the ASL object. */
export interface ConfigStateMachine {
  readonly name: string;
  readonly definition: string | object;
  /** @default 'STANDARD' */
  readonly type?: 'STANDARD' | 'EXPRESS';
}

/**
 * `fogbank.config.json` (or `.js`/`.mjs`/`.ts` exporting the same object as default): the cloud to
 * create, each entry the SDK input of the call that creates it. Paths are relative to the file.
 */
export interface FogbankConfig {
  readonly functions?: readonly CreateFunctionRequest[];
  readonly tables?: readonly CreateTableInput[];
  readonly stateMachines?: readonly ConfigStateMachine[];
  readonly eventSourceMappings?: readonly object[];
}

/** A config with every path made absolute, and where it came from. */
export interface ResolvedConfig {
  /** The file it was read from; `undefined` when there is none (an empty cloud). */
  readonly file: string | undefined;
  readonly functions: readonly CreateFunctionRequest[];
  readonly tables: readonly CreateTableInput[];
  readonly stateMachines: readonly ConfigStateMachine[];
  readonly eventSourceMappings: readonly object[];
}

/** The names `--config` defaults to, looked up in the working directory in this order. */
export const DEFAULT_CONFIG_FILES = ['fogbank.config.json', 'fogbank.config.js', 'fogbank.config.mjs', 'fogbank.config.ts'] as const;

const KNOWN_KEYS = new Set(['functions', 'tables', 'stateMachines', 'eventSourceMappings', '$schema']);

/**
 * Reads the config named by `--config`, or the first default file in `cwd`; no file at all is an
 * empty cloud. Throws {@link CliError} `FOGBANK_INVALID_CONFIG` with the file and the problem.
 */
export async function loadConfig(cwd: string, file: string | undefined): Promise<ResolvedConfig> {
  const found = file !== undefined ? path.resolve(cwd, file) : DEFAULT_CONFIG_FILES.map((name) => path.join(cwd, name)).find((f) => existsSync(f));
  if (found === undefined) return { file: undefined, functions: [], tables: [], stateMachines: [], eventSourceMappings: [] };
  if (!existsSync(found)) throw new CliError('FOGBANK_FILE_NOT_FOUND', `Config file not found: ${found}`);
  const raw = await readConfigFile(found);
  return resolveConfig(raw, found);
}

async function readConfigFile(file: string): Promise<unknown> {
  if (file.endsWith('.json')) {
    const text = await readFile(file, 'utf8');
    try {
      return JSON.parse(text) as unknown;
    } catch (thrown) {
      throw new CliError('FOGBANK_INVALID_CONFIG', `${file} is not valid JSON: ${messageOf(thrown)}`);
    }
  }
  try {
    const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
    return module.default;
  } catch (thrown) {
    const hint = file.endsWith('.ts') ? ' (a .ts config needs a Node.js that strips types: Node 22.6+ with --experimental-strip-types, or Node 23.6+)' : '';
    throw new CliError('FOGBANK_INVALID_CONFIG', `Cannot load ${file}${hint}: ${messageOf(thrown)}`);
  }
}

/** Checks the shape and makes paths absolute (exported for tests and for configs built in code). */
export function resolveConfig(raw: unknown, file: string): ResolvedConfig {
  const fail = (problem: string): never => {
    throw new CliError('FOGBANK_INVALID_CONFIG', `${file}: ${problem}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('the config must be an object (a .js config exports it as default)');
  const config = raw as Record<string, unknown>;
  for (const key of Object.keys(config)) {
    if (!KNOWN_KEYS.has(key)) fail(`unknown key '${key}' (expected functions, tables, stateMachines, eventSourceMappings)`);
  }
  const list = (key: string): Record<string, unknown>[] => {
    const value = config[key] ?? [];
    if (!Array.isArray(value)) fail(`'${key}' must be an array`);
    (value as unknown[]).forEach((entry, i) => {
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) fail(`${key}[${i}] must be an object`);
    });
    return value as Record<string, unknown>[];
  };
  const dir = path.dirname(file);
  const functions = list('functions').map((f, i) => resolveFunction(f, i, dir, fail));
  const stateMachines = list('stateMachines').map((m, i): ConfigStateMachine => {
    if (typeof m['name'] !== 'string') fail(`stateMachines[${i}].name must be a string`);
    const definition = m['definition'];
    if (typeof definition !== 'string' && (typeof definition !== 'object' || definition === null)) fail(`stateMachines[${i}].definition must be a path or an ASL object`);
    const type = m['type'] ?? 'STANDARD';
    if (type !== 'STANDARD' && type !== 'EXPRESS') fail(`stateMachines[${i}].type must be STANDARD or EXPRESS`);
    return {
      name: m['name'] as string,
      definition: typeof definition === 'string' ? path.resolve(dir, definition) : (definition as object),
      type: type as 'STANDARD' | 'EXPRESS',
    };
  });
  return {
    file,
    functions,
    tables: list('tables') as unknown as CreateTableInput[],
    stateMachines,
    eventSourceMappings: list('eventSourceMappings'),
  };
}

function resolveFunction(f: Record<string, unknown>, i: number, dir: string, fail: (problem: string) => never): CreateFunctionRequest {
  if (typeof f['FunctionName'] !== 'string') fail(`functions[${i}].FunctionName must be a string`);
  const code = f['Code'];
  if (typeof code !== 'object' || code === null) fail(`functions[${i}].Code must be an object such as { "Directory": "./fn" }`);
  const directory = (code as Record<string, unknown>)['Directory'];
  const layers = f['Layers'];
  const resolved: Record<string, unknown> = { ...f, Code: { ...(code as object) } };
  if (typeof directory === 'string') (resolved['Code'] as Record<string, unknown>)['Directory'] = path.resolve(dir, directory);
  if (Array.isArray(layers)) resolved['Layers'] = layers.map((l) => (typeof l === 'string' ? path.resolve(dir, l) : l));
  return resolved as unknown as CreateFunctionRequest;
}
