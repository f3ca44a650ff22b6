import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { requireRedis, TEST_REDIS_URL } from '../../test/services.ts';
import { jobAttempts, jobEvents, jobs } from '../db/schema/index.ts';
import { getJob, insertJob } from '../services/jobs.ts';
import { BullmqQueue, startBullmqWorker } from './bullmq-queue.ts';
import { EmbeddedDispatcher } from './embedded-dispatcher.ts';
import { enqueueJob } from './enqueue.ts';
import { JOB_KINDS } from './kinds.ts';
import type { JobQueue } from './queue.ts';
import { defineJobKind, JobRegistry } from './registry.ts';
import { permanent, transient } from './retry.ts';
import { type RunnerDeps, runJob } from './runner.ts';

// The job registry and its one lifecycle, on both queues: the embedded dispatcher
// (PGlite) and BullMQ (PostgreSQL + Redis, worker in this process). Test kinds are
// real kinds registered beside the build's own.

const runs = new Map<string, number>();
const countRun = (key: string) => {
  const n = (runs.get(key) ?? 0) + 1;
  runs.set(key, n);
  return n;
};

const echo = defineJobKind({
  kind: 'test-echo',
  schema: z.object({ text: z.string().min(1) }),
  async handle(ctx, payload) {
    ctx.progress({ progress: 50, message: `echo ${payload.text}` });
    return { message: `said ${payload.text}` };
  },
});
/** Fails transiently (429 with Retry-After) `failures` times, then succeeds. */
const flaky = defineJobKind({
  kind: 'test-flaky',
  schema: z.object({ key: z.string(), failures: z.number().int(), retryAfterMs: z.number().int() }),
  messages: { retrying: (_f, sec) => `the service is busy, retrying in ${sec} s` },
  async handle(_ctx, p) {
    if (countRun(p.key) <= p.failures) throw transient('RATE_LIMITED', '429 from upstream', p.retryAfterMs);
    return { provider: 'upstream' };
  },
});
const broken = defineJobKind({
  kind: 'test-broken',
  schema: z.object({ key: z.string() }),
  messages: { failed: (f) => `could not do it (${f.code})` },
  async handle(_ctx, p) {
    countRun(p.key);
    throw permanent('AUTH_FAILED', 'upstream said 401');
  },
});
const alwaysDown = defineJobKind({
  kind: 'test-down',
  schema: z.object({ key: z.string() }),
  maxAttempts: 2,
  async handle(_ctx, p) {
    countRun(p.key);
    throw new Error('ECONNREFUSED');
  },
});

/** Waits until its gate is opened (`gates`) or its run is interrupted. */
const gates = new Map<string, () => void>();
const slow = defineJobKind({
  kind: 'test-slow',
  schema: z.object({ key: z.string() }),
  async handle(ctx, p) {
    countRun(p.key);
    await new Promise<void>((resolve, reject) => {
      gates.set(p.key, resolve);
      ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true });
    });
    return { message: 'slow done' };
  },
});

async function until<T>(fn: () => Promise<T | null | undefined | false>, what: string, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

type Mode = 'embedded' | 'bullmq';

describe.each<Mode>(['embedded', 'bullmq'])('job runner on %s', (mode) => {
  let t: TestApp;
  let queue: JobQueue;
  let registry: JobRegistry;
  const closers: (() => Promise<unknown>)[] = [];
  // What a stopping process's runtime aborts when the grace period is over (runtime.ts stopJobs).
  let stopping = new AbortController();

  beforeAll(async () => {
    if (mode === 'bullmq') await requireRedis();
    t = await startTestApp({ db: mode === 'bullmq' ? 'postgres' : 'pglite' });
    registry = new JobRegistry([...JOB_KINDS, echo, flaky, broken, alwaysDown, slow]);
    const deps: RunnerDeps = {
      db: t.rt.database.db,
      storage: t.rt.storage,
      events: t.rt.events,
      providers: [],
      circuit: t.rt.circuit,
      config: t.config,
      registry,
      workerId: `test:${mode}`,
      leaseSec: 5,
      maxAttempts: 3,
      backoff: { baseMs: 20, maxMs: 200 },
      random: () => 0.5,
      get interrupt() {
        return stopping.signal;
      },
    };
    const run = (id: string) => runJob(deps, id);
    if (mode === 'embedded') {
      const d = new EmbeddedDispatcher(t.rt.database.db, run, { concurrency: 1, pollMs: 1000 });
      await d.start();
      queue = d;
      closers.push(() => d.close());
    } else {
      const prefix = `sftest-${randomBytes(4).toString('hex')}`;
      const q = new BullmqQueue(TEST_REDIS_URL, prefix);
      const w = startBullmqWorker(TEST_REDIS_URL, run, { prefix, concurrency: 1, leaseSec: 5 });
      // enqueue fails fast until the connection is ready (the sweeper covers that in production).
      await q.ready();
      queue = q;
      closers.push(
        () => w.close(),
        () => q.close(),
      );
    }
  });
  afterAll(async () => {
    for (const c of closers) await c();
    await t?.close();
  });

  const enqueue = <S extends z.ZodType>(
    kind: Parameters<typeof enqueueJob<S>>[0]['input']['kind'],
    payload: z.input<S>,
    extra: { runAt?: Date; dedupeKey?: string } = {},
  ) => enqueueJob({ ctx: { db: t.rt.database.db, queue, registry }, input: { kind, payload, ...extra } });
  const final = (id: string) =>
    until(async () => {
      const j = await getJob(t.rt.database.db, id);
      return j && (j.status === 'COMPLETE' || j.status === 'FAILED') ? j : null;
    }, `job ${id} final`);
  const logs = (id: string) =>
    t.rt.database.db.select().from(jobAttempts).where(eq(jobAttempts.jobId, id)).orderBy(asc(jobAttempts.id));
  const events = (id: string) =>
    t.rt.database.db.select().from(jobEvents).where(eq(jobEvents.jobId, id)).orderBy(asc(jobEvents.seq));

  it('a kind without a track or user runs to COMPLETE with its progress and log', async () => {
    const { job } = await enqueue(echo, { text: 'hi' });
    expect(job).toMatchObject({ kind: 'test-echo', trackId: null, userId: null, status: 'QUEUED' });
    const done = await final(job.id);
    expect(done).toMatchObject({ status: 'COMPLETE', attempts: 1, progress: 100 });
    expect((await events(job.id)).map((e) => [e.status, e.message])).toEqual([
      ['QUEUED', 'Queued'],
      ['RENDERING', 'Started'],
      ['RENDERING', 'echo hi'],
      ['COMPLETE', 'said hi'],
    ]);
    expect(await logs(job.id)).toEqual([
      expect.objectContaining({ provider: 'test-echo', outcome: 'success', attempt: 1 }),
    ]);
  });

  it('refuses a payload that does not match the kind, at enqueue and at run time', async () => {
    await expect(enqueue(echo, { text: '' })).rejects.toThrow();
    // A row written past enqueueJob (old data, a bad migration) fails at once, not retried.
    const { job } = await t.rt.database.db.transaction((tx) =>
      insertJob(tx, { kind: 'test-echo', payload: { text: 42 } }),
    );
    await queue.enqueue(job.id, 10);
    const done = await final(job.id);
    expect(done).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect((await logs(job.id))[0]).toMatchObject({ outcome: 'error', errorCode: 'INVALID_PAYLOAD' });
  });

  it('transient failures wait with Retry-After, holding no worker slot, then complete', async () => {
    const key = `flaky-${mode}`;
    const { job } = await enqueue(flaky, { key, failures: 2, retryAfterMs: 400 });
    // Concurrency is 1: while the flaky job waits out its Retry-After, another job runs.
    await until(async () => (runs.get(key) ?? 0) >= 1, 'first failure');
    const other = await enqueue(echo, { text: 'meanwhile' });
    const otherDone = await final(other.job.id);
    const done = await final(job.id);
    expect(otherDone.finishedAt!.getTime()).toBeLessThan(done.finishedAt!.getTime());
    expect(done).toMatchObject({ status: 'COMPLETE', attempts: 3, provider: 'upstream' });
    expect(runs.get(key)).toBe(3);
    const log = await logs(job.id);
    expect(log.map((l) => [l.attempt, l.outcome, l.errorCode])).toEqual([
      [1, 'error', 'RATE_LIMITED'],
      [2, 'error', 'RATE_LIMITED'],
      [3, 'success', null],
    ]);
    const ev = await events(job.id);
    expect(ev.filter((e) => e.status === 'QUEUED').map((e) => e.message)).toEqual([
      'Queued',
      'the service is busy, retrying in 1 s',
      'the service is busy, retrying in 1 s',
    ]);
    // Never sooner than Retry-After: the retry event and the next start are ≥ 400 ms apart.
    const retryAt = ev.find((e) => e.message?.startsWith('the service'))!.createdAt.getTime();
    const restart = ev.find((e) => e.message === 'Retrying (attempt 2)')!.createdAt.getTime();
    expect(restart - retryAt).toBeGreaterThanOrEqual(400);
  });

  it('a permanent failure ends the job at once', async () => {
    const key = `broken-${mode}`;
    const { job } = await enqueue(broken, { key });
    const done = await final(job.id);
    expect(done).toMatchObject({ status: 'FAILED', attempts: 1, error: 'could not do it (AUTH_FAILED)' });
    await new Promise((r) => setTimeout(r, 300));
    expect(runs.get(key)).toBe(1);
  });

  it('transient failures stop at the kind’s attempt limit', async () => {
    const key = `down-${mode}`;
    const { job } = await enqueue(alwaysDown, { key });
    const done = await final(job.id);
    expect(done).toMatchObject({ status: 'FAILED', attempts: 2, error: 'The job failed.' });
    expect(runs.get(key)).toBe(2);
    expect((await logs(job.id)).map((l) => l.errorCode)).toEqual(['UNEXPECTED', 'UNEXPECTED']);
  });

  it('a shutdown interrupts a running job: back to QUEUED at once, that run logged but not counted', async () => {
    const key = `slow-${mode}`;
    const { job } = await enqueue(slow, { key });
    await until(async () => gates.has(key), 'the job running');
    stopping.abort();
    // While stopping, no run claims it again: it waits, QUEUED and due now, no lease.
    const requeued = await until(async () => {
      const j = await getJob(t.rt.database.db, job.id);
      return j?.status === 'QUEUED' ? j : null;
    }, 'the job requeued');
    expect(requeued).toMatchObject({ attempts: 0, leaseOwner: null, runAfter: null });
    await new Promise((r) => setTimeout(r, 200));
    expect(await getJob(t.rt.database.db, job.id)).toMatchObject({ status: 'QUEUED', attempts: 0 });
    // Another worker (here: this one, no longer stopping) runs it again at once.
    stopping = new AbortController();
    await until(async () => runs.get(key) === 2, 'the second run');
    gates.get(key)!();
    const done = await final(job.id);
    expect(done).toMatchObject({ status: 'COMPLETE', attempts: 1 });
    expect((await logs(job.id)).map((l) => [l.attempt, l.provider, l.outcome, l.errorCode])).toEqual([
      [1, 'test-slow', 'error', 'INTERRUPTED'],
      [1, 'test-slow', 'success', null],
    ]);
    expect((await events(job.id)).map((e) => [e.status, e.message])).toEqual([
      ['QUEUED', 'Queued'],
      ['RENDERING', 'Started'],
      ['QUEUED', 'Paused by a server restart; continuing shortly.'],
      ['RENDERING', 'Resumed'],
      ['COMPLETE', 'slow done'],
    ]);
  });

  it('taking over from a lost worker logs its attempt: provider in use, duration until it went silent', async () => {
    const now = Date.now();
    const { job } = await t.rt.database.db.transaction(async (tx) => {
      const r = await insertJob(tx, { kind: 'test-echo', payload: { text: 'again' } });
      // As a worker left it when it was killed: 20 s into its attempt, calling "upstream", its last
      // heartbeat 6 s ago (the lease is 5 s).
      await tx
        .update(jobs)
        .set({
          status: 'RENDERING',
          attempts: 1,
          leaseOwner: 'dead-host:1:abcd',
          leaseExpiresAt: new Date(now - 1000),
          attemptStartedAt: new Date(now - 20_000),
          attemptProvider: 'upstream',
          startedAt: new Date(now - 20_000),
        })
        .where(eq(jobs.id, r.job.id));
      return r;
    });
    await queue.enqueue(job.id, 10);
    const done = await final(job.id);
    expect(done).toMatchObject({ status: 'COMPLETE', attempts: 2 });
    const log = await logs(job.id);
    expect(log.map((l) => [l.attempt, l.provider, l.outcome, l.errorCode])).toEqual([
      [1, 'upstream', 'error', 'LEASE_EXPIRED'],
      [2, 'test-echo', 'success', null],
    ]);
    expect(log[0]!.durationMs).toBeGreaterThanOrEqual(13_000);
    expect(log[0]!.durationMs).toBeLessThanOrEqual(15_000);
    expect(log[0]!.error).toMatch(/stopped without finishing it while calling upstream/);
  });

  it('a scheduled job waits for its time; a dedupe key makes one job', async () => {
    const runAt = new Date(Date.now() + 500);
    const a = await enqueue(echo, { text: 'later' }, { runAt, dedupeKey: `sched-${mode}` });
    const b = await enqueue(echo, { text: 'later' }, { runAt, dedupeKey: `sched-${mode}` });
    expect(b).toMatchObject({ created: false, job: { id: a.job.id } });
    const done = await final(a.job.id);
    expect(done.startedAt!.getTime()).toBeGreaterThanOrEqual(runAt.getTime());
    expect(done.status).toBe('COMPLETE');
    const count = await t.rt.database.db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `sched-${mode}`));
    expect(count).toHaveLength(1);
  });
});
