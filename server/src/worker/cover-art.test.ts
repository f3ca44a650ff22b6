import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  pathOf,
  signUp,
  startTestApp,
  type TestApp,
  type TestUser,
  validTrack,
  waitForJob,
} from '../../test/harness.ts';
import { jobs, tracks, trackVisuals } from '../db/schema/index.ts';
import { drawCoverVersion } from '../services/cover-art.ts';
import { findRunnableJobIds } from '../services/jobs.ts';
import { isNightUtc } from '../services/style-unlocks-rules.ts';
import { queueCoverArt } from './jobs/cover-art.ts';

// Cover art in the real pipeline (embedded mode, local engine): version 1 after COMPLETE, version
// n+1 on request, every version kept and downloadable, the audio untouched.

/** Follows a download redirect into the same app and returns the file. */
async function download(u: TestUser, trackId: string, query: string) {
  const res = await u.get(`/api/tracks/${trackId}/download?${query}`);
  expect(res.statusCode, res.body).toBe(302);
  const file = await u.t.app.inject({ method: 'GET', url: pathOf(String(res.headers.location)) });
  expect(file.statusCode).toBe(200);
  return file;
}

const pngSize = (b: Buffer) => [b.readUInt32BE(16), b.readUInt32BE(20)];

async function waitFor<T>(
  what: string,
  fn: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe('cover art in the pipeline (embedded, local engine)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Short retry backoff: the failure test waits for the cover job's last attempt.
    t = await startTestApp({
      db: 'pglite',
      dispatch: true,
      env: { JOB_RETRY_BASE_MS: '50', JOB_RETRY_MAX_MS: '200' },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('draws version 1 with the track, recomputes unlocks, and regenerates version 2 without touching the audio', async () => {
    const u = await signUp(t);
    const res = await u.post(
      '/api/tracks',
      validTrack({ duration_s: 15, genre: 'house', seed: 99, title: 'Paper Moons' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const { track_id, job_id } = res.json();
    expect((await waitForJob(u, job_id)).status).toBe('COMPLETE');
    const v1 = await waitFor('cover v1', async () => {
      const tr = (await u.get(`/api/tracks/${track_id}`)).json();
      return tr.cover_url ? tr : null;
    });
    expect(v1.visual_version).toBe(1);
    const png1 = await t.app.inject({ method: 'GET', url: pathOf(v1.cover_url) });
    expect(png1.headers['content-type']).toBe('image/png');
    expect(pngSize(png1.rawPayload)).toEqual([1024, 1024]);
    const svg1 = await download(u, track_id, 'format=cover-svg');
    expect(svg1.rawPayload.toString('utf8')).toMatch(/^<svg [^>]*viewBox="0 0 1000 1000"/);
    expect(svg1.rawPayload.toString('utf8')).toContain('<title>Paper Moons</title>');
    expect(svg1.rawPayload.toString('utf8')).not.toContain('<text'); // type drawn as paths

    // The worker recomputed the unlocks: one completed track, a night one if made at night.
    const [row] = await t.rt.database.db.select().from(tracks).where(eq(tracks.id, track_id));
    const unlocks = (await u.get('/api/style/unlocks')).json();
    expect(unlocks.completed_tracks).toBe(1);
    expect(unlocks.unlocked).toEqual(isNightUtc(row!.createdAt) ? ['midnight_bloom'] : []);

    const audioBefore = { audio: row!.audioKey, wav: row!.wavKey, stems: row!.stemsKey };
    const mp3Before = (await download(u, track_id, 'format=mp3')).rawPayload;
    const regen = await u.post(`/api/tracks/${track_id}/visuals`);
    expect(regen.statusCode).toBe(202);
    expect(regen.json()).toEqual({
      track_id,
      visual_version: 2,
      status: 'PENDING',
      job_id: expect.any(String),
    });
    expect((await waitForJob(u, regen.json().job_id)).status).toBe('COMPLETE');
    const v2 = await waitFor('cover v2', async () => {
      const tr = (await u.get(`/api/tracks/${track_id}`)).json();
      return tr.visual_version === 2 ? tr : null;
    });
    expect(v2.cover_url).not.toBe(v1.cover_url);
    const [after] = await t.rt.database.db.select().from(tracks).where(eq(tracks.id, track_id));
    expect({ audio: after!.audioKey, wav: after!.wavKey, stems: after!.stemsKey }).toEqual(audioBefore);
    expect((await download(u, track_id, 'format=mp3')).rawPayload.equals(mp3Before)).toBe(true);

    // Both versions stay downloadable; the default is the current one.
    const old = (await download(u, track_id, 'format=cover-png&version=1')).rawPayload;
    const cur = (await download(u, track_id, 'format=cover-png')).rawPayload;
    const two = (await download(u, track_id, 'format=cover-png&version=2')).rawPayload;
    expect(old.equals(png1.rawPayload)).toBe(true);
    expect(cur.equals(two)).toBe(true);
    expect(cur.equals(old)).toBe(false);
    const svg2 = (await download(u, track_id, 'format=cover-svg&version=2')).rawPayload.toString('utf8');
    expect(svg2).not.toBe(svg1.rawPayload.toString('utf8'));
    const rows = await t.rt.database.db.select().from(trackVisuals).where(eq(trackVisuals.trackId, track_id));
    expect(rows.map((r) => [r.version, r.status]).sort()).toEqual([
      [1, 'COMPLETE'],
      [2, 'COMPLETE'],
    ]);
    expect(new Set(rows.map((r) => r.style)).size).toBe(2); // each version another visual style
    // One job per track and version: queueing version 1 again (a redelivered music job) adds none.
    const again = await t.rt.database.db.transaction((tx) =>
      queueCoverArt(tx, { userId: u.id, trackId: track_id, version: 1 }),
    );
    expect(again.created).toBe(false);
    expect(await drawCoverVersion({ db: t.rt.database.db, storage: t.rt.storage }, track_id, 1)).toBe(
      'exists',
    );
    const big = await t.rt.storage.getBytes(rows.find((r) => r.version === 2)!.png2048Key!);
    expect(pngSize(Buffer.from(big))).toEqual([2048, 2048]);

    // Pages get the current version at 256 and 512 px (smaller files of the same cover).
    expect(v2.cover_thumbs.map((c: { width: number }) => c.width)).toEqual([256, 512]);
    for (const c of v2.cover_thumbs as { width: number; url: string }[]) {
      expect(c.url).toMatch(/cover-png-\d+-v2\.png/);
      const file = await t.app.inject({ method: 'GET', url: pathOf(c.url) });
      expect(file.statusCode).toBe(200);
      expect(pngSize(file.rawPayload)).toEqual([c.width, c.width]);
      expect(file.rawPayload.length).toBeLessThan(cur.length);
      // The same renditions through the download route (public pages link files that way).
      const viaRoute = (await download(u, track_id, `format=cover-png&size=${c.width}`)).rawPayload;
      expect(viaRoute.equals(file.rawPayload)).toBe(true);
    }
    // Kept for the current version only, and for the PNG only: a clear 400, never a wrong file.
    for (const q of [
      'format=cover-png&size=256&version=1',
      'format=cover-svg&size=256',
      'format=mp3&size=512',
    ]) {
      const res = await u.get(`/api/tracks/${track_id}/download?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code, q).toBe('VALIDATION_ERROR');
    }
    expect((await u.get(`/api/tracks/${track_id}/download?format=cover-png&size=300`)).statusCode).toBe(400);
    expect((await download(u, track_id, 'format=cover-png&size=512&version=2')).statusCode).toBe(200);
    // The 2048 px print size is downloadable for every version (the track page offers it).
    for (const v of [1, 2]) {
      const print = await download(u, track_id, `format=cover-png&size=2048&version=${v}`);
      expect(print.statusCode).toBe(200);
      expect(pngSize(print.rawPayload)).toEqual([2048, 2048]);
    }
    expect(
      (await download(u, track_id, 'format=cover-png&size=2048')).rawPayload.equals(Buffer.from(big)),
    ).toBe(true);
    expect((await u.get(`/api/tracks/${track_id}/download?format=cover-svg&size=2048`)).statusCode).toBe(400);
  });

  it('a cover that cannot be drawn never fails the track', async () => {
    const db = t.rt.database.db;
    // A real failure: the visuals table is out of reach while the worker finishes the track.
    await db.execute(sql`alter table track_visuals rename to track_visuals_away`);
    try {
      const u = await signUp(t);
      const res = await u.post('/api/tracks', validTrack({ duration_s: 15, seed: 5 }));
      expect(res.statusCode, res.body).toBe(201);
      const job = await waitForJob(u, res.json().job_id);
      expect(job).toMatchObject({ status: 'COMPLETE', error: null });
      const tr = (await u.get(`/api/tracks/${res.json().track_id}`)).json();
      expect(tr).toMatchObject({ status: 'COMPLETE', cover_url: null });
      expect(tr.file_url).not.toBeNull();
      // Its cover-art job tries, fails its attempts and ends FAILED; the track stays as it was.
      const coverJob = await waitFor('the cover job to fail', async () => {
        const rows = await db
          .select()
          .from(jobs)
          .where(sql`${jobs.kind} = 'cover-art' and ${jobs.payload}->>'track_id' = ${tr.id}`);
        return rows[0]?.status === 'FAILED' ? rows[0] : null;
      });
      expect(coverJob.attempts).toBe(3);
      const [row] = await db.select().from(tracks).where(eq(tracks.id, tr.id));
      expect(row).toMatchObject({ status: 'COMPLETE', coverKey: null, visualVersion: 1 });
      expect((await u.get(`/api/tracks/${tr.id}`)).json()).toMatchObject({
        status: 'COMPLETE',
        job_id: res.json().job_id,
      });
    } finally {
      await db.execute(sql`alter table track_visuals_away rename to track_visuals`);
    }
  });
});

describe('cover jobs in a busy queue', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db: 'pglite' }); // nothing runs: the queue's order is what is read
  });
  afterAll(async () => {
    await t?.close();
  });

  it("run before waiting music jobs of any plan: a finished track's cover does not wait behind other people's songs", async () => {
    const db = t.rt.database.db;
    const free = await signUp(t);
    const queued = [];
    for (let i = 0; i < 3; i++)
      queued.push((await free.post('/api/tracks', validTrack())).json().job_id as string);
    const done = await signUp(t);
    const { track_id } = (await done.post('/api/tracks', validTrack())).json();
    await db.update(tracks).set({ status: 'COMPLETE' }).where(eq(tracks.id, track_id));
    const cover = await db.transaction((tx) =>
      queueCoverArt(tx, { userId: done.id, trackId: track_id, version: 2 }),
    );
    const order = await findRunnableJobIds(db, 10);
    expect(order.indexOf(cover.job.id)).toBe(0);
    for (const id of queued) expect(order).toContain(id);
  });
});
