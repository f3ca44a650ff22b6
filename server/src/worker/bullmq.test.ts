import { randomBytes } from 'node:crypto';
import type { JobEvent } from '@soundfoundry/contract';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp, validTrack } from '../../test/harness.ts';
import { startS3Server, type TestS3Server } from '../../test/s3-server.ts';
import { freePort, type RunningProcess, startNodeProcess } from '../../test/server-process.ts';
import { requireRedis, TEST_REDIS_URL } from '../../test/services.ts';
import { creditLedger, jobAttempts, jobs, users } from '../db/schema/index.ts';
import { ledgerSum } from '../services/credits.ts';

// Production mode on real services: the API (in this process) on PostgreSQL
// enqueues to BullMQ on Redis; workers are separate `worker/main.ts` processes;
// files go to an S3-protocol server through the AWS SDK.

const LEASE_SEC = 5;

async function until<T>(
  fn: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('BullMQ on Redis with separate worker processes', () => {
  let t: TestApp;
  let s3: TestS3Server;
  let env: Record<string, string>;
  const workers: RunningProcess[] = [];

  beforeAll(async () => {
    await requireRedis();
    s3 = await startS3Server();
    const prefix = `sftest-${randomBytes(4).toString('hex')}`;
    const shared = {
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      JOB_LEASE_SEC: String(LEASE_SEC),
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: s3.bucket,
      S3_REGION: s3.region,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    };
    t = await startTestApp({ db: 'postgres', env: shared });
    env = {
      ...shared,
      DATABASE_URL: (t.config.database as { url: string }).url,
      DATA_DIR: t.config.dataDir,
      AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
      PUBLIC_URL: 'http://localhost:3000',
      LOG_LEVEL: 'info',
    };
  });
  afterAll(async () => {
    for (const w of workers) await w.stop('SIGKILL');
    await t?.close();
    await s3?.close();
  });

  function startWorker(extra: Record<string, string> = {}) {
    const w = startNodeProcess('server/src/worker/main.ts', { ...env, ...extra });
    workers.push(w);
    return w;
  }

  it('a worker SIGKILLed mid-job: another worker finishes it, charged exactly once', {
    timeout: 180_000,
  }, async () => {
    const seen: JobEvent[] = [];
    const u = await signUp(t);
    const first = startWorker();
    await first.waitFor(/worker ready/);
    const { job_id } = (await u.post('/api/tracks', validTrack({ duration_s: 60, seed: 11 }))).json();
    const unsubscribe = t.rt.events.subscribe(job_id, (e) => seen.push(e));
    const d = t.rt.database.db;
    // Wait until the first worker is rendering it, then kill it without warning.
    await until(
      async () => (await d.select().from(jobs).where(eq(jobs.id, job_id)))[0]?.status === 'RENDERING',
      60_000,
      'job RENDERING',
    );
    await first.stop('SIGKILL');
    const killedAt = (await d.select().from(jobs).where(eq(jobs.id, job_id)))[0]!;
    expect(['RENDERING', 'MASTERING']).toContain(killedAt.status);

    const metricsPort = await freePort();
    startWorker({ WORKER_METRICS_PORT: String(metricsPort), HOST: '127.0.0.1' });
    const done = await until(
      async () => {
        const j = (await d.select().from(jobs).where(eq(jobs.id, job_id)))[0]!;
        return j.status === 'COMPLETE' || j.status === 'FAILED' ? j : null;
      },
      120_000,
      'job final after the kill',
    );
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    const ledger = await d.select().from(creditLedger).where(eq(creditLedger.jobId, job_id));
    if (done.status === 'COMPLETE') {
      expect(ledger.map((l) => l.reason)).toEqual(['DEDUCTION']);
      expect(await ledgerSum(d, u.id)).toBe(398);
    } else {
      expect(ledger.map((l) => l.reason).sort()).toEqual(['DEDUCTION', 'REFUND']);
      expect(await ledgerSum(d, u.id)).toBe(400);
    }
    expect(done.status).toBe('COMPLETE'); // with attempts to spare, it should finish
    // The worker's events reached this API process over Redis pub/sub. The worker commits the
    // row before it publishes, so the poll above can see COMPLETE before the message lands.
    await until(async () => seen.some((e) => e.status === 'COMPLETE'), 10_000, 'COMPLETE over pub/sub');
    unsubscribe();
    // The worker reports its job outcomes for Prometheus.
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/jobs_total\{outcome="complete"\} 1/);
    expect(metrics).toContain('job_duration_seconds_bucket');
  });

  it('paid plans run first: a PRO job queued after a FREE one starts before it', {
    timeout: 180_000,
  }, async () => {
    for (const w of workers.splice(0)) await w.stop('SIGKILL'); // no worker while we queue
    const d = t.rt.database.db;
    const free = await signUp(t);
    const pro = await signUp(t);
    await pro.get('/api/me');
    await d.update(users).set({ plan: 'PRO' }).where(eq(users.id, pro.id));
    const f1 = (await free.post('/api/tracks', validTrack({ duration_s: 15, seed: 21 }))).json()
      .job_id as string;
    const f2 = (await free.post('/api/tracks', validTrack({ duration_s: 15, seed: 22 }))).json()
      .job_id as string;
    const p1 = (await pro.post('/api/tracks', validTrack({ duration_s: 15, seed: 23 }))).json()
      .job_id as string;
    startWorker(); // concurrency 1: one at a time, in priority order
    const rows = await until(
      async () => {
        const r = await d
          .select()
          .from(jobs)
          .where(inArray(jobs.id, [f1, f2, p1]));
        return r.every((j) => j.status === 'COMPLETE') ? r : null;
      },
      120_000,
      'three jobs complete',
    );
    const started = (id: string) => rows.find((r) => r.id === id)!.startedAt!.getTime();
    expect(started(p1)).toBeLessThan(started(f1));
    expect(started(f1)).toBeLessThan(started(f2));
  });

  it('enqueueing the same job twice runs it once', async () => {
    const u = await signUp(t);
    const { job_id } = (await u.post('/api/tracks', validTrack({ duration_s: 15, seed: 5 }))).json();
    await t.rt.queue.enqueue(job_id, 10);
    await t.rt.queue.enqueue(job_id, 10);
    const d = t.rt.database.db;
    const done = await until(
      async () => {
        const j = (await d.select().from(jobs).where(eq(jobs.id, job_id)))[0]!;
        return j.status === 'COMPLETE' || j.status === 'FAILED' ? j : null;
      },
      90_000,
      'job final',
    );
    expect(done.status).toBe('COMPLETE');
    expect(done.attempts).toBe(1);
    const attempts = await d.select().from(jobAttempts).where(eq(jobAttempts.jobId, job_id));
    expect(attempts).toHaveLength(1);
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.json().mode).toEqual({ database: 'postgres', queue: 'bullmq', storage: 's3' });
    expect(ready.statusCode).toBe(200);

    // The files went to S3; the API hands out presigned URLs that plain HTTP can fetch, with Range.
    const track = (await u.get(`/api/tracks/${done.trackId}`)).json();
    expect(track.file_url).toContain(s3.endpoint);
    expect(track.file_url).toContain('X-Amz-Signature=');
    const mp3 = await fetch(track.file_url);
    expect(mp3.status).toBe(200);
    expect((await mp3.arrayBuffer()).byteLength).toBeGreaterThan(15 * 16_000);
    const part = await fetch(track.files.wav, { headers: { range: 'bytes=0-11' } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).toString('latin1')).toMatch(/^RIFF.{4}WAVE$/s);
    const dl = await u.get(`/api/tracks/${done.trackId}/download?format=stems`);
    expect(dl.statusCode).toBe(302);
    expect((await fetch(dl.headers.location as string)).headers.get('content-disposition')).toMatch(
      /attachment/,
    );
    // Deleting the track removes its objects from the bucket.
    expect((await u.delete(`/api/tracks/${done.trackId}`)).statusCode).toBe(204);
    expect((await fetch(track.file_url)).status).toBe(404);
  });
});
