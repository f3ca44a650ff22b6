// Child process of bench/api.ts: the real API app on PostgreSQL (no job dispatch:
// accepted jobs stay QUEUED), seeded with 10 000 tracks for one user, plus a bare
// Fastify route on another port as the baseline. Prints one JSON line when ready.
import { createHistogram, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { buildApp } from '../server/src/api/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { users } from '../server/src/db/schema/index.ts';
import { openRuntime } from '../server/src/runtime.ts';
import { applyCreditChange } from '../server/src/services/credits.ts';

const config = loadConfig();
const rt = await openRuntime(config, { role: 'api', dispatch: false });
const app = await buildApp(rt);
const db = rt.database.db;
// Time each request spent inside this process (Fastify's elapsed time, first byte in to reply sent),
// so a row's client-side tail can be split into the server's part and the rest (scheduling, client).
const handled = createHistogram();
// And the two waits inside a POST: the create statement (PostgreSQL, commit included) and the
// enqueue (Redis), timed around the adapters the route calls. Timing only; nothing else changes.
const inDb = createHistogram();
const inQueue = createHistogram();
// The pool checkout alone (pg.Pool.query takes a client with connect() first): the part of the
// statement's wait spent queueing for one of DATABASE_POOL_MAX connections.
const inCheckout = createHistogram();
const since = (t0: number) => Math.max(1, Math.round((performance.now() - t0) * 1000));
const pool = (db as unknown as { $client: { query: (...a: unknown[]) => Promise<unknown> } }).$client;
const poolQuery = pool.query.bind(pool);
const poolWithConnect = pool as unknown as { connect: (cb?: (...r: unknown[]) => void) => unknown };
const poolConnect = poolWithConnect.connect.bind(pool);
poolWithConnect.connect = (cb?: (...r: unknown[]) => void) => {
  const t0 = performance.now();
  if (!cb) return poolConnect();
  return poolConnect((...r: unknown[]) => {
    inCheckout.record(since(t0));
    cb(...r);
  });
};
pool.query = async (...a: unknown[]) => {
  const named = (a[0] as { name?: string } | undefined)?.name === 'create_track';
  const t0 = performance.now();
  try {
    return await poolQuery(...a);
  } finally {
    if (named) inDb.record(since(t0));
  }
};
const enqueue = rt.queue.enqueue.bind(rt.queue);
rt.queue.enqueue = async (...a) => {
  const t0 = performance.now();
  try {
    return await enqueue(...a);
  } finally {
    inQueue.record(since(t0));
  }
};
app.addHook('onResponse', async (request, reply) => {
  if (request.method === 'POST') handled.record(Math.max(1, Math.round(reply.elapsedTime * 1000)));
});

async function signUp(email: string): Promise<{ id: string; cookie: string }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-up/email',
    headers: { origin: config.publicUrl },
    payload: { email, password: 'correct horse battery', name: 'bench' },
  });
  const cookie = ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .map((c) => c.split(';')[0])
    .join('; ');
  const id = res.json().user.id as string;
  await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } }); // onboarded
  await db.update(users).set({ plan: 'PRO' }).where(eq(users.id, id));
  await db.transaction((tx) =>
    applyCreditChange(tx, { userId: id, amount: 1_000_000, reason: 'ADJUSTMENT', meta: { bench: true } }),
  );
  return { id, cookie };
}

const reader = await signUp('reader@bench.local');
// 10 000 finished tracks with their jobs, spread over a year.
await db.execute(sql`
  insert into tracks (id, user_id, title, prompt, duration_s, genre, bpm, key, style_strength, seed, status, credits_required, created_at, updated_at)
  select gen_random_uuid(), ${reader.id}, 'Track ' || g, 'bench prompt number ' || g || ' lo-fi rainy piano', 30, 'lo-fi', 84, 'D minor', 0.5, g, 'COMPLETE', 1,
         now() - (g || ' minutes')::interval, now()
  from generate_series(1, 10000) g`);
await db.execute(sql`update users set track_count = 10000 where id = ${reader.id}`);
await db.execute(sql`
  insert into jobs (track_id, user_id, status, progress, attempts, created_at, updated_at)
  select id, user_id, 'COMPLETE', 100, 1, created_at, created_at from tracks where user_id = ${reader.id}`);
await db.execute(sql`analyze`);
const someJob = (await db.execute(
  sql`select id from jobs where user_id = ${reader.id} limit 1`,
)) as unknown as { rows: { id: string }[] } | { id: string }[];
const jobId = Array.isArray(someJob) ? someJob[0]!.id : someJob.rows[0]!.id;

const writers: string[] = [];
for (let i = 0; i < 50; i++) writers.push((await signUp(`writer${i}@bench.local`)).cookie);
// Writers are ENTERPRISE (no daily track cap), so a long run measures the API, not the plan limit.
await db.execute(sql`update users set plan = 'ENTERPRISE' where id <> ${reader.id}`);

await app.listen({ port: Number(process.env.BENCH_API_PORT), host: '127.0.0.1' });
const bare = Fastify();
bare.get('/bare', async () => ({ hello: 'world' }));
// Where a slow request's time went, per row: GC pauses and event-loop stalls in this process
// since the last call (the bench reads and resets them between rows).
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
let gc = { count: 0, totalMs: 0, maxMs: 0, over10ms: 0, majorMs: 0, heapMB: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gc.count++;
    gc.totalMs += e.duration;
    gc.maxMs = Math.max(gc.maxMs, e.duration);
    if (e.duration > 10) gc.over10ms++;
    // Mark-sweep-compact (kind 4) versus scavenges and incremental marking steps.
    if ((e as unknown as { detail?: { kind?: number } }).detail?.kind === 4) gc.majorMs += e.duration;
  }
}).observe({ entryTypes: ['gc'] });
const ms = (h: ReturnType<typeof createHistogram>, q: number) => Math.round(h.percentile(q) / 100) / 10;
bare.get('/bench-stats', async () => {
  const out = {
    gc: {
      ...gc,
      totalMs: Math.round(gc.totalMs),
      maxMs: Math.round(gc.maxMs),
      majorMs: Math.round(gc.majorMs),
      heapMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    },
    handledMs: {
      p50: Math.round(handled.percentile(50) / 100) / 10,
      p99: Math.round(handled.percentile(99) / 100) / 10,
      max: Math.round(handled.max / 100) / 10,
    },
    dbMs: { p50: ms(inDb, 50), p99: ms(inDb, 99), max: Math.round(inDb.max / 100) / 10 },
    queueMs: { p50: ms(inQueue, 50), p99: ms(inQueue, 99), max: Math.round(inQueue.max / 100) / 10 },
    checkoutMs: { p99: ms(inCheckout, 99), max: Math.round(inCheckout.max / 100) / 10 },
    loopDelayMs: {
      p99: Math.round(loopDelay.percentile(99) / 1e6),
      max: Math.round(loopDelay.max / 1e6),
    },
  };
  gc = { count: 0, totalMs: 0, maxMs: 0, over10ms: 0, majorMs: 0, heapMB: 0 };
  loopDelay.reset();
  handled.reset();
  inDb.reset();
  inQueue.reset();
  inCheckout.reset();
  return out;
});
await bare.listen({ port: Number(process.env.BENCH_BARE_PORT), host: '127.0.0.1' });

console.log(JSON.stringify({ ready: true, readerCookie: reader.cookie, jobId, writers }));
process.on('SIGTERM', async () => {
  await bare.close();
  await app.close();
  await rt.close();
  process.exit(0);
});
