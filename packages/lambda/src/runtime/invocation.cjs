// @ts-check
'use strict';
/**
 * Runs one invocation of a loaded handler with the Node.js runtime's completion rules
 * (RIC Runtime.js, CallbackContext.js):
 * - a returned promise completes the invocation when it settles;
 * - `callback(null, result)` completes it once the event loop is empty, unless
 *   `context.callbackWaitsForEmptyEventLoop = false`; `callback(error)` completes at once;
 * - `context.succeed/fail/done` complete at once; only the first completion counts;
 * - a handler that returns no promise and never calls back succeeds with `null` when the loop
 *   drains, while an `async` handler whose promise never settles fails with `Runtime.NodeJsExit`.
 */
const { buildContext } = require('./invoke-context.cjs');
const { NODE_JS_EXIT_MESSAGE, RuntimeError, toFormatted, toRapidResponse } = require('./error-format.cjs');

/**
 * @typedef {import('./error-format.cjs').ErrorPayload} ErrorPayload
 * @typedef {{ kind: 'success', payload: string } | { kind: 'error', error: ErrorPayload }} Outcome
 * @typedef {{ set(listener: () => void): void, reset(): void }} BeforeExitHook
 */

/**
 * @param {object} options
 * @param {import('./handler-loader.cjs').Handler} options.handler
 * @param {string} options.eventJson the request payload (already checked to be JSON)
 * @param {import('./invoke-context.cjs').FunctionInfo} options.fn
 * @param {import('./invoke-context.cjs').InvokeInfo} options.invoke
 * @param {() => number} options.now the handler isolate's wall clock
 * @param {(...args: unknown[]) => void} options.logError writes an ERROR line for this request
 * @param {(outcome: Outcome) => void} options.onOutcome called exactly once
 * @param {boolean} options.awaitHandler nodejs24.x semantics (aws-lambda-ric 4): the handler is
 *   awaited with two arguments, so a plain return value is the answer; no callback
 * @param {BeforeExitHook | undefined} options.beforeExit the isolate's empty-event-loop hook;
 *   undefined in the inline mode, where the loop never drains and callbacks complete at once
 */
function runInvocation(options) {
  const { handler, onOutcome, beforeExit, logError } = options;
  let completed = false;
  /** @param {Outcome} outcome */
  const complete = (outcome) => {
    if (completed) {
      logError('Invocation has already been reported as done. Cannot call complete more than once per invocation.');
      return;
    }
    completed = true;
    beforeExit?.reset();
    onOutcome(outcome);
  };
  /** @param {unknown} error */
  const postError = (error) => {
    logError('Invoke Error', toFormatted(error));
    complete({ kind: 'error', error: toRapidResponse(error) });
  };
  /** @param {unknown} result */
  const postResult = (result) => {
    let payload;
    try {
      payload = JSON.stringify(result === undefined ? null : result);
    } catch {
      postError(new Error('Unable to stringify response body'));
      return;
    }
    complete({ kind: 'success', payload: payload ?? 'null' });
  };

  let finished = false;
  /**
   * @template {unknown[]} A
   * @param {(...args: A) => void} fn
   * @returns {(...args: A) => void}
   */
  const firstCallOnly = (fn) => (...args) => {
    if (finished) return;
    finished = true;
    fn(...args);
  };
  /** @type {(error?: unknown, result?: unknown) => void} */
  const done = (error, result) => {
    beforeExit?.reset();
    if (error !== undefined && error !== null) postError(error);
    else postResult(result);
  };
  const context = buildContext(
    options.fn,
    options.invoke,
    {
      succeed: firstCallOnly((result) => done(null, result)),
      fail: firstCallOnly((error) => done(error === undefined || error === null ? 'handled' : error, null)),
      done: firstCallOnly(done),
    },
    options.now,
  );
  const callback = firstCallOnly((/** @type {unknown} */ error, /** @type {unknown} */ result) => {
    beforeExit?.reset();
    if (error !== undefined && error !== null) postError(error);
    else if (!context.callbackWaitsForEmptyEventLoop || beforeExit === undefined) postResult(result);
    else beforeExit.set(() => setImmediate(() => postResult(result)));
  });

  if (options.awaitHandler) {
    Promise.resolve()
      .then(() => handler(JSON.parse(options.eventJson), context, undefined))
      .then(postResult, postError);
    return;
  }

  const isAsync = handler.constructor.name === 'AsyncFunction';
  beforeExit?.set(() => {
    if (completed) return;
    if (isAsync) {
      finished = true;
      postError(new RuntimeError('Runtime.NodeJsExit', NODE_JS_EXIT_MESSAGE));
    } else {
      finished = true;
      complete({ kind: 'success', payload: 'null' });
    }
  });

  try {
    const result = handler(JSON.parse(options.eventJson), context, callback);
    if (isPromiseLike(result)) {
      result.then(context.succeed, context.fail).then(undefined, context.fail);
    } else if (beforeExit === undefined && handler.length < 3) {
      // Inline mode has no empty-loop signal; AWS would answer `null` once the loop drains (the
      // return value of a non-async handler is ignored), so answer `null` now.
      context.succeed(null);
    }
  } catch (error) {
    callback(error, undefined);
  }
}

/**
 * @param {unknown} value
 * @returns {value is PromiseLike<unknown>}
 */
function isPromiseLike(value) {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (/** @type {{ then?: unknown }} */ (value).then) === 'function'
  );
}

module.exports = { runInvocation };
