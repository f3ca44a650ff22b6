// npm run bench:queue — production-mode queue on real PostgreSQL + Redis:
// (1) API accept → worker start latency (target p50 < 50 ms) with an idle worker,
// (2) jobs/s with 1, 2 and 4 worker processes rendering real 15 s tracks with the
//     local engine (on this 2-core machine the CPU, not the queue, is the ceiling).
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { eq, inArray } from 'drizzle-orm';
import { jobs, users } from '../server/src/db/schema/index.ts';
import { applyCreditChange } from '../server/src/services/credits.ts';
import { signUp, startTestApp, type TestUser } from '../server/test/harness.ts';
import { type RunningProcess, startNodeProcess } from '../server/test/server-process.ts';
import { requireRedis, TEST_REDIS_URL } from '../server/test/services.ts';

const LATENCY_JOBS = Number(process.env.BENCH_LATENCY_JOBS ?? 15);
const THROUGHPUT_JOBS = Number(process.env.BENCH_THROUGHPUT_JOBS ?? 12);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

await requireRedis();
const prefix = `sfbench-${randomBytes(4).toString('hex')}`;
const t = await startTestApp({
  db: 'postgres',
  env: { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, JOB_LEASE_SEC: '30' },
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

async function startWorkers(n: number): Promise<RunningProcess[]> {
  const ws = Array.from({ length: n }, () => startNodeProcess('server/src/worker/main.ts', env));
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

// (1) Latency, idle worker: one job at a time, the next after the previous finished.
const u = await user();
let workers = await startWorkers(1);
// Warm the worker's engine (soundfont load) so start latency measures the queue.
await waitAll([(await u.post('/api/tracks', body(1))).json().job_id]);
const latencies: number[] = [];
for (let i = 0; i < LATENCY_JOBS; i++) {
  const acceptedAt = Date.now();
  const res = await u.post('/api/tracks', body(100 + i));
  const id = res.json().job_id as string;
  const [row] = await waitAll([id]);
  latencies.push(row!.startedAt!.getTime() - acceptedAt);
}
for (const w of workers) await w.stop();

// (2) Throughput with 1, 2, 4 worker processes.
const throughput: { workers: number; jobsPerSec: number; wallSec: number }[] = [];
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
await t.close();

console.log(`\nQueue benchmark: BullMQ on Redis, PostgreSQL, ${cpus().length} cores\n`);
console.log(
  `API accept → worker start (${LATENCY_JOBS} jobs, idle worker): p50 ${pct(latencies, 50)} ms, p90 ${pct(latencies, 90)} ms, max ${Math.max(...latencies)} ms (target p50 < 50 ms)`,
);
console.log('\n| worker processes | jobs | wall s | jobs/s (15 s tracks, real engine) |');
console.log('|---|---|---|---|');
for (const r of throughput)
  console.log(`| ${r.workers} | ${THROUGHPUT_JOBS} | ${r.wallSec.toFixed(1)} | ${r.jobsPerSec.toFixed(2)} |`);
