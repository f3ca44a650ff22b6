import { Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeProvider, startFakeFal } from '../../test/fake-providers.ts';
import { signUp, startTestApp, type TestApp, until, validTrack, workerEnvOf } from '../../test/harness.ts';
import { type RunningProcess, startNodeProcess } from '../../test/server-process.ts';
import { requireRedis, TEST_REDIS_URL } from '../../test/services.ts';
import { creditLedger, jobs, tracks } from '../db/schema/index.ts';
import { bullJobId, QUEUE_NAME } from './bullmq-queue.ts';

// Cancel in production mode: PostgreSQL + Redis, BullMQ, a worker started as `npm run worker` runs
// it, FAL played by its protocol server. A waiting job's delivery is taken off the queue; a job
// running on the worker process stops at once (the cancel reaches it through the Redis bus): its
// FAL request is cancelled at FAL, nothing completes, the charge comes back once.

const FAL_KEY = 'cancel-fal-key-1';

describe('cancel in production mode (PostgreSQL + Redis, BullMQ, a worker process, fake FAL)', () => {
  let t: TestApp;
  let fal: FakeProvider;
  let queue: Queue;
  let env: Record<string, string>;
  const workers: RunningProcess[] = [];

  beforeAll(async () => {
    await requireRedis();
    fal = await startFakeFal({ keys: { [FAL_KEY]: 'ok' }, audioSec: 1 });
    Object.assign(fal.faults, { queuePolls: 1, workPolls: 100_000 }); // never finishes on its own
    const shared = {
      MUSIC_PROVIDERS: 'fal',
      FAL_KEY,
      FAL_BASE_URL: fal.url,
      FAL_RESULT_HOSTS: '127.0.0.1',
      FAL_MODEL: 'fal-ai/minimax-music/v2.6',
      PROVIDER_POLL_MS: '100',
      // A long lease: the stop comes from the bus, not from a heartbeat finding the job ended.
      JOB_LEASE_SEC: '60',
    };
    t = await startTestApp({ db: 'postgres', env: shared });
    if (t.config.queue.kind !== 'bullmq') throw new Error('expected the BullMQ queue');
    queue = new Queue(QUEUE_NAME, { connection: { url: TEST_REDIS_URL }, prefix: t.config.queue.prefix });
    env = { ...shared, ...workerEnvOf(t), LOG_LEVEL: 'info' };
  });
  afterAll(async () => {
    for (const w of workers) await w.stop('SIGKILL');
    await queue?.close();
    await t?.close();
    await fal?.close();
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop('SIGKILL');
  });

  const db = () => t.rt.database.db;
  const jobRow = async (id: string) => (await db().select().from(jobs).where(eq(jobs.id, id)))[0]!;
  const reasons = async (id: string) =>
    (await db().select().from(creditLedger).where(eq(creditLedger.jobId, id))).map((l) => l.reason).sort();

  it('a waiting job: its delivery is removed from the queue, the job CANCELLED and refunded', async () => {
    const u = await signUp(t);
    const { job_id } = (await u.post('/api/tracks', validTrack({ duration_s: 15, seed: 1 }))).json();
    // No worker runs: the delivery waits in BullMQ.
    await until(async () => Boolean(await queue.getJob(bullJobId(job_id))), 10_000, 'the delivery queued');
    const res = await u.post(`/api/jobs/${job_id}/cancel`);
    expect(res.statusCode).toBe(200);
    expect(res.json().credits_refunded).toBe(1);
    expect(await queue.getJob(bullJobId(job_id))).toBeUndefined();
    expect((await jobRow(job_id)).status).toBe('CANCELLED');
    expect(await reasons(job_id)).toEqual(['DEDUCTION', 'REFUND']);
  });

  it('a job running on a worker process stops at once: FAL request cancelled, never completed, refunded once', async () => {
    const w = startNodeProcess('server/src/worker/main.ts', env);
    workers.push(w);
    await w.waitFor(/worker ready/, 90_000);
    const u = await signUp(t);
    const { job_id, track_id } = (
      await u.post('/api/tracks', validTrack({ duration_s: 15, seed: 2 }))
    ).json();
    await until(
      async () => fal.inputs.length === 1 && (await jobRow(job_id)).progress > 5,
      60_000,
      'the FAL request running',
    );
    expect(fal.cancelled).toEqual([]);
    const asked = Date.now();
    const res = await u.post(`/api/jobs/${job_id}/cancel`);
    expect(res.statusCode).toBe(200);
    // The worker heard it through the bus (its lease is 60 s: no heartbeat would notice this soon).
    await until(async () => fal.cancelled.length === 1, 10_000, 'the FAL request cancelled');
    await w.waitFor(/job cancelled, run stopped/, 10_000);
    expect(Date.now() - asked).toBeLessThan(10_000);
    const logs = (await u.get(`/api/jobs/${job_id}/logs`)).json().entries as {
      provider: string;
      error_code: string | null;
    }[];
    expect(logs).toContainEqual(expect.objectContaining({ provider: 'fal', error_code: 'CANCELLED' }));
    await new Promise((r) => setTimeout(r, 1000));
    const job = await jobRow(job_id);
    expect(job.status).toBe('CANCELLED');
    expect(job.leaseOwner).toBeNull();
    const [track] = await db().select().from(tracks).where(eq(tracks.id, track_id));
    expect(track!.status).toBe('CANCELLED');
    expect(track!.audioKey).toBeNull();
    expect(await reasons(job_id)).toEqual(['DEDUCTION', 'REFUND']);
    // The BullMQ delivery ended with the run (nothing left to redeliver it).
    await until(async () => !(await queue.getJob(bullJobId(job_id))), 10_000, 'the delivery finished');
  });
});
