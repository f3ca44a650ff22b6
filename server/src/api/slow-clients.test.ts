import { Agent, request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp, type TestUser, validTrack } from '../../test/harness.ts';

// Issue 13 #11: slow-loris clients (a byte every few seconds) are dropped by the
// server's headers/request timeouts, while a long-lived SSE stream keeps working.

describe('slow clients', () => {
  let t: TestApp;
  let u: TestUser;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({
      db: 'pglite',
      env: { HEADERS_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '2000', KEEP_ALIVE_TIMEOUT_MS: '1000' },
    });
    u = await signUp(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Resolves when the server closes the socket; rejects if it is still open after `ms`. */
  function closedWithin(socket: Socket, ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms);
      socket.on('close', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.on('error', () => {});
    });
  }

  function trickle(start: string, byte: string): Socket {
    const s = connect(port, '127.0.0.1');
    s.write(start);
    const timer = setInterval(() => !s.destroyed && s.write(byte), 300);
    s.on('close', () => clearInterval(timer));
    return s;
  }

  it('20 sockets trickling headers, and slow bodies, are all closed', async () => {
    const headers = Array.from({ length: 20 }, () => trickle('GET /health HTTP/1.1\r\nHost: x\r\n', 'X'));
    const bodies = Array.from({ length: 5 }, () =>
      trickle(
        'POST /api/tracks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n',
        ' ',
      ),
    );
    await Promise.all([...headers, ...bodies].map((s) => closedWithin(s, 15_000)));
  });

  it('an SSE stream outlives the request timeout', async () => {
    const { job_id } = (await u.post('/api/tracks', validTrack())).json();
    const cookie = (u as unknown as { cookie: string }).cookie;
    const s = connect(port, '127.0.0.1');
    let received = '';
    s.on('data', (d) => {
      received += d.toString();
    });
    s.write(`GET /api/jobs/${job_id}/events HTTP/1.1\r\nHost: x\r\nCookie: ${cookie}\r\n\r\n`);
    // Longer than REQUEST_TIMEOUT_MS and HEADERS_TIMEOUT_MS, and several checking intervals.
    await expect(closedWithin(s, 4000)).rejects.toThrow(/still open/);
    expect(received).toContain('200 OK');
    expect(received).toContain('event: progress');
    s.destroy();
  });
});

// The server's own timeouts (as deployed): a stalled connection would hang its next request
// until the keep-alive timeout resets it.
describe('refused uploads on kept-alive connections', () => {
  let t: TestApp;
  let u: TestUser;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({ db: 'pglite' });
    u = await signUp(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('an upload refused before its body is read leaves no keep-alive connection stalled', async () => {
    // A multipart upload whose part is not named "file" is refused (400) before the body is read.
    // On a kept-alive connection, the client's next request must still be answered at once.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const cookie = (u as unknown as { cookie: string }).cookie;
    const send = (method: string, path: string, headers: Record<string, string>, body?: Buffer) =>
      new Promise<{ status: number; ms: number; body: string }>((resolve, reject) => {
        const t0 = Date.now();
        const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
          let text = '';
          res.on('data', (d) => {
            text += d;
          });
          res.on('end', () => resolve({ status: res.statusCode!, ms: Date.now() - t0, body: text }));
        });
        req.on('error', reject);
        req.end(body);
      });
    const boundary = 'XB';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="audio"; filename="a.mp3"\r\nContent-Type: audio/mpeg\r\n\r\n`,
      ),
      Buffer.alloc(300_000, 0x55),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    try {
      const refused = await send(
        'POST',
        '/api/analyze',
        {
          cookie,
          origin: 'http://localhost:3000',
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        body,
      );
      expect(refused.status, refused.body).toBe(400);
      expect(JSON.parse(refused.body).error.code).toBe('VALIDATION_ERROR');
      const next = await send('GET', '/health', {});
      expect(next.status).toBe(200);
      expect(next.ms).toBeLessThan(2000);
    } finally {
      agent.destroy();
    }
  });
});
