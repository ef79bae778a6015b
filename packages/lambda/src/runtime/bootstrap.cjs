// @ts-check
'use strict';
/**
 * Entry point of an execution environment's worker thread: the counterpart of Lambda's
 * `/var/runtime/index.mjs`. It boots (patches `console`, loads the runtime) and says `booted`;
 * the first `init` message gives it a function: its `process.env`, then the handler is loaded (the
 * function's Init). It then serves one invocation at a time, posting log lines and outcomes back
 * in order. Booting before a function is known lets the service keep a booted sandbox ready, as
 * Lambda keeps microVMs ready.
 *
 * Messages in:  { type: 'init', appRoot, handler, awaitHandler, env, clockNowMs }
 *               | { type: 'invoke', requestId, eventJson, invokedFunctionArn, timeoutMs,
 *                   clientContext?, identity?, clockNowMs }
 * Messages out: { type: 'booted' } | { type: 'log', line, at } | { type: 'ready', maxMemoryBytes }
 *               | { type: 'init-error', error } | { type: 'outcome', outcome, fatal, maxMemoryBytes }
 *               | { type: 'oom' } | { type: 'crash' }
 */
// The CommonJS loader's class, without loading the public `node:module` (and the ESM loader and
// source-map support it pulls in): every worker boot counts on a cold start.
const Module = /** @type {typeof import('node:module')} */ (/** @type {unknown} */ (module.constructor));
const { parentPort, workerData } = require('node:worker_threads');
const v8 = require('node:v8');
const { loadHandler } = require('./handler-loader.cjs');
const { functionInfoFromEnv } = require('./invoke-context.cjs');
const { runInvocation } = require('./invocation.cjs');
const { patchConsole } = require('./log-patch.cjs');
const {
  CALLBACK_HANDLER_DEPRECATED_MESSAGE,
  CALLBACK_HANDLER_WARNING,
  RuntimeError,
  toFormatted,
  toRapidResponse,
} = require('./error-format.cjs');

/**
 * @typedef {object} BootstrapData
 * @property {number} memoryLimitBytes
 * @property {number} sampleIntervalMs
 */

/**
 * @typedef {object} InitMessage
 * @property {'init'} type
 * @property {string} appRoot
 * @property {string} handler
 * @property {boolean} awaitHandler nodejs24.x semantics
 * @property {Record<string, string>} env
 * @property {number} clockNowMs the service clock when the message was sent
 */

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
const data = /** @type {BootstrapData} */ (workerData);
/** @type {InitMessage} */
let config;
/** @type {import('./invoke-context.cjs').FunctionInfo} */
let fn;
// Log timestamps follow the service's (possibly virtual) clock, shifted by real elapsed time.
let clockOffsetMs = 0;
const now = () => Date.now() + clockOffsetMs;

/** @type {string | undefined} */
let requestId;
/** @type {{ fail(error: unknown, type: 'Uncaught Exception' | 'Unhandled Promise Rejection'): void } | undefined} */
let inFlight;

patchConsole((line, at) => port.postMessage({ type: 'log', line, at }), () => requestId, now);
const logError = (/** @type {unknown[]} */ ...args) => console.error(...args);

// The empty-event-loop signal. The port keeps the loop alive between invocations; during one it is
// unref'd, so the loop can drain and `beforeExit` fires as in RIC's BeforeExitListener.
/** @type {(() => void) | undefined} */
let beforeExitListener;
process.on('beforeExit', () => {
  const listener = beforeExitListener;
  beforeExitListener = undefined;
  listener?.();
});
const beforeExit = {
  set: (/** @type {() => void} */ listener) => {
    beforeExitListener = listener;
  },
  reset: () => {
    beforeExitListener = undefined;
  },
};

process.on('uncaughtException', (error) => onFatal(error, 'Uncaught Exception'));
process.on('unhandledRejection', (reason) =>
  onFatal(new RuntimeError('Runtime.UnhandledPromiseRejection', String(reason)), 'Unhandled Promise Rejection'),
);

/**
 * @param {unknown} error
 * @param {'Uncaught Exception' | 'Unhandled Promise Rejection'} label
 */
function onFatal(error, label) {
  if (inFlight !== undefined) return inFlight.fail(error, label);
  console.error(label, toFormatted(error));
  // During Init the error is the Init error (RIC posts it with postInitError); later it ends the runtime.
  if (initializing) {
    initializing = false;
    port.postMessage({ type: 'init-error', error: toRapidResponse(error) });
  } else {
    port.postMessage({ type: 'crash' });
  }
}

// Peak memory of this isolate during an invocation: the V8 heap plus memory held outside it
// (Buffers, ArrayBuffers), sampled while the handler yields. Buffers are not bounded by the
// heap limit, so the sampler also enforces the function's MemorySize on them.
let peakBytes = 0;
/** @type {ReturnType<typeof setInterval> | undefined} */
let sampler;
// One interval serves back-to-back invocations and stops itself once the environment is idle.
function tick() {
  if (inFlight === undefined) {
    clearInterval(sampler);
    sampler = undefined;
    return;
  }
  sampleMemory();
}
function sampleMemory() {
  const stats = v8.getHeapStatistics();
  const used = stats.total_heap_size + stats.external_memory;
  if (used > peakBytes) peakBytes = used;
  if (used > data.memoryLimitBytes) port.postMessage({ type: 'oom' });
}

/** @type {import('./handler-loader.cjs').Handler} */
let handler;
let initializing = false;

/** The function's Init: its environment, then its module. */
async function init(/** @type {InitMessage} */ message) {
  config = message;
  clockOffsetMs = message.clockNowMs - Date.now();
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, message.env);
  // NODE_PATH (the layers) is read when the CommonJS loader starts; read it again.
  /** @type {{ _initPaths?: () => void }} */ (/** @type {unknown} */ (Module))._initPaths?.();
  fn = functionInfoFromEnv(process.env);
  // Lambda starts the runtime in /var/task. A worker cannot chdir, so process.cwd() (and with it
  // path.resolve) answers the task root; relative fs paths still use the host's directory.
  process.cwd = () => message.appRoot;
  initializing = true;
  try {
    handler = await loadHandler(message.appRoot, message.handler);
    if (message.awaitHandler && handler.length >= 3) {
      throw new RuntimeError('Runtime.CallbackHandlerDeprecated', CALLBACK_HANDLER_DEPRECATED_MESSAGE);
    }
    const isAsync = handler.constructor.name === 'AsyncFunction';
    if (!message.awaitHandler && handler.length === 3 && !isAsync && process.env['AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING'] === undefined) {
      console.warn(CALLBACK_HANDLER_WARNING);
    }
    if (!initializing) return; // an uncaught error during Init has already answered
    initializing = false;
    sampleMemory();
    port.postMessage({ type: 'ready', maxMemoryBytes: peakBytes });
  } catch (error) {
    if (!initializing) return;
    initializing = false;
    console.error('Uncaught Exception', toFormatted(error));
    port.postMessage({ type: 'init-error', error: toRapidResponse(error) });
  }
}

port.postMessage({ type: 'booted' });

port.on('message', (/** @type {any} */ message) => {
  if (message.type === 'init') return void init(message);
  if (message.type !== 'invoke') return;
  clockOffsetMs = message.clockNowMs - Date.now();
  requestId = message.requestId;
  const deadlineMs = now() + message.timeoutMs;
  peakBytes = 0;
  if (sampler === undefined) {
    sampler = setInterval(tick, data.sampleIntervalMs);
    sampler.unref();
  }
  let settled = false;
  /**
   * @param {import('./invocation.cjs').Outcome} outcome
   * @param {boolean} fatal
   */
  const settle = (outcome, fatal) => {
    if (settled) return;
    settled = true;
    inFlight = undefined;
    sampleMemory();
    port.ref();
    port.postMessage({ type: 'outcome', outcome, fatal, maxMemoryBytes: peakBytes });
  };
  inFlight = {
    fail(error, label) {
      console.error(label, toFormatted(error));
      settle({ kind: 'error', error: toRapidResponse(error) }, true);
    },
  };
  // nodejs24.x awaits the handler and has no empty-loop rule, so the port stays ref'd there.
  if (!config.awaitHandler) port.unref();
  runInvocation({
    handler,
    eventJson: message.eventJson,
    fn,
    invoke: { ...message, deadlineMs },
    now,
    logError,
    onOutcome: (outcome) => settle(outcome, false),
    awaitHandler: config.awaitHandler,
    beforeExit: config.awaitHandler ? undefined : beforeExit,
  });
});
