import { existsSync, readFileSync, statSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** The CommonJS loader internals this file builds on (stable for years; ts-node and jest use them). */
interface ModuleInternals {
  _resolveFilename(request: string, parent: Module, isMain: boolean, options?: { paths?: string[] }): string;
  _resolveLookupPaths(request: string, parent: Module): string[] | null;
  _nodeModulePaths(from: string): string[];
  _load(request: string, parent: Module, isMain: boolean): unknown;
  _extensions: NodeJS.RequireExtensions;
}
interface LoaderModule extends Module {
  _compile(content: string, filename: string): unknown;
}
const internals = Module as unknown as ModuleInternals & (new (id: string, parent?: Module) => LoaderModule);

type Wrapper = (
  this: unknown,
  exports: unknown,
  require: NodeJS.Require,
  module: Module,
  __filename: string,
  __dirname: string,
) => void;

/**
 * How a file of the function is instantiated per environment: a wrapper compiled once, JSON text
 * parsed per environment, a CommonJS file Node compiles per environment, or the host's loader.
 */
type Compiled =
  | { kind: 'wrapper'; wrapper: Wrapper }
  | { kind: 'json'; text: string }
  | { kind: 'node-compiled' }
  | { kind: 'host' };

/** The file probes handler-loader.cjs makes, answered once per code version. */
export interface FileProbes {
  existsSync(file: string): boolean;
  isFile(file: string): boolean;
  readFileSync(file: string): string;
}

/**
 * A function's code as one code version sees it (createFunction or an update): its CommonJS files
 * are read and compiled once, and every new inline environment instantiates them afresh, so each
 * environment has its own module state at the cost of a function call per module instead of a
 * read, a compile and the loader's file-system probes. Lambda deploys a snapshot of the code the
 * same way: edits on disk reach new environments after `updateFunctionCode`.
 */
export class InlineCode {
  readonly #root: string;
  readonly #compiled = new Map<string, Compiled>();
  readonly #resolved = new Map<string, string>();
  readonly #exists = new Map<string, boolean>();
  readonly #isFile = new Map<string, boolean>();
  readonly #texts = new Map<string, string>();
  readonly #commonJsDirs = new Map<string, boolean>();
  readonly #lookupPaths = new Map<string, string[]>();

  /** File probes answered from this snapshot's memory after the first look. */
  readonly probes: FileProbes = {
    existsSync: (file) => memo(this.#exists, file, () => existsSync(file)),
    isFile: (file) => memo(this.#isFile, file, () => statSync(file, { throwIfNoEntry: false })?.isFile() === true),
    readFileSync: (file) => memo(this.#texts, file, () => readFileSync(file, 'utf8')),
  };

  /**
   * The file the handler's module resolved to, once an Init has loaded it through `createRequire`
   * (a CommonJS entry): later environments require it directly, without the handler loader's
   * probes. An ESM entry is imported per environment and leaves this unset.
   */
  entry: string | undefined;

  constructor(readonly appRoot: string) {
    this.#root = appRoot + path.sep;
  }

  /**
   * A `require` for a new environment's Init: files of the function (under the code directory,
   * outside node_modules) are instantiated into a registry of this load only; builtins, packages
   * in node_modules and layers come from the host's loader and are shared, as before.
   */
  createRequire(): NodeJS.Require {
    const registry: Record<string, Module> = Object.create(null);
    const root = new internals(path.join(this.appRoot, 'index.js'));
    root.filename = path.join(this.appRoot, 'index.js');
    root.paths = memo(this.#lookupPaths, this.appRoot, () => internals._nodeModulePaths(this.appRoot)).slice();
    return this.#requireFrom(root, registry, true);
  }

  #requireFrom(parent: LoaderModule, registry: Record<string, Module>, isRoot = false): NodeJS.Require {
    const require = ((request: string) => this.#load(request, parent, registry, isRoot)) as NodeJS.Require;
    require.resolve = Object.assign(
      (request: string, options?: { paths?: string[] }) => internals._resolveFilename(request, parent, false, options),
      { paths: (request: string) => internals._resolveLookupPaths(request, parent) },
    );
    require.cache = registry;
    require.extensions = internals._extensions;
    require.main = process.mainModule;
    // `module.require` and the `require` Node builds for files it compiles itself come here too.
    parent.require = require;
    return require;
  }

  #load(request: string, parent: LoaderModule, registry: Record<string, Module>, isRoot: boolean): unknown {
    // Builtins and invalid requests: the host's loader, with its errors.
    if (typeof request !== 'string' || request === '' || Module.isBuiltin(request)) {
      return Module.prototype.require.call(parent, request);
    }
    const dir = parent.path ?? path.dirname(parent.filename);
    const key = `${dir}\0${request}`;
    let filename = this.#resolved.get(key);
    if (filename === undefined) {
      filename = internals._resolveFilename(request, parent, false);
      this.#resolved.set(key, filename);
    }
    // The root's only caller is the handler loader: what it requires is the entry.
    if (isRoot) this.entry ??= filename;
    const cached = registry[filename];
    if (cached !== undefined) return cached.exports;
    const compiled = this.#isOwnFile(filename) ? this.#compile(filename) : undefined;
    if (compiled === undefined || compiled.kind === 'host') return internals._load(request, parent, false);

    const module = new internals(filename, parent);
    module.filename = filename;
    // A copy each: code may push onto its own module.paths.
    module.paths = memo(this.#lookupPaths, module.path, () => internals._nodeModulePaths(module.path)).slice();
    registry[filename] = module;
    try {
      if (compiled.kind === 'json') {
        module.exports = JSON.parse(compiled.text);
      } else {
        const require = this.#requireFrom(module, registry);
        if (compiled.kind === 'wrapper') compiled.wrapper.call(module.exports, module.exports, require, module, filename, module.path);
        else module._compile(this.probes.readFileSync(filename), filename);
      }
    } catch (error) {
      delete registry[filename];
      if (compiled.kind === 'json' && error instanceof Error) error.message = `${filename}: ${error.message}`;
      throw error;
    }
    module.loaded = true;
    return module.exports;
  }

  /** The function's own CommonJS and JSON files; anything else loads through the host. */
  #isOwnFile(filename: string): boolean {
    return filename.startsWith(this.#root) && !filename.includes(`${path.sep}node_modules${path.sep}`);
  }

  #compile(filename: string): Compiled {
    let compiled = this.#compiled.get(filename);
    if (compiled !== undefined) return compiled;
    const ext = path.extname(filename);
    if (ext === '.json') {
      compiled = { kind: 'json', text: stripBom(this.probes.readFileSync(filename)) };
    } else if (ext === '.cjs' || ext === '' || (ext === '.js' && this.#isCommonJsScope(path.dirname(filename)))) {
      // (Node loads an extensionless file as CommonJS whatever the package type.)
      const source = this.probes.readFileSync(filename);
      // A file that uses `import()` is compiled by Node per environment: only Node's own loader can
      // resolve its dynamic imports relative to the file without an experimental vm flag.
      compiled = /\bimport\s*\(/.test(source)
        ? { kind: 'node-compiled' }
        : {
            kind: 'wrapper',
            wrapper: vm.compileFunction(stripBom(source), ['exports', 'require', 'module', '__filename', '__dirname'], {
              filename,
            }) as Wrapper,
          };
    } else {
      // ESM under "type": "module" (Node's require answers ERR_REQUIRE_ESM), .node addons, others.
      compiled = { kind: 'host' };
    }
    this.#compiled.set(filename, compiled);
    return compiled;
  }

  /** Whether `.js` files in `dir` are CommonJS: the nearest package.json has no `"type": "module"`. */
  #isCommonJsScope(dir: string): boolean {
    return memo(this.#commonJsDirs, dir, () => {
      const manifest = path.join(dir, 'package.json');
      if (this.probes.existsSync(manifest)) {
        try {
          return (JSON.parse(this.probes.readFileSync(manifest)) as { type?: unknown }).type !== 'module';
        } catch {
          return true;
        }
      }
      const parent = path.dirname(dir);
      return parent === dir ? true : this.#isCommonJsScope(parent);
    });
  }
}

function memo<V>(map: Map<string, V>, key: string, compute: () => V): V {
  let value = map.get(key);
  if (value === undefined && !map.has(key)) map.set(key, (value = compute()));
  return value as V;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
