// @ts-check
'use strict';
/**
 * Error shapes of Lambda's Node.js runtime client (aws-lambda-nodejs-runtime-interface-client,
 * src/Errors.js): the body returned to the caller and the text written to the log.
 * Shared by the worker runtime and the inline mode.
 */

/**
 * The error document of a failed invocation, as the Invoke API returns it.
 * @typedef {{ errorType: string, errorMessage: string, trace?: string[] }} ErrorPayload
 */

const { types } = require('node:util');

/** An error raised by the runtime itself (init failures, exits); `name` is the Lambda error type. */
class RuntimeError extends Error {
  /**
   * @param {string} type e.g. `Runtime.ImportModuleError`
   * @param {string} message
   */
  constructor(type, message) {
    super(message);
    this.name = type;
  }
}

/**
 * RIC's duck test for errors from another realm: string name, message and stack.
 * @param {unknown} value
 */
function looksLikeError(value) {
  if (typeof value !== 'object' || value === null) return false;
  const v = /** @type {Record<string, unknown>} */ (value);
  return typeof v['name'] === 'string' && v['name'] !== '' && typeof v['message'] === 'string' && v['message'] !== '' && typeof v['stack'] === 'string';
}

/** @param {string} text */
const sanitize = (text) => text.replace(/\x7F/g, '%7F');

/**
 * The Invoke response body for an error value, exactly as RIC's `toRapidResponse`: an Error gives
 * its name, message and stack lines; anything else gives `typeof` and `String()`.
 * @param {unknown} error
 * @returns {ErrorPayload}
 */
function toRapidResponse(error) {
  try {
    if (types.isNativeError(error) || looksLikeError(error)) {
      const e = /** @type {Error} */ (error);
      return {
        errorType: sanitize(e.name),
        errorMessage: sanitize(e.message),
        trace: String(e.stack).split('\n').map(sanitize),
      };
    }
    return { errorType: typeof error, errorMessage: String(/** @type {object} */ (error).toString()), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage:
        'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

/**
 * The JSON the runtime appends to `Invoke Error` / `Uncaught Exception` log lines (RIC's
 * `toFormatted`): `stack` instead of `trace`, plus `code` and enumerable own properties.
 * @param {unknown} error
 * @returns {string}
 */
function toFormatted(error) {
  try {
    return '\t' + JSON.stringify(error, (_key, value) => withEnumerableProperties(value));
  } catch {
    return '\t' + JSON.stringify(toRapidResponse(error));
  }
}

/** @param {unknown} value */
function withEnumerableProperties(value) {
  if (!(value instanceof Error)) return value;
  const out = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (Object.assign(
    { errorType: value.name, errorMessage: value.message, code: /** @type {{ code?: unknown }} */ (value).code },
    value,
  )));
  if (typeof value.stack === 'string') out['stack'] = value.stack.split('\n');
  return out;
}

/**
 * Maps an exception thrown while loading the handler module to the runtime's init error types:
 * a SyntaxError becomes `Runtime.UserCodeSyntaxError`, a CommonJS MODULE_NOT_FOUND becomes
 * `Runtime.ImportModuleError`, anything else keeps its own type (RIC's UserFunction.js).
 * @param {unknown} error
 * @returns {unknown}
 */
function classifyLoadError(error) {
  if (error instanceof RuntimeError) return error;
  if (error instanceof SyntaxError) return new RuntimeError('Runtime.UserCodeSyntaxError', String(error));
  if (error instanceof Error && /** @type {{ code?: unknown }} */ (error).code === 'MODULE_NOT_FOUND') {
    return new RuntimeError('Runtime.ImportModuleError', String(error));
  }
  return error;
}

/** The message of `Runtime.NodeJsExit` (RIC Errors.js): an async handler's promise never settled. */
const NODE_JS_EXIT_MESSAGE =
  'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes';

/** The init error of a callback-style handler on nodejs24.x (aws-lambda-ric 4). */
const CALLBACK_HANDLER_DEPRECATED_MESSAGE =
  'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';

/** The Init warning of nodejs18.x-22.x for a non-async three-argument handler (RIC WarningForCallbackHandlers.js). */
const CALLBACK_HANDLER_WARNING =
  'AWS Lambda plans to remove support for callback-based function handlers starting with Node.js 24. You will need to update this function to use an async handler to use Node.js 24 or later. For more information and to provide feedback on this change, see https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/issues/137. To disable this warning, set the AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING environment variable.';

module.exports = { RuntimeError, toRapidResponse, toFormatted, classifyLoadError, NODE_JS_EXIT_MESSAGE, CALLBACK_HANDLER_DEPRECATED_MESSAGE, CALLBACK_HANDLER_WARNING };
