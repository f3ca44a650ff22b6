import { and, inArray, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeProvider, startFakeFal, startFakeReplicate } from '../../test/fake-providers.ts';
import { signUp, startTestApp, type TestApp, until, validTrack, workerEnvOf } from '../../test/harness.ts';
import { type RunningProcess, startNodeProcess } from '../../test/server-process.ts';
import { requireRedis } from '../../test/services.ts';
import { creditLedger, jobAttempts, jobs } from '../db/schema/index.ts';

// Chaos on real PostgreSQL + Redis: 100 jobs through two worker processes and two
// hosted providers that fail at random (500s, 429s, malformed results, non-audio,
// slow queues); one worker is SIGKILLed midway. Every job must end COMPLETE or
// FAILED, charged once, refunded at most once (exactly once if FAILED), none stuck.

const JOBS = 100;
const FAL_KEYS = ['chaos-fal-key-1', 'chaos-fal-key-2'];
const TOKENS = ['chaos-r8-token-1'];
const VERSION = 'c'.repeat(64);

/** Seeded draws (mulberry32): the same fault sequence every run. */
function faults(seed: number) {
  let a = seed;
  const rnd = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => {
    const x = rnd();
    if (x < 0.12) return '500' as const;
    if (x < 0.22) return '429' as const;
    if (x < 0.27) return 'malformed' as const;
    if (x < 0.32) return 'not-audio' as const;
    if (x < 0.37) return 'slow' as const;
    return 'ok' as const;
  };
}

describe('chaos: random provider faults and a SIGKILLed worker', () => {
  let t: TestApp;
  let fal: FakeProvider;
  let rep: FakeProvider;
  const workers: RunningProcess[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    await requireRedis();
    fal = await startFakeFal({ keys: Object.fromEntries(FAL_KEYS.map((k) => [k, 'ok'])), audioSec: 1 });
    rep = await startFakeReplicate({ tokens: { [TOKENS[0]!]: 'ok' }, audioSec: 1, musicgenVersion: VERSION });
    fal.faults.draw = faults(1);
    rep.faults.draw = faults(2);
    for (const p of [fal, rep]) Object.assign(p.faults, { queuePolls: 2, workPolls: 2, retryAfterSec: 1 });
    const shared = {
      MUSIC_PROVIDERS: 'fal,replicate',
      FAL_KEYS: FAL_KEYS.join(','),
      FAL_BASE_URL: fal.url,
      FAL_RESULT_HOSTS: '127.0.0.1', // the stand-in serves its files itself
      FAL_MODEL: 'fal-ai/minimax-music/v2.6',
      REPLICATE_API_TOKENS: TOKENS.join(','),
      REPLICATE_BASE_URL: rep.url,
      REPLICATE_RESULT_HOSTS: '127.0.0.1',
      REPLICATE_MUSICGEN_VERSION: VERSION,
      PROVIDER_POLL_MS: '20',
      PROVIDER_KEY_COOLDOWN_SEC: '1',
      PROVIDER_CIRCUIT_FAILURES: '20',
      PROVIDER_CIRCUIT_OPEN_SEC: '1',
      JOB_LEASE_SEC: '5',
      JOB_RETRY_BASE_MS: '100',
      JOB_RETRY_MAX_MS: '1000',
      // Retries are short here (0.1–1 s), so on a loaded machine several attempts can all land in
      // one burst of faults or one open circuit (the stand-ins answer from the test process, which
      // CI starves: one run saw 23 jobs spend six attempts). Ten keep "most jobs get through" about
      // the runtime, not about the machine's speed. The invariants below hold whatever the count.
      JOB_MAX_ATTEMPTS: '10',
      FREE_DAILY_TRACK_LIMIT: '1000',
    };
    t = await startTestApp({ db: 'postgres', env: shared });
    env = {
      ...shared,
      ...workerEnvOf(t),
      LOG_LEVEL: 'warn',
      WORKER_CONCURRENCY: '8',
    };
  });
  afterAll(async () => {
    for (const w of workers) await w.stop('SIGKILL');
    await t?.close();
    await fal?.close();
    await rep?.close();
  });

  it(`${JOBS} jobs: all final, charged once, refunded at most once, nothing stuck`, async () => {
    for (let i = 0; i < 2; i++) workers.push(startNodeProcess('server/src/worker/main.ts', env));
    await Promise.all(workers.map((w) => w.waitFor(/worker ready/, 60_000)));
    const users = [await signUp(t), await signUp(t)];
    const ids: string[] = [];
    for (let i = 0; i < JOBS; i++) {
      const res = await users[i % 2]!.post('/api/tracks', validTrack({ duration_s: 15, seed: i }));
      expect(res.statusCode).toBe(201);
      ids.push(res.json().job_id);
    }
    const d = t.rt.database.db;
    const finals = async () =>
      Number(
        (
          await d
            .select({ n: sql<number>`count(*)::int` })
            .from(jobs)
            .where(and(inArray(jobs.id, ids), inArray(jobs.status, ['COMPLETE', 'FAILED'])))
        )[0]?.n ?? 0,
      );
    // Midway, one worker dies without warning, jobs in hand.
    await until(async () => (await finals()) >= JOBS / 3, 120_000, 'a third of the jobs final');
    // Kill it while it holds jobs (lease owners are host:pid:run).
    const victim = workers[0]!;
    const held = await until(
      async () => {
        const r = await d
          .select({ id: jobs.id })
          .from(jobs)
          .where(and(inArray(jobs.id, ids), like(jobs.leaseOwner, `%:${victim.child.pid}:%`)));
        return r.length > 0 ? r : null;
      },
      60_000,
      'the victim holding a job',
    );
    await victim.stop('SIGKILL');
    const rows = await until(
      async () => {
        const r = await d.select().from(jobs).where(inArray(jobs.id, ids));
        return r.every((j) => j.status === 'COMPLETE' || j.status === 'FAILED') ? r : null;
      },
      180_000,
      'every job final',
    );
    const ledger = await d.select().from(creditLedger).where(inArray(creditLedger.jobId, ids));
    for (const j of rows) {
      const mine = ledger.filter((l) => l.jobId === j.id).map((l) => l.reason);
      expect(
        mine.filter((r) => r === 'DEDUCTION'),
        j.id,
      ).toHaveLength(1);
      expect(
        mine.filter((r) => r === 'REFUND'),
        j.id,
      ).toHaveLength(j.status === 'FAILED' ? 1 : 0);
      expect(j.leaseOwner).toBeNull();
    }
    const complete = rows.filter((j) => j.status === 'COMPLETE').length;
    // With fallback and retries most jobs should get through the faults.
    const failures = rows.filter((j) => j.status === 'FAILED').map((j) => `${j.attempts}: ${j.error}`);
    expect(complete, failures.join('\n')).toBeGreaterThan(JOBS * 0.8);
    // The faults really happened, and the killed worker had work in hand.
    const codes = await d
      .selectDistinct({ code: jobAttempts.errorCode })
      .from(jobAttempts)
      .where(inArray(jobAttempts.jobId, ids));
    const seen = new Set(codes.map((c) => c.code));
    for (const c of ['PROVIDER_DOWN', 'RATE_LIMITED', 'BAD_OUTPUT']) expect(seen).toContain(c);
    expect(rows.some((j) => j.attempts >= 2)).toBe(true);
    // The jobs the dead worker held were finished by the other one.
    for (const h of held) expect(['COMPLETE', 'FAILED']).toContain(rows.find((j) => j.id === h.id)!.status);
    for (const u of users) {
      const balance = (await u.get('/api/me')).json().credits;
      const failedOfUser = rows.filter((j) => j.userId === u.id && j.status === 'FAILED').length;
      const completeOfUser = rows.filter((j) => j.userId === u.id && j.status === 'COMPLETE').length;
      expect(balance).toBe(400 - completeOfUser);
      expect(failedOfUser + completeOfUser).toBe(JOBS / 2);
    }
  }, 400_000);
});
