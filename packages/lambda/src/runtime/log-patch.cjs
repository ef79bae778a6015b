// @ts-check
'use strict';
/**
 * Replaces `console.*` the way Lambda's Node.js runtime does (RIC LogPatch.js, text format): each
 * call becomes one line `<ISO time>\t<requestId>\t<LEVEL>\t<message>\n`, where newlines inside the
 * message become `\r` so a multi-line message stays one CloudWatch event. During init there is no
 * request, and the id prints as `undefined`, as on AWS.
 */
const { format } = require('node:util');

/** @type {ReadonlyArray<[keyof Console | 'fatal', string]>} */
const LEVELS = [
  ['log', 'INFO'],
  ['info', 'INFO'],
  ['warn', 'WARN'],
  ['error', 'ERROR'],
  ['debug', 'DEBUG'],
  ['trace', 'TRACE'],
  ['fatal', 'FATAL'],
];

/**
 * Formats one function log line.
 * @param {number} epochMs
 * @param {string | undefined} requestId
 * @param {string} level
 * @param {unknown[]} args
 */
function formatLogLine(epochMs, requestId, level, args) {
  const message = format(...args).replace(/\n/g, '\r');
  return `${new Date(epochMs).toISOString()}\t${requestId}\t${level}\t${message}\n`;
}

/**
 * Installs the patched console in this isolate.
 * @param {(line: string, epochMs: number) => void} write receives each formatted line
 * @param {() => string | undefined} requestId the current request id
 * @param {() => number} now
 */
function patchConsole(write, requestId, now) {
  const target = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (console));
  for (const [method, level] of LEVELS) {
    target[method] = (/** @type {unknown[]} */ ...args) => {
      const at = now();
      write(formatLogLine(at, requestId(), level, args), at);
    };
  }
}

module.exports = { formatLogLine, patchConsole };
