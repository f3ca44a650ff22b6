import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeProvider, startFakeFal } from '../../test/fake-providers.ts';
import { signUp, startTestApp, type TestApp, until, validTrack, workerEnvOf } from '../../test/harness.ts';
import { jobReads } from '../../test/job-reads.ts';
import { type RunningProcess, startNodeProcess } from '../../test/server-process.ts';
import { requireRedis } from '../../test/services.ts';

// Stopping workers on real PostgreSQL + Redis, worker processes started as `npm run worker` runs
// them, FAL played by its protocol server. SIGTERM: a job that cannot finish within the grace
// period (a hosted request still polling) is requeued at once, its FAL request left running, and
// the other worker resumes that request (one submission in all), that run not counted, charged
// once; a local render finishes first. SIGKILL: the next worker takes over after the lease,
// resumes the request too, and the job log shows the lost attempt. (More in resume.test.ts.)

const FAL_KEY = 'shutdown-fal-key-1';
const LONG = 100_000; // FAL polls a request spends IN_PROGRESS: it never finishes on its own here
const INTERRUPTED = 'Paused by a server restart; continuing shortly.';

describe('worker shutdown and crash (PostgreSQL + Redis, worker processes, fake FAL)', () => {
  let t: TestApp;
  let fal: FakeProvider;
  let env: Record<string, string>;
  const workers: RunningProcess[] = [];

  beforeAll(async () => {
    await requireRedis();
    fal = await startFakeFal({ keys: { [FAL_KEY]: 'ok' }, audioSec: 1 });
    const shared = {
      MUSIC_PROVIDERS: 'fal',
      FAL_KEY,
      FAL_BASE_URL: fal.url,
      FAL_RESULT_HOSTS: '127.0.0.1', // the stand-in serves its files itself
      FAL_MODEL: 'fal-ai/minimax-music/v2.6',
      PROVIDER_POLL_MS: '100',
      JOB_LEASE_SEC: '5',
      JOB_RETRY_BASE_MS: '100',
      JOB_RETRY_MAX_MS: '1000',
    };
    t = await startTestApp({ db: 'postgres', env: shared });
    env = {
      ...shared,
      ...workerEnvOf(t),
      LOG_LEVEL: 'info',
      WORKER_SHUTDOWN_GRACE_SEC: '2',
    };
  });
  afterAll(async () => {
    for (const w of workers) await w.stop('SIGKILL');
    await t?.close();
    await fal?.close();
  });
  beforeEach(() => {
    Object.assign(fal.faults, { queuePolls: 1, workPolls: LONG });
    fal.cancelled.length = 0;
    fal.inputs.length = 0;
    fal.requests.length = 0;
  });
  // Each test starts the workers it needs; none is left to take the next test's job.
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop('SIGKILL');
  });

  async function startWorker(extra: Record<string, string> = {}) {
    const w = startNodeProcess('server/src/worker/main.ts', { ...env, ...extra });
    workers.push(w);
    await w.waitFor(/worker ready/, 90_000);
    return w;
  }
  const { jobRow, final, ledger, events, logsOf } = jobReads(() => t);

  it('SIGTERM during a FAL job: the job is requeued at once and the other worker resumes its FAL request (one submission), charged once', async () => {
    const u = await signUp(t);
    const first = await startWorker();
    const { job_id } = (await u.post('/api/tracks', validTrack({ duration_s: 15, seed: 1 }))).json();
    // The first worker is polling FAL for it, some progress shown.
    await until(
      async () => fal.inputs.length === 1 && (await jobRow(job_id)).progress > 5,
      90_000,
      'the FAL request running',
    );
    const second = await startWorker();
    const before = await jobRow(job_id);
    expect(before.leaseOwner).toContain(`:${first.child.pid}:`);
    // Recorded before the wait: the request FAL gave, and which key made it (not the key).
    const requestId = before.providerRequest?.id;
    expect(before.providerRequest).toMatchObject({ provider: 'fal', model: 'fal-ai/minimax-music/v2.6' });
    expect(JSON.stringify(before.providerRequest)).not.toContain(FAL_KEY);

    const code = first.stop('SIGTERM');
    // It exits by itself, cleanly, within grace (2 s) + the margin (15 s); generous here.
    const exited = await Promise.race([code, new Promise((r) => setTimeout(() => r('hung'), 60_000))]);
    expect(exited).toBe(0);
    expect(first.output()).toMatch(/grace period over: interrupting running jobs/);
    // Not cancelled: FAL goes on with it, and the job (back in the queue) still names it.
    expect(fal.cancelled).toEqual([]);
    fal.faults.workPolls = 2; // the request finishes now

    const done = await final(job_id);
    expect(done).toMatchObject({ status: 'COMPLETE', provider: 'fal', leaseOwner: null });
    // The interrupted run is not counted as an attempt (but as an interruption); no lease had to
    // expire (no takeover row); the request is forgotten once the job ended.
    expect(done).toMatchObject({ attempts: 1, interruptions: 1, providerRequest: null });
    const entries = await logsOf(u, job_id);
    expect(entries.map((e) => [e.provider, e.attempt, e.outcome, e.error_code])).toEqual([
      ['fal', 1, 'error', 'INTERRUPTED'],
      ['fal', 1, 'success', null],
    ]);
    expect(entries[0]!.error).toMatch(/worker shutdown.*left running.*resumes it/);
    // One submission in all: the second worker polled the first's request and collected its result.
    expect(fal.inputs).toHaveLength(1);
    expect(fal.cancelled).toEqual([]);
    const collected = fal.requests.filter((r) => r.method === 'GET' && /\/requests\/[^/]+$/.test(r.path));
    expect(collected).toHaveLength(1);
    expect(collected[0]!.path).toContain(requestId);
    // Charged once, never refunded.
    expect(await ledger(job_id)).toEqual(['DEDUCTION']);
    expect((await u.get('/api/me')).json().credits).toBe(399);
    // The job went back to QUEUED (saying why), was taken by the other worker, and its progress,
    // as the API shows it, never went down.
    const ev = await events(job_id);
    const released = ev.findIndex((e) => e.status === 'QUEUED' && e.message === INTERRUPTED);
    expect(released).toBeGreaterThan(0);
    expect(ev[released]!.progress).toBeGreaterThanOrEqual(before.progress);
    expect(ev[released + 1]).toMatchObject({ status: 'RENDERING', message: 'Resumed' });
    for (let i = 1; i < ev.length; i++) expect(ev[i]!.progress).toBeGreaterThanOrEqual(ev[i - 1]!.progress);
    expect(second.output()).toMatch(/job complete/);
  });

  it('SIGTERM during a local render: the job finishes within the grace period, then the worker exits', async () => {
    const u = await signUp(t);
    const w = await startWorker({ MUSIC_PROVIDERS: 'local', WORKER_SHUTDOWN_GRACE_SEC: '90' });
    const { job_id } = (await u.post('/api/tracks', validTrack({ duration_s: 60, seed: 2 }))).json();
    await until(async () => (await jobRow(job_id)).status === 'RENDERING', 90_000, 'job RENDERING');
    // (The signal goes while it renders: a 60 s track takes seconds to render.)
    expect(['RENDERING', 'MASTERING']).toContain((await jobRow(job_id)).status);
    expect(await w.stop('SIGTERM')).toBe(0);
    // Finished before the worker exited: COMPLETE already, one attempt, charged once.
    const done = await jobRow(job_id);
    expect(done).toMatchObject({ status: 'COMPLETE', attempts: 1, provider: 'local' });
    expect((await logsOf(u, job_id)).map((e) => [e.provider, e.outcome])).toEqual([['local', 'success']]);
    expect(await ledger(job_id)).toEqual(['DEDUCTION']);
    expect(w.output()).not.toMatch(/grace period over/);
  });

  it('SIGKILL during a FAL job: another worker takes it over after the lease, and the log shows the lost attempt', async () => {
    const u = await signUp(t);
    const victim = await startWorker();
    const { job_id } = (await u.post('/api/tracks', validTrack({ duration_s: 15, seed: 3 }))).json();
    await until(
      async () => fal.inputs.length === 1 && (await jobRow(job_id)).attemptProvider === 'fal',
      90_000,
      'the FAL request running',
    );
    await victim.stop('SIGKILL');
    fal.faults.workPolls = 2;
    await startWorker();
    const done = await final(job_id);
    expect(done).toMatchObject({ status: 'COMPLETE', provider: 'fal', attempts: 2 });
    // The request the lost worker made is resumed, not made again.
    expect(fal.inputs).toHaveLength(1);
    const entries = await logsOf(u, job_id);
    expect(entries.map((e) => [e.provider, e.attempt, e.outcome, e.error_code])).toEqual([
      ['fal', 1, 'error', 'LEASE_EXPIRED'],
      ['fal', 2, 'success', null],
    ]);
    expect(entries[0]!.error).toMatch(/stopped without finishing it while calling fal/);
    expect(entries[0]!.duration_ms).toBeGreaterThanOrEqual(0);
    expect(entries[0]!.duration_ms).toBeLessThan(10 * 60_000);
    expect(await ledger(job_id)).toEqual(['DEDUCTION']);
  });
});
