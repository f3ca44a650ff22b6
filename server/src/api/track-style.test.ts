import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp, validTrack, waitForJob } from '../../test/harness.ts';
import { tracks } from '../db/schema/index.ts';
import { ledgerSum } from '../services/credits.ts';

// POST /api/tracks `style`: an id of GET /api/styles, stored with the track, and winning over the
// prompt's own style words in the plan the local engine composes.

describe('track creation with an explicit style', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db: 'pglite', dispatch: true, env: { JOB_RETRY_BASE_MS: '20' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses an unknown id, a malformed one and a genre of another style with 400, charging nothing', async () => {
    const u = await signUp(t);
    const before = await ledgerSum(t.rt.database.db, u.id);
    const unknown = await u.post('/api/tracks', validTrack({ style: 'polka-step' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: expect.stringContaining('Unknown style "polka-step"'),
      details: { field: 'style' },
    });
    expect(unknown.json().error.message).toContain('GET /api/styles');
    expect((await u.post('/api/tracks', validTrack({ style: 'Reggae ' }))).statusCode).toBe(400);
    expect((await u.post('/api/tracks', validTrack({ style: 42 }))).statusCode).toBe(400);
    const clash = await u.post('/api/tracks', validTrack({ style: 'reggae', genre: 'jazz' }));
    expect(clash.statusCode).toBe(400);
    expect(clash.json().error.message).toContain('"world"');
    expect(await ledgerSum(t.rt.database.db, u.id)).toBe(before);
  });

  it('stores the style and the plan records it, over the style the prompt names', async () => {
    const u = await signUp(t);
    const res = await u.post(
      '/api/tracks',
      validTrack({
        prompt: 'bossa nova by the sea',
        style: 'reggae',
        genre: 'world',
        duration_s: 15,
        seed: 3,
      }),
    );
    expect(res.statusCode).toBe(201);
    const { track_id, job_id } = res.json();
    expect((await u.get(`/api/tracks/${track_id}`)).json().style).toBe('reggae');
    expect(await waitForJob(u, job_id)).toMatchObject({ status: 'COMPLETE' });
    const track = (await u.get(`/api/tracks/${track_id}`)).json();
    expect(track).toMatchObject({ status: 'COMPLETE', style: 'reggae', genre: 'world' });
    expect(track.plan.style).toBe('reggae');

    // Without `style`, the same prompt's words choose (bossa nova), and the track says null.
    const plain = await u.post(
      '/api/tracks',
      validTrack({ prompt: 'bossa nova by the sea', duration_s: 15, seed: 3 }),
    );
    expect(await waitForJob(u, plain.json().job_id)).toMatchObject({ status: 'COMPLETE' });
    const p = (await u.get(`/api/tracks/${plain.json().track_id}`)).json();
    expect(p.style).toBeNull();
    expect(p.plan.style).toBe('bossa-nova');
  });

  it('a finished track keeps the style it was made in; GET /api/tracks?style= finds it (the prompt-chosen one too)', async () => {
    const u = await signUp(t);
    const make = async (body: Record<string, unknown>) => {
      const res = await u.post('/api/tracks', validTrack({ duration_s: 15, seed: 5, ...body }));
      expect(res.statusCode).toBe(201);
      expect(await waitForJob(u, res.json().job_id)).toMatchObject({ status: 'COMPLETE' });
      return (await u.get(`/api/tracks/${res.json().track_id}`)).json();
    };
    // Chosen from the prompt's words (style null), asked for, and a genre's own style.
    const bossa = await make({ prompt: 'a bossa nova for a slow sunday morning' });
    const reggae = await make({ prompt: 'sunny afternoon groove', style: 'reggae' });
    const jazz = await make({ prompt: 'late night jazz trio', genre: 'jazz' });
    expect(bossa).toMatchObject({ style: null, resolved_style: 'bossa-nova', genre: 'jazz' });
    expect(reggae).toMatchObject({ style: 'reggae', resolved_style: 'reggae' });
    expect(jazz.resolved_style).toBe(jazz.plan.style);
    // Unfinished: not known yet.
    const queued = await u.post('/api/tracks', validTrack({ prompt: 'a slow waltz, not rendered yet' }));
    expect((await u.get(`/api/tracks/${queued.json().track_id}`)).json()).toMatchObject({
      status: 'QUEUED',
      resolved_style: null,
    });

    const ids = async (query: string) => {
      const res = await u.get(`/api/tracks?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((i: { id: string }) => i.id);
    };
    expect(await ids('style=bossa-nova')).toEqual([bossa.id]);
    expect(await ids('style=reggae')).toEqual([reggae.id]);
    // A style is narrower than its genre: bossa nova is jazz, not the plain jazz style.
    expect(await ids('genre=jazz')).toEqual(expect.arrayContaining([bossa.id]));
    if (jazz.resolved_style === 'jazz') expect(await ids('style=jazz')).toEqual([jazz.id]);
    expect(await ids('style=jazz')).not.toContain(bossa.id);
    // With the other filters, and an id nobody made: nothing, not an error.
    expect(await ids('style=bossa-nova&q=sunday&status=COMPLETE')).toEqual([bossa.id]);
    expect(await ids('style=bossa-nova&q=afternoon')).toEqual([]);
    expect(await ids('style=polka-step')).toEqual([]);
    expect((await u.get('/api/tracks?style=bossa-nova')).json().total).toBe(1);
    // Someone else's bossa nova is not in this library.
    const v = await signUp(t);
    expect((await v.get('/api/tracks?style=bossa-nova')).json().total).toBe(0);

    // Tracks finished before the column: the migration fills it from the asked style, else the plan's.
    await t.rt.database.db.update(tracks).set({ resolvedStyle: null }).where(eq(tracks.userId, u.id));
    const migration = readFileSync(
      new URL('../db/migrations/0007_furry_next_avengers.sql', import.meta.url),
      'utf8',
    );
    const backfill = migration.split('--> statement-breakpoint').find((st) => /UPDATE/.test(st))!;
    await t.rt.database.db.execute(sql.raw(backfill));
    expect(await ids('style=bossa-nova')).toEqual([bossa.id]);
    expect(await ids('style=reggae')).toEqual([reggae.id]);
  }, 90_000);
});
