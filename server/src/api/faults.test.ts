import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { Queue } from 'bullmq';
import { and, count, eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clickTrack } from '../../../engine/src/analyze/test-support/signals.ts';
import { encodeWav } from '../../../engine/src/dsp/test-support.ts';
import { multipart } from '../../test/audio-fixtures.ts';
import { signUp, startTestApp, type TestApp, type TestUser, validTrack } from '../../test/harness.ts';
import { createTestDatabase, requireRedis, TEST_REDIS_URL } from '../../test/services.ts';
import { TcpProxy } from '../../test/tcp-proxy.ts';
import { creditLedger, files, jobs } from '../db/schema/index.ts';
import { ledgerSum } from '../services/credits.ts';
import { BullmqQueue, bullJobId, QUEUE_NAME, QueueUnavailableError } from '../worker/bullmq-queue.ts';

// Issue 13 #3 and the fault suite: Redis and PostgreSQL refused or stalled through a
// TCP proxy of ours, and a full disk. Every request answers (no hang), nothing is
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
