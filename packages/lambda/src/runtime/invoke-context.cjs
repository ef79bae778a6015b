// @ts-check
'use strict';
/**
 * The `context` object handed to a handler, built as Lambda's Node.js runtime builds it
 * (RIC src/InvokeContext.js, CallbackContext.js): the same keys in the same order (so
 * `JSON.stringify(context)` matches AWS), `memoryLimitInMB` as a string, and
 * `getRemainingTimeInMillis()` against the deadline, unclamped.
 */

/**
 * What the platform knows about one invocation.
 * @typedef {object} InvokeInfo
 * @property {string} requestId
 * @property {string} invokedFunctionArn
 * @property {number} deadlineMs epoch milliseconds of the handler's timeout
 * @property {string | undefined} [clientContext] JSON text, as the caller sent it decoded
 * @property {string | undefined} [identity] JSON text of the Cognito identity
 */

/**
 * The function's fixed facts, from its environment variables.
 * @typedef {object} FunctionInfo
 * @property {string} functionName
 * @property {string} functionVersion
 * @property {string} memoryLimitInMB
 * @property {string} logGroupName
 * @property {string} logStreamName
 */

/**
 * @typedef {object} ContextCallbacks
 * @property {(result?: unknown) => void} succeed
 * @property {(error?: unknown) => void} fail
 * @property {(error?: unknown, result?: unknown) => void} done
 */

/**
 * @param {FunctionInfo} fn
 * @param {InvokeInfo} invoke
 * @param {ContextCallbacks} callbacks
 * @param {() => number} now wall clock of the handler's isolate
 */
function buildContext(fn, invoke, callbacks, now) {
  // Own, enumerable and first, as the runtime's accessor is (JSON.stringify(context) keeps AWS's key
  // order). One shared accessor pair keeps this cheap: an object literal with its own getter and
  // setter costs a microsecond per invocation, a shared descriptor a tenth of that.
  const context = /** @type {LambdaContext} */ (Object.defineProperty({}, 'callbackWaitsForEmptyEventLoop', WAITS_ACCESSOR));
  context.functionVersion = fn.functionVersion;
  context.functionName = fn.functionName;
  context.memoryLimitInMB = fn.memoryLimitInMB;
  context.logGroupName = fn.logGroupName;
  context.logStreamName = fn.logStreamName;
  context.identity = parseOptional(invoke.identity);
  context.clientContext = parseOptional(invoke.clientContext);
  context.invokedFunctionArn = invoke.invokedFunctionArn;
  context.awsRequestId = invoke.requestId;
  context.getRemainingTimeInMillis = () => invoke.deadlineMs - now();
  context.succeed = callbacks.succeed;
  context.fail = callbacks.fail;
  context.done = callbacks.done;
  return context;
}

/**
 * @typedef {object} LambdaContext
 * @property {unknown} callbackWaitsForEmptyEventLoop
 * @property {string} functionVersion
 * @property {string} functionName
 * @property {string} memoryLimitInMB
 * @property {string} logGroupName
 * @property {string} logStreamName
 * @property {unknown} identity
 * @property {unknown} clientContext
 * @property {string} invokedFunctionArn
 * @property {string} awsRequestId
 * @property {() => number} getRemainingTimeInMillis
 * @property {(result?: unknown) => void} succeed
 * @property {(error?: unknown) => void} fail
 * @property {(error?: unknown, result?: unknown) => void} done
 */

/** Values handlers assigned to `callbackWaitsForEmptyEventLoop` (the default is true). */
const waitsOverrides = new WeakMap();
const WAITS_ACCESSOR = {
  /** @this {object} */
  get() {
    return waitsOverrides.has(this) ? waitsOverrides.get(this) : true;
  },
  /** @this {object} @param {unknown} value */
  set(value) {
    waitsOverrides.set(this, value);
  },
  enumerable: true,
  configurable: true,
};

/** @param {string | undefined} text */
function parseOptional(text) {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Reads the function's facts from the environment variables Lambda sets.
 * @param {Record<string, string | undefined>} env
 * @returns {FunctionInfo}
 */
function functionInfoFromEnv(env) {
  return {
    functionName: env['AWS_LAMBDA_FUNCTION_NAME'] ?? '',
    functionVersion: env['AWS_LAMBDA_FUNCTION_VERSION'] ?? '$LATEST',
    memoryLimitInMB: env['AWS_LAMBDA_FUNCTION_MEMORY_SIZE'] ?? '128',
    logGroupName: env['AWS_LAMBDA_LOG_GROUP_NAME'] ?? '',
    logStreamName: env['AWS_LAMBDA_LOG_STREAM_NAME'] ?? '',
  };
}

module.exports = { buildContext, functionInfoFromEnv };
