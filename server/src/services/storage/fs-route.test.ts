import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsObjectStorage } from './fs-driver.ts';
import { fsStorageRoutes } from './fs-route.ts';
import { trackObjectKey } from './keys.ts';

const SECRET = 'route-test-secret-0123456789';
let tmp: string;
let app: FastifyInstance;
let base: string;
let storage: FsObjectStorage;

// 1000 bytes whose values encode their position, so any slice can be checked exactly.
const BODY = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
const key = trackObjectKey({ trackId: randomUUID(), kind: 'audio', version: 1 });
const svgKey = trackObjectKey({ trackId: randomUUID(), kind: 'cover-svg', version: 1 });
const emptyKey = trackObjectKey({ trackId: randomUUID(), kind: 'plan', version: 1 });

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'sf-fs-route-'));
  app = Fastify();
  // The public base URL is only known after listening on port 0, so the storage is made twice:
  // once to register the route, once with the real origin to sign URLs (same root and secret).
  const routeStorage = new FsObjectStorage({ rootDir: tmp, secret: SECRET, publicBaseUrl: 'http://unused' });
  await app.register(fsStorageRoutes, { storage: routeStorage });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  storage = new FsObjectStorage({ rootDir: tmp, secret: SECRET, publicBaseUrl: base });
  await storage.put(key, BODY, { contentType: 'audio/mpeg' });
  await storage.put(svgKey, new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), {
    contentType: 'image/svg+xml',
  });
  await storage.put(emptyKey, new Uint8Array(0), { contentType: 'application/json' });
});
afterAll(async () => {
  await app.close();
  await rm(tmp, { recursive: true, force: true });
});

const slice = (start: number, endInclusive: number) => Buffer.from(BODY.subarray(start, endInclusive + 1));
const bodyOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

async function expectJsonError(res: Response, status: number, code: string, reason?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const json = (await res.json()) as {
    error: { code: string; message: string; details: { reason?: string } };
  };
  expect(json.error.code).toBe(code);
  expect(typeof json.error.message).toBe('string');
  expect(json.error).toHaveProperty('details');
  if (reason) expect(json.error.details.reason).toBe(reason);
}

describe('fs file route', () => {
  it('serves a signed URL with type, length, validators and private caching', async () => {
    const res = await fetch(await storage.signedUrl(key));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/mpeg');
    expect(res.headers.get('content-length')).toBe('1000');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(Date.parse(res.headers.get('last-modified') ?? '')).not.toBeNaN();
    expect(res.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    expect(res.headers.get('content-disposition')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await bodyOf(res)).equals(Buffer.from(BODY))).toBe(true);
  });

  it('public URLs are cacheable by a CDN, never beyond the link expiry', async () => {
    const url = await storage.signedUrl(key, { public: true, expiresInSec: 600 });
    // Read before the request: the server's clock is at least this late when it computes max-age,
    // so its figure can never exceed what is left from here (read after the response, a slow
    // request made the bound a second too tight: CI flake).
    const before = Date.now() / 1000;
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const match = /^public, max-age=(\d+)$/.exec(res.headers.get('cache-control') ?? '');
    expect(match).not.toBeNull();
    // The link lives 600 s past the end of its signing window (600 s): 600–1200 s from now.
    const left = Number(new URL(url).searchParams.get('exp')) - before;
    expect(Number(match?.[1])).toBeGreaterThanOrEqual(600);
    expect(Number(match?.[1])).toBeLessThanOrEqual(Math.ceil(left));
    await res.arrayBuffer();
  });

  it('serves other content types as stored (SVG, sandboxed)', async () => {
    const res = await fetch(await storage.signedUrl(svgKey));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    expect(await res.text()).toContain('<svg');
  });

  it('adds Content-Disposition when a download name was signed', async () => {
    const res = await fetch(await storage.signedUrl(key, { downloadName: 'Night "Drive" ü/1.mp3' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Night Drive _1.mp3"; filename*=UTF-8''Night%20Drive%20%C3%BC1.mp3`,
    );
    await res.arrayBuffer();
  });

  it('refuses a tampered signature, key, download name or public flag with 403', async () => {
    const good = new URL(await storage.signedUrl(key, { downloadName: 'a.mp3' }));
    const sig = good.searchParams.get('sig') ?? '';
    const variants: URL[] = [];
    const tamper = (edit: (u: URL) => void) => {
      const u = new URL(good);
      edit(u);
      variants.push(u);
    };
    tamper((u) => u.searchParams.set('sig', (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1)));
    tamper((u) => u.searchParams.set('sig', sig.slice(0, -2)));
    tamper((u) => u.searchParams.delete('sig'));
    tamper((u) => u.searchParams.set('dl', 'b.mp3'));
    tamper((u) => u.searchParams.set('pub', '1'));
    tamper((u) => u.searchParams.set('exp', String(Number(u.searchParams.get('exp')) + 3600)));
    tamper((u) => {
      u.pathname = `/files/${svgKey}`;
    });
    for (const url of variants) {
      await expectJsonError(await fetch(url), 403, 'FORBIDDEN', 'invalid_signature');
    }
  });

  it('refuses an expired link with 403', async () => {
    const past = new FsObjectStorage({
      rootDir: tmp,
      secret: SECRET,
      publicBaseUrl: base,
      now: () => Date.now() - 7200_000, // signed two hours ago, valid for one
    });
    await expectJsonError(await fetch(await past.signedUrl(key)), 403, 'FORBIDDEN', 'expired');
  });

  it('answers 404 for a validly signed URL of a missing object', async () => {
    const missing = trackObjectKey({
      trackId: randomUUID(),
      kind: 'audio',
      version: 9,
    });
    await expectJsonError(await fetch(await storage.signedUrl(missing)), 404, 'NOT_FOUND');
  });

  it('serves a byte range with 206 and Content-Range', async () => {
    const res = await fetch(await storage.signedUrl(key), { headers: { Range: 'bytes=0-99' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 0-99/1000');
    expect(res.headers.get('content-length')).toBe('100');
    expect(res.headers.get('content-type')).toBe('audio/mpeg');
    expect((await bodyOf(res)).equals(slice(0, 99))).toBe(true);
  });

  it('serves middle, open-ended, clamped and suffix ranges', async () => {
    const url = await storage.signedUrl(key);
    const cases: Array<[string, number, number]> = [
      ['bytes=500-599', 500, 599],
      ['bytes=990-', 990, 999],
      ['bytes=900-5000', 900, 999],
      ['bytes=-100', 900, 999],
      ['bytes=-5000', 0, 999],
      ['bytes=999-999', 999, 999],
    ];
    for (const [range, start, end] of cases) {
      const res = await fetch(url, { headers: { Range: range } });
      expect(res.status, range).toBe(206);
      expect(res.headers.get('content-range'), range).toBe(`bytes ${start}-${end}/1000`);
      expect(res.headers.get('content-length'), range).toBe(String(end - start + 1));
      expect((await bodyOf(res)).equals(slice(start, end)), range).toBe(true);
    }
  });

  it('answers 416 with Content-Range for unsatisfiable ranges', async () => {
    const url = await storage.signedUrl(key);
    for (const range of ['bytes=1000-', 'bytes=5000-6000', 'bytes=-0']) {
      const res = await fetch(url, { headers: { Range: range } });
      expect(res.headers.get('content-range'), range).toBe('bytes */1000');
      await expectJsonError(res, 416, 'VALIDATION_ERROR', 'range_not_satisfiable');
    }
    const empty = await fetch(await storage.signedUrl(emptyKey), { headers: { Range: 'bytes=0-0' } });
    await expectJsonError(empty, 416, 'VALIDATION_ERROR');
  });

  it('ignores malformed and multi-part ranges (whole body, 200)', async () => {
    const url = await storage.signedUrl(key);
    for (const range of ['bytes=0-1,5-6', 'items=0-1', 'bytes=9-3', 'bytes=abc']) {
      const res = await fetch(url, { headers: { Range: range } });
      expect(res.status, range).toBe(200);
      expect((await bodyOf(res)).length).toBe(1000);
    }
  });

  it('answers HEAD with headers and no body, for whole objects and ranges', async () => {
    const url = await storage.signedUrl(key, { downloadName: 'x.mp3' });
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('1000');
    expect(head.headers.get('content-type')).toBe('audio/mpeg');
    expect(head.headers.get('content-disposition')).toMatch(/^attachment; filename="x.mp3"/);
    expect((await bodyOf(head)).length).toBe(0);

    const ranged = await fetch(url, { method: 'HEAD', headers: { Range: 'bytes=-100' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe('bytes 900-999/1000');
    expect(ranged.headers.get('content-length')).toBe('100');
  });

  it('supports conditional GET and If-Range', async () => {
    const url = await storage.signedUrl(key);
    const first = await fetch(url);
    await first.arrayBuffer();
    const etag = first.headers.get('etag') ?? '';
    const notModified = await fetch(url, { headers: { 'If-None-Match': etag } });
    expect(notModified.status).toBe(304);
    const byDate = await fetch(url, {
      headers: { 'If-Modified-Since': first.headers.get('last-modified') ?? '' },
    });
    expect(byDate.status).toBe(304);

    const stale = await fetch(url, { headers: { Range: 'bytes=0-9', 'If-Range': '"other"' } });
    expect(stale.status).toBe(200);
    expect((await bodyOf(stale)).length).toBe(1000);
    const fresh = await fetch(url, { headers: { Range: 'bytes=0-9', 'If-Range': etag } });
    expect(fresh.status).toBe(206);
    expect((await bodyOf(fresh)).equals(slice(0, 9))).toBe(true);
  });

  it('serves an empty object', async () => {
    const res = await fetch(await storage.signedUrl(emptyKey));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('0');
    expect((await bodyOf(res)).length).toBe(0);
  });

  it('serves under a custom route path (e.g. behind the /api rewrite)', async () => {
    const other = Fastify();
    const custom = new FsObjectStorage({
      rootDir: tmp,
      secret: SECRET,
      publicBaseUrl: 'http://x',
      routePath: '/api/files/',
    });
    await other.register(fsStorageRoutes, { storage: custom });
    try {
      const url = new URL(await custom.signedUrl(key));
      expect(url.pathname).toBe(`/api/files/${key}`);
      const res = await other.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(Buffer.from(BODY))).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('never serves sidecars, temp files or paths outside the root, even with a valid signature', async () => {
    // A signature made with the real secret for a key the storage would never issue.
    const { signParams } = await import('./url-signing.ts');
    const dir = path.posix.dirname(key);
    for (const evil of [`${dir}/.audio-v1.mp3.meta.json`, '../../etc/passwd', `${dir}/../../x`]) {
      const exp = Math.floor(Date.now() / 1000) + 60;
      const sig = signParams(SECRET, { key: evil, expiresAt: exp, public: false });
      const res = await fetch(`${base}/files/${evil}?exp=${exp}&sig=${sig}`);
      expect([403, 404], evil).toContain(res.status);
      await res.arrayBuffer();
    }
  });
});
