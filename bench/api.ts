// npm run bench:api — throughput and latency of the API on PostgreSQL against a
// bare Fastify route measured in the same run (DESIGN.md §6 targets:
// GET /api/tracks and GET /api/jobs/:id ≥ 0.4 × bare; POST /api/tracks p99 < 50 ms
// at 50 concurrent users). Server and load generator share this machine's cores.
// The repeated reads hit the API's read caches (as a polling client does); the
// "uncached" rows show the database path.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { cpus } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import Stripe from 'stripe';
import { checkContent } from '../server/src/services/content-policy.ts';
import { DEFAULT_PRICING, quotePacks } from '../server/src/services/pricing.ts';
import { freePort, REPO_ROOT } from '../server/test/server-process.ts';
import { createTestDatabase } from '../server/test/services.ts';
import { LocalStripe } from '../server/test/stripe-server.ts';
import { TRACK_BODY } from './api-body.ts';
import { openLoop } from './open-loop.ts';
import { sampleActivity } from './pg-activity.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const db = await createTestDatabase();
const [apiPort, barePort] = [await freePort(), await freePort()];
// Stripe's side is our local Stripe-protocol server (server/test/stripe-server.ts), in this process.
const STRIPE_KEY = 'sk_test_bench_0123456789';
const WHSEC = `whsec_bench_${process.pid}_0123456789abcdef`;
const stripe = new LocalStripe(STRIPE_KEY);
const stripeBase = await stripe.start();
// BENCH_SERVER_NODE_ARGS: extra node flags for the server process, e.g. `--cpu-prof` to profile it.
const serverNodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const child = spawn(process.execPath, [...serverNodeArgs, '--import', 'tsx', 'bench/api-server.ts'], {
  cwd: REPO_ROOT,
  env: {
    ...process.env,
    DATABASE_URL: db.url,
    // BENCH_POOL_MAX: the API's pool size for this run (default: the product's default, 10).
    DATABASE_POOL_MAX: process.env.BENCH_POOL_MAX ?? '10',
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `sfbench-${process.pid}`,
    PORT: String(apiPort),
    PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
    AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-01',
    // A load test is many requests from one address by design.
    RATE_LIMITS: 'false',
    LOG_LEVEL: 'silent',
    DATA_DIR: `/tmp/sf-bench-${process.pid}`,
    BENCH_API_PORT: String(apiPort),
    BENCH_BARE_PORT: String(barePort),
    STRIPE_SECRET_KEY: STRIPE_KEY,
    STRIPE_WEBHOOK_SECRET: WHSEC,
    STRIPE_API_BASE: stripeBase,
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
// A crash of this script must not leave the server process behind.
process.on('exit', () => child.kill('SIGTERM'));
const setup = await new Promise<{ readerCookie: string; jobId: string; writers: string[] }>(
  (resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.on('line', (line) => {
      if (line.startsWith('{"ready"')) resolve(JSON.parse(line));
    });
    child.once('exit', (code) => reject(new Error(`bench server exited ${code}`)));
  },
);

interface Row {
  name: string;
  /** The API process during the row: GC pauses and event-loop delay (bench/api-server.ts). */
  server?: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}
/** CPU milliseconds used so far by the API process and by every PostgreSQL and Redis process (/proc). */
function processCpu(serverPid: number): { server: number; postgres: number; redis: number } {
  const ms = (pid: string) => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  };
  const out = { server: 0, postgres: 0, redis: 0 };
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      if (Number(pid) === serverPid) out.server += ms(pid);
      else if (comm.startsWith('postgres')) out.postgres += ms(pid);
      else if (comm.startsWith('redis-server')) out.redis += ms(pid);
    } catch {
      // the process ended while we read it
    }
  }
  return out;
}
/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const CLOCK_TICKS = 100;

// BENCH_ONLY: a regular expression; only the rows whose name matches run (e.g. 'POST /api/tracks').
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
async function run(name: string, opts: autocannon.Options): Promise<Row | undefined> {
  if (only && !only.test(name)) return undefined;
  await serverStats(); // resets the counters
  const r = await autocannon({ duration: SECONDS, ...opts });
  return {
    name,
    server: await serverStats(),
    connections: opts.connections ?? 10,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
  };
}

const api = `http://127.0.0.1:${apiPort}`;
async function serverStats(): Promise<string> {
  const s = (await (await fetch(`http://127.0.0.1:${barePort}/bench-stats`)).json()) as {
    gc: { count: number; totalMs: number; maxMs: number; over10ms: number; majorMs: number; heapMB: number };
    loopDelayMs: { p99: number; max: number };
    handledMs: { p50: number; p99: number; max: number };
    dbMs: { p50: number; p99: number; max: number };
    queueMs: { p50: number; p99: number; max: number };
    checkoutMs: { p99: number; max: number };
  };
  const h = s.handledMs;
  const inServer =
    Number.isFinite(h.max) && h.max > 0
      ? `POST in server p50 ${h.p50} p99 ${h.p99} max ${h.max} ms (create statement p50 ${s.dbMs.p50} p99 ${s.dbMs.p99} max ${s.dbMs.max}, of which pool checkout p99 ${s.checkoutMs.p99} max ${s.checkoutMs.max}; enqueue p50 ${s.queueMs.p50} p99 ${s.queueMs.p99} max ${s.queueMs.max}); `
      : '';
  return `${inServer}GC ${s.gc.count}× ${s.gc.totalMs} ms (max ${s.gc.maxMs}, >10 ms: ${s.gc.over10ms}, mark-compact ${s.gc.majorMs} ms, heap ${s.gc.heapMB} MB); loop delay p99 ${s.loopDelayMs.p99} max ${s.loopDelayMs.max} ms`;
}
const rows: (Row | undefined)[] = [];
const auth = { cookie: setup.readerCookie };
for (const connections of [1, 50]) {
  rows.push(await run('bare Fastify GET /bare', { url: `http://127.0.0.1:${barePort}/bare`, connections }));
  rows.push(
    await run('GET /api/tracks (20 of 10 000)', {
      url: `${api}/api/tracks?limit=20`,
      connections,
      headers: auth,
    }),
  );
  rows.push(
    await run('GET /api/jobs/:id', { url: `${api}/api/jobs/${setup.jobId}`, connections, headers: auth }),
  );
  // The same page through the uncached path (a filter bypasses the library cache).
  rows.push(
    await run('GET /api/tracks?status=COMPLETE (uncached)', {
      url: `${api}/api/tracks?limit=20&status=COMPLETE`,
      connections,
      headers: auth,
    }),
  );
}
// 50 users at once, one connection each, each creating tracks: first as fast as they can (the
// machine's capacity; latency there is queueing: 50 / throughput), then at a stated pace.
let next = 0;
const createTracks = (opts: Partial<autocannon.Options>): autocannon.Options => ({
  url: `${api}/api/tracks`,
  connections: 50,
  requests: [
    {
      method: 'POST' as const,
      setupRequest: (req: autocannon.Request, context: unknown) => {
        const c = context as { cookie?: string };
        c.cookie ??= setup.writers[next++ % setup.writers.length]!;
        return {
          ...req,
          // Each request with its own Idempotency-Key, as the web app sends them.
          headers: {
            ...req.headers,
            cookie: c.cookie,
            origin: api,
            'content-type': 'application/json',
            'idempotency-key': randomUUID(),
          },
          // Prompt and lyrics long enough that the content policy has real work to do.
          body: TRACK_BODY,
        };
      },
    },
  ],
  ...opts,
});
const cpuBefore = processCpu(child.pid!);
const created = await run('POST /api/tracks (50 users, flat out)', createTracks({}));
const cpuAfter = processCpu(child.pid!);
rows.push(created);
// The product lets one user create at most 30 tracks a minute (rate limits); 4 a second per
// user is 8× that for all 50 at once. First in step (autocannon's clients fire together: a burst
// of 50 every 250 ms, the worst case), then as independent people do (random arrivals, open loop).
rows.push(await run('POST /api/tracks (50 users, 4/s each, in step)', createTracks({ connectionRate: 4 })));
const WARM_UP_SECONDS = 2;
const PACED = 'POST /api/tracks (50 users, 4/s each, random arrivals)';
if (!only || only.test(PACED)) {
  const keepAlive = new Agent({ keepAlive: true, maxSockets: 50 });
  // node:http with a keep-alive pool, not fetch: fetch costs the load generator several times
  // more CPU per request, and the generator's own stalls would count as the server's latency.
  const send = (user: number) =>
    new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${api}/api/tracks`,
        {
          method: 'POST',
          agent: keepAlive,
          headers: {
            cookie: setup.writers[user]!,
            origin: api,
            'content-type': 'application/json',
            'idempotency-key': randomUUID(),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(TRACK_BODY);
    });
  // A warm-up at the same pace, not counted: the row measures a running server, not its first
  // second (new keep-alive connections, sessions read into the cache, V8 compiling the path). In a
  // row run alone (BENCH_ONLY) that second held every request over 40 ms of the 10 s after it.
  await openLoop({ users: 50, ratePerUser: 4, seconds: WARM_UP_SECONDS, send, seed: 2 });
  await serverStats(); // resets the counters
  const clientDelay = monitorEventLoopDelay({ resolution: 5 });
  clientDelay.enable();
  const inPostgres = await sampleActivity({ url: db.url, statement: 'with u as' });
  const r = await openLoop({ users: 50, ratePerUser: 4, seconds: SECONDS, send });
  clientDelay.disable();
  const pgStates = (await inPostgres.stop()).slice(0, 4).join(', ');
  const server = `${await serverStats()}; load generator loop delay p99 ${Math.round(clientDelay.percentile(99) / 1e6)} max ${Math.round(clientDelay.max / 1e6)} ms; create statement inside PostgreSQL (mean backends): ${pgStates || 'none seen'}`;
  rows.push({ name: PACED, connections: 50, rps: r.rps, p50: r.p50, p99: r.p99, errors: r.errors, server });
}

// Checkout creation: a quote (pricing snapshot row) + a Checkout Session from Stripe's API.
let nextBuyer = 0;
rows.push(
  await run('POST /api/credits/checkout (10 users)', {
    url: `${api}/api/credits/checkout`,
    connections: 10,
    requests: [
      {
        method: 'POST',
        setupRequest: (req, context) => {
          const c = context as { cookie?: string };
          c.cookie ??= setup.writers[nextBuyer++ % setup.writers.length]!;
          return {
            ...req,
            headers: { ...req.headers, cookie: c.cookie, origin: api, 'content-type': 'application/json' },
            body: JSON.stringify({ pack_credits: 300 }),
          };
        },
      },
    ],
  }),
);

// Webhooks: each checkout made above paid once (verify signature, record event, PURCHASE row).
const signer = new Stripe(STRIPE_KEY);
const sign = (type: string, object: unknown) => {
  const payload = JSON.stringify({
    id: `evt_bench_${Math.random().toString(36).slice(2)}${Date.now()}`,
    object: 'event',
    type,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: { object },
  });
  return { payload, header: signer.webhooks.generateTestHeaderString({ payload, secret: WHSEC }) };
};
const paidEvents = [...stripe.sessions.keys()].map((id) =>
  sign('checkout.session.completed', stripe.paid(id)),
);
let nextEvent = 0;
const webhookRequest = (pick: () => { payload: string; header: string }) => [
  {
    method: 'POST' as const,
    setupRequest: (req: autocannon.Request) => {
      const e = pick();
      return {
        ...req,
        headers: { ...req.headers, 'content-type': 'application/json', 'stripe-signature': e.header },
        body: e.payload,
      };
    },
  },
];
// Webhook rows need the sessions the checkout row made.
const replay = paidEvents[0];
if (replay) {
  rows.push(
    await run(`POST /api/webhooks/stripe (${paidEvents.length} purchases)`, {
      url: `${api}/api/webhooks/stripe`,
      connections: 10,
      amount: paidEvents.length,
      requests: webhookRequest(() => paidEvents[nextEvent++ % paidEvents.length]!),
    }),
  );
  // The same delivery replayed (Stripe retries): verified, found, acknowledged.
  rows.push(
    await run('POST /api/webhooks/stripe (replays)', {
      url: `${api}/api/webhooks/stripe`,
      connections: 10,
      requests: webhookRequest(() => replay),
    }),
  );
}

child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
await db.drop();
await stripe.close();

const measured = rows.filter((r): r is Row => r !== undefined);
const bareAt = (c: number) =>
  measured.find((r) => r.name.startsWith('bare') && r.connections === c)?.rps ?? NaN;
console.log(
  `\nAPI benchmark on PostgreSQL, ${SECONDS} s per row (client and server share ${cpus().length} cores)\n`,
);
console.log('| route | conns | req/s | p50 ms | p99 ms | errors | ratio to bare |');
console.log('|---|---|---|---|---|---|---|');
for (const r of measured) {
  const ratio = r.name.startsWith('POST') ? '' : (r.rps / bareAt(r.connections)).toFixed(2);
  console.log(
    `| ${r.name} | ${r.connections} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.errors} | ${ratio} |`,
  );
}
console.log('\nAPI process during each row:');
for (const r of measured) if (r.server) console.log(`- ${r.name} (${r.connections}): ${r.server}`);
const paced = measured.find((r) => r.name === PACED);
if (paced && created) {
  console.log(
    `\nPOST /api/tracks p99 at 50 users, 4 tracks/s each, random arrivals (content policy on prompt + lyrics in the path): ` +
      `${paced.p99} ms (target < 50 ms); flat out: ${Math.round(created.rps)} req/s, p99 ${created.p99} ms`,
  );
  const n = created.rps * SECONDS;
  const per = (k: keyof typeof cpuAfter) => Math.round(((cpuAfter[k] - cpuBefore[k]) * 1000) / n);
  console.log(
    `CPU per POST /api/tracks (flat out, from /proc): API process ${per('server')} µs, PostgreSQL ${per('postgres')} µs, ` +
      `Redis ${per('redis')} µs (any other load on the machine counts too)`,
  );
}

// In-process cost of what POST /api/tracks and the packs page add: CPU per call, measured here
// after the HTTP rows (the same machine, no network), so it can be set against the p99 above.
const perCall = (n: number, f: () => unknown) => {
  for (let i = 0; i < 50; i++) f();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) f();
  return ((performance.now() - t0) / n) * 1000;
};
const longest = {
  prompt: 'warm analog synthwave at night, gated reverb drums, arpeggiated bass, neon city, slow build, '
    .repeat(11)
    .slice(0, 1000),
  lyrics: 'Driving through the neon rain, counting every light again\n'.repeat(60).slice(0, 3500),
};
const bodyFields = JSON.parse(TRACK_BODY) as { prompt: string; lyrics: string };
console.log(
  `content policy per request: ${perCall(300, () => checkContent(bodyFields)).toFixed(0)} µs (bench body), ` +
    `${perCall(200, () => checkContent(longest)).toFixed(0)} µs (1000-char prompt + 3500-char lyrics); ` +
    `pricing (3 packs): ${perCall(20_000, () => quotePacks(DEFAULT_PRICING, { pppBand: 'UMID', solidarityOptIn: true })).toFixed(1)} µs`,
);
