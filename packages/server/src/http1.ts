/**
 * A small, strict HTTP/1.1 server on `node:net`, for what AWS clients send: a request line,
 * headers, a body framed by `Content-Length` or `Transfer-Encoding: chunked`,
 * `Expect: 100-continue`, keep-alive with pipelining, and `Connection: close`.
 *
 * Why not node:http: its IncomingMessage and ServerResponse streams cost more CPU per request
 * than fogbank's whole DynamoDB operation (a do-nothing node:http server spends 2-3 times what a
 * do-nothing socket server does per request, measured in bench/dynamodb). Here a request is one
 * plain object with the whole body, and a response is written with one `socket.write`.
 *
 * Anything malformed is answered with a 4xx/5xx status and the connection is closed; nothing a
 * client sends can throw out of this module.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { BAD_VALUE, ChunkedDecoder, HttpError, parseHead, type Head } from './http1-parse.js';

/** One request, its body read in full. Header names are lower case; repeated ones joined by `, `. */
export interface HttpRequest {
  readonly method: string;
  /** The request target as sent, e.g. `/` or `/2015-03-31/functions/f/invocations?Qualifier=1`. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** A response. `content-length`, `date` and `connection` are added by the server. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

/** Answers a request; a throw or a rejection becomes a bare 500. */
export type HttpHandler = (request: HttpRequest) => HttpResponse | Promise<HttpResponse>;

/** Limits and timeouts; every field is optional. */
export interface Http1Options {
  /** Largest request line plus headers. @default 16384 (node:http's default) */
  maxHeaderBytes?: number;
  /** Largest request body; larger ones get 413. @default 67108864 (64 MiB) */
  maxBodyBytes?: number;
  /**
   * An idle keep-alive connection is closed after this long. Long, because the AWS SDK's agent
   * has no idle timeout of its own: a request it sends on a connection the server is closing at
   * that moment fails with ECONNRESET, and a 5 s timeout (node:http's) makes that moment common
   * whenever a client pauses a few seconds. Idle connections cost a local endpoint nothing.
   * @default 60000
   */
  keepAliveTimeoutMs?: number;
  /** A request that stops arriving half-way is answered 408 after this long. @default 60000 */
  requestTimeoutMs?: number;
}

const REASONS: Record<number, string> = {
  100: 'Continue', 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 400: 'Bad Request', 403: 'Forbidden',
  404: 'Not Found', 408: 'Request Timeout', 409: 'Conflict', 413: 'Content Too Large', 415: 'Unsupported Media Type',
  417: 'Expectation Failed', 429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 500: 'Internal Server Error',
  501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout', 505: 'HTTP Version Not Supported',
};

const CRLF2 = Buffer.from('\r\n\r\n');
const CONTINUE = Buffer.from('HTTP/1.1 100 Continue\r\n\r\n', 'latin1');

// The Date header, formatted once per second.
let dateSecond = -1;
let dateText = '';
function httpDate(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(now).toUTCString();
  }
  return dateText;
}

/** The last header lines of a response that closes its connection. */
const CLOSE = 'connection: close\r\n';

/** Renders the status line and headers of a response; `connection` is CLOSE or the keep-alive lines. */
function renderHead(status: number, headers: Readonly<Record<string, string>>, length: number, connection: string): string {
  let head = `HTTP/1.1 ${status} ${REASONS[status] ?? 'Unknown'}\r\n`;
  for (const name in headers) {
    const value = headers[name] as string;
    // A value with a line break would split the response: the handler's bug, refused here.
    if (BAD_VALUE.test(value)) throw new Error(`Invalid character in response header ${name}`);
    head += `${name}: ${value}\r\n`;
  }
  return `${head}content-length: ${length}\r\ndate: ${httpDate()}\r\n${connection}\r\n`;
}

const enum State {
  Head,
  Body,
  Chunked,
  Closed,
}

/** One connection's parser and writer. Requests are answered one at a time, in order. */
class Connection {
  state = State.Head;
  /** Bytes not parsed yet: a partial head, or anything received while a request is answered. */
  pending: Buffer | undefined;
  busy = false;
  lastActive = Date.now();
  private peerEnded = false;
  private head: Head | undefined;
  private body: Buffer | undefined;
  private filled = 0;
  private chunks: ChunkedDecoder | undefined;
  private searchFrom = 0;

  constructor(
    readonly socket: Socket,
    private readonly handler: HttpHandler,
    private readonly options: Required<Http1Options>,
    private readonly keepAliveLines: string,
  ) {}

  /** Bytes arrived. */
  feed(data: Buffer): void {
    if (this.state === State.Closed) return;
    this.lastActive = Date.now();
    if (this.busy) {
      this.pending = this.pending === undefined ? data : Buffer.concat([this.pending, data]);
      // A client pipelining faster than it is answered waits: no unbounded buffering.
      if (this.pending.byteLength > this.options.maxHeaderBytes) this.socket.pause();
      return;
    }
    try {
      this.parse(data);
    } catch (error) {
      this.fail(error instanceof HttpError ? error.status : 500, error instanceof Error ? error.message : 'Internal error');
    }
  }

  /** A request is in progress (bytes of it arrived, it is not answered yet). */
  get midRequest(): boolean {
    return this.busy || this.state !== State.Head || (this.pending !== undefined && this.pending.byteLength > 0);
  }

  private parse(input: Buffer): void {
    let data = input;
    let offset = 0;
    while (offset < data.byteLength && !this.busy) {
      if (this.state === State.Head) {
        if (this.pending !== undefined) {
          data = Buffer.concat([this.pending, data.subarray(offset)]);
          offset = 0;
          this.pending = undefined;
        }
        // Empty lines before a request line are ignored (RFC 9112, 2.2).
        while (offset + 1 < data.byteLength && data[offset] === 13 && data[offset + 1] === 10) offset += 2;
        const end = data.indexOf(CRLF2, Math.max(offset, offset + this.searchFrom - 3));
        if (end === -1) {
          const rest = data.subarray(offset);
          if (rest.byteLength > this.options.maxHeaderBytes) throw new HttpError(431, 'Request headers too large');
          this.searchFrom = rest.byteLength;
          if (rest.byteLength > 0) this.pending = rest;
          return;
        }
        if (end - offset > this.options.maxHeaderBytes) throw new HttpError(431, 'Request headers too large');
        this.searchFrom = 0;
        const head = parseHead(data.toString('latin1', offset, end), this.options.maxBodyBytes);
        offset = end + 4;
        this.head = head;
        const available = data.byteLength - offset;
        if (head.chunked) {
          this.chunks = new ChunkedDecoder(this.options.maxBodyBytes);
          this.state = State.Chunked;
          if (head.expectContinue && available === 0) this.socket.write(CONTINUE);
        } else if (available >= head.contentLength) {
          // The common case: the whole body came with the head. No copy.
          const body = data.subarray(offset, offset + head.contentLength);
          offset += head.contentLength;
          this.dispatch(body);
        } else {
          this.body = Buffer.allocUnsafe(head.contentLength);
          this.filled = data.copy(this.body, 0, offset);
          offset = data.byteLength;
          this.state = State.Body;
          if (head.expectContinue && available === 0) this.socket.write(CONTINUE);
        }
      } else if (this.state === State.Body) {
        const body = this.body as Buffer;
        const copied = data.copy(body, this.filled, offset, Math.min(data.byteLength, offset + body.byteLength - this.filled));
        this.filled += copied;
        offset += copied;
        if (this.filled === body.byteLength) {
          this.body = undefined;
          this.dispatch(body);
        }
      } else if (this.state === State.Chunked) {
        const decoder = this.chunks as ChunkedDecoder;
        offset = decoder.push(data, offset);
        const body = decoder.body();
        if (body !== undefined) {
          this.chunks = undefined;
          this.dispatch(body);
        }
      } else return;
    }
    if (offset < data.byteLength) {
      const rest = data.subarray(offset);
      this.pending = this.pending === undefined ? rest : Buffer.concat([this.pending, rest]);
    }
  }

  private dispatch(body: Buffer): void {
    const head = this.head as Head;
    this.head = undefined;
    this.state = State.Head;
    this.busy = true;
    let answer: HttpResponse | Promise<HttpResponse>;
    try {
      answer = this.handler({ method: head.method, url: head.url, headers: head.headers, body });
    } catch {
      answer = { status: 500, headers: {}, body: new Uint8Array(0) };
    }
    if (answer instanceof Promise)
      answer.then(
        (response) => this.respond(head, response),
        () => this.respond(head, { status: 500, headers: {}, body: new Uint8Array(0) }),
      );
    else this.respond(head, answer);
  }

  private respond(head: Head, response: HttpResponse): void {
    if (this.state === State.Closed || this.socket.destroyed) return;
    let bytes: Buffer;
    try {
      const text = renderHead(response.status, response.headers, response.body.byteLength, head.keepAlive ? this.keepAliveLines : CLOSE);
      const headLength = Buffer.byteLength(text, 'latin1');
      bytes = Buffer.allocUnsafe(headLength + (head.method === 'HEAD' ? 0 : response.body.byteLength));
      bytes.write(text, 0, 'latin1');
      if (head.method !== 'HEAD') bytes.set(response.body, headLength);
    } catch (error) {
      this.fail(500, error instanceof Error ? error.message : 'Internal error');
      return;
    }
    const flushed = this.socket.write(bytes);
    this.lastActive = Date.now();
    if (!head.keepAlive) {
      this.state = State.Closed;
      this.socket.end();
      return;
    }
    if (flushed) this.next();
    // A client that reads slowly is answered further once it has caught up.
    else this.socket.once('drain', () => this.next());
  }

  /** Goes on with what arrived while the last request was answered. */
  private next(): void {
    this.busy = false;
    const pending = this.pending;
    this.pending = undefined;
    if (this.socket.isPaused()) this.socket.resume();
    if (pending !== undefined) this.feed(pending);
    if (this.peerEnded && !this.busy) this.finish();
  }

  /**
   * The client sent its last byte (a half-close, as `nc -N` or a shut-down socket does): what it
   * sent in full is still answered, then the connection is closed; a request cut short is dropped.
   */
  ended(): void {
    this.peerEnded = true;
    if (!this.busy) this.finish();
  }

  private finish(): void {
    if (this.state === State.Closed) return;
    this.state = State.Closed;
    this.pending = undefined;
    this.socket.end();
  }

  /** Answers an HTTP-level error and closes the connection. */
  fail(status: number, message: string): void {
    if (this.state === State.Closed) return;
    this.state = State.Closed;
    this.pending = undefined;
    if (this.socket.destroyed) return;
    const body = Buffer.from(`${message}\n`);
    this.socket.end(Buffer.concat([Buffer.from(renderHead(status, { 'content-type': 'text/plain' }, body.byteLength, CLOSE), 'latin1'), body]));
  }
}

/** A listening HTTP/1.1 server. */
export interface Http1Server {
  readonly server: Server;
  /** Closes every connection and stops listening. */
  close(): Promise<void>;
}

/**
 * Creates an HTTP/1.1 server answering every request with `handler`; call `server.listen()`.
 *
 * @example
 * const { server } = createHttp1Server((req) => ({ status: 200, headers: {}, body: req.body }));
 * server.listen(0, '127.0.0.1');
 */
export function createHttp1Server(handler: HttpHandler, options: Http1Options = {}): Http1Server {
  const resolved: Required<Http1Options> = {
    maxHeaderBytes: options.maxHeaderBytes ?? 16384,
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024 * 1024,
    keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? 60000,
    requestTimeoutMs: options.requestTimeoutMs ?? 60000,
  };
  const connections = new Set<Connection>();
  // Keep-Alive's timeout lets clients drop an idle connection before the server does (Node's
  // http Agent does when it has a timeout of its own, retiring the socket a second early).
  const keepAliveLines = `connection: keep-alive\r\nkeep-alive: timeout=${Math.max(1, Math.round(resolved.keepAliveTimeoutMs / 1000))}\r\n`;
  // Half-open: a client that shuts down its sending side still gets its answers (ended()).
  const server = createServer({ noDelay: true, allowHalfOpen: true }, (socket) => {
    const connection = new Connection(socket, handler, resolved, keepAliveLines);
    connections.add(connection);
    socket.on('data', (data: Buffer) => connection.feed(data));
    // A reset or a write to a closed peer ends the connection, never the process.
    socket.on('error', () => socket.destroy());
    socket.on('end', () => connection.ended());
    socket.on('close', () => {
      connection.state = State.Closed;
      connections.delete(connection);
    });
  });
  // One sweep for all connections instead of a timer per socket re-armed on every read.
  const sweepEvery = Math.max(10, Math.min(1000, Math.floor(Math.min(resolved.keepAliveTimeoutMs, resolved.requestTimeoutMs) / 2)));
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const connection of connections) {
      if (connection.busy) continue;
      const idle = now - connection.lastActive;
      // Answered and ended on this side: a client that never closes its side is cut off.
      if (connection.state === State.Closed) {
        if (idle >= sweepEvery) connection.socket.destroy();
        continue;
      }
      if (connection.midRequest) {
        if (idle >= resolved.requestTimeoutMs) connection.fail(408, 'Request timed out');
      } else if (idle >= resolved.keepAliveTimeoutMs) connection.socket.destroy();
    }
  }, sweepEvery);
  sweep.unref();
  server.on('close', () => clearInterval(sweep));
  return {
    server,
    close: () =>
      new Promise<void>((done) => {
        clearInterval(sweep);
        for (const connection of connections) connection.socket.destroy();
        server.close(() => done());
      }),
  };
}
