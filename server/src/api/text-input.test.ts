import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp, type TestUser, validTrack } from '../../test/harness.ts';
import { tracks, users } from '../db/schema/index.ts';

// Issue 13 #6 (NUL bytes → 500 on both databases) and #9 (`{"name": null}` and deeply
// nested JSON on /api/auth/* → 500): all are 400 in the error shape, nothing changes.

describe.each(['pglite', 'postgres'] as const)('hostile text on %s', (db) => {
  let t: TestApp;
  let u: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ db });
    u = await signUp(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const expect400 = (res: { statusCode: number; json(): { error: { code: string } } }) => {
    expect(res.statusCode, JSON.stringify(res.json())).toBe(400);
    expect(['VALIDATION_ERROR', 'INVALID_JSON']).toContain(res.json().error.code);
  };
  const trackCount = async () =>
    (await t.rt.database.db.select({ n: count() }).from(tracks).where(eq(tracks.userId, u.id)))[0]!.n;

  it('NUL and control characters in every text field are a 400, nothing stored', async () => {
    const before = await trackCount();
    expect400(await u.post('/api/tracks', validTrack({ prompt: 'lo-fi beats \u0000 at night' })));
    expect400(await u.post('/api/tracks', validTrack({ title: 'night\u0000' })));
    expect400(await u.post('/api/tracks', validTrack({ has_vocals: true, lyrics: 'la\u0000la' })));
    expect400(await u.post('/api/tracks', validTrack({ title: 'bell\u0007' })));
    expect(await trackCount()).toBe(before);
    const made = (await u.post('/api/tracks', validTrack())).json();
    expect400(await u.patch(`/api/tracks/${made.track_id}`, { title: 'x\u0000' }));
    expect400(await u.patch('/api/me', { name: 'x\u0000' }));
    expect400(await u.get('/api/tracks?q=%00'));
    expect400(await t.app.inject({ method: 'GET', url: '/api/explore?q=%00' }));
    expect400(await t.app.inject({ method: 'GET', url: '/api/explore?q=a%1Bb' }));
  });

  it('better-auth routes: NUL, {"name": null} and wrong types are a 400', async () => {
    const name = (await t.rt.database.db.select().from(users).where(eq(users.id, u.id)))[0]!.name;
    expect400(await u.post('/api/auth/update-user', { name: 'x\u0000' }));
    expect400(await u.post('/api/auth/update-user', { image: 'http://x/\u0000' }));
    expect400(await u.post('/api/auth/update-user', { name: null }));
    expect400(await u.post('/api/auth/update-user', { name: { nested: true } }));
    expect400(
      await u.post('/api/auth/sign-in/email', { email: 'a\u0000@example.com', password: 'whatever123' }),
    );
    expect((await t.rt.database.db.select().from(users).where(eq(users.id, u.id)))[0]!.name).toBe(name);
    // Names are normalised (NFC) on the way in, here as in our own routes.
    expect((await u.post('/api/auth/update-user', { name: 'Jose\u0301' })).statusCode).toBe(200);
    expect((await u.get('/api/me')).json().name).toBe('Jos\u00e9');
  });

  it('20 000-deep nested JSON is a 400 on auth and on our routes', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    for (const url of ['/api/auth/sign-in/email', '/api/auth/sign-up/email', '/api/tracks']) {
      const res = await u.request({
        method: 'POST',
        url,
        payload: `{"email":${deep}}`,
        headers: { 'content-type': 'application/json' },
      });
      expect400(res);
    }
    // A string full of brackets is not nesting.
    const res = await u.post('/api/tracks', validTrack({ prompt: `lo-fi ${'[{'.repeat(400)}` }));
    expect(res.statusCode).toBe(201);
  });
});
