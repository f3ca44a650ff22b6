import { eq } from 'drizzle-orm';
import { buildApp } from '../server/src/api/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { users } from '../server/src/db/schema/index.ts';
import { openRuntime } from '../server/src/runtime.ts';
import { applyCreditChange } from '../server/src/services/credits.ts';
import { createTestDatabase } from '../server/test/services.ts';
const tdb = await createTestDatabase();
process.env.DATABASE_URL = tdb.url;
process.env.REDIS_URL = 'redis://127.0.0.1:6379';
process.env.QUEUE_PREFIX = 'sfalloc';
process.env.PUBLIC_URL = 'http://127.0.0.1:9999';
process.env.AUTH_SECRET = 'bench-secret-bench-secret-bench-secret-01';
process.env.RATE_LIMITS = 'false';
process.env.LOG_LEVEL = 'silent';
process.env.DATA_DIR = '/tmp/sf-alloc';
const config = loadConfig();
const rt = await openRuntime(config, { role: 'api', dispatch: false });
const app = await buildApp(rt);
const db = rt.database.db;
const res = await app.inject({ method: 'POST', url: '/api/auth/sign-up/email', headers: { origin: config.publicUrl },
  payload: { email: 'a@b.local', password: 'correct horse battery', name: 'x' } });
const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
const id = res.json().user.id;
await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
await db.update(users).set({ plan: 'ENTERPRISE' }).where(eq(users.id, id));
await db.transaction((tx) => applyCreditChange(tx, { userId: id, amount: 1_000_000, reason: 'ADJUSTMENT', meta: {} }));
const payload = JSON.stringify({
  prompt: 'benchmark: warm analog synthwave at night, gated reverb drums, arpeggiated bass, neon city, slow build, soaring lead in the last chorus, cassette saturation, 1986 movie soundtrack feel',
  duration_s: 30, has_vocals: true, lyrics: 'Driving through the neon rain, counting every light again\n'.repeat(8) });
const post = () => app.inject({ method: 'POST', url: '/api/tracks', headers: { cookie, origin: config.publicUrl, 'content-type': 'application/json' }, payload });
const get = () => app.inject({ method: 'GET', url: '/health' });
async function measure(name: string, n: number, f: () => Promise<unknown>) {
  for (let i = 0; i < 50; i++) await f();
  (globalThis as any).gc();
  const h0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await f();
  const t1 = performance.now();
  const h1 = process.memoryUsage().heapUsed;
  console.log(name, Math.round((h1 - h0) / n), 'B/req', ((t1 - t0) / n).toFixed(2), 'ms/req');
}
const r = await post(); console.log(r.statusCode, r.body.slice(0, 200));
await measure('GET /health', 300, get);
await measure('POST /api/tracks', 300, post);
import { Session } from 'node:inspector/promises';
const ses = new Session(); ses.connect();
await ses.post('HeapProfiler.enable');
await ses.post('HeapProfiler.startSampling', { samplingInterval: 256, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as any);
for (let i = 0; i < 300; i++) await post();
const { profile } = (await ses.post('HeapProfiler.stopSampling')) as any;
// aggregate self size by function+url
const agg = new Map<string, number>();
let total = 0;
const walk = (n: any, stack: string[]) => {
  const fr = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*node_modules\//, '').replace('file:///work/wt/api/', '')}:${n.callFrame.lineNumber}`;
  total += n.selfSize;
  // attribute to the first frame in our code or a package
  const s2 = [...stack, fr];
  const key = s2.filter((f) => /node_modules|server\/src|contract/.test(f)).slice(-1)[0] ?? fr;
  const pkgKey = (s2.find((f) => /^\S+ (@?[a-z0-9-]+)/.test(f) && /(fastify|zod|drizzle|postgres|pg|ioredis|bullmq|obscenity|better-auth|light-my-request)/.test(f)) ?? '').split(' ')[1]?.split('/').slice(0,2).join('/') ?? '';
  agg.set(fr, (agg.get(fr) ?? 0) + n.selfSize);
  for (const c of n.children) walk(c, s2);
};
walk(profile.head, []);
console.log('sampled total per req', Math.round(total / 300));
const top = [...agg.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40);
for (const [k, v] of top) console.log(Math.round(v / 300), k);
await app.close(); await rt.close(); await tdb.drop(); process.exit(0);
