// @ts-check
'use strict';
/**
 * Resolves a handler string (`src/orders.handler`, `index.handlers.get`) to a function, following
 * Lambda's Node.js runtime (RIC src/UserFunction.js): the module name is everything before the
 * first dot of the last path segment, the rest is a property path; files are tried as
 * extensionless, `.js` (require, or import under `"type": "module"`), `.mjs`, `.cjs`, then
 * `require.resolve` (which also finds packages on NODE_PATH, i.e. layers).
 */
const { existsSync, readFileSync, statSync } = require('node:fs');
const path = require('node:path');
// The CommonJS loader's createRequire, without loading the public `node:module` in every worker.
const { createRequire } = /** @type {typeof import('node:module')} */ (/** @type {unknown} */ (module.constructor));
const { RuntimeError, classifyLoadError } = require('./error-format.cjs');

/**
 * @typedef {(event: unknown, context: object, callback: ((error?: unknown, result?: unknown) => void) | undefined) => unknown} Handler
 */

/**
 * @typedef {object} FileProbes
 * @property {(file: string) => boolean} existsSync
 * @property {(file: string) => boolean} isFile
 * @property {(file: string) => string} readFileSync utf8 text
 */

/**
 * @typedef {object} LoadOptions
 * @property {NodeJS.Require} [requireFn] loads CommonJS files (the inline mode's per-environment loader)
 * @property {string} [importSuffix] appended to ESM URLs, so the inline mode loads a copy per environment
 * @property {FileProbes} [files] file-system probes (the inline mode answers them from memory)
 */

/** @type {FileProbes} */
const realFiles = { existsSync, isFile, readFileSync: (file) => readFileSync(file, 'utf8') };

/**
 * Loads the module and returns the handler function. Throws the runtime's init errors.
 * @param {string} appRoot LAMBDA_TASK_ROOT, the function's code directory
 * @param {string} fullHandler the Handler setting
 * @param {LoadOptions} [options]
 * @returns {Promise<Handler>}
 */
async function loadHandler(appRoot, fullHandler, options = {}) {
  const { moduleRoot, moduleName, handlerPath } = parseHandlerName(fullHandler);
  let userApp;
  try {
    userApp = await loadModule(appRoot, moduleRoot, moduleName, options);
  } catch (error) {
    throw classifyLoadError(error);
  }
  return pickHandler(userApp, fullHandler, handlerPath);
}

/**
 * The handler from an entry file already known to load through `requireFn` (the inline mode
 * remembers where a function's CommonJS entry resolved): the same errors as `loadHandler`, without
 * the file probes, synchronously.
 * @param {NodeJS.Require} requireFn
 * @param {string} file
 * @param {string} fullHandler
 * @returns {Handler}
 */
function loadHandlerFromFile(requireFn, file, fullHandler) {
  const { handlerPath } = parseHandlerName(fullHandler);
  let userApp;
  try {
    userApp = requireFn(file);
  } catch (error) {
    throw classifyLoadError(error);
  }
  return pickHandler(userApp, fullHandler, handlerPath);
}

/** @param {string} fullHandler */
function parseHandlerName(fullHandler) {
  if (fullHandler.includes('..')) {
    throw new RuntimeError(
      'Runtime.MalformedHandlerName',
      `'${fullHandler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const moduleAndHandler = path.basename(fullHandler);
  const moduleRoot = fullHandler.substring(0, fullHandler.indexOf(moduleAndHandler));
  const match = /^([^.]*)\.(.*)$/.exec(moduleAndHandler);
  if (match === null) throw new RuntimeError('Runtime.MalformedHandlerName', 'Bad handler');
  return { moduleRoot, moduleName: /** @type {string} */ (match[1]), handlerPath: /** @type {string} */ (match[2]) };
}

/**
 * @param {unknown} userApp
 * @param {string} fullHandler
 * @param {string} handlerPath
 * @returns {Handler}
 */
function pickHandler(userApp, fullHandler, handlerPath) {
  const handler = handlerPath.split('.').reduce(
    (/** @type {any} */ nested, key) => (nested === undefined || nested === null ? undefined : nested[key]),
    userApp,
  );
  if (handler === undefined || handler === null) {
    throw new RuntimeError('Runtime.HandlerNotFound', `${fullHandler} is undefined or not exported`);
  }
  if (typeof handler !== 'function') {
    throw new RuntimeError('Runtime.HandlerNotFound', `${fullHandler} is not a function`);
  }
  return handler;
}

/**
 * @param {string} appRoot
 * @param {string} moduleRoot
 * @param {string} moduleName
 * @param {LoadOptions} options
 * @returns {Promise<unknown>}
 */
async function loadModule(appRoot, moduleRoot, moduleName, options) {
  const requireFn = options.requireFn ?? createRequire(path.join(appRoot, 'index.js'));
  const files = options.files ?? realFiles;
  const base = path.resolve(appRoot, moduleRoot, moduleName);
  /** @param {string} ext */
  const tryRequire = (ext) => (files.existsSync(base + ext) ? { value: requireFn(base + ext) } : undefined);
  /** @param {string} ext */
  const tryImport = async (ext) =>
    files.existsSync(base + ext)
      ? { value: await import(require('node:url').pathToFileURL(base + ext).href + (options.importSuffix ?? '')) }
      : undefined;

  const extensionless = moduleName !== '' && files.isFile(base) ? tryRequire('') : undefined;
  if (extensionless) return extensionless.value;
  const typeModule = hasPackageJsonTypeModule(base, files);
  if (!typeModule) {
    const js = tryRequire('.js');
    if (js) return js.value;
  }
  const loaded = (typeModule ? await tryImport('.js') : undefined) ?? (await tryImport('.mjs')) ?? tryRequire('.cjs');
  if (loaded) return loaded.value;
  const resolved = requireFn.resolve(moduleName, { paths: [appRoot, path.resolve(appRoot, moduleRoot)] });
  return requireFn(resolved);
}

/** @param {string} file */
function isFile(file) {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Whether the nearest package.json above `file` says `"type": "module"`.
 * @param {string} file
 * @param {FileProbes} files
 */
function hasPackageJsonTypeModule(file, files) {
  let dir = path.dirname(file);
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (files.existsSync(candidate)) {
      try {
        return JSON.parse(files.readFileSync(candidate)).type === 'module';
      } catch {
        return false;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return false;
    dir = parent;
  }
}

module.exports = { loadHandler, loadHandlerFromFile };
