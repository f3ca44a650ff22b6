import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathOf, signUp, startTestApp, type TestApp, type TestUser, validTrack } from '../../test/harness.ts';
import { tracks, users } from '../db/schema/index.ts';
import { referenceKey } from '../services/storage/index.ts';
import { normalisedPath } from './plugins/request-path.ts';

// Issue 13 #4 and #10: the Origin check on the decoded, normalised path (and every
// unsafe method), and the security headers.

const EVIL = 'http://evil.example';

describe('normalisedPath', () => {
  it('decodes, repeatedly, and resolves what a router or proxy would', () => {
    expect(normalisedPath('/%61pi/tracks?x=1')).toBe('/api/tracks');
    expect(normalisedPath('/%2561pi/tracks')).toBe('/api/tracks');
    expect(normalisedPath('//api/./tracks/')).toBe('/api/tracks');
    expect(normalisedPath('/api/webhooks/../tracks')).toBe('/api/tracks');
    expect(normalisedPath('/api/webhooks/%2e%2e/tracks')).toBe('/api/tracks');
    expect(normalisedPath('/API\\tracks')).toBe('/api/tracks');
    expect(normalisedPath('/%E0%A4%A')).toBeNull();
  });
});

describe('CSRF: Origin check on every unsafe request', () => {
  let t: TestApp;
  let victim: TestUser;
  let trackId: string;

  beforeAll(async () => {
    t = await startTestApp({ db: 'pglite' });
    victim = await signUp(t);
    trackId = (await victim.post('/api/tracks', validTrack())).json().track_id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const trackCount = async () =>
    (await t.rt.database.db.select({ n: count() }).from(tracks).where(eq(tracks.userId, victim.id)))[0]!.n;

  it('percent-encoded paths with a foreign Origin are refused and change nothing', async () => {
    const before = await trackCount();
    const evil = { origin: EVIL, 'content-type': 'application/json' };
    const attempts = [
      { method: 'POST' as const, url: '/%61pi/tracks', payload: JSON.stringify(validTrack()) },
      { method: 'POST' as const, url: '/%2561pi/tracks', payload: JSON.stringify(validTrack()) },
      { method: 'POST' as const, url: '//api//tracks', payload: JSON.stringify(validTrack()) },
      { method: 'POST' as const, url: '/%61pi/analyze', payload: '{}' },
      { method: 'PATCH' as const, url: '/%61pi/me', payload: JSON.stringify({ name: 'pwned' }) },
      { method: 'DELETE' as const, url: `/%61pi/tracks/${trackId}` },
      { method: 'DELETE' as const, url: `/api/tracks/${trackId}` },
      { method: 'POST' as const, url: '/api/future-route-of-another-branch', payload: '{}' },
    ];
    for (const a of attempts) {
      const res = await victim.request({ ...a, headers: { ...evil } });
      expect(res.statusCode, `${a.method} ${a.url}`).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    expect(await trackCount()).toBe(before);
    const [me] = await t.rt.database.db.select().from(users).where(eq(users.id, victim.id));
    expect(me!.name).not.toBe('pwned');
    expect((await victim.get(`/api/tracks/${trackId}`)).statusCode).toBe(200);
  });

  it('a browser saying cross-site without Origin is refused; "null" Origin too', async () => {
    const noOrigin = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: {
        cookie: (victim as unknown as { cookie: string }).cookie,
        'sec-fetch-site': 'cross-site',
        'content-type': 'application/json',
      },
      payload: JSON.stringify({ name: 'pwned' }),
    });
    expect(noOrigin.statusCode).toBe(403);
    const nullOrigin = await victim.request({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { origin: 'null' },
    });
    expect(nullOrigin.statusCode).toBe(403);
  });

  it("public payloads carry no owner id nor ids of the owner's private rows", async () => {
    const { track_id } = (await victim.post('/api/tracks', validTrack())).json();
    await t.rt.database.db.update(tracks).set({ status: 'COMPLETE' }).where(eq(tracks.id, track_id));
    expect((await victim.patch(`/api/tracks/${track_id}`, { public: true })).statusCode).toBe(200);
    const explore = (await t.app.inject({ method: 'GET', url: '/api/explore' })).json();
    const item = explore.items.find((i: { id: string }) => i.id === track_id);
    expect(item).toMatchObject({ user_id: null, series_id: null, reference_file_id: null, job_id: null });
    // (Signed file URLs name track-scoped keys, tracks/{trackId}/…: checked in public-urls.test.ts.)
    const other = await signUp(t);
    const seen = (await other.get(`/api/tracks/${track_id}`)).json();
    expect(seen).toMatchObject({ user_id: null, series_id: null, job_id: null });
    // Private JSON (signed URLs) is never stored by a cache; explore chose public caching.
    expect((await victim.get('/api/tracks')).headers['cache-control']).toBe('no-store');
    expect((await victim.get(`/api/tracks/${track_id}`)).headers['cache-control']).toBe('no-store');
    expect((await t.app.inject({ method: 'GET', url: '/api/explore' })).headers['cache-control']).toMatch(
      /^public/,
    );
    const own = (await victim.get(`/api/tracks/${track_id}`)).json();
    expect(own.user_id).toBe(victim.id);
    expect(own.series_id).not.toBeNull();
  });

  it('the trusted Origin and the encoded path work for the real client', async () => {
    const res = await victim.request({
      method: 'PATCH',
      url: '/%61pi/me',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'Renamed' }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe('Renamed');
  });
});

describe('security headers and exposure', () => {
  let t: TestApp;
  let u: TestUser;
  beforeAll(async () => {
    t = await startTestApp({
      db: 'pglite',
      env: {
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://music.example',
        TRUSTED_ORIGINS: 'http://localhost:3000',
        METRICS_TOKEN: 'metrics-token-0123456789',
      },
    });
    u = await signUp(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('HSTS in production over https; no-store on private JSON', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/me' });
    expect(res.headers['strict-transport-security']).toContain('max-age=');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('served files keep their sandbox CSP (the global hook does not overwrite it)', async () => {
    const key = referenceKey({ userId: u.id, fileId: randomUUID(), ext: 'mp3' });
    await t.rt.storage.put(key, new Uint8Array([1, 2, 3]), { contentType: 'audio/mpeg' });
    const url = await t.rt.storage.signedUrl(key, { expiresInSec: 60 });
    const res = await t.app.inject({ method: 'GET', url: pathOf(url) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain('sandbox');
    expect(res.headers['content-security-policy']).not.toContain("script-src 'self'");
  });

  it('/metrics needs the bearer token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong' } }))
        .statusCode,
    ).toBe(404);
    const ok = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer metrics-token-0123456789' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('http_request');
  });
});
