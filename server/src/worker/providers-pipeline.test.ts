import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeProvider, startFakeFal, startFakeReplicate } from '../../test/fake-providers.ts';
import { pathOf, signUp, startTestApp, type TestApp, validTrack, waitForJob } from '../../test/harness.ts';
import { creditLedger, jobEvents } from '../db/schema/index.ts';
import { ledgerSum } from '../services/credits.ts';

// generate-music through the hosted providers, end to end in the embedded mode:
// the real @fal-ai/client and replicate clients talk to our protocol servers, which
// serve real audio; the job falls back, waits out rate limits, and fails (refunded
// once) only when every provider is down. Keys never reach logs or responses.

const FAL_KEYS = ['fal-secret-key-AAAA1111', 'fal-secret-key-BBBB2222'];
const R8_TOKENS = ['r8_secret_token_CCCC3333', 'r8_secret_token_DDDD4444'];
const VERSION = 'b'.repeat(64);
const SECRETS = [...FAL_KEYS, ...R8_TOKENS];

describe('generate-music with FAL and Replicate (fake servers, real SDKs)', () => {
  let t: TestApp;
  let fal: FakeProvider;
  let rep: FakeProvider;
  const logLines: string[] = [];

  beforeAll(async () => {
    fal = await startFakeFal({ keys: { [FAL_KEYS[0]!]: 'ok', [FAL_KEYS[1]!]: 'ok' }, audioSec: 2 });
    rep = await startFakeReplicate({
      tokens: { [R8_TOKENS[0]!]: 'ok', [R8_TOKENS[1]!]: 'ok' },
      audioSec: 2,
      musicgenVersion: VERSION,
    });
    const logger = pino({ level: 'debug' }, { write: (line: string) => logLines.push(line) });
    t = await startTestApp({
      db: 'pglite',
      dispatch: true,
      logger,
      env: {
        MUSIC_PROVIDERS: 'fal,replicate',
        FAL_KEYS: FAL_KEYS.join(','),
        FAL_BASE_URL: fal.url,
        FAL_RESULT_HOSTS: '127.0.0.1', // the stand-in serves its files itself
        FAL_MODEL: 'fal-ai/minimax-music/v2.6',
        REPLICATE_API_TOKENS: R8_TOKENS.join(','),
        REPLICATE_BASE_URL: rep.url,
        REPLICATE_RESULT_HOSTS: '127.0.0.1',
        REPLICATE_MUSICGEN_VERSION: VERSION,
        PROVIDER_POLL_MS: '10',
        FAL_TIMEOUT_SEC: '10', // the hang test waits it out; generous for a loaded machine
        PROVIDER_CIRCUIT_FAILURES: '1000',
        JOB_RETRY_BASE_MS: '50',
        JOB_RETRY_MAX_MS: '400',
        WORKER_CONCURRENCY: '4',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await fal?.close();
    await rep?.close();
  });
  beforeEach(() => {
    for (const p of [fal, rep]) {
      Object.assign(p.faults, {
        submit500: 0,
        queuePolls: 1,
        workPolls: 1,
        hang: false,
        result: 'audio',
        rateLimitedUntil: 0,
        retryAfterSec: 1,
      });
      p.requests.length = 0;
    }
    fal.faults.keys = { [FAL_KEYS[0]!]: 'ok', [FAL_KEYS[1]!]: 'ok' };
    rep.faults.keys = { [R8_TOKENS[0]!]: 'ok', [R8_TOKENS[1]!]: 'ok' };
  });

  const logsOf = async (u: Awaited<ReturnType<typeof signUp>>, jobId: string) =>
    (await u.get(`/api/jobs/${jobId}/logs`)).json().entries as {
      provider: string;
      outcome: string;
      error_code: string | null;
      attempt: number;
    }[];
  const ledger = (jobId: string) =>
    t.rt.database.db.select().from(creditLedger).where(eq(creditLedger.jobId, jobId));

  it('success through FAL: our mastered files in our storage, never the provider URL', async () => {
    const u = await signUp(t);
    fal.faults.queuePolls = 10; // a while in FAL's queue: its position shows in the job's progress
    const { job_id, track_id } = (await u.post('/api/tracks', validTrack({ duration_s: 15 }))).json();
    const job = await waitForJob(u, job_id);
    expect(job).toMatchObject({ status: 'COMPLETE', provider: 'fal' });
    const track = (await u.get(`/api/tracks/${track_id}`)).json();
    expect(track.file_url).toMatch(/^http:\/\/localhost:3000\/api\/files\//);
    expect(JSON.stringify(track)).not.toContain(fal.url);
    const mp3 = await t.app.inject({ method: 'GET', url: pathOf(track.file_url) });
    expect(mp3.statusCode).toBe(200);
    expect(mp3.rawPayload[0]).toBe(0xff);
    expect(track.plan).toMatchObject({ source: 'fal', model: 'fal-ai/minimax-music/v2.6' });
    expect(track.plan.durationSec).toBeCloseTo(2, 1);
    // The waveform spans the file the model delivered (2 s), not the 15 s asked for.
    expect(track.peaks.duration_s).toBeCloseTo(2, 1);
    expect(track.peaks.levels).toHaveLength(1000);
    // Its loudest bucket is the mastered WAV's own peak (±1 step: the WAV is dithered to 16 bits).
    const wav = (await t.app.inject({ method: 'GET', url: pathOf(track.files.wav) })).rawPayload;
    const pcm = new Int16Array(wav.buffer.slice(wav.byteOffset + 44, wav.byteOffset + wav.length));
    const wavPeak = pcm.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(wavPeak).toBeGreaterThan(1000);
    expect(
      Math.abs(Math.max(...track.peaks.levels) - Math.round((wavPeak / 32768) * 255)),
    ).toBeLessThanOrEqual(1);
    expect((await logsOf(u, job_id)).map((e) => [e.provider, e.outcome])).toEqual([['fal', 'success']]);
    expect((await ledger(job_id)).map((l) => l.reason)).toEqual(['DEDUCTION']);
    const events = await t.rt.database.db.select().from(jobEvents).where(eq(jobEvents.jobId, job_id));
    const waiting = events.filter((e) => e.message?.startsWith('Waiting at the music service (position'));
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((e) => e.status === 'RENDERING')).toBe(true);
  });

  it('FAL 500 burst and a malformed FAL result: the job falls back to Replicate at once', async () => {
    const u = await signUp(t);
    fal.faults.submit500 = 1;
    const a = (await u.post('/api/tracks', validTrack({ duration_s: 15, seed: 1 }))).json().job_id;
    expect(await waitForJob(u, a)).toMatchObject({ status: 'COMPLETE', provider: 'replicate', attempts: 1 });
    expect((await logsOf(u, a)).map((e) => [e.provider, e.outcome, e.error_code])).toEqual([
      ['fal', 'error', 'PROVIDER_DOWN'],
      ['replicate', 'success', null],
    ]);
    fal.faults.result = 'not-audio';
    const b = (await u.post('/api/tracks', validTrack({ duration_s: 15, seed: 2 }))).json().job_id;
    expect(await waitForJob(u, b)).toMatchObject({ status: 'COMPLETE', provider: 'replicate' });
    expect((await logsOf(u, b))[0]).toMatchObject({ provider: 'fal', error_code: 'BAD_OUTPUT' });
  });

  it('FAL never finishes: its call times out, is cancelled at FAL, and the job completes on Replicate', async () => {
    const u = await signUp(t);
    fal.faults.hang = true;
    fal.cancelled.length = 0;
    const { job_id } = (await u.post('/api/tracks', validTrack({ duration_s: 15, seed: 9 }))).json();
    expect(await waitForJob(u, job_id)).toMatchObject({
      status: 'COMPLETE',
      provider: 'replicate',
      attempts: 1,
    });
    expect((await logsOf(u, job_id))[0]).toMatchObject({
      provider: 'fal',
      outcome: 'error',
      error_code: 'TIMEOUT',
    });
    expect(fal.cancelled).toHaveLength(1);
  });

  it('429 with Retry-After everywhere: the job waits (busy message) and completes after the window', async () => {
    const u = await signUp(t);
    const until = Date.now() + 1500;
    fal.faults.rateLimitedUntil = until;
    rep.faults.rateLimitedUntil = until;
    const { job_id } = (await u.post('/api/tracks', validTrack({ duration_s: 15, seed: 3 }))).json();
    const job = await waitForJob(u, job_id);
    expect(job).toMatchObject({ status: 'COMPLETE', attempts: 2 });
    const events = await t.rt.database.db.select().from(jobEvents).where(eq(jobEvents.jobId, job_id));
    const busy = events.find((e) => e.status === 'QUEUED' && e.message?.includes('busy'));
    expect(busy?.message).toMatch(/^The music service is busy; retrying in about \d+ s\.$/);
    // It came back no sooner than the servers asked.
    const restarted = events.find((e) => e.message === 'Retrying (attempt 2)')!;
    expect(restarted.createdAt.getTime()).toBeGreaterThanOrEqual(until - 50);
    const entries = await logsOf(u, job_id);
    expect(entries.filter((e) => e.attempt === 1).map((e) => e.error_code)).toEqual([
      'RATE_LIMITED',
      'RATE_LIMITED',
    ]);
    expect(entries.at(-1)).toMatchObject({ attempt: 2, outcome: 'success' });
  });

  it('every provider down: retried to the attempt limit, then FAILED, refunded exactly once, clear message', async () => {
    const u = await signUp(t);
    fal.faults.submit500 = 1000;
    rep.faults.submit500 = 1000;
    const { job_id } = (await u.post('/api/tracks', validTrack({ duration_s: 15, seed: 5 }))).json();
    const job = await waitForJob(u, job_id);
    expect(job).toMatchObject({ status: 'FAILED', attempts: t.config.worker.maxAttempts });
    expect(job.error).toBe('Generation failed; your credits were refunded. Please try again.');
    expect((await ledger(job_id)).map((l) => [l.reason, l.amount]).sort()).toEqual([
      ['DEDUCTION', -1],
      ['REFUND', 1],
    ]);
    expect(await ledgerSum(t.rt.database.db, u.id)).toBe(400);
    const entries = await logsOf(u, job_id);
    expect(entries).toHaveLength(2 * t.config.worker.maxAttempts);
    expect(new Set(entries.map((e) => e.error_code))).toEqual(new Set(['PROVIDER_DOWN']));
  });

  it('auth failure everywhere: no retry, FAILED at once and refunded', async () => {
    const u = await signUp(t);
    fal.faults.keys = {};
    rep.faults.keys = {};
    const { job_id } = (await u.post('/api/tracks', validTrack({ duration_s: 15, seed: 4 }))).json();
    const job = await waitForJob(u, job_id);
    expect(job).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(job.error).toMatch(/refunded/);
    expect((await ledger(job_id)).map((l) => l.reason).sort()).toEqual(['DEDUCTION', 'REFUND']);
  });

  it('/health/providers: configured providers, circuit, last success, latency; no key anywhere', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health/providers' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.order).toEqual(['fal', 'replicate']);
    expect(body.providers).toEqual([
      expect.objectContaining({
        name: 'fal',
        keys: 2,
        circuit: 'closed',
        model: 'fal-ai/minimax-music/v2.6',
      }),
      expect.objectContaining({ name: 'replicate', keys: 2, circuit: 'closed' }),
    ]);
    expect(body.providers[0].last_success_at).toMatch(/^\d{4}-/);
    expect(body.providers[0].latency_ms).toBeGreaterThan(0);
    // No key or token in the health answer, the logs endpoint, nor any log line of the run.
    const everything = [res.body, logLines.join('\n')].join('\n');
    expect(logLines.length).toBeGreaterThan(10);
    expect(logLines.join('\n')).toMatch(/provider failed/);
    for (const s of SECRETS) expect(everything).not.toContain(s);
    for (const s of SECRETS) expect(everything).not.toContain(s.slice(0, 12));
  });
});

describe('a provider that keeps failing opens its circuit: later jobs skip it at once', () => {
  let t: TestApp;
  let fal: FakeProvider;
  let rep: FakeProvider;
  beforeAll(async () => {
    fal = await startFakeFal({ keys: { [FAL_KEYS[0]!]: 'ok' }, audioSec: 2 });
    rep = await startFakeReplicate({
      tokens: { [R8_TOKENS[0]!]: 'ok' },
      audioSec: 2,
      musicgenVersion: VERSION,
    });
    fal.faults.submit500 = 1000;
    t = await startTestApp({
      db: 'pglite',
      dispatch: true,
      env: {
        MUSIC_PROVIDERS: 'fal,replicate',
        FAL_KEY: FAL_KEYS[0]!,
        FAL_BASE_URL: fal.url,
        FAL_RESULT_HOSTS: '127.0.0.1', // the stand-in serves its files itself
        FAL_MODEL: 'fal-ai/minimax-music/v2.6',
        REPLICATE_API_TOKEN: R8_TOKENS[0]!,
        REPLICATE_BASE_URL: rep.url,
        REPLICATE_RESULT_HOSTS: '127.0.0.1',
        REPLICATE_MUSICGEN_VERSION: VERSION,
        PROVIDER_POLL_MS: '10',
        PROVIDER_CIRCUIT_FAILURES: '2',
        PROVIDER_CIRCUIT_OPEN_SEC: '600',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await fal?.close();
    await rep?.close();
  });

  it('two failures open it; the third job goes straight to Replicate; health shows it open', async () => {
    const u = await signUp(t);
    const codes: (string | null)[][] = [];
    for (let i = 0; i < 3; i++) {
      const { job_id } = (await u.post('/api/tracks', validTrack({ duration_s: 15, seed: i }))).json();
      expect(await waitForJob(u, job_id)).toMatchObject({ status: 'COMPLETE', provider: 'replicate' });
      const entries = (await u.get(`/api/jobs/${job_id}/logs`)).json().entries;
      codes.push(entries.map((e: { error_code: string | null }) => e.error_code));
    }
    expect(codes).toEqual([
      ['PROVIDER_DOWN', null],
      ['PROVIDER_DOWN', null],
      ['CIRCUIT_OPEN', null],
    ]);
    expect(fal.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
    const health = (await t.app.inject({ method: 'GET', url: '/health/providers' })).json();
    expect(health.providers[0]).toMatchObject({ name: 'fal', circuit: 'open', ok: false });
    expect(health.providers[1]).toMatchObject({ name: 'replicate', circuit: 'closed', ok: true });
  });
});

describe('a provider result on a host not in its allow-list (SSRF)', () => {
  let t: TestApp;
  let fal: FakeProvider;
  beforeAll(async () => {
    fal = await startFakeFal({ keys: { [FAL_KEYS[0]!]: 'ok' }, audioSec: 2 });
    t = await startTestApp({
      db: 'pglite',
      dispatch: true,
      env: {
        MUSIC_PROVIDERS: 'fal',
        FAL_KEY: FAL_KEYS[0]!,
        FAL_BASE_URL: fal.url,
        // The default list (fal.media): the stand-in's http://127.0.0.1:… result is an internal address.
        FAL_MODEL: 'fal-ai/minimax-music/v2.6',
        PROVIDER_POLL_MS: '10',
        JOB_RETRY_BASE_MS: '20',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await fal?.close();
  });

  it('is never fetched: the job fails at once with a refund and says why in its log', async () => {
    const u = await signUp(t);
    const { job_id, track_id } = (
      await u.post('/api/tracks', validTrack({ duration_s: 15, seed: 1 }))
    ).json();
    const job = await waitForJob(u, job_id);
    expect(job.status).toBe('FAILED');
    expect(job.error).toMatch(/refunded/);
    const entries = (await u.get(`/api/jobs/${job_id}/logs`)).json().entries;
    expect(entries).toHaveLength(1); // not retryable: one attempt, no retry loop
    expect(entries[0]).toMatchObject({
      provider: 'fal',
      outcome: 'error',
      error_code: 'RESULT_HOST_REFUSED',
    });
    expect(entries[0].error).toMatch(/not in FAL_RESULT_HOSTS/);
    expect(fal.requests.some((r) => r.path.startsWith('/files/'))).toBe(false);
    const ledger = await t.rt.database.db.select().from(creditLedger).where(eq(creditLedger.jobId, job_id));
    expect(ledger.map((l) => l.reason).sort()).toEqual(['DEDUCTION', 'REFUND']);
    expect(await ledgerSum(t.rt.database.db, u.id)).toBe((await u.get('/api/me')).json().credits);
    expect((await u.get(`/api/tracks/${track_id}`)).json().status).toBe('FAILED');
  });
});
