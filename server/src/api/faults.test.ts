import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { Queue } from 'bullmq';
import { and, count, eq, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clickTrack } from '../../../engine/src/analyze/test-support/signals.ts';
import { encodeWav } from '../../../engine/src/dsp/test-support.ts';
import { multipart } from '../../test/audio-fixtures.ts';
import { pathOf, signUp, startTestApp, type TestApp, type TestUser, validTrack } from '../../test/harness.ts';
import { type RunningProcess, startNodeProcess } from '../../test/server-process.ts';
import { createTestDatabase, requireRedis, TEST_REDIS_URL } from '../../test/services.ts';
import { TcpProxy } from '../../test/tcp-proxy.ts';
import { creditLedger, files, jobs } from '../db/schema/index.ts';
import { ledgerSum } from '../services/credits.ts';
import { BullmqQueue, bullJobId, QUEUE_NAME, QueueUnavailableError } from '../worker/bullmq-queue.ts';

// Issue 13 #3 and the fault suite: Redis and PostgreSQL refused or stalled through a
// TCP proxy of ours, a worker killed mid-render, and a full disk. Every request answers (no hang), nothing is
// charged twice, no job is left behind.

/** Fails the test if `p` does not settle within `ms`: a hang, not a slow answer. */
function answered<T>(p: Promise<T>, ms = 15_000): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)),
  ]);
}

async function until(check: () => Promise<boolean>, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('faults: Redis and PostgreSQL refused or stalled', () => {
  let t: TestApp;
  let u: TestUser;
  let pgProxy: TcpProxy;
  let redisProxy: TcpProxy;
  let pg: { url: string; drop(): Promise<void> };
  let inspect: Queue;
  let inspectConn: Redis;
  const prefix = `fault${Date.now().toString(36)}`;

  beforeAll(async () => {
    await requireRedis();
    pg = await createTestDatabase();
    const pgTarget = new URL(pg.url);
    const redisTarget = new URL(TEST_REDIS_URL);
    pgProxy = await new TcpProxy(pgTarget.hostname, Number(pgTarget.port || 5432)).start();
    redisProxy = await new TcpProxy(redisTarget.hostname, Number(redisTarget.port || 6379)).start();
    t = await startTestApp({
      db: 'pglite',
      env: {
        DATABASE_URL: pgProxy.url(pg.url),
        REDIS_URL: redisProxy.url(TEST_REDIS_URL),
        QUEUE_PREFIX: prefix,
        EXTERNAL_CALL_TIMEOUT_MS: '500',
        DATABASE_QUERY_TIMEOUT_MS: '1500',
        JOB_LEASE_SEC: '5',
      },
    });
    u = await signUp(t);
    inspectConn = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    inspect = new Queue(QUEUE_NAME, { connection: inspectConn as never, prefix });
  });
  afterAll(async () => {
    await inspect?.obliterate({ force: true }).catch(() => {});
    await inspect?.close();
    inspectConn?.disconnect();
    await t?.close();
    await pgProxy?.close();
    await redisProxy?.close();
    await pg?.drop();
  });

  const deductions = async () =>
    (
      await t.rt.database.db
        .select({ n: count() })
        .from(creditLedger)
        .where(and(eq(creditLedger.userId, u.id), eq(creditLedger.reason, 'DEDUCTION')))
    )[0]!.n;
  const inBullmq = async (jobId: string) => (await inspect.getJob(bullJobId(jobId))) !== undefined;

  it('Redis refused: 201 at once, client retries charge once, the sweeper enqueues when Redis is back', async () => {
    redisProxy.setMode('refuse');
    const before = await deductions();
    const key = { 'idempotency-key': 'redis-down-1' };
    const first = await answered(u.post('/api/tracks', validTrack(), key));
    expect(first.statusCode, first.body).toBe(201);
    for (let i = 0; i < 3; i++) {
      const retry = await answered(u.post('/api/tracks', validTrack(), key));
      expect(retry.statusCode).toBe(201);
      expect(retry.json().track_id).toBe(first.json().track_id);
    }
    expect(await deductions()).toBe(before + 1);
    const jobId = first.json().job_id as string;
    const [job] = await t.rt.database.db.select().from(jobs).where(eq(jobs.id, jobId));
    expect(job!.status).toBe('QUEUED');
    expect(await inBullmq(jobId)).toBe(false);
    redisProxy.setMode('pass');
    await until(() => inBullmq(jobId));
  });

  it('Redis stalled (connected, silent): the enqueue times out, 201, and the job is not lost', async () => {
    redisProxy.setMode('pass');
    await until(async () => (await t.app.inject({ method: 'GET', url: '/health/ready' })).statusCode === 200);
    redisProxy.setMode('stall');
    const res = await answered(u.post('/api/tracks', validTrack()));
    expect(res.statusCode, res.body).toBe(201);
    redisProxy.setMode('pass');
    await until(() => inBullmq(res.json().job_id));
  });

  it('PostgreSQL stalled: 503 within the query timeout, no charge; afterwards balance = ledger', async () => {
    redisProxy.setMode('pass');
    const before = await deductions();
    pgProxy.setMode('stall');
    const me = await answered(u.get('/api/me'));
    expect(me.statusCode).toBe(503);
    expect(me.json().error.code).toBe('SERVICE_UNAVAILABLE');
    const create = await answered(u.post('/api/tracks', validTrack()));
    expect(create.statusCode).toBe(503);
    pgProxy.setMode('pass');
    await until(async () => (await u.get('/api/me')).statusCode === 200);
    expect(await deductions()).toBe(before);
    const credits = (await u.get('/api/me')).json().credits;
    expect(await ledgerSum(t.rt.database.db, u.id)).toBe(credits);
  });

  it('PostgreSQL refused: 503, not 500 and not a hang', async () => {
    pgProxy.setMode('refuse');
    const res = await answered(u.get('/api/tracks?q=night'));
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    pgProxy.setMode('pass');
    await until(async () => (await u.get('/api/me')).statusCode === 200);
  });
});

describe('an unreachable Redis is one readable log line', () => {
  it('one warning (not a stack per reconnection), enqueue refuses at once', async () => {
    const lines: string[] = [];
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    const q = new BullmqQueue('redis://127.0.0.1:1', 'nowhere', {
      timeoutMs: 300,
      log: { warn: (m) => lines.push(m), info: (m) => lines.push(m) },
    });
    try {
      await new Promise((r) => setTimeout(r, 1500)); // several reconnection attempts
      await expect(
        answered(q.enqueue('00000000-0000-4000-8000-000000000000', 1), 2000),
      ).rejects.toBeInstanceOf(QueueUnavailableError);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/Redis unreachable \(ECONNREFUSED\)/);
      expect(printed).not.toHaveBeenCalled();
    } finally {
      printed.mockRestore();
      await q.close();
    }
  });
});

describe('faults: a worker SIGKILLed mid-render (production mode: PostgreSQL, BullMQ on Redis)', () => {
  let t: TestApp;
  let u: TestUser;
  let inspect: Queue;
  let inspectConn: Redis;
  let workerEnv: Record<string, string>;
  const workers: RunningProcess[] = [];
  const prefix = `kill${Date.now().toString(36)}`;
  const LEASE_SEC = 5; // the smallest JOB_LEASE_SEC: the dead worker's lease lapses quickly

  beforeAll(async () => {
    await requireRedis();
    t = await startTestApp({
      db: 'postgres',
      env: { QUEUE_PREFIX: prefix, JOB_LEASE_SEC: String(LEASE_SEC), JOB_RETRY_BASE_MS: '100' },
    });
    u = await signUp(t);
    workerEnv = {
      DATABASE_URL: (t.config.database as { url: string }).url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      JOB_LEASE_SEC: String(LEASE_SEC),
      JOB_RETRY_BASE_MS: '100',
      DATA_DIR: t.config.dataDir, // the fs object store, shared with this API process
      AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
      PUBLIC_URL: 'http://localhost:3000',
      LOG_LEVEL: 'info',
    };
    inspectConn = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    inspect = new Queue(QUEUE_NAME, { connection: inspectConn as never, prefix });
  });
  afterAll(async () => {
    for (const w of workers) await w.stop('SIGKILL');
    await inspect?.obliterate({ force: true }).catch(() => {});
    await inspect?.close();
    inspectConn?.disconnect();
    await t?.close();
  });

  const startWorker = () => {
    const w = startNodeProcess('server/src/worker/main.ts', workerEnv);
    workers.push(w);
    return w;
  };
  const jobRow = async (id: string) =>
    (await t.rt.database.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;

  it('a restarted worker finishes the job: charged exactly once, balance = ledger, nothing stuck', {
    timeout: 180_000,
  }, async () => {
    const first = startWorker();
    await first.waitFor(/worker ready/);
    const res = await u.post('/api/tracks', validTrack({ duration_s: 60, seed: 13 }));
    expect(res.statusCode, res.body).toBe(201);
    const { job_id: jobId, track_id: trackId } = res.json();
    // Kill it while it renders (the engine is mid-track: progress past the start, not finished).
    await until(async () => {
      const j = await jobRow(jobId);
      return j.status === 'RENDERING' && j.progress > 5;
    }, 60_000);
    const killedAt = Date.now();
    await first.stop('SIGKILL');
    expect(['RENDERING', 'MASTERING']).toContain((await jobRow(jobId)).status);

    const second = startWorker();
    await second.waitFor(/worker ready/);
    // Bounded: the lease lapses within JOB_LEASE_SEC, BullMQ finds the stalled job, the render reruns.
    await until(async () => ['COMPLETE', 'FAILED'].includes((await jobRow(jobId)).status), 60_000);
    const recoveredSec = (Date.now() - killedAt) / 1000;
    const done = await jobRow(jobId);
    expect(done.attempts).toBeGreaterThanOrEqual(2);

    const d = t.rt.database.db;
    const ledger = await d.select().from(creditLedger).where(eq(creditLedger.jobId, jobId));
    if (done.status === 'COMPLETE') {
      expect(ledger.map((l) => l.reason)).toEqual(['DEDUCTION']);
      // Finished for real: the file is stored and served.
      const track = (await u.get(`/api/tracks/${trackId}`)).json();
      const mp3 = await t.app.inject({ method: 'GET', url: pathOf(track.file_url) });
      expect(mp3.statusCode).toBe(200);
      expect(mp3.rawPayload.length).toBeGreaterThan(60 * 16_000);
    } else {
      expect(ledger.map((l) => l.reason).sort()).toEqual(['DEDUCTION', 'REFUND']);
      expect(ledger.reduce((sum, l) => sum + l.amount, 0)).toBe(0);
    }
    expect(done.status, done.error ?? '').toBe('COMPLETE'); // attempts to spare: it should finish
    const credits = (await u.get('/api/me')).json().credits;
    expect(await ledgerSum(d, u.id)).toBe(credits);

    // Nothing stuck: every job of the user (the cover-art job COMPLETE queues too) ends, and BullMQ
    // holds nothing active or waiting for them.
    await until(async () => {
      const open = await d
        .select({ n: count() })
        .from(jobs)
        .where(and(eq(jobs.userId, u.id), sql`${jobs.status} not in ('COMPLETE', 'FAILED')`));
      return open[0]!.n === 0;
    }, 60_000);
    await until(async () => {
      const c = await inspect.getJobCounts('active', 'wait', 'delayed', 'prioritized');
      return Object.values(c).every((n) => n === 0);
    }, 15_000);
    console.info(`worker SIGKILLed mid-render: job final ${recoveredSec.toFixed(1)} s after the kill`);
  });
});

function canMountTmpfs(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!canMountTmpfs())('faults: storage full (a 64 KB tmpfs as the object store)', () => {
  let t: TestApp;
  let u: TestUser;
  let root: string;

  beforeAll(async () => {
    t = await startTestApp({ db: 'pglite' });
    u = await signUp(t);
    root = (t.config.storage as { rootDir: string }).rootDir;
    mkdirSync(root, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', root]);
  });
  afterAll(async () => {
    if (root) execFileSync('umount', [root]);
    await t?.close();
  });

  it('an upload that does not fit answers 503, stores no row and leaves no partial file', async () => {
    const clicks = clickTrack(120, 6, 44_100);
    const wav = encodeWav([clicks, clicks], 44_100, 16, false); // ≈1 MB: more than the disk holds
    const res = await answered(
      u.request({ method: 'POST', url: '/api/analyze', ...multipart(wav, 'ref.wav') }),
    );
    expect(res.statusCode, res.body).toBe(503);
    expect(res.json().error.code).toBe('SERVICE_UNAVAILABLE');
    const [n] = await t.rt.database.db.select({ n: count() }).from(files);
    expect(n!.n).toBe(0);
    const left = existsSync(root)
      ? readdirSync(root, { recursive: true }).filter((f) => /\.(wav|tmp)|\.tmp-/.test(String(f)))
      : [];
    expect(left).toEqual([]);
  });
});
