import { rmSync, writeFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathOf, signUp, startTestApp, type TestApp, validTrack, waitForJob } from '../../test/harness.ts';
import { creditLedger, jobEvents, jobs } from '../db/schema/index.ts';
import { ledgerSum } from '../services/credits.ts';

// The whole pipeline in embedded mode with the real local engine: the in-process
// dispatcher claims the job, the engine renders in its worker thread, files land
// in filesystem storage and are served by signed URLs.

describe('generate-music pipeline (embedded, local engine)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db: 'pglite', dispatch: true, env: { JOB_RETRY_BASE_MS: '20' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('QUEUED → RENDERING → MASTERING → COMPLETE with monotone progress, files stored and downloadable, charged once', async () => {
    const u = await signUp(t);
    const res = await u.post(
      '/api/tracks',
      validTrack({ duration_s: 20, genre: 'lo-fi', key: 'D minor', bpm: 84, seed: 7 }),
    );
    expect(res.statusCode).toBe(201);
    const { track_id, job_id } = res.json();
    const job = await waitForJob(u, job_id);
    expect(job).toMatchObject({ status: 'COMPLETE', progress: 100, error: null });

    const events = await t.rt.database.db
      .select()
      .from(jobEvents)
      .where(eq(jobEvents.jobId, job_id))
      .orderBy(jobEvents.seq);
    const statuses = [...new Set(events.map((e) => e.status))];
    expect(statuses).toEqual(['QUEUED', 'RENDERING', 'MASTERING', 'COMPLETE']);
    const progress = events.map((e) => e.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.some((e) => e.etaSec !== null && e.status === 'RENDERING')).toBe(true);

    const track = (await u.get(`/api/tracks/${track_id}`)).json();
    expect(track).toMatchObject({
      status: 'COMPLETE',
      provider: 'local',
      bpm: 84,
      key: 'D minor',
      genre: 'lo-fi',
    });
    expect(track.plan.sections.length).toBeGreaterThan(1);
    expect(track.lyrics_unsung_lines).toBeNull(); // an instrumental: no lyrics to count
    // Asked twice, the same URLs (signed per hour window): the browser's cached files stay valid.
    // (Unless the two requests straddle the hour, which the clock tells.)
    const hour = () => Math.floor(Date.now() / 3_600_000);
    const h0 = hour();
    const first = (await u.get(`/api/tracks/${track_id}`)).json();
    await new Promise((r) => setTimeout(r, 1100)); // a URL signed "now + TTL" would differ by now
    const second = (await u.get(`/api/tracks/${track_id}`)).json();
    if (hour() === h0) expect(second.files).toEqual(first.files);
    expect(second.files.mp3).toMatch(/\?exp=\d+&sig=/);
    for (const f of ['mp3', 'wav', 'preview', 'stems', 'midi'])
      expect(track.files[f], f).toMatch(/^http:\/\/localhost:3000\/api\/files\//);

    const mp3 = await t.app.inject({ method: 'GET', url: pathOf(track.file_url) });
    expect(mp3.statusCode).toBe(200);
    expect(mp3.headers['content-type']).toBe('audio/mpeg');
    expect(mp3.rawPayload.length).toBeGreaterThan(20 * 16_000); // ≈192 kbit/s for 20 s
    const frame = mp3.rawPayload.subarray(0, 3).toString('latin1');
    expect(frame === 'ID3' || (mp3.rawPayload[0] === 0xff && (mp3.rawPayload[1]! & 0xe0) === 0xe0)).toBe(
      true,
    );
    const range = await t.app.inject({
      method: 'GET',
      url: pathOf(track.files.wav),
      headers: { range: 'bytes=0-43' },
    });
    expect(range.statusCode).toBe(206);
    expect(range.rawPayload.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(range.rawPayload.subarray(8, 12).toString('latin1')).toBe('WAVE');
    const zip = await t.app.inject({
      method: 'GET',
      url: pathOf(track.files.stems),
      headers: { range: 'bytes=0-3' },
    });
    expect([...zip.rawPayload]).toEqual([0x50, 0x4b, 0x03, 0x04]);

    // The waveform the page draws without the audio: computed from the mastered samples, so its
    // loudest bucket is the WAV's own peak (±1 step: the WAV is dithered to 16 bits).
    expect(track.peaks.duration_s).toBeCloseTo(20, 1);
    expect(track.peaks.levels).toHaveLength(1000);
    const wav = (await t.app.inject({ method: 'GET', url: pathOf(track.files.wav) })).rawPayload;
    const pcm = new Int16Array(wav.buffer.slice(wav.byteOffset + 44, wav.byteOffset + wav.length));
    let wavPeak = 0;
    for (const v of pcm) wavPeak = Math.max(wavPeak, Math.abs(v));
    expect(
      Math.abs(Math.max(...track.peaks.levels) - Math.round((wavPeak / 32768) * 255)),
    ).toBeLessThanOrEqual(1);
    expect(track.peaks.levels.filter((l: number) => l > 0).length).toBeGreaterThan(900);
    // Lists do not carry it (nor the plan): a library page stays small.
    const listed = (await u.get('/api/tracks')).json().items[0];
    expect(listed.id).toBe(track_id);
    expect(listed.peaks).toBeUndefined();

    const dl = await u.get(`/api/tracks/${track_id}/download?format=wav`);
    expect(dl.statusCode).toBe(302);
    const file = await t.app.inject({ method: 'GET', url: pathOf(dl.headers.location as string) });
    expect(file.headers['content-disposition']).toMatch(/attachment; filename=".+\.wav"/);

    const ledger = await t.rt.database.db.select().from(creditLedger).where(eq(creditLedger.jobId, job_id));
    expect(ledger.map((l) => l.reason)).toEqual(['DEDUCTION']);
    expect(await ledgerSum(t.rt.database.db, u.id)).toBe(399);
    const logs = (await u.get(`/api/jobs/${job_id}/logs`)).json();
    expect(logs.entries).toEqual([
      expect.objectContaining({ provider: 'local', outcome: 'success', attempt: 1 }),
    ]);
  });

  it('lyrics too long for the duration: GET /api/tracks/:id (and the list) say how many last lines were not sung', async () => {
    const u = await signUp(t);
    // 40 lines in 15 s at 120 BPM: 7 bars, one for the intro, one for the ending, 5 for lines.
    const lines = Array.from({ length: 40 }, (_, i) => `line number ${i} of the song`);
    const res = await u.post(
      '/api/tracks',
      validTrack({
        duration_s: 15,
        genre: 'pop',
        bpm: 120,
        seed: 4,
        has_vocals: true,
        lyrics: lines.join('\n'),
      }),
    );
    expect(res.statusCode).toBe(201);
    const { track_id, job_id } = res.json();
    expect((await waitForJob(u, job_id)).status).toBe('COMPLETE');
    const track = (await u.get(`/api/tracks/${track_id}`)).json();
    expect(track.lyrics_unsung_lines).toBe(35);
    expect(track.plan.lyricsUnsungLines).toBe(35);
    const listed = (await u.get('/api/tracks')).json().items[0];
    expect(listed.lyrics_unsung_lines).toBe(35);
  });

  it('a job whose worker died (expired lease) is run again and charged once', async () => {
    const u = await signUp(t);
    const { job_id } = (await u.post('/api/tracks', validTrack({ duration_s: 15, seed: 3 }))).json();
    // Make it look like a crashed worker held it: RENDERING, one attempt, lease long gone.
    // (The dispatcher may already have claimed it; wait until it is ours to fake.)
    await waitForJob(u, job_id);
    await t.rt.database.db
      .update(jobs)
      .set({
        status: 'RENDERING',
        attempts: 1,
        leaseOwner: 'dead-host:1',
        leaseExpiresAt: new Date(Date.now() - 60_000),
        progress: 40,
      })
      .where(eq(jobs.id, job_id));
    // Nudge the dispatcher (it also polls every 2 s).
    await t.rt.queue.enqueue(job_id, 10);
    // Read the row, not GET /api/jobs/:id: the API's read cache does not know of the faked state
    // above and may still answer the first COMPLETE (the dispatcher can be busy with the first
    // track's cover-art job for a moment).
    let row = (await t.rt.database.db.select().from(jobs).where(eq(jobs.id, job_id)))[0]!;
    for (let i = 0; i < 600 && row.status !== 'COMPLETE'; i++) {
      await new Promise((r) => setTimeout(r, 150));
      row = (await t.rt.database.db.select().from(jobs).where(eq(jobs.id, job_id)))[0]!;
    }
    expect(row.status).toBe('COMPLETE');
    expect(row.attempts).toBe(2);
    const ledger = await t.rt.database.db.select().from(creditLedger).where(eq(creditLedger.jobId, job_id));
    expect(ledger.map((l) => l.reason)).toEqual(['DEDUCTION']);
  });

  it('a job past its attempts ends FAILED with a readable error and a full refund', async () => {
    const u = await signUp(t);
    await t.rt.queue.close(); // stop dispatching while we set the stage
    const d = t.rt.database.db;
    const { job_id } = (await u.post('/api/tracks', validTrack({ duration_s: 45 }))).json();
    expect((await u.get('/api/me')).json().credits).toBe(398);
    await d.update(jobs).set({ attempts: t.config.worker.maxAttempts }).where(eq(jobs.id, job_id));
    await t.rt.runJob(job_id);
    const job = (await u.get(`/api/jobs/${job_id}`)).json();
    expect(job.status).toBe('FAILED');
    expect(job.error).toMatch(/could not be generated/);
    expect((await u.get('/api/me')).json().credits).toBe(400);
    const ledger = await d.select().from(creditLedger).where(eq(creditLedger.jobId, job_id));
    expect(ledger.map((l) => [l.reason, l.amount])).toEqual([
      ['DEDUCTION', -2],
      ['REFUND', 2],
    ]);
    expect(ledger[1]!.meta).toMatchObject({ kind: 'failure' });
    // Running it again changes nothing: never refunded twice.
    await t.rt.runJob(job_id);
    expect(await ledgerSum(d, u.id)).toBe(400);
  });

  it('a storage failure mid-pipeline is retried, then fails the job (refunded) and leaves no half track', async () => {
    const u = await signUp(t);
    const root = (t.config.storage as { rootDir: string }).rootDir;
    rmSync(root, { recursive: true, force: true });
    writeFileSync(root, 'not a directory'); // every put now fails with ENOTDIR
    try {
      const { track_id, job_id } = (await u.post('/api/tracks', validTrack({ duration_s: 15 }))).json();
      // A storage error may pass (S3 5xx): each attempt waits its backoff, the last one fails.
      for (let i = 0; i < 10; i++) {
        const out = await t.rt.runJob(job_id);
        if (out.type === 'retry' || out.type === 'busy')
          await new Promise((r) => setTimeout(r, out.at.getTime() - Date.now() + 5));
        else break;
      }
      const logs = (await u.get(`/api/jobs/${job_id}/logs`)).json();
      // Each attempt: the provider rendered, then storing failed (no internals in the log).
      expect(
        logs.entries.map((e: { provider: string; outcome: string; error: string | null }) => [
          e.provider,
          e.outcome,
          e.error,
        ]),
      ).toEqual(
        Array.from({ length: 3 }, () => [
          ['local', 'success', null],
          ['generate-music', 'error', 'Internal error'],
        ]).flat(),
      );
      const events = (await u.get(`/api/jobs/${job_id}`)).json();
      expect(events.attempts).toBe(t.config.worker.maxAttempts);
      const job = (await u.get(`/api/jobs/${job_id}`)).json();
      expect(job.status).toBe('FAILED');
      expect(job.error).toMatch(/refunded/);
      expect(job.error).not.toMatch(/ENOTDIR|\/tmp\//); // no internals leak to users
      const track = (await u.get(`/api/tracks/${track_id}`)).json();
      expect(track).toMatchObject({ status: 'FAILED', file_url: null });
      expect((await u.get('/api/me')).json().credits).toBe(400);
    } finally {
      rmSync(root, { force: true });
    }
  });
});
