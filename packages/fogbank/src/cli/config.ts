import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
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
    if (file.endsWith('.ts')) return readTypeScriptConfig(file, thrown);
    throw new CliError('FOGBANK_INVALID_CONFIG', `Cannot load ${file}: ${messageOf(thrown)}`);
  }
}

/**
 * A `.ts` config on a Node.js that cannot strip types (Node 20): compiled with the project's own
 * `typescript` package into a module next to it (so its relative imports still resolve), loaded,
 * then removed.
 */
async function readTypeScriptConfig(file: string, nativeError: unknown): Promise<unknown> {
  const ts = loadTypeScript(file);
  if (ts === undefined) {
    throw new CliError(
      'FOGBANK_INVALID_CONFIG',
      `Cannot load ${file}: this Node.js cannot run TypeScript (${messageOf(nativeError)}) and no 'typescript' package is installed to compile it; add typescript to the project, or use fogbank.config.json or .js`,
    );
  }
  const source = await readFile(file, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: file,
  });
  const compiled = path.join(path.dirname(file), `.fogbank.config.${process.pid}.${Date.now()}.mjs`);
  await writeFile(compiled, outputText);
  try {
    const module = (await import(pathToFileURL(compiled).href)) as { default?: unknown };
    return module.default;
  } catch (thrown) {
    throw new CliError('FOGBANK_INVALID_CONFIG', `Cannot load ${file}: ${messageOf(thrown)}`);
  } finally {
    await rm(compiled, { force: true });
  }
}

type TypeScriptCompiler = typeof import('typescript');

function loadTypeScript(file: string): TypeScriptCompiler | undefined {
  for (const from of [file, import.meta.url]) {
    try {
      return createRequire(from)('typescript') as TypeScriptCompiler;
    } catch {
      // not resolvable from here: try the next place
    }
  }
  return undefined;
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
