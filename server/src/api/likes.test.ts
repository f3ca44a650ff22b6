import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp, type TestUser, validTrack } from '../../test/harness.ts';
import { tracks, users } from '../db/schema/index.ts';

describe.each(['pglite', 'postgres'] as const)('likes on %s', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db });
  });
  afterAll(async () => {
    await t?.close();
  });

  const like = (u: TestUser, id: string) => u.request({ method: 'PUT', url: `/api/tracks/${id}/like` });
  const unlike = (u: TestUser, id: string) => u.request({ method: 'DELETE', url: `/api/tracks/${id}/like` });
  /** A finished track of `u`'s, shared unless told otherwise (the pipeline tests cover real completion). */
  async function finished(u: TestUser, opts: { shared?: boolean; prompt?: string } = {}): Promise<string> {
    const res = await u.post('/api/tracks', validTrack(opts.prompt ? { prompt: opts.prompt } : {}));
    const id = res.json().track_id as string;
    await t.rt.database.db.update(tracks).set({ status: 'COMPLETE' }).where(eq(tracks.id, id));
    if (opts.shared ?? true)
      expect((await u.patch(`/api/tracks/${id}`, { public: true })).statusCode).toBe(200);
    return id;
  }

  it('a like is idempotent, counted once per person, shown on the track, and can be taken back', async () => {
    const owner = await signUp(t);
    const a = await signUp(t);
    const b = await signUp(t);
    const id = await finished(owner);
    expect((await like(a, id)).json()).toEqual({ liked: true, like_count: 1 });
    expect((await like(a, id)).json()).toEqual({ liked: true, like_count: 1 }); // twice is one like
    expect((await like(b, id)).json()).toEqual({ liked: true, like_count: 2 });
    expect((await a.get(`/api/tracks/${id}`)).json()).toMatchObject({ like_count: 2, liked: true });
    expect((await owner.get(`/api/tracks/${id}`)).json()).toMatchObject({ like_count: 2, liked: false });
    // Signed out: the count, and no `liked` at all.
    const anon = (await t.app.inject({ method: 'GET', url: `/api/tracks/${id}` })).json();
    expect(anon.like_count).toBe(2);
    expect(anon).not.toHaveProperty('liked');
    // The button's own read (share pages are rendered without the viewer).
    expect((await b.get(`/api/tracks/${id}/like`)).json()).toEqual({ liked: true, like_count: 2 });
    expect((await owner.get(`/api/tracks/${id}/like`)).json()).toEqual({ liked: false, like_count: 2 });
    const anonLike = await t.app.inject({ method: 'GET', url: `/api/tracks/${id}/like` });
    expect(anonLike.json()).toEqual({ liked: false, like_count: 2 });
    expect((await unlike(a, id)).json()).toEqual({ liked: false, like_count: 1 });
    expect((await unlike(a, id)).json()).toEqual({ liked: false, like_count: 1 });
    expect((await a.get(`/api/tracks/${id}`)).json()).toMatchObject({ like_count: 1, liked: false });
    // The library does not carry counts (its pages are cached per owner; a like is someone else's write).
    const lib = (await owner.get('/api/tracks')).json();
    expect(lib.items[0]).not.toHaveProperty('like_count');
  });

  it('only shared tracks take likes: 409 on an own private one, 404 on a foreign private or unknown one, 401 signed out', async () => {
    const owner = await signUp(t);
    const other = await signUp(t);
    const privateId = await finished(owner, { shared: false });
    const own = await like(owner, privateId);
    expect(own.statusCode).toBe(409);
    expect(own.json().error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/share/) });
    expect((await like(other, privateId)).statusCode).toBe(404);
    expect((await other.get(`/api/tracks/${privateId}/like`)).statusCode).toBe(404);
    expect((await like(other, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await like(other, 'not-a-uuid')).statusCode).toBe(400);
    const anon = await t.app.inject({ method: 'PUT', url: `/api/tracks/${privateId}/like` });
    expect(anon.statusCode).toBe(401);
    // Liked, then unshared: the like can still be taken back, but not given again.
    const id = await finished(owner);
    expect((await like(other, id)).statusCode).toBe(200);
    expect((await owner.patch(`/api/tracks/${id}`, { public: false })).statusCode).toBe(200);
    expect((await like(owner, id)).statusCode).toBe(409);
    expect((await owner.get(`/api/tracks/${id}`)).json().like_count).toBe(1);
    expect((await unlike(owner, id)).json()).toEqual({ liked: false, like_count: 1 }); // not theirs: nothing taken
  });

  it('explore shows each track’s count and sorts by likes with ?sort=popular (ties newest first)', async () => {
    const owner = await signUp(t);
    const word = `likes${Date.now()}`;
    const [first, second, third] = [
      await finished(owner, { prompt: `calm ${word} piano one` }),
      await finished(owner, { prompt: `calm ${word} piano two` }),
      await finished(owner, { prompt: `calm ${word} piano three` }),
    ];
    const fans = await Promise.all([signUp(t), signUp(t)]);
    for (const f of fans) await like(f, first!);
    await like(fans[0]!, second!);
    const explore = async (qs: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/explore?q=${word}${qs}` })).json() as {
        items: { id: string; like_count: number }[];
      };
    const newest = await explore('');
    expect(newest.items.map((i) => i.id)).toEqual([third, second, first]);
    expect(newest.items.map((i) => i.like_count)).toEqual([0, 1, 2]);
    expect((await explore('&sort=popular')).items.map((i) => i.id)).toEqual([first, second, third]);
    await like(fans[1]!, third!);
    // second and third now tie at 1: the newer first.
    expect((await explore('&sort=popular')).items.map((i) => i.id)).toEqual([first, third, second]);
    const bad = await t.app.inject({ method: 'GET', url: '/api/explore?sort=loudest' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_ERROR');
    // A deleted account's likes go with it (no counter to drift).
    await t.rt.database.db.delete(users).where(eq(users.id, fans[0]!.id));
    expect((await explore('&sort=popular')).items.map((i) => i.like_count)).toEqual([1, 1, 0]);
  });
});

describe('likes under the rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db: 'pglite', env: { RATE_LIMITS: 'true' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('are limited to 60 a minute per person (likes and unlikes together)', async () => {
    const owner = await signUp(t);
    const fan = await signUp(t);
    const res = await owner.post('/api/tracks', validTrack());
    const id = res.json().track_id as string;
    await t.rt.database.db.update(tracks).set({ status: 'COMPLETE' }).where(eq(tracks.id, id));
    expect((await owner.patch(`/api/tracks/${id}`, { public: true })).statusCode).toBe(200);
    const like = (u: TestUser) => u.request({ method: 'PUT', url: `/api/tracks/${id}/like` });
    const unlike = (u: TestUser) => u.request({ method: 'DELETE', url: `/api/tracks/${id}/like` });
    for (let i = 0; i < 30; i++) {
      expect((await like(fan)).statusCode).toBe(200);
      expect((await unlike(fan)).statusCode).toBe(200);
    }
    const over = await like(fan);
    expect(over.statusCode).toBe(429);
    expect(over.json().error.code).toBe('RATE_LIMITED');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    // Another person is not held up by it.
    expect((await like(owner)).statusCode).toBe(200);
  });
});
