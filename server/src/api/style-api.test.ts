import { catalogueMark, coverSvg } from '@soundfoundry/engine/cover';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp, type TestUser, validTrack } from '../../test/harness.ts';
import { tracks, trackVisuals, users } from '../db/schema/index.ts';
import { coverInputFor, drawCoverVersion } from '../services/cover-art.ts';
import { seriesStyle } from '../services/style-seed.ts';

describe.each(['pglite', 'postgres'] as const)('style API on %s', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db });
  });
  afterAll(async () => {
    await t?.close();
  });

  const seedOf = async (u: TestUser) =>
    (await t.rt.database.db.select({ s: users.userStyleSeed }).from(users).where(eq(users.id, u.id)))[0]!.s!;

  /** Tracks made through the API, then marked finished (no rendering: these tests are about rules). */
  async function finishedTracks(
    u: TestUser,
    n: number,
    over: { hasVocals?: boolean; createdAt?: Date } = {},
  ) {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await u.post('/api/tracks', validTrack({ prompt: `a calm piano piece number ${i}` }));
      expect(res.statusCode).toBe(201);
      ids.push(res.json().track_id);
    }
    await t.rt.database.db
      .update(tracks)
      .set({
        status: 'COMPLETE',
        hasVocals: over.hasVocals ?? false,
        createdAt: over.createdAt ?? new Date(Date.UTC(2026, 5, 1, 12)),
        genre: 'lo-fi',
        bpm: 80,
        key: 'A minor',
      })
      .where(inArray(tracks.id, ids));
    return ids;
  }

  it('lists the default series derived from the style seed; new series derive from (seed, number)', async () => {
    const u = await signUp(t);
    const list = await u.get('/api/style/series');
    expect(list.statusCode).toBe(200);
    const seed = await seedOf(u);
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0]).toMatchObject({
      is_default: true,
      slug: 'my-sound',
      number: 0,
      ...seriesStyle(seed, 0),
    });

    const a = await u.post('/api/style/series', { title: 'Late Night Tapes!' });
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({
      slug: 'late-night-tapes',
      number: 1,
      is_default: false,
      track_count: 0,
    });
    expect(a.json()).toMatchObject(seriesStyle(seed, 1));
    // A partial palette keeps the derived rest.
    const b = await u.post('/api/style/series', {
      title: 'Late Night Tapes',
      palette: { primary_hue: 200 },
      geometry: { shape_count: 9 },
    });
    expect(b.statusCode).toBe(201);
    const derived = seriesStyle(seed, 2);
    expect(b.json().slug).toBe('late-night-tapes-2');
    expect(b.json().palette).toEqual({ ...derived.palette, primary_hue: 200 });
    expect(b.json().geometry).toEqual({ ...derived.geometry, shape_count: 9 });
    expect((await u.get('/api/style/series')).json().items.map((s: { number: number }) => s.number)).toEqual([
      0, 1, 2,
    ]);
  });

  it('slugs are unique per user (409), not across users', async () => {
    const u = await signUp(t);
    const v = await signUp(t);
    expect((await u.post('/api/style/series', { title: 'Blue', slug: 'blue' })).statusCode).toBe(201);
    const again = await u.post('/api/style/series', { title: 'Blue again', slug: 'blue' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');
    expect((await v.post('/api/style/series', { title: 'Blue', slug: 'blue' })).statusCode).toBe(201);
    const s2 = await u.post('/api/style/series', { title: 'Green' });
    expect((await u.patch(`/api/style/series/${s2.json().id}`, { slug: 'blue' })).statusCode).toBe(409);
  });

  it('titles are unique per user, case and spaces aside (409 in words), on create and on rename; not across users', async () => {
    const u = await signUp(t);
    const v = await signUp(t);
    expect((await u.post('/api/style/series', { title: 'Night drives' })).statusCode).toBe(201);
    const again = await u.post('/api/style/series', { title: '  night DRIVES ' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'CONFLICT', details: { reason: 'title_taken' } });
    expect(again.json().error.message).toBe(
      'You already have a series called “night DRIVES”. Pick another title.',
    );
    expect((await v.post('/api/style/series', { title: 'Night drives' })).statusCode).toBe(201);
    const other = (await u.post('/api/style/series', { title: 'Morning runs' })).json();
    expect((await u.patch(`/api/style/series/${other.id}`, { title: 'Night Drives' })).statusCode).toBe(409);
    // Renaming a series to its own title (another case) is fine.
    expect((await u.patch(`/api/style/series/${other.id}`, { title: 'MORNING RUNS' })).statusCode).toBe(200);
    // Two at once cannot both take a free title.
    const both = await Promise.all([
      u.post('/api/style/series', { title: 'Same time' }),
      u.post('/api/style/series', { title: 'same time' }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it.each([
    [{ title: 'x', palette: { primary_hue: 360 } }],
    [{ title: 'x', palette: { primary_hue: -1 } }],
    [{ title: 'x', palette: { primary_hue: 12.5 } }],
    [{ title: 'x', palette: { luminance_base: 1.2 } }],
    [{ title: 'x', palette: { saturation: -0.1 } }],
    [{ title: 'x', palette: { hue: 3 } }],
    [{ title: 'x', geometry: { stroke_width_base: 0 } }],
    [{ title: 'x', geometry: { stroke_width_base: 500 } }],
    [{ title: 'x', geometry: { shape_count: 1000 } }],
    [{ title: 'x', geometry: { rotation_base: 720 } }],
    [{ title: 'x', slug: 'Not A Slug' }],
    [{ title: '' }],
    [{ title: 'x\u0007y' }],
    [{}],
  ])('refuses a bad series %j with 400 and the error shape', async (body) => {
    const u = await signUp(t);
    const res = await u.post('/api/style/series', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    const s = (await u.get('/api/style/series')).json().items[0];
    const patch = await u.patch(`/api/style/series/${s.id}`, { palette: { saturation: 2 } });
    expect(patch.statusCode).toBe(400);
    expect((await u.patch(`/api/style/series/${s.id}`, {})).statusCode).toBe(400);
  });

  it('patches only the given fields', async () => {
    const u = await signUp(t);
    const s = (await u.post('/api/style/series', { title: 'Dawn' })).json();
    const res = await u.patch(`/api/style/series/${s.id}`, {
      title: 'Dawn II',
      palette: { saturation: 0.3 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      title: 'Dawn II',
      slug: s.slug,
      palette: { ...s.palette, saturation: 0.3 },
    });
    expect(res.json().geometry).toEqual(s.geometry);
    expect((await u.get(`/api/style/series/${s.id}`)).json()).toEqual(res.json());
  });

  it("a series' geometry set by PATCH is kept, refused out of range in words, and draws its next covers", async () => {
    const u = await signUp(t);
    const s = (await u.post('/api/style/series', { title: 'Shapes' })).json();
    const [trackId] = await finishedTracks(u, 1);
    expect((await u.patch(`/api/tracks/${trackId}`, { series_id: s.id })).statusCode).toBe(200);
    const track = async () =>
      (await t.rt.database.db.select().from(tracks).where(eq(tracks.id, trackId!)))[0]!;
    const before = await coverInputFor(t.rt.database.db, await track(), 2);
    expect(before.geometry).toEqual(s.geometry);
    // The slug is the owner's private name for the series: the cover, public with the track, carries
    // only a mark hashed from the series id.
    expect(before.seriesId).toBe(s.id);
    expect(coverSvg(before)).toContain(`${catalogueMark(s.id)} — `);
    expect(coverSvg(before).toUpperCase()).not.toContain(s.slug.toUpperCase());

    // Part of a geometry: the rest stays as derived (and the palette untouched).
    const part = await u.patch(`/api/style/series/${s.id}`, { geometry: { shape_count: 3 } });
    expect(part.statusCode).toBe(200);
    expect(part.json().geometry).toEqual({ ...s.geometry, shape_count: 3 });
    expect(part.json().palette).toEqual(s.palette);
    const geometry = { stroke_width_base: 48, rotation_base: 359, gradient_angle: 300, shape_count: 24 };
    const all = await u.patch(`/api/style/series/${s.id}`, { geometry });
    expect(all.statusCode).toBe(200);
    expect(all.json().geometry).toEqual(geometry);
    expect((await u.get(`/api/style/series/${s.id}`)).json().geometry).toEqual(geometry);

    // The series' next cover of the track is drawn with it, and looks different.
    const after = await coverInputFor(t.rt.database.db, await track(), 2);
    expect(after.geometry).toEqual(geometry);
    expect(coverSvg(after)).not.toBe(coverSvg(before));

    // Out of the ranges the cover generator draws well: 400, the message names the field, nothing kept.
    for (const bad of [
      { stroke_width_base: 0 },
      { stroke_width_base: 49 },
      { rotation_base: 360 },
      { gradient_angle: -1 },
      { shape_count: 25 },
      { shape_count: 2.5 },
    ]) {
      const res = await u.patch(`/api/style/series/${s.id}`, { geometry: bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.message).toContain(Object.keys(bad)[0]);
    }
    expect((await u.get(`/api/style/series/${s.id}`)).json().geometry).toEqual(geometry);
  });

  it("nobody reads, edits, deletes or files tracks into another user's series (404)", async () => {
    const owner = await signUp(t);
    const other = await signUp(t);
    const s = (await owner.post('/api/style/series', { title: 'Private' })).json();
    expect((await other.get(`/api/style/series/${s.id}`)).statusCode).toBe(404);
    expect((await other.patch(`/api/style/series/${s.id}`, { title: 'Mine now' })).statusCode).toBe(404);
    expect((await other.delete(`/api/style/series/${s.id}`)).statusCode).toBe(404);
    expect(
      (await other.get('/api/style/series')).json().items.map((i: { id: string }) => i.id),
    ).not.toContain(s.id);
    const [trackId] = await finishedTracks(other, 1);
    expect((await other.patch(`/api/tracks/${trackId}`, { series_id: s.id })).statusCode).toBe(404);
    expect((await owner.get(`/api/style/series/${s.id}`)).json().title).toBe('Private');
    // Signed out: 401.
    const anon = await t.app.inject({ method: 'GET', url: '/api/style/series' });
    expect(anon.statusCode).toBe(401);
  });

  it('moves a track to another series; deleting a series moves its tracks to the default one', async () => {
    const u = await signUp(t);
    const def = (await u.get('/api/style/series')).json().items[0];
    const s = (await u.post('/api/style/series', { title: 'Side B' })).json();
    const [trackId] = await finishedTracks(u, 1);
    const moved = await u.patch(`/api/tracks/${trackId}`, { series_id: s.id });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().series_id).toBe(s.id);
    expect((await u.get(`/api/style/series/${s.id}`)).json().track_count).toBe(1);
    expect((await u.get(`/api/tracks?series_id=${s.id}`)).json().total).toBe(1);
    expect((await u.delete(`/api/style/series/${def.id}`)).statusCode).toBe(409);
    expect((await u.delete(`/api/style/series/${s.id}`)).statusCode).toBe(204);
    expect((await u.get(`/api/style/series/${s.id}`)).statusCode).toBe(404);
    expect((await u.get(`/api/tracks/${trackId}`)).json().series_id).toBe(def.id);
  });

  it('unlocks follow the rules, say what is next, and recompute idempotently', async () => {
    const u = await signUp(t);
    let res = await u.get('/api/style/unlocks');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ unlocked: [], completed_tracks: 0 });
    expect(res.json().next).toMatchObject({ id: 'soft_glow', remaining: 1 });
    expect(res.json().items.find((i: { id: string }) => i.id === 'silk_lines')).toMatchObject({
      remaining: 3,
    });

    await finishedTracks(u, 2);
    await finishedTracks(u, 1, { hasVocals: true, createdAt: new Date(Date.UTC(2026, 5, 1, 23, 30)) });
    // Not stored until a recompute (the worker runs one after every completed track).
    expect((await u.get('/api/style/unlocks')).json().unlocked).toEqual([]);
    res = await u.post('/api/style/unlocks/recompute');
    expect(res.statusCode).toBe(200);
    expect(res.json().unlocked).toEqual(['silk_lines', 'soft_glow', 'midnight_bloom']);
    expect(res.json().next).toMatchObject({
      id: 'geometric',
      remaining: 7,
      progress: { current: 3, target: 10 },
    });
    const again = await u.post('/api/style/unlocks/recompute');
    expect(again.json()).toEqual(res.json());
    expect((await u.get('/api/me')).json().style_unlocks).toEqual([
      'silk_lines',
      'soft_glow',
      'midnight_bloom',
    ]);
    // Queued or failed tracks do not count.
    await u.post('/api/tracks', validTrack());
    expect((await u.post('/api/style/unlocks/recompute')).json().completed_tracks).toBe(3);
    // A track at 05:00 UTC is not a night track.
    const v = await signUp(t);
    await finishedTracks(v, 1, { createdAt: new Date(Date.UTC(2026, 5, 1, 5, 0)) });
    expect((await v.post('/api/style/unlocks/recompute')).json().unlocked).toEqual([]);
  });

  it("nobody regenerates or downloads another user's private covers", async () => {
    const owner = await signUp(t);
    const other = await signUp(t);
    const [trackId] = await finishedTracks(owner, 1);
    expect(await drawCoverVersion({ db: t.rt.database.db, storage: t.rt.storage }, trackId!, 1)).toBe(
      'drawn',
    );
    const mine = await owner.get(`/api/tracks/${trackId}/download?format=cover-png`);
    expect(mine.statusCode).toBe(302);
    expect((await other.post(`/api/tracks/${trackId}/visuals`)).statusCode).toBe(404);
    for (const f of ['cover-png', 'cover-svg']) {
      expect((await other.get(`/api/tracks/${trackId}/download?format=${f}`)).statusCode).toBe(404);
      expect((await other.get(`/api/tracks/${trackId}/download?format=${f}&version=1`)).statusCode).toBe(404);
    }
    const anon = await t.app.inject({
      method: 'GET',
      url: `/api/tracks/${trackId}/download?format=cover-png`,
    });
    expect(anon.statusCode).toBe(404);
    // Once public, anyone may fetch its cover (like its audio).
    expect((await owner.patch(`/api/tracks/${trackId}`, { public: true })).statusCode).toBe(200);
    expect((await other.get(`/api/tracks/${trackId}/download?format=cover-png`)).statusCode).toBe(302);
    // ...but still not regenerate it.
    expect((await other.post(`/api/tracks/${trackId}/visuals`)).statusCode).toBe(404);
  });

  it('a track keeps at most 20 cover versions: the 21st is refused in words (drawing is free, storing is not)', async () => {
    const u = await signUp(t);
    const [id] = await finishedTracks(u, 1);
    await t.rt.database.db.update(tracks).set({ visualVersion: 19 }).where(eq(tracks.id, id!));
    const twentieth = await u.post(`/api/tracks/${id}/visuals`);
    expect(twentieth.statusCode, twentieth.body).toBe(202);
    expect(twentieth.json().visual_version).toBe(20);
    await t.rt.database.db.update(tracks).set({ visualVersion: 20 }).where(eq(tracks.id, id!));
    await t.rt.database.db.delete(trackVisuals).where(eq(trackVisuals.trackId, id!)); // as if drawn
    const more = await u.post(`/api/tracks/${id}/visuals`);
    expect(more.statusCode).toBe(409);
    expect(more.json().error).toMatchObject({ code: 'CONFLICT', details: { limit: 20 } });
    expect(more.json().error.message).toContain('20 covers');
  });

  it('an account keeps at most 100 series: the next is refused in words, and deleting one makes room', async () => {
    const u = await signUp(t);
    const made: string[] = [];
    for (let i = 1; i < 100; i++) {
      const r = await u.post('/api/style/series', { title: `Series ${i}` });
      expect(r.statusCode, r.body).toBe(201);
      made.push(r.json().id);
    }
    const full = await u.post('/api/style/series', { title: 'One too many' });
    expect(full.statusCode).toBe(409);
    expect(full.json().error).toMatchObject({ code: 'CONFLICT', details: { limit: 100 } });
    expect(full.json().error.message).toContain('100 series');
    expect((await u.delete(`/api/style/series/${made[0]}`)).statusCode).toBe(204);
    expect((await u.post('/api/style/series', { title: 'Room again' })).statusCode).toBe(201);
  }, 60_000);

  it('refuses visuals for an unfinished track (409) and version with a non-cover format (400)', async () => {
    const u = await signUp(t);
    const res = await u.post('/api/tracks', validTrack());
    const id = res.json().track_id;
    expect((await u.post(`/api/tracks/${id}/visuals`)).statusCode).toBe(409);
    const [done] = await finishedTracks(u, 1);
    expect((await u.get(`/api/tracks/${done}/download?format=mp3&version=1`)).statusCode).toBe(400);
    expect((await u.get(`/api/tracks/${done}/download?format=cover-png&version=0`)).statusCode).toBe(400);
    expect((await u.get(`/api/tracks/${done}/download?format=cover-png&version=9`)).statusCode).toBe(404);
  });
});
