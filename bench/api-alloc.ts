// npm run bench:api-alloc — heap allocated per POST /api/tracks, in process (app.inject on
// PostgreSQL + Redis, the bench body of bench:api), and which functions allocate it (V8's
// sampling heap profiler, objects collected by scavenges included). Allocation drives the
// young-generation GC that the latency tail pays for; unlike wall time, it does not change
// with the load other processes put on the machine, so it can be compared across runs.
import { randomUUID } from 'node:crypto';
import { Session } from 'node:inspector/promises';
import { eq } from 'drizzle-orm';
import { buildApp } from '../server/src/api/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { users } from '../server/src/db/schema/index.ts';
import { openRuntime } from '../server/src/runtime.ts';
import { applyCreditChange } from '../server/src/services/credits.ts';
import { createTestDatabase, TEST_REDIS_URL } from '../server/test/services.ts';
import { TRACK_BODY } from './api-body.ts';

const N = Number(process.env.BENCH_REQUESTS ?? 300);
const tdb = await createTestDatabase();
Object.assign(process.env, {
  DATABASE_URL: tdb.url,
  REDIS_URL: TEST_REDIS_URL,
  QUEUE_PREFIX: `sfalloc-${process.pid}`,
  PUBLIC_URL: 'http://127.0.0.1:9',
  AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-01',
  RATE_LIMITS: 'false',
  LOG_LEVEL: 'silent',
  DATA_DIR: `/tmp/sf-alloc-${process.pid}`,
});
const config = loadConfig();
const rt = await openRuntime(config, { role: 'api', dispatch: false });
const app = await buildApp(rt);
const signUp = await app.inject({
  method: 'POST',
  url: '/api/auth/sign-up/email',
  headers: { origin: config.publicUrl },
  payload: { email: 'alloc@bench.local', password: 'correct horse battery', name: 'bench' },
});
const cookie = ([] as string[])
  .concat(signUp.headers['set-cookie'] ?? [])
  .map((c) => c.split(';')[0])
  .join('; ');
const userId = signUp.json().user.id as string;
await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } }); // onboarded
await rt.database.db.update(users).set({ plan: 'ENTERPRISE' }).where(eq(users.id, userId));
await rt.database.db.transaction((tx) =>
  applyCreditChange(tx, { userId, amount: 1_000_000, reason: 'ADJUSTMENT', meta: { bench: true } }),
);
const headers = { cookie, origin: config.publicUrl, 'content-type': 'application/json' };
// Each request with its own Idempotency-Key, as the web app sends them.
const post = () =>
  app.inject({
    method: 'POST',
    url: '/api/tracks',
    headers: { ...headers, 'idempotency-key': randomUUID() },
    payload: TRACK_BODY,
  });
const health = () => app.inject({ method: 'GET', url: '/health' });
for (let i = 0; i < 100; i++)
  if ((await post()).statusCode !== 201) throw new Error('POST /api/tracks failed');

const session = new Session();
session.connect();
await session.post('HeapProfiler.enable');
interface Node {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: Node[];
}
async function sampled(run: () => Promise<unknown>): Promise<Map<string, number>> {
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 512,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (let i = 0; i < N; i++) await run();
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as {
    profile: { head: Node };
  };
  const bytes = new Map<string, number>();
  const walk = (n: Node) => {
    const f = n.callFrame;
    const where = f.url
      .replace(/^.*node_modules\//, '')
      .replace(/^file:\/\/.*?\/(server|contract|engine)\//, '$1/');
    const name = `${f.functionName || '(anonymous)'} ${where ? `${where}:${f.lineNumber + 1}` : '(native)'}`;
    bytes.set(name, (bytes.get(name) ?? 0) + n.selfSize);
    for (const c of n.children) walk(c);
  };
  walk(profile.head);
  return bytes;
}
const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0) / N;
const baseline = await sampled(health);
const posts = await sampled(post);
console.log(
  `\nHeap allocated per request (sampled, ${N} requests each, in process):\n` +
    `- GET /health (inject and Fastify's own cost): ${(total(baseline) / 1024).toFixed(1)} KiB\n` +
    `- POST /api/tracks: ${(total(posts) / 1024).toFixed(1)} KiB\n\nTop allocators in POST /api/tracks (KiB per request):`,
);
for (const [name, b] of [...posts.entries()].sort((a, z) => z[1] - a[1]).slice(0, 15))
  console.log(`  ${(b / N / 1024).toFixed(1).padStart(6)}  ${name}`);
await app.close();
await rt.close();
await tdb.drop();
process.exit(0);
