import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isStorageError } from './errors.ts';
import { FsObjectStorage } from './fs-driver.ts';
import { createStorage } from './index.ts';
import { trackObjectKey, trackPrefix } from './keys.ts';

const SECRET = 'test-secret-0123456789abcdef';
let tmp: string;
let storage: FsObjectStorage;

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'sf-fs-storage-'));
  storage = createStorage({
    driver: 'fs',
    rootDir: path.join(tmp, 'objects'),
    secret: SECRET,
    publicBaseUrl: 'http://localhost:3000/',
  });
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const ids = () => ({ trackId: randomUUID() });
const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

async function expectStorageError(promise: Promise<unknown>, code: string) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isStorageError(err), `expected StorageError ${code}, got ${String(err)}`).toBe(true);
  expect((err as { code: string }).code).toBe(code);
}

describe('fs driver', () => {
  it('is the fs driver', () => {
    expect(storage.driver).toBe('fs');
    expect(storage).toBeInstanceOf(FsObjectStorage);
  });

  it('puts, reads, checks and deletes bytes', async () => {
    const key = trackObjectKey({ ...ids(), kind: 'audio', version: 1 });
    const body = bytes(10_000);
    expect(await storage.exists(key)).toBe(false);
    expect(await storage.put(key, body, { contentType: 'audio/mpeg' })).toEqual({ key, size: 10_000 });
    expect(await storage.exists(key)).toBe(true);
    expect(Buffer.from(await storage.getBytes(key)).equals(Buffer.from(body))).toBe(true);
    // The object is a plain file under rootDir/<key>.
    expect(await readFile(path.join(tmp, 'objects', key))).toEqual(Buffer.from(body));
    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    await expectStorageError(storage.getBytes(key), 'NOT_FOUND');
  });

  it('deleting a missing key is fine', async () => {
    await storage.delete(trackObjectKey({ ...ids(), kind: 'midi', version: 1 }));
  });

  it('puts a stream and reports its size; remembers the content type', async () => {
    const key = trackObjectKey({ ...ids(), kind: 'stems', version: 1 });
    const chunks = [bytes(70_000, 1), bytes(70_000, 2), bytes(5, 3)];
    const result = await storage.put(key, Readable.from(chunks), {
      contentType: 'application/zip',
      cacheControl: 'public, max-age=60',
    });
    expect(result.size).toBe(140_005);
    expect(Buffer.from(await storage.getBytes(key)).equals(Buffer.concat(chunks))).toBe(true);
    const opened = await storage.open(key);
    await opened.handle.close();
    expect(opened.contentType).toBe('application/zip');
    expect(opened.cacheControl).toBe('public, max-age=60');
    expect(opened.size).toBe(140_005);
  });

  it('overwrites atomically: the old object stays until the new one is complete', async () => {
    const key = trackObjectKey({ ...ids(), kind: 'plan', version: 1 });
    await storage.put(key, new TextEncoder().encode('{"v":1}'), { contentType: 'application/json' });
    const dir = path.dirname(path.join(tmp, 'objects', key));

    const body = new PassThrough();
    const pending = storage.put(key, body, { contentType: 'application/json' });
    body.write('{"v":2,');
    // Wait until the half-written temp file is on disk, then look at what readers see.
    for (let i = 0; i < 1000 && !(await readdir(dir)).some((n) => n.startsWith('.tmp-')); i++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect((await readdir(dir)).some((n) => n.startsWith('.tmp-'))).toBe(true);
    expect(new TextDecoder().decode(await storage.getBytes(key))).toBe('{"v":1}');
    body.end('"done":true}');
    await pending;
    expect(new TextDecoder().decode(await storage.getBytes(key))).toBe('{"v":2,"done":true}');
    expect((await readdir(dir)).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  });

  it('a failed write leaves neither a partial object nor temp files behind', async () => {
    const key = trackObjectKey({ ...ids(), kind: 'audio-wav', version: 1 });
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(64 * 1024, 1));
        this.destroy(new Error('renderer crashed'));
      },
    });
    await expectStorageError(storage.put(key, failing, { contentType: 'audio/wav' }), 'BACKEND_ERROR');
    expect(await storage.exists(key)).toBe(false);
    const dir = path.dirname(path.join(tmp, 'objects', key));
    expect(await readdir(dir)).toEqual([]);
  });

  it('deletePrefix removes every object of a track and nothing else', async () => {
    const a = ids();
    const b = { trackId: randomUUID() };
    const kinds = ['audio', 'audio-wav', 'preview', 'stems', 'cover-svg'] as const;
    for (const kind of kinds) {
      await storage.put(trackObjectKey({ ...a, kind, version: 1 }), bytes(10), { contentType: 'x/y' });
    }
    await storage.put(trackObjectKey({ ...a, kind: 'cover-svg', version: 2 }), bytes(10), {
      contentType: 'image/svg+xml',
    });
    const other = trackObjectKey({ ...b, kind: 'audio', version: 1 });
    await storage.put(other, bytes(10), { contentType: 'audio/mpeg' });

    expect(await storage.deletePrefix(trackPrefix(a.trackId))).toBe(6);
    for (const kind of kinds)
      expect(await storage.exists(trackObjectKey({ ...a, kind, version: 1 }))).toBe(false);
    expect(await storage.exists(other)).toBe(true);
    expect(await storage.deletePrefix(trackPrefix(a.trackId))).toBe(0);
  });

  it('rejects path-traversal and foreign keys before touching the disk', async () => {
    const outside = path.join(tmp, 'secret.txt');
    await writeFile(outside, 'top secret');
    for (const key of [
      '../secret.txt',
      'a/../../secret.txt',
      '/etc/passwd',
      '.meta',
      'a/.b',
      'A/b',
      'a\\..\\b',
    ]) {
      await expectStorageError(storage.put(key, bytes(1), { contentType: 'x/y' }), 'INVALID_KEY');
      await expectStorageError(storage.getBytes(key), 'INVALID_KEY');
      await expectStorageError(storage.exists(key), 'INVALID_KEY');
      await expectStorageError(storage.delete(key), 'INVALID_KEY');
      await expectStorageError(storage.signedUrl(key), 'INVALID_KEY');
    }
    for (const prefix of ['', '../', 'users', '/']) {
      await expectStorageError(storage.deletePrefix(prefix), 'INVALID_KEY');
    }
    expect(await readFile(outside, 'utf8')).toBe('top secret');
  });

  it('signs URLs under the public base URL, valid at least an hour by default (at most one window more)', async () => {
    const key = trackObjectKey({ ...ids(), kind: 'audio', version: 1 });
    const before = Math.floor(Date.now() / 1000);
    const url = new URL(await storage.signedUrl(key, { downloadName: 'My Song.mp3', public: true }));
    const after = Math.floor(Date.now() / 1000);
    expect(`${url.origin}${url.pathname}`).toBe(`http://localhost:3000/files/${key}`);
    const exp = Number(url.searchParams.get('exp'));
    expect(exp - after).toBeGreaterThan(3600);
    expect(exp - before).toBeLessThanOrEqual(7200);
    expect(exp % 3600).toBe(0);
    expect(url.searchParams.get('sig')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('dl')).toBe('My Song.mp3');
    expect(url.searchParams.get('pub')).toBe('1');
  });

  it('the same URL all through a signing window (cacheable), a new one after it; each verifies', async () => {
    let nowMs = Date.UTC(2026, 0, 1, 10, 0, 5);
    const clocked = new FsObjectStorage({
      rootDir: path.join(tmp, 'objects'),
      secret: SECRET,
      publicBaseUrl: 'http://x',
      now: () => nowMs,
    });
    const key = trackObjectKey({ ...ids(), kind: 'cover-png', version: 1 });
    const sign = () => clocked.signedUrl(key, { expiresInSec: 3600 });
    const verifies = (u: string) => {
      const q = new URL(u).searchParams;
      return clocked.verify({ key, expiresAt: Number(q.get('exp')) }, q.get('sig') ?? '').ok;
    };
    const first = await sign();
    nowMs += 59 * 60_000; // 10:59:05, same window
    expect(await sign()).toBe(first);
    expect(verifies(first)).toBe(true);
    nowMs += 60_000; // 11:00:05, next window
    const second = await sign();
    expect(second).not.toBe(first);
    expect(verifies(second)).toBe(true);
    // The first URL still lives an hour past its window's end (11:00 + 1 h), then expires.
    nowMs = Date.UTC(2026, 0, 1, 11, 59, 59);
    expect(verifies(first)).toBe(true);
    nowMs = Date.UTC(2026, 0, 1, 12, 0, 1);
    expect(verifies(first)).toBe(false);
    // A short-lived link keeps a window no longer than itself.
    const short = new URL(await clocked.signedUrl(key, { expiresInSec: 60 }));
    const exp = Number(short.searchParams.get('exp'));
    expect(exp - nowMs / 1000).toBeGreaterThan(60);
    expect(exp - nowMs / 1000).toBeLessThanOrEqual(120);
  });

  it('check() passes on a writable directory and explains an unusable one', async () => {
    await storage.check();
    const file = path.join(tmp, 'not-a-dir');
    await writeFile(file, 'x');
    const broken = new FsObjectStorage({ rootDir: file, secret: SECRET, publicBaseUrl: 'http://x' });
    const err = await broken.check().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isStorageError(err, 'UNAVAILABLE')).toBe(true);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toMatch(/not writable/);
  });

  it('does not follow a planted symlink out of the root when deleting a prefix', async () => {
    const { trackId } = ids();
    const victim = path.join(tmp, 'victim');
    await writeFile(victim, 'keep me');
    const key = trackObjectKey({ trackId, kind: 'audio', version: 1 });
    await storage.put(key, bytes(3), { contentType: 'audio/mpeg' });
    await symlink(victim, path.join(tmp, 'objects', trackPrefix(trackId), 'link'));
    await storage.deletePrefix(trackPrefix(trackId));
    expect(await readFile(victim, 'utf8')).toBe('keep me');
  });

  it('refuses a weak signing secret', () => {
    expect(() => new FsObjectStorage({ rootDir: tmp, secret: 'short', publicBaseUrl: 'http://x' })).toThrow(
      /at least 16/,
    );
  });
});
