import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeProvider, startFakeFal, startFakeReplicate } from '../../test/fake-providers.ts';
import { signUp, startTestApp, type TestApp, until, validTrack, workerEnvOf } from '../../test/harness.ts';
import { jobReads } from '../../test/job-reads.ts';
import { type RunningProcess, startNodeProcess } from '../../test/server-process.ts';
import { requireRedis } from '../../test/services.ts';

// Hosted requests handed from a stopping worker to the next one, on real PostgreSQL + Redis with
// worker processes started as `npm run worker` runs them, FAL and Replicate played by their
// protocol servers and driven by the real SDKs. A SIGTERM leaves the request running and the next
// worker resumes it (one submission); a request the provider forgot is submitted anew, once;
// interruptions past WORKER_MAX_INTERRUPTIONS count as attempts; a delete cancels the request of a
// job waiting in the queue. (The FAL SIGTERM and SIGKILL cases are in shutdown.test.ts.)

const FAL_KEY = 'resume-fal-key-1';
const R8_TOKEN = 'resume-r8-token-1';
const VERSION = 'd'.repeat(64);
const LONG = 100_000; // polls a request spends working: it never finishes on its own here

describe('resuming hosted requests across worker shutdowns (PostgreSQL + Redis, worker processes)', () => {
  let t: TestApp;
  let fal: FakeProvider;
  let rep: FakeProvider;
  let env: Record<string, string>;
  const workers: RunningProcess[] = [];

  beforeAll(async () => {
    await requireRedis();
    fal = await startFakeFal({ keys: { [FAL_KEY]: 'ok' }, audioSec: 1 });
    rep = await startFakeReplicate({ tokens: { [R8_TOKEN]: 'ok' }, audioSec: 1, musicgenVersion: VERSION });
    const shared = {
      MUSIC_PROVIDERS: 'fal',
      FAL_KEY,
      FAL_BASE_URL: fal.url,
      FAL_RESULT_HOSTS: '127.0.0.1', // the stand-ins serve their files themselves
      FAL_MODEL: 'fal-ai/minimax-music/v2.6',
      REPLICATE_API_TOKENS: R8_TOKEN,
      REPLICATE_BASE_URL: rep.url,
      REPLICATE_RESULT_HOSTS: '127.0.0.1',
      REPLICATE_MUSICGEN_VERSION: VERSION,
      PROVIDER_POLL_MS: '100',
      JOB_LEASE_SEC: '5',
      JOB_RETRY_BASE_MS: '100',
      JOB_RETRY_MAX_MS: '1000',
    };
    // The API process runs no jobs (no providers of its own): a delete cancels through a client it
    // makes for that.
    t = await startTestApp({ db: 'postgres', env: shared });
    env = { ...shared, ...workerEnvOf(t), LOG_LEVEL: 'info', WORKER_SHUTDOWN_GRACE_SEC: '1' };
  });
  afterAll(async () => {
    for (const w of workers) await w.stop('SIGKILL');
    await t?.close();
    await fal?.close();
    await rep?.close();
  });
  beforeEach(() => {
    for (const p of [fal, rep]) {
      Object.assign(p.faults, { queuePolls: 1, workPolls: LONG });
      p.cancelled.length = 0;
      p.inputs.length = 0;
      p.requests.length = 0;
    }
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop('SIGKILL');
  });

  async function startWorker(extra: Record<string, string> = {}) {
    const w = startNodeProcess('server/src/worker/main.ts', { ...env, ...extra });
    workers.push(w);
    await w.waitFor(/worker ready/, 90_000);
    return w;
  }
  /** SIGTERM, and a clean exit within grace + margin. */
  async function terminate(w: RunningProcess) {
    const code = await Promise.race([
      w.stop('SIGTERM'),
      new Promise((r) => setTimeout(() => r('hung'), 60_000)),
    ]);
    expect(code).toBe(0);
    workers.splice(workers.indexOf(w), 1);
  }
  const { jobRow, final, ledger, events, logsOf } = jobReads(() => t);
  /** The job held by worker `w`, waiting on a recorded hosted request. */
  const waitingIn = (w: RunningProcess, id: string, what: string, minProgress = 0) =>
    until(
      async () => {
        const j = await jobRow(id);
        return j.status === 'RENDERING' &&
          j.leaseOwner?.includes(`:${w.child.pid}:`) &&
          j.providerRequest &&
          j.progress >= minProgress
          ? j
          : null;
      },
      90_000,
      what,
    );

  it('Replicate: a SIGTERMed wait is resumed by the next worker — one prediction, none cancelled, progress going on from where it was', async () => {
    const u = await signUp(t);
    const first = await startWorker({ MUSIC_PROVIDERS: 'replicate' });
    const { job_id } = (await u.post('/api/tracks', validTrack({ duration_s: 15, seed: 11 }))).json();
    // Some seconds into the prediction (MusicGen reports no percentage: a crawl over ~1 min).
    const before = await waitingIn(first, job_id, 'the prediction running', 15);
    expect(before.providerRequest).toMatchObject({ provider: 'replicate', model: 'meta/musicgen' });
    const predictionId = before.providerRequest!.id;
    await terminate(first);
    expect(rep.cancelled).toEqual([]);
    const queued = await jobRow(job_id);
    expect(queued).toMatchObject({ status: 'QUEUED', attempts: 0, interruptions: 1 });
    expect(queued.providerRequest?.id).toBe(predictionId);

    const second = await startWorker({ MUSIC_PROVIDERS: 'replicate' });
    await waitingIn(second, job_id, 'the second worker on it');
    // Its progress goes on from the prediction's start, not from zero: within a few seconds it is
    // past where the first worker left it (a wait started over would need as long again).
    await until(
      async () => {
        const ev = await events(job_id);
        const resumed = ev.findIndex((e) => e.message === 'Resumed');
        return resumed > 0 && ev.slice(resumed + 1).some((e) => e.progress > queued.progress);
      },
      5_000,
      'progress past the released one',
    );
    rep.faults.workPolls = 2; // the prediction finishes now
    const done = await final(job_id);
    expect(done).toMatchObject({
      status: 'COMPLETE',
      provider: 'replicate',
      attempts: 1,
      providerRequest: null,
    });
    expect(rep.inputs).toHaveLength(1);
    expect(rep.cancelled).toEqual([]);
    expect(rep.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/predictions'))).toHaveLength(
      1,
    );
    const entries = await logsOf(u, job_id);
    expect(entries.map((e) => [e.provider, e.attempt, e.outcome, e.error_code])).toEqual([
      ['replicate', 1, 'error', 'INTERRUPTED'],
      ['replicate', 1, 'success', null],
    ]);
    expect(entries[0]!.error).toMatch(/left running/);
    expect(await ledger(job_id)).toEqual(['DEDUCTION']);
    const ev = await events(job_id);
    for (let i = 1; i < ev.length; i++) expect(ev[i]!.progress).toBeGreaterThanOrEqual(ev[i - 1]!.progress);
  }, 120_000);

  it('a recorded request the provider no longer knows is submitted anew, once', async () => {
    const u = await signUp(t);
    const first = await startWorker();
    const { job_id } = (await u.post('/api/tracks', validTrack({ duration_s: 15, seed: 12 }))).json();
    const before = await waitingIn(first, job_id, 'the FAL request running');
    const oldId = before.providerRequest!.id;
    await terminate(first);
    expect(fal.cancelled).toEqual([]);
    fal.forget(); // expired at FAL: its status answers 404
    fal.faults.workPolls = 2;
    await startWorker();
    const done = await final(job_id);
    expect(done).toMatchObject({ status: 'COMPLETE', provider: 'fal', attempts: 1, providerRequest: null });
    // The old id was asked for (404), then one new submission, collected.
    expect(fal.requests.some((r) => r.path.endsWith(`/requests/${oldId}/status`))).toBe(true);
    expect(fal.inputs).toHaveLength(2);
    const collected = fal.requests.filter((r) => r.method === 'GET' && /\/requests\/[^/]+$/.test(r.path));
    expect(collected).toHaveLength(1);
    expect(collected[0]!.path).not.toContain(oldId);
    expect(await ledger(job_id)).toEqual(['DEDUCTION']);
  }, 120_000);

  it('the 6th interruption (WORKER_MAX_INTERRUPTIONS 5) counts as an attempt; the request is still resumed', async () => {
    const u = await signUp(t);
    const { job_id } = (await u.post('/api/tracks', validTrack({ duration_s: 15, seed: 13 }))).json();
    let requestId: string | undefined;
    for (let i = 1; i <= 6; i++) {
      const w = await startWorker();
      const j = await waitingIn(w, job_id, `run ${i} waiting`);
      requestId ??= j.providerRequest!.id;
      expect(j.providerRequest!.id).toBe(requestId);
      await terminate(w);
      const row = await jobRow(job_id);
      expect(row.interruptions).toBe(i);
      // Five are free (attempts back to 0); the sixth is a failed attempt, retried after a backoff,
      // its request kept for the next run.
      expect(row.attempts).toBe(i <= 5 ? 0 : 1);
      expect(row.status).toBe('QUEUED');
      expect(row.providerRequest?.id).toBe(requestId);
    }
    const ev = await events(job_id);
    expect(ev.at(-1)!.message).toMatch(/Paused by server restarts too often/);
    fal.faults.workPolls = 2;
    await startWorker();
    const done = await final(job_id);
    expect(done).toMatchObject({ status: 'COMPLETE', attempts: 2, interruptions: 6 });
    expect(fal.inputs).toHaveLength(1);
    expect(fal.cancelled).toEqual([]);
    const entries = await logsOf(u, job_id);
    expect(entries.map((e) => [e.attempt, e.outcome, e.error_code])).toEqual([
      ...Array.from({ length: 6 }, () => [1, 'error', 'INTERRUPTED']),
      [2, 'success', null],
    ]);
    expect(await ledger(job_id)).toEqual(['DEDUCTION']);
  }, 240_000);

  it('a counted interruption on the last attempt fails the job, refunds it and cancels its request', async () => {
    const u = await signUp(t);
    const w = await startWorker({ WORKER_MAX_INTERRUPTIONS: '0', JOB_MAX_ATTEMPTS: '1' });
    const { job_id } = (await u.post('/api/tracks', validTrack({ duration_s: 15, seed: 14 }))).json();
    const j = await waitingIn(w, job_id, 'the FAL request running');
    await terminate(w);
    const done = await jobRow(job_id);
    expect(done).toMatchObject({ status: 'FAILED', attempts: 1, interruptions: 1, providerRequest: null });
    expect(fal.cancelled).toEqual([j.providerRequest!.id]);
    expect(await ledger(job_id)).toEqual(['DEDUCTION', 'REFUND']);
  }, 120_000);

  it('deleting a track whose job waits in the queue after a shutdown cancels its FAL request', async () => {
    const u = await signUp(t);
    const w = await startWorker();
    const created = (await u.post('/api/tracks', validTrack({ duration_s: 15, seed: 15 }))).json();
    const j = await waitingIn(w, created.job_id, 'the FAL request running');
    await terminate(w);
    expect((await jobRow(created.job_id)).status).toBe('QUEUED');
    expect(fal.cancelled).toEqual([]); // left running for the next worker
    expect((await u.delete(`/api/tracks/${created.track_id}`)).statusCode).toBe(204);
    expect(fal.cancelled).toEqual([j.providerRequest!.id]);
    // Refunded with the delete, as for any job ended that way.
    expect(await ledger(created.job_id)).toEqual(['DEDUCTION', 'REFUND']);
  }, 120_000);

  it('cancelling a track whose job waits in the queue after a shutdown cancels its FAL request too', async () => {
    const u = await signUp(t);
    const w = await startWorker();
    const created = (await u.post('/api/tracks', validTrack({ duration_s: 15, seed: 16 }))).json();
    const j = await waitingIn(w, created.job_id, 'the FAL request running');
    await terminate(w);
    expect((await jobRow(created.job_id)).status).toBe('QUEUED');
    expect(fal.cancelled).not.toContain(j.providerRequest!.id); // left running for the next worker
    const res = await u.post(`/api/jobs/${created.job_id}/cancel`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'CANCELLED', credits_refunded: 1 });
    // No worker holds the job: the API cancels the request nobody would collect now.
    expect(fal.cancelled).toContain(j.providerRequest!.id);
    expect(await ledger(created.job_id)).toEqual(['DEDUCTION', 'REFUND']);
  }, 120_000);
});
