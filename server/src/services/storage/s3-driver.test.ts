import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type TestS3Server } from '../../../test/s3-server.ts';
import { isStorageError } from './errors.ts';
import { createStorage } from './index.ts';
import { trackObjectKey, trackPrefix } from './keys.ts';
import type { S3ObjectStorage } from './s3-driver.ts';

// Real AWS SDK against a local, signature-verifying S3 server (@20minutes/s3rver): no mocks.
let s3: TestS3Server;
let storage: S3ObjectStorage;

const s3Options = () => ({
  driver: 's3' as const,
  endpoint: s3.endpoint,
  region: s3.region,
  bucket: s3.bucket,
  accessKeyId: s3.accessKeyId,
  secretAccessKey: s3.secretAccessKey,
  forcePathStyle: true,
});

beforeAll(async () => {
  s3 = await startS3Server();
  storage = createStorage(s3Options());
});
afterAll(async () => {
  storage?.destroy();
  await s3?.close();
});

const ids = () => ({ trackId: randomUUID() });
const pattern = (n: number) => {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 7 + (i >> 9)) & 0xff;
  return out;
};
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('s3 driver (local S3 server, real SDK)', () => {
  it('passes check() on an existing bucket', async () => {
    expect(storage.driver).toBe('s3');
    await storage.check();
  });

  it('puts, checks, reads and deletes a small object', async () => {
    const key = trackObjectKey({ ...ids(), kind: 'plan', version: 1 });
    const body = new TextEncoder().encode('{"tempo":120}');
    expect(await storage.exists(key)).toBe(false);
    expect(await storage.put(key, body, { contentType: 'application/json' })).toEqual({ key, size: 13 });
    expect(await storage.exists(key)).toBe(true);
    expect(same(await storage.getBytes(key), body)).toBe(true);
    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    const err = await errorOf(storage.getBytes(key));
    expect(isStorageError(err, 'NOT_FOUND')).toBe(true);
    await storage.delete(key); // missing is fine
  });

  it('uploads a stream larger than one part through multipart upload', async () => {
    const key = trackObjectKey({ ...ids(), kind: 'stems', version: 1 });
    const total = 12 * 1024 * 1024 + 12_345; // three parts at 5 MiB
    const body = pattern(total);
    // Odd chunk sizes so part boundaries never line up with chunks.
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < total; at += 777_777) chunks.push(body.subarray(at, Math.min(total, at + 777_777)));
    const result = await storage.put(key, Readable.from(chunks), { contentType: 'application/zip' });
    expect(result).toEqual({ key, size: total });
    expect(same(await storage.getBytes(key), body)).toBe(true);
    // It really went through CreateMultipartUpload + 3 UploadPart + CompleteMultipartUpload.
    const mine = (await s3.requests()).filter((r) => r.url.includes(key));
    expect(mine.filter((r) => r.method === 'POST' && /[?&]uploads\b/.test(r.url))).toHaveLength(1);
    expect(mine.filter((r) => r.method === 'PUT' && /[?&]partNumber=/.test(r.url))).toHaveLength(3);
    expect(mine.filter((r) => r.method === 'POST' && /[?&]uploadId=/.test(r.url))).toHaveLength(1);
  });

  it('a failing body stream rejects the put and leaves no object (small and multipart)', async () => {
    for (const before of [10, 6 * 1024 * 1024]) {
      const key = trackObjectKey({ ...ids(), kind: 'audio-wav', version: 1 });
      let sent = 0;
      const failing = new Readable({
        read() {
          if (sent >= before) {
            this.destroy(new Error('renderer crashed'));
            return;
          }
          const chunk = pattern(Math.min(1024 * 1024, before - sent));
          sent += chunk.length;
          this.push(chunk);
        },
      });
      const err = await errorOf(storage.put(key, failing, { contentType: 'audio/wav' }));
      expect(isStorageError(err, 'BACKEND_ERROR'), String(err)).toBe(true);
      expect((err as Error).message).toContain('renderer crashed');
      expect(await storage.exists(key)).toBe(false);
    }
  });

  it('uploads a large in-memory body (> 5 MB) too', async () => {
    const key = trackObjectKey({ ...ids(), kind: 'audio-wav', version: 1 });
    const body = pattern(6 * 1024 * 1024 + 1);
    expect((await storage.put(key, body, { contentType: 'audio/wav' })).size).toBe(body.length);
    expect(same(await storage.getBytes(key), body)).toBe(true);
  });

  it('serves a presigned URL over plain HTTP, with Range, type and headers', async () => {
    const key = trackObjectKey({ ...ids(), kind: 'audio', version: 1 });
    const body = pattern(4096);
    await storage.put(key, body, { contentType: 'audio/mpeg' });

    const url = await storage.signedUrl(key, { downloadName: 'Night Drive.mp3', public: true });
    expect(url.startsWith(`${s3.endpoint}/${s3.bucket}/${key}?`)).toBe(true);
    // Signed from the start of its hour (signing-window.ts): valid for that hour plus the TTL.
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('7200');

    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/mpeg');
    expect(whole.headers.get('content-disposition')).toBe('attachment; filename="Night Drive.mp3"');
    expect(whole.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(same(new Uint8Array(await whole.arrayBuffer()), body)).toBe(true);

    const ranged = await fetch(url, { headers: { Range: 'bytes=100-199' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe('bytes 100-199/4096');
    expect(same(new Uint8Array(await ranged.arrayBuffer()), body.subarray(100, 200))).toBe(true);
  });

  it('signs private URLs with private caching', async () => {
    const key = trackObjectKey({ ...ids(), kind: 'preview', version: 1 });
    await storage.put(key, pattern(10), { contentType: 'audio/mpeg' });
    const res = await fetch(await storage.signedUrl(key, { expiresInSec: 120 }));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, max-age=120');
    await res.arrayBuffer();
  });

  it('presigns the same URL within a signing window (browsers can cache it), and it serves', async () => {
    const key = trackObjectKey({ ...ids(), kind: 'cover-png', version: 1 });
    await storage.put(key, pattern(10), { contentType: 'image/png' });
    const a = await storage.signedUrl(key, { public: true });
    const b = await storage.signedUrl(key, { public: true });
    // Unless the two calls straddle a window's edge (once an hour, for a few milliseconds).
    if (new URL(a).searchParams.get('X-Amz-Date') === new URL(b).searchParams.get('X-Amz-Date'))
      expect(b).toBe(a);
    const q = new URL(a).searchParams;
    const signedAt = q
      .get('X-Amz-Date')!
      .replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z');
    const expiresAt = Date.parse(signedAt) / 1000 + Number(q.get('X-Amz-Expires'));
    expect(expiresAt - Date.now() / 1000).toBeGreaterThan(3590);
    const res = await fetch(a);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    await res.arrayBuffer();
  });

  it('refuses a tampered presigned URL', async () => {
    const key = trackObjectKey({ ...ids(), kind: 'audio', version: 1 });
    await storage.put(key, pattern(100), { contentType: 'audio/mpeg' });
    const good = new URL(await storage.signedUrl(key));
    const sig = good.searchParams.get('X-Amz-Signature') ?? '';

    const badSig = new URL(good);
    badSig.searchParams.set('X-Amz-Signature', (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1));
    const longer = new URL(good);
    longer.searchParams.set('X-Amz-Expires', '604800');
    const otherHeaders = new URL(good);
    otherHeaders.searchParams.set('response-content-disposition', 'attachment; filename="evil.exe"');

    for (const url of [badSig, longer, otherHeaders]) {
      const res = await fetch(url);
      expect(res.status, url.search).toBe(403);
      expect(await res.text()).toContain('SignatureDoesNotMatch');
    }
  });

  it('deletePrefix removes every object of a track (across list pages) and nothing else', async () => {
    const a = ids();
    const b = { trackId: randomUUID() };
    const keys = [];
    for (let version = 1; version <= 7; version++) {
      for (const kind of ['audio', 'cover-png', 'cover-svg'] as const) {
        keys.push(trackObjectKey({ ...a, kind, version }));
      }
    }
    await Promise.all(
      keys.map((key) => storage.put(key, pattern(8), { contentType: 'application/octet-stream' })),
    );
    const other = trackObjectKey({ ...b, kind: 'audio', version: 1 });
    await storage.put(other, pattern(8), { contentType: 'audio/mpeg' });

    const paged = createStorage({ ...s3Options(), deleteBatchSize: 5 });
    const before = (await s3.requests()).length;
    try {
      expect(await paged.deletePrefix(trackPrefix(a.trackId))).toBe(keys.length);
    } finally {
      paged.destroy();
    }
    // 21 keys in pages of 5: five list + five delete round trips.
    const calls = (await s3.requests()).slice(before);
    expect(calls.filter((r) => r.method === 'GET' && r.url.includes('list-type=2'))).toHaveLength(5);
    expect(calls.filter((r) => r.method === 'POST' && /[?&]delete\b/.test(r.url))).toHaveLength(5);
    for (const key of keys) expect(await storage.exists(key)).toBe(false);
    expect(await storage.exists(other)).toBe(true);
    expect(await storage.deletePrefix(trackPrefix(a.trackId))).toBe(0);
  });

  it('rejects foreign keys and prefixes before any request', async () => {
    for (const key of ['../x', '/abs', 'a//b', 'A']) {
      expect(
        isStorageError(await errorOf(storage.put(key, pattern(1), { contentType: 'x/y' })), 'INVALID_KEY'),
      ).toBe(true);
      expect(isStorageError(await errorOf(storage.signedUrl(key)), 'INVALID_KEY')).toBe(true);
    }
    expect(isStorageError(await errorOf(storage.deletePrefix('')), 'INVALID_KEY')).toBe(true);
  });

  it('check() fails clearly for a missing bucket', async () => {
    const missing = createStorage({ ...s3Options(), bucket: 'no-such-bucket' });
    try {
      const err = await errorOf(missing.check());
      expect(isStorageError(err, 'UNAVAILABLE')).toBe(true);
      expect((err as Error).message).toMatch(/bucket "no-such-bucket" .* does not exist/);
    } finally {
      missing.destroy();
    }
  });

  it('check() fails clearly for wrong credentials and an unreachable endpoint', async () => {
    const wrongKey = createStorage({ ...s3Options(), accessKeyId: 'NOT-A-KEY', secretAccessKey: 'nope' });
    const down = createStorage({ ...s3Options(), endpoint: 'http://127.0.0.1:1' });
    try {
      const denied = await errorOf(wrongKey.check());
      expect(isStorageError(denied, 'UNAVAILABLE')).toBe(true);
      expect((denied as Error).message).toMatch(/refused access/);
      const unreachable = await errorOf(down.check());
      expect(isStorageError(unreachable, 'UNAVAILABLE')).toBe(true);
      expect((unreachable as Error).message).toMatch(/unreachable/);
    } finally {
      wrongKey.destroy();
      down.destroy();
    }
  });

  it('signs for the public endpoint when it differs from the internal one', async () => {
    const key = trackObjectKey({ ...ids(), kind: 'audio', version: 1 });
    await storage.put(key, pattern(50), { contentType: 'audio/mpeg' });
    // Internal endpoint deliberately unreachable: presigning is offline, fetching goes to the public one.
    const split = createStorage({
      ...s3Options(),
      endpoint: 'http://127.0.0.1:1',
      publicUrlBase: s3.endpoint,
    });
    try {
      const url = await split.signedUrl(key);
      expect(url.startsWith(s3.endpoint)).toBe(true);
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(same(new Uint8Array(await res.arrayBuffer()), pattern(50))).toBe(true);
    } finally {
      split.destroy();
    }
  });
});
