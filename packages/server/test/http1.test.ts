/**
 * The HTTP/1.1 server on node:net (src/http1.ts): framing by Content-Length and chunked encoding
 * over any split of the bytes, pipelining, Expect: 100-continue, keep-alive and Connection: close,
 * and a 4xx/5xx answer (never a crash) for anything malformed or too slow.
 */
import { connect, type AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHttp1Server, type Http1Options, type HttpHandler, type Http1Server } from '../src/http1.js';
import { ChunkedDecoder, parseHead } from '../src/http1-parse.js';

/** Echoes the request: method, target, selected headers and the body's length and text. */
const echo: HttpHandler = (req) => {
  if (req.url === '/throw') throw new Error('handler bug');
  if (req.url === '/reject') return Promise.reject(new Error('handler bug'));
  const body = Buffer.from(JSON.stringify({ method: req.method, url: req.url, te: req.headers['transfer-encoding'] ?? null, x: req.headers['x-test'] ?? null, length: req.body.byteLength, text: req.body.toString('utf8') }));
  // An answer that takes a while for /slow, so pipelined answers must wait for it.
  const response = { status: 200, headers: { 'content-type': 'application/json' }, body };
  return req.url === '/slow' ? new Promise((resolve) => setTimeout(() => resolve(response), 20)) : response;
};

async function serve(options: Http1Options = {}): Promise<{ server: Http1Server; port: number }> {
  const server = createHttp1Server(echo, options);
  await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port };
}

/**
 * Sends the pieces one by one, each after the previous one was handed to the kernel and a
 * turn of the event loop, and collects what comes back until `done(text)` or the socket closes.
 */
function exchange(port: number, pieces: (string | Buffer)[], done: (text: string) => boolean = () => false): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let finished = false;
    const finish = (closed: boolean) => {
      if (finished) return;
      finished = true;
      socket.destroy();
      resolve({ text, closed });
    };
    const received: Buffer[] = [];
    socket.on('data', (d: Buffer) => {
      received.push(d);
      text = Buffer.concat(received).toString('utf8');
      if (done(text)) finish(false);
    });
    socket.on('close', () => finish(true));
    socket.on('error', reject);
    socket.on('connect', async () => {
      for (const piece of pieces) {
        if (socket.destroyed) return;
        await new Promise<void>((r) => socket.write(piece, () => r()));
        await new Promise((r) => setImmediate(r));
      }
    });
  });
}

const responses = (text: string) => text.split(/(?=HTTP\/1\.1 )/).filter((r) => r !== '');
const bodyOf = (response: string) => JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;
const statusOf = (response: string) => Number(response.slice(9, 12));
/** A response count reached (each response here has a JSON body ending in `}`). */
const count = (n: number) => (text: string) => responses(text).length === n && text.endsWith('}');

const request = (body = '', headers = '') => `POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${headers}\r\n${body}`;

let main: { server: Http1Server; port: number };
beforeAll(async () => {
  main = await serve();
});
afterAll(() => main.server.close());

describe('HTTP/1.1 framing', () => {
  test('a request gets its answer with content-length, date and keep-alive with its timeout', async () => {
    const { text } = await exchange(main.port, [request('{"a":1}')], count(1));
    // The timeout hint lets Node's Agent retire an idle socket before the server closes it.
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\ncontent-type: application\/json\r\ncontent-length: \d+\r\ndate: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT\r\nconnection: keep-alive\r\nkeep-alive: timeout=60\r\n\r\n/);
    expect(bodyOf(text)).toEqual({ method: 'POST', url: '/p', te: null, x: null, length: 7, text: '{"a":1}' });
  });

  test('a request split into single bytes is the same request', async () => {
    const raw = request('{"hello":"wörld"}', 'X-Test:   padded value  \r\n');
    const { text } = await exchange(main.port, [...Buffer.from(raw)].map((b) => Buffer.from([b])), count(1));
    expect(bodyOf(text)).toMatchObject({ x: 'padded value', text: '{"hello":"wörld"}' });
  });

  test('pipelined requests in one packet are answered in order, a slow one holding the next back', async () => {
    const raw = `GET /slow HTTP/1.1\r\nHost: x\r\n\r\n${request('one')}${request('two')}`;
    const { text } = await exchange(main.port, [raw], count(3));
    expect(responses(text).map((r) => bodyOf(r)['text'] || bodyOf(r)['url'])).toEqual(['/slow', 'one', 'two']);
  });

  test('a chunked body with extensions and trailers is decoded', async () => {
    const raw = 'POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n';
    const { text } = await exchange(main.port, [raw.slice(0, 70), raw.slice(70)], count(1));
    expect(bodyOf(text)).toMatchObject({ te: 'chunked', length: 16, text: 'hello 0123456789' });
  });

  test('a 1 MB body over many packets arrives intact', async () => {
    const body = 'x'.repeat(1024 * 1024);
    const raw = Buffer.from(request(body));
    const pieces = [];
    for (let i = 0; i < raw.byteLength; i += 65536) pieces.push(raw.subarray(i, i + 65536));
    const { text } = await exchange(main.port, pieces, count(1));
    expect(bodyOf(text)).toMatchObject({ length: body.length });
  });

  test('Expect: 100-continue gets an interim answer before the body is sent', async () => {
    let sentBody = false;
    const socket = connect(main.port, '127.0.0.1');
    const text = await new Promise<string>((resolve) => {
      let got = '';
      socket.on('data', (d: Buffer) => {
        got += d.toString('latin1');
        if (!sentBody && got === 'HTTP/1.1 100 Continue\r\n\r\n') {
          sentBody = true;
          socket.write('body');
        }
        if (count(1)(got.slice(got.indexOf('HTTP/1.1 200')))) resolve(got);
      });
      socket.write('PUT /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n');
    });
    socket.destroy();
    expect(text.startsWith('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK')).toBe(true);
    expect(bodyOf(text.slice(25))).toMatchObject({ method: 'PUT', text: 'body' });
  });

  test('Connection: close answers, then closes', async () => {
    const { text, closed } = await exchange(main.port, [request('a', 'Connection: close\r\n')]);
    expect(closed).toBe(true);
    expect(text).toContain('connection: close\r\n');
    expect(bodyOf(text)).toMatchObject({ text: 'a' });
  });

  test('a client that half-closes after its requests still gets every answer, then the close', async () => {
    const socket = connect(main.port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (d: Buffer) => received.push(d));
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.end(`GET /slow HTTP/1.1\r\nHost: x\r\n\r\n${request('after')}`);
    await closed;
    const text = Buffer.concat(received).toString('utf8');
    expect(responses(text).map((r) => bodyOf(r)['text'] || bodyOf(r)['url'])).toEqual(['/slow', 'after']);
  });

  test('HTTP/1.0 closes unless it asks for keep-alive', async () => {
    const plain = await exchange(main.port, ['GET /old HTTP/1.0\r\n\r\n']);
    expect(plain.closed).toBe(true);
    expect(statusOf(plain.text)).toBe(200);
    const kept = await exchange(main.port, ['GET /old HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n'], count(1));
    expect(kept.closed).toBe(false);
    expect(kept.text).toContain('connection: keep-alive\r\n');
  });

  test('a HEAD request gets headers only', async () => {
    const { text } = await exchange(main.port, ['HEAD /h HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']);
    expect(text).toMatch(/content-length: \d+\r\n/);
    expect(text.endsWith('\r\n\r\n')).toBe(true);
  });

  test('empty lines before a request line are ignored', async () => {
    const { text } = await exchange(main.port, [`\r\n\r\n${request('x')}`], count(1));
    expect(bodyOf(text)).toMatchObject({ text: 'x' });
  });
});

describe('malformed requests are answered and the connection closed', () => {
  test.for([
    { name: 'a request line with two parts', raw: 'GET /\r\nHost: x\r\n\r\n', status: 400 },
    { name: 'a request line with extra spaces', raw: 'GET  / HTTP/1.1\r\nHost: x\r\n\r\n', status: 400 },
    { name: 'binary garbage', raw: '\u0000\u0001\u0002 garbage\r\n\r\n', status: 400 },
    { name: 'an unknown protocol', raw: 'GET / FTP/1.1\r\nHost: x\r\n\r\n', status: 400 },
    { name: 'HTTP/2.0', raw: 'GET / HTTP/2.0\r\nHost: x\r\n\r\n', status: 505 },
    { name: 'a header without a colon', raw: 'GET / HTTP/1.1\r\nHost: x\r\nbroken\r\n\r\n', status: 400 },
    { name: 'whitespace before a colon', raw: 'GET / HTTP/1.1\r\nHost : x\r\n\r\n', status: 400 },
    { name: 'a folded header line', raw: 'GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n  continued\r\n\r\n', status: 400 },
    { name: 'a bare line feed', raw: 'GET / HTTP/1.1\nHost: x\r\n\r\n', status: 400 },
    { name: 'a bare line feed in a header', raw: 'GET / HTTP/1.1\r\nHost: x\nX-A: 1\r\n\r\n', status: 400 },
    { name: 'a bare carriage return in a header', raw: 'GET / HTTP/1.1\r\nHost: x\rX-A: 1\r\n\r\n', status: 400 },
    { name: 'a NUL in a value', raw: 'GET / HTTP/1.1\r\nHost: x\u0000\r\n\r\n', status: 400 },
    { name: 'no Host in HTTP/1.1', raw: 'GET / HTTP/1.1\r\nX-A: 1\r\n\r\n', status: 400 },
    { name: 'a negative Content-Length', raw: 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n', status: 400 },
    { name: 'conflicting Content-Lengths', raw: 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab', status: 400 },
    { name: 'Content-Length with Transfer-Encoding', raw: 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', status: 400 },
    { name: 'an unsupported Transfer-Encoding', raw: 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n', status: 501 },
    { name: 'a chunk size that is not hex', raw: 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', status: 400 },
    { name: 'chunk data longer than its size', raw: 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n0\r\n\r\n', status: 400 },
    { name: 'an unknown expectation', raw: 'POST / HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\nContent-Length: 0\r\n\r\n', status: 417 },
  ])('$name: $status', async ({ raw, status }) => {
    const { text, closed } = await exchange(main.port, [raw]);
    expect(statusOf(text)).toBe(status);
    expect(text).toContain('connection: close\r\n');
    expect(closed).toBe(true);
  });

  test('headers over the limit are 431, a body over the limit 413', async () => {
    const small = await serve({ maxHeaderBytes: 256, maxBodyBytes: 10 });
    try {
      const long = await exchange(small.port, [`GET / HTTP/1.1\r\nHost: x\r\nX-Long: ${'a'.repeat(300)}\r\n\r\n`]);
      expect(statusOf(long.text)).toBe(431);
      const unterminated = await exchange(small.port, [`GET / HTTP/1.1\r\nHost: x\r\nX-Long: ${'a'.repeat(300)}`]);
      expect(statusOf(unterminated.text)).toBe(431);
      const big = await exchange(small.port, [request('x'.repeat(11))]);
      expect(statusOf(big.text)).toBe(413);
      const chunked = await exchange(small.port, ['POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n6\r\nabcdef\r\n0\r\n\r\n']);
      expect(statusOf(chunked.text)).toBe(413);
    } finally {
      await small.server.close();
    }
  });

  test('a handler that throws or rejects is a 500; the server keeps answering', async () => {
    const thrown = await exchange(main.port, ['GET /throw HTTP/1.1\r\nHost: x\r\n\r\n'], (t) => t.includes('\r\n\r\n'));
    expect(statusOf(thrown.text)).toBe(500);
    const rejected = await exchange(main.port, ['GET /reject HTTP/1.1\r\nHost: x\r\n\r\n'], (t) => t.includes('\r\n\r\n'));
    expect(statusOf(rejected.text)).toBe(500);
    const fine = await exchange(main.port, [request('ok')], count(1));
    expect(bodyOf(fine.text)).toMatchObject({ text: 'ok' });
  });

  test('random bytes never crash the server: each connection gets an answer or is kept waiting', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.boolean(), async (bytes, withHead) => {
        const head = withHead ? Buffer.from('POST / HTTP/1.1\r\nHost: x\r\n') : Buffer.alloc(0);
        const { text } = await exchange(main.port, [Buffer.concat([head, bytes, Buffer.from('\r\n\r\n')])], (t) => t.includes('\r\n\r\n'));
        if (text !== '') expect(text).toMatch(/^HTTP\/1\.1 \d{3} /);
      }),
      { numRuns: 150 },
    );
    const { text } = await exchange(main.port, [request('alive')], count(1));
    expect(bodyOf(text)).toMatchObject({ text: 'alive' });
  });
});

describe('slow and idle clients', () => {
  test('a request that stops half-way is answered 408 after the request timeout', async () => {
    const quick = await serve({ requestTimeoutMs: 60 });
    try {
      const { text, closed } = await exchange(quick.port, ['POST / HTTP/1.1\r\nHost: x\r\nContent-Len']);
      expect(statusOf(text)).toBe(408);
      expect(closed).toBe(true);
      const body = await exchange(quick.port, ['POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc']);
      expect(statusOf(body.text)).toBe(408);
    } finally {
      await quick.server.close();
    }
  });

  test('a client sending slower than the timeout but steadily is served', async () => {
    const quick = await serve({ requestTimeoutMs: 200 });
    try {
      const raw = request('steady');
      const pieces = [raw.slice(0, 20), raw.slice(20, 40), raw.slice(40)];
      const { text } = await exchange(quick.port, pieces, count(1));
      expect(bodyOf(text)).toMatchObject({ text: 'steady' });
    } finally {
      await quick.server.close();
    }
  });

  test('a client that never closes its side after a refusal is cut off', async () => {
    const quick = await serve({ requestTimeoutMs: 40 });
    try {
      // allowHalfOpen: this client keeps its side open after the server's FIN.
      const socket = connect({ port: quick.port, host: '127.0.0.1', allowHalfOpen: true });
      const received: Buffer[] = [];
      socket.on('data', (d: Buffer) => received.push(d));
      const ended = new Promise((resolve) => socket.on('end', resolve));
      socket.write('GET / FTP/1.1\r\nHost: x\r\n\r\n');
      await ended;
      expect(statusOf(Buffer.concat(received).toString())).toBe(400);
      const connections = () => new Promise<number>((resolve) => quick.server.server.getConnections((_, n) => resolve(n)));
      for (let i = 0; i < 200 && (await connections()) > 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(await connections()).toBe(0);
      socket.destroy();
    } finally {
      await quick.server.close();
    }
  });

  test('an idle keep-alive connection is closed after the keep-alive timeout', async () => {
    const quick = await serve({ keepAliveTimeoutMs: 40 });
    try {
      const { text, closed } = await exchange(quick.port, [request('once')]);
      expect(bodyOf(text)).toMatchObject({ text: 'once' });
      expect(closed).toBe(true);
    } finally {
      await quick.server.close();
    }
  });
});

describe('parsing units', () => {
  test('repeated headers are joined; names are lower case; values trimmed', () => {
    const head = parseHead('GET /x?y=1 HTTP/1.1\r\nHost: h\r\nX-A: 1\r\nx-a:2 \r\nConstructor: c', 100);
    expect(head).toMatchObject({ method: 'GET', url: '/x?y=1', keepAlive: true, contentLength: 0, chunked: false });
    expect(head.headers).toEqual({ host: 'h', 'x-a': '1, 2', constructor: 'c' });
  });

  test('a chunked body decodes the same however its bytes are split', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 1, maxLength: 40 }), { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 8 }), (chunks, cuts) => {
        const wire = Buffer.concat([...chunks.map((c) => Buffer.concat([Buffer.from(`${c.length.toString(16)}\r\n`), c, Buffer.from('\r\n')])), Buffer.from('0\r\n\r\nNEXT')]);
        const points = [...new Set(cuts.map((c) => c % (wire.byteLength + 1)))].sort((a, b) => a - b);
        const decoder = new ChunkedDecoder(1 << 20);
        let start = 0;
        let stopped = -1;
        for (const end of [...points, wire.byteLength]) {
          const piece = wire.subarray(start, end);
          const at = decoder.push(piece, 0);
          if (decoder.body() !== undefined && stopped === -1) stopped = start + at;
          start = end;
          if (stopped !== -1) break;
        }
        expect(decoder.body()).toEqual(Buffer.concat(chunks));
        expect(wire.subarray(stopped).toString()).toBe('NEXT');
      }),
    );
  });
});
