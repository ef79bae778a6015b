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
  let waits = true;
  // An object literal keeps AWS's key order for JSON.stringify(context); the accessor is own and
  // enumerable, as the runtime's is.
  return {
    get callbackWaitsForEmptyEventLoop() {
      return waits;
    },
    set callbackWaitsForEmptyEventLoop(value) {
      waits = value;
    },
    functionVersion: fn.functionVersion,
    functionName: fn.functionName,
    memoryLimitInMB: fn.memoryLimitInMB,
    logGroupName: fn.logGroupName,
    logStreamName: fn.logStreamName,
    identity: parseOptional(invoke.identity),
    clientContext: parseOptional(invoke.clientContext),
    invokedFunctionArn: invoke.invokedFunctionArn,
    awsRequestId: invoke.requestId,
    getRemainingTimeInMillis: () => invoke.deadlineMs - now(),
    succeed: callbacks.succeed,
    fail: callbacks.fail,
    done: callbacks.done,
  };
}

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
