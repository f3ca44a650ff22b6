// npm run bench:queue — production-mode queue on real PostgreSQL + Redis:
// (1) API accept → worker start latency (target p50 < 50 ms) with an idle worker,
// (2) jobs/s with 1, 2 and 4 worker processes rendering real 15 s tracks with the
//     local engine (on this 2-core machine the CPU, not the queue, is the ceiling),
// (3) jobs/s through the fake FAL provider (real SDK, ~1 s of provider queue per job,
//     2 s of real audio decoded, mastered and encoded per job) with 1, 2, 4 worker
//     processes: network-bound jobs scale past the core count,
// (4) recovery: every submit answers 429 (Retry-After) for a window; time from the
//     window's end until the queue has drained.
// BENCH_QUEUE_PARTS=providers runs only (3) and (4).
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { eq, inArray } from 'drizzle-orm';
import { jobs, users } from '../server/src/db/schema/index.ts';
import { applyCreditChange } from '../server/src/services/credits.ts';
import { startFakeFal } from '../server/test/fake-providers.ts';
import { signUp, startTestApp, type TestUser } from '../server/test/harness.ts';
import { type RunningProcess, startNodeProcess } from '../server/test/server-process.ts';
import { requireRedis, TEST_REDIS_URL } from '../server/test/services.ts';

const LATENCY_JOBS = Number(process.env.BENCH_LATENCY_JOBS ?? 15);
const THROUGHPUT_JOBS = Number(process.env.BENCH_THROUGHPUT_JOBS ?? 12);
const PROVIDER_JOBS = Number(process.env.BENCH_PROVIDER_JOBS ?? 64);
const WINDOW_JOBS = Number(process.env.BENCH_WINDOW_JOBS ?? 40);
const ENGINE_PARTS = (process.env.BENCH_QUEUE_PARTS ?? 'all') !== 'providers';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

await requireRedis();
const prefix = `sfbench-${randomBytes(4).toString('hex')}`;
const FAL_KEY = 'bench-fal-key';
const fal = await startFakeFal({ keys: { [FAL_KEY]: 'ok' }, audioSec: 2 });
// About a second at the provider: two polls in its queue, eight in progress.
Object.assign(fal.faults, { queuePolls: 2, workPolls: 8 });
const t = await startTestApp({
  db: 'postgres',
  env: {
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    JOB_LEASE_SEC: '30',
  },
});
const db = t.rt.database.db;
const env = {
  DATABASE_URL: (t.config.database as { url: string }).url,
  REDIS_URL: TEST_REDIS_URL,
  QUEUE_PREFIX: prefix,
  DATA_DIR: t.config.dataDir,
  AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
  PUBLIC_URL: 'http://localhost:3000',
  LOG_LEVEL: 'warn',
};

async function user(): Promise<TestUser> {
  const u = await signUp(t);
  await u.get('/api/me');
  await db.update(users).set({ plan: 'PRO' }).where(eq(users.id, u.id));
  await db.transaction((tx) =>
    applyCreditChange(tx, { userId: u.id, amount: 100_000, reason: 'ADJUSTMENT' }),
  );
  return u;
}

const providerEnv = {
  ...env,
  MUSIC_PROVIDERS: 'fal',
  FAL_KEY,
  FAL_BASE_URL: fal.url,
  FAL_RESULT_HOSTS: '127.0.0.1', // the stand-in serves its files itself
  FAL_MODEL: 'fal-ai/minimax-music/v2.6',
  PROVIDER_POLL_MS: '100',
  PROVIDER_KEY_COOLDOWN_SEC: '1',
  PROVIDER_CIRCUIT_FAILURES: '1000',
  WORKER_CONCURRENCY: '8',
  JOB_RETRY_BASE_MS: '200',
  JOB_MAX_ATTEMPTS: '10',
};

async function startWorkers(n: number, workerEnv: Record<string, string> = env): Promise<RunningProcess[]> {
  const ws = Array.from({ length: n }, () => startNodeProcess('server/src/worker/main.ts', workerEnv));
  await Promise.all(ws.map((w) => w.waitFor(/worker ready/)));
  return ws;
}

async function waitAll(ids: string[]) {
  for (;;) {
    const rows = await db.select().from(jobs).where(inArray(jobs.id, ids));
    if (rows.every((r) => r.status === 'COMPLETE' || r.status === 'FAILED')) return rows;
    await sleep(50);
  }
}

const body = (seed: number) => ({
  prompt: 'benchmark: mellow lo-fi beat with warm keys',
  duration_s: 15,
  seed,
});

const u = await user();
let workers: RunningProcess[] = [];
const latencies: number[] = [];
const throughput: { workers: number; jobsPerSec: number; wallSec: number }[] = [];
if (ENGINE_PARTS) {
  // (1) Latency, idle worker: one job at a time, the next after the previous finished.
  workers = await startWorkers(1);
  // Warm the worker's engine (soundfont load) so start latency measures the queue.
  await waitAll([(await u.post('/api/tracks', body(1))).json().job_id]);
  for (let i = 0; i < LATENCY_JOBS; i++) {
    const acceptedAt = Date.now();
    const res = await u.post('/api/tracks', body(100 + i));
    const id = res.json().job_id as string;
    const [row] = await waitAll([id]);
    latencies.push(row!.startedAt!.getTime() - acceptedAt);
  }
  for (const w of workers) await w.stop();

  // (2) Throughput with 1, 2, 4 worker processes.
  for (const n of [1, 2, 4]) {
    workers = await startWorkers(n);
    await waitAll([(await u.post('/api/tracks', body(7))).json().job_id]); // warm one engine
    const t0 = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < THROUGHPUT_JOBS; i++)
      ids.push((await u.post('/api/tracks', body(1000 + i))).json().job_id);
    const rows = await waitAll(ids);
    const wallSec = (Math.max(...rows.map((r) => r.finishedAt!.getTime())) - t0) / 1000;
    throughput.push({ workers: n, jobsPerSec: THROUGHPUT_JOBS / wallSec, wallSec });
    for (const w of workers) await w.stop();
  }
}

// (3) Through the fake provider: network-bound jobs, 8 at once per worker process.
const providerRuns: { workers: number; jobsPerSec: number; wallSec: number; failed: number }[] = [];
let seed = 10_000;
for (const n of [1, 2, 4]) {
  workers = await startWorkers(n, providerEnv);
  await waitAll([(await u.post('/api/tracks', body(seed++))).json().job_id]); // warm one worker
  const t0 = Date.now();
  const ids: string[] = [];
  for (let i = 0; i < PROVIDER_JOBS; i++) ids.push((await u.post('/api/tracks', body(seed++))).json().job_id);
  const rows = await waitAll(ids);
  const wallSec = (Math.max(...rows.map((r) => r.finishedAt!.getTime())) - t0) / 1000;
  providerRuns.push({
    workers: n,
    jobsPerSec: PROVIDER_JOBS / wallSec,
    wallSec,
    failed: rows.filter((r) => r.status === 'FAILED').length,
  });
  for (const w of workers) await w.stop();
}

// (4) A 429 window: every submit is refused with Retry-After until it ends.
workers = await startWorkers(2, providerEnv);
await waitAll([(await u.post('/api/tracks', body(seed++))).json().job_id]);
const WINDOW_MS = 4000;
const windowEnd = Date.now() + WINDOW_MS;
fal.faults.rateLimitedUntil = windowEnd;
const windowIds: string[] = [];
for (let i = 0; i < WINDOW_JOBS; i++)
  windowIds.push((await u.post('/api/tracks', body(seed++))).json().job_id);
const windowRows = await waitAll(windowIds);
const drainedAt = Math.max(...windowRows.map((r) => r.finishedAt!.getTime()));
const recovery = {
  drainSec: (drainedAt - windowEnd) / 1000,
  failed: windowRows.filter((r) => r.status === 'FAILED').length,
  // The same jobs' work without a window, from (3) with 2 workers: the floor for draining.
  baselineSec: WINDOW_JOBS / providerRuns.find((r) => r.workers === 2)!.jobsPerSec,
};
for (const w of workers) await w.stop();
await t.close();
await fal.close();

console.log(`\nQueue benchmark: BullMQ on Redis, PostgreSQL, ${cpus().length} cores\n`);
if (ENGINE_PARTS) {
  console.log(
    `API accept → worker start (${LATENCY_JOBS} jobs, idle worker): p50 ${pct(latencies, 50)} ms, p90 ${pct(latencies, 90)} ms, max ${Math.max(...latencies)} ms (target p50 < 50 ms)`,
  );
  console.log('\n| worker processes | jobs | wall s | jobs/s (15 s tracks, real engine) |');
  console.log('|---|---|---|---|');
  for (const r of throughput)
    console.log(
      `| ${r.workers} | ${THROUGHPUT_JOBS} | ${r.wallSec.toFixed(1)} | ${r.jobsPerSec.toFixed(2)} |`,
    );
}
console.log(
  `\n| worker processes (8 jobs each) | jobs | wall s | jobs/s via fake FAL (≈1 s at the provider, 2 s audio mastered) | × 1 process | failed |`,
);
console.log('|---|---|---|---|---|---|');
const base1 = providerRuns[0]!.jobsPerSec;
for (const r of providerRuns)
  console.log(
    `| ${r.workers} | ${PROVIDER_JOBS} | ${r.wallSec.toFixed(1)} | ${r.jobsPerSec.toFixed(2)} | ${(r.jobsPerSec / base1).toFixed(2)} | ${r.failed} |`,
  );
console.log(
  `\n429 window of ${WINDOW_MS / 1000} s over ${WINDOW_JOBS} jobs (2 worker processes): queue drained ${recovery.drainSec.toFixed(2)} s after the window ended ` +
    `(the same work without a window takes ≈${recovery.baselineSec.toFixed(2)} s: ratio ${(recovery.drainSec / recovery.baselineSec).toFixed(2)}); failed: ${recovery.failed}`,
);
console.log('\n(Timings from a machine shared with other work: compare ratios within one run.)');
