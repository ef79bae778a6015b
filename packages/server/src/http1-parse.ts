/**
 * HTTP/1.1 request parsing for the `node:net` server in http1.ts: the request line and headers
 * (strict: anything malformed is an HttpError carrying the status to answer), and an incremental
 * decoder for `Transfer-Encoding: chunked` bodies that works on any split of the bytes.
 */

/** An HTTP-level rejection: the status to answer before closing the connection. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Visible characters only in a request target (no spaces, no controls).
const TARGET = /^[\x21-\x7e\x80-\xff]+$/;
// Controls other than horizontal tab are not allowed in a field value.
export const BAD_VALUE = /[\x00-\x08\x0a-\x1f\x7f]/;
const DIGITS = /^\d{1,15}$/;
/** A parsed request head and how its body is framed. */
export interface Head {
  method: string;
  url: string;
  headers: Record<string, string>;
  keepAlive: boolean;
  expectContinue: boolean;
  contentLength: number;
  chunked: boolean;
}


const isBlank = (code: number): boolean => code === 32 || code === 9;

/**
 * Whether a CR or LF stands in the line from `from` to its CRLF at `end`: a line break other than
 * CRLF would make two parsers disagree on where the lines are.
 */
function bareBreak(text: string, from: number, end: number): boolean {
  const cr = text.indexOf('\r', from);
  const lf = text.indexOf('\n', from);
  return (cr !== -1 && cr < end) || (lf !== -1 && lf <= end);
}

/** Parses a request line and headers (the bytes before the blank line). Throws HttpError. */
export function parseHead(text: string, maxBodyBytes: number): Head {
  // NUL is refused anywhere in the head. Other control characters in a value are passed
  // through, as node:http's lenient mode does: scanning every byte of every value for them cost
  // more than the rest of the parse, and no value this server reads can hide one.
  if (text.indexOf('\0') !== -1) throw new HttpError(400, 'Invalid character in the request head');
  let lineEnd = text.indexOf('\r\n');
  if (lineEnd === -1) lineEnd = text.length;
  if (bareBreak(text, 0, lineEnd)) throw new HttpError(400, 'Bare CR or LF in the request head');
  const parts = text.slice(0, lineEnd).split(' ');
  if (parts.length !== 3) throw new HttpError(400, 'Malformed request line');
  const [method, url, version] = parts as [string, string, string];
  if (!TOKEN.test(method) || !TARGET.test(url)) throw new HttpError(400, 'Malformed request line');
  if (version !== 'HTTP/1.1' && version !== 'HTTP/1.0') {
    if (/^HTTP\/\d\.\d$/.test(version)) throw new HttpError(505, 'Only HTTP/1.0 and HTTP/1.1 are served');
    throw new HttpError(400, 'Malformed request line');
  }
  const headers: Record<string, string> = {};
  let contentLength: string | undefined;
  let at = lineEnd + 2;
  while (at < text.length) {
    let end = text.indexOf('\r\n', at);
    if (end === -1) end = text.length;
    if (bareBreak(text, at, end)) throw new HttpError(400, 'Bare CR or LF in the request head');
    const colon = text.indexOf(':', at);
    // A folded line (leading whitespace), a missing colon or whitespace before it is malformed.
    if (colon <= at || colon > end) throw new HttpError(400, 'Malformed header line');
    const name = text.slice(at, colon);
    if (!TOKEN.test(name)) throw new HttpError(400, 'Malformed header name');
    let from = colon + 1;
    let to = end;
    while (from < to && isBlank(text.charCodeAt(from))) from++;
    while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
    const value = text.slice(from, to);
    at = end + 2;
    const key = name.toLowerCase();
    if (key === 'content-length') {
      if (contentLength !== undefined && contentLength !== value) throw new HttpError(400, 'Conflicting Content-Length headers');
      contentLength = value;
      headers[key] = value;
      continue;
    }
    const previous = headers[key];
    // Repeated headers are joined; a name like `constructor` must not see Object.prototype's.
    headers[key] = typeof previous === 'string' && Object.hasOwn(headers, key) ? `${previous}, ${value}` : value;
  }
  const http11 = version === 'HTTP/1.1';
  if (http11 && headers['host'] === undefined) throw new HttpError(400, 'Missing Host header');
  const connection = headers['connection']?.toLowerCase();
  const keepAlive = connection === undefined ? http11 : http11 ? !/(^|,)\s*close\s*(,|$)/.test(connection) : /(^|,)\s*keep-alive\s*(,|$)/.test(connection);
  const transferEncoding = headers['transfer-encoding'];
  let chunked = false;
  let length = 0;
  if (transferEncoding !== undefined) {
    // Both framings at once is how requests are smuggled: refused, as RFC 9112 allows.
    if (contentLength !== undefined) throw new HttpError(400, 'Both Content-Length and Transfer-Encoding');
    if (transferEncoding.toLowerCase() !== 'chunked') throw new HttpError(501, `Transfer-Encoding ${transferEncoding} is not supported`);
    if (!http11) throw new HttpError(400, 'Transfer-Encoding in an HTTP/1.0 request');
    chunked = true;
  } else if (contentLength !== undefined) {
    if (!DIGITS.test(contentLength)) throw new HttpError(400, 'Invalid Content-Length');
    length = Number(contentLength);
    if (length > maxBodyBytes) throw new HttpError(413, 'Request body too large');
  }
  const expect = headers['expect'];
  if (expect !== undefined && expect.toLowerCase() !== '100-continue') throw new HttpError(417, `Expectation ${expect} is not supported`);
  return { method, url, headers, keepAlive, expectContinue: expect !== undefined && http11, contentLength: length, chunked };
}


const HEX = /^[0-9a-fA-F]{1,8}$/;
const MAX_LINE = 4096;

const enum Chunk {
  Size,
  Data,
  DataEnd,
  Trailer,
  Done,
}

/**
 * Decodes a chunked body as its bytes arrive, however they are split: chunk sizes in hex with
 * optional extensions, each chunk's data and CRLF, the last chunk and optional trailers (ignored).
 */
export class ChunkedDecoder {
  private state = Chunk.Size;
  private readonly parts: Buffer[] = [];
  private size = 0;
  private remaining = 0;
  private line = '';
  private trailerBytes = 0;
  private result: Buffer | undefined;

  constructor(private readonly maxBodyBytes: number) {}

  /** Consumes bytes from `offset`; returns where it stopped (the end, or just after the body). */
  push(data: Buffer, offset: number): number {
    let at = offset;
    while (at < data.byteLength && this.state !== Chunk.Done) {
      if (this.state === Chunk.Data) {
        const take = Math.min(this.remaining, data.byteLength - at);
        this.parts.push(data.subarray(at, at + take));
        this.remaining -= take;
        at += take;
        if (this.remaining === 0) this.state = Chunk.DataEnd;
        continue;
      }
      // Size lines, the CRLF after a chunk's data and trailer lines: read up to a line feed.
      const lf = data.indexOf(10, at);
      const end = lf === -1 ? data.byteLength : lf + 1;
      this.line += data.toString('latin1', at, end);
      at = end;
      if (this.line.length > MAX_LINE) throw new HttpError(400, 'Chunked encoding line too long');
      if (lf === -1) continue;
      const line = this.line;
      this.line = '';
      if (!line.endsWith('\r\n')) throw new HttpError(400, 'Malformed chunked encoding');
      const text = line.slice(0, -2);
      if (this.state === Chunk.DataEnd) {
        if (text !== '') throw new HttpError(400, 'Malformed chunked encoding');
        this.state = Chunk.Size;
      } else if (this.state === Chunk.Size) {
        const semicolon = text.indexOf(';');
        const hex = (semicolon === -1 ? text : text.slice(0, semicolon)).replace(/[ \t]+$/, '');
        if (!HEX.test(hex) || BAD_VALUE.test(text)) throw new HttpError(400, 'Malformed chunk size');
        const size = parseInt(hex, 16);
        if (this.size + size > this.maxBodyBytes) throw new HttpError(413, 'Request body too large');
        this.size += size;
        this.remaining = size;
        this.state = size === 0 ? Chunk.Trailer : Chunk.Data;
      } else {
        this.trailerBytes += line.length;
        if (this.trailerBytes > MAX_LINE) throw new HttpError(431, 'Trailers too large');
        if (text === '') {
          this.state = Chunk.Done;
          this.result = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts, this.size);
        } else if (text.indexOf(':') <= 0 || BAD_VALUE.test(text)) throw new HttpError(400, 'Malformed trailer');
      }
    }
    return at;
  }

  /** The whole body once the last chunk and trailers have arrived. */
  body(): Buffer | undefined {
    return this.result;
  }
}
