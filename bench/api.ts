// npm run bench:api — throughput and latency of the API on PostgreSQL against a
// bare Fastify route measured in the same run (DESIGN.md §6 targets:
// GET /api/tracks and GET /api/jobs/:id ≥ 0.4 × bare; POST /api/tracks p99 < 50 ms
// at 50 concurrent users). Server and load generator share this machine's cores.
// The repeated reads hit the API's read caches (as a polling client does); the
// "uncached" rows show the database path.
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { freePort, REPO_ROOT } from '../server/test/server-process.ts';
import { createTestDatabase } from '../server/test/services.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const db = await createTestDatabase();
const [apiPort, barePort] = [await freePort(), await freePort()];
const child = spawn(process.execPath, ['--import', 'tsx', 'bench/api-server.ts'], {
  cwd: REPO_ROOT,
  env: {
    ...process.env,
    DATABASE_URL: db.url,
    DATABASE_POOL_MAX: '10',
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
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
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
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}
async function run(name: string, opts: autocannon.Options): Promise<Row> {
  const r = await autocannon({ duration: SECONDS, ...opts });
  return {
    name,
    connections: opts.connections ?? 10,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
  };
}

const api = `http://127.0.0.1:${apiPort}`;
const rows: Row[] = [];
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
// 50 users at once, one connection each, each creating tracks.
let next = 0;
rows.push(
  await run('POST /api/tracks (50 users)', {
    url: `${api}/api/tracks`,
    connections: 50,
    requests: [
      {
        method: 'POST',
        setupRequest: (req, context) => {
          const c = context as { cookie?: string };
          c.cookie ??= setup.writers[next++ % setup.writers.length]!;
          return {
            ...req,
            headers: {
              ...req.headers,
              cookie: c.cookie,
              origin: api,
              'content-type': 'application/json',
            },
            body: JSON.stringify({ prompt: 'benchmark: warm analog synthwave at night', duration_s: 30 }),
          };
        },
      },
    ],
  }),
);

child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
await db.drop();

const bareAt = (c: number) => rows.find((r) => r.name.startsWith('bare') && r.connections === c)!.rps;
console.log(
  `\nAPI benchmark on PostgreSQL, ${SECONDS} s per row (client and server share ${cpus().length} cores)\n`,
);
console.log('| route | conns | req/s | p50 ms | p99 ms | errors | ratio to bare |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) {
  const ratio = r.name.startsWith('POST') ? '' : (r.rps / bareAt(r.connections)).toFixed(2);
  console.log(
    `| ${r.name} | ${r.connections} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.errors} | ${ratio} |`,
  );
}
const post = rows.at(-1)!;
console.log(`\nPOST /api/tracks p99 at 50 users: ${post.p99} ms (target < 50 ms)`);
