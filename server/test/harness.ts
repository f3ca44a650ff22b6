import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isFinalStatus } from '@soundfoundry/contract';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/api/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { openRuntime, type Runtime } from '../src/runtime.ts';
import { createTestDatabase, TEST_REDIS_URL } from './services.ts';

export type DbKind = 'pglite' | 'postgres';

export interface TestApp {
  rt: Runtime;
  app: FastifyInstance;
  config: Config;
  close(): Promise<void>;
}

/**
 * The real app on a fresh database: PGlite in memory, or a fresh PostgreSQL
 * database, with the real migrations. `dispatch: false` keeps accepted jobs QUEUED.
 */
export async function startTestApp(
  opts: {
    db: DbKind;
    dispatch?: boolean;
    env?: Record<string, string>;
    /** Receives the runtime's (jobs, providers) log records. */
    logger?: NonNullable<Parameters<typeof openRuntime>[1]['logger']>;
  } = { db: 'pglite' },
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sf-data-'));
  const pgdb = opts.db === 'postgres' ? await createTestDatabase() : null;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
    PUBLIC_URL: 'http://localhost:3000',
    // Suites sign many users up from one address; the rate-limit suites turn them on.
    RATE_LIMITS: 'false',
    // PostgreSQL goes with Redis (the production mode; config.ts deploymentOf refuses one without
    // the other); a fresh prefix keeps each test app's queue to itself.
    ...(pgdb
      ? {
          DATABASE_URL: pgdb.url,
          DATABASE_POOL_MAX: '20',
          REDIS_URL: TEST_REDIS_URL,
          QUEUE_PREFIX: `sftest-${randomBytes(4).toString('hex')}`,
        }
      : {}),
    ...opts.env,
  });
  if (config.database.kind === 'pglite') config.database = { kind: 'pglite', dataDir: 'memory://' };
  const rt = await openRuntime(config, {
    role: 'api',
    dispatch: opts.dispatch ?? false,
    logger: opts.logger,
  });
  const app = await buildApp(rt);
  await app.ready();
  return {
    rt,
    app,
    config,
    async close() {
      await app.close();
      await rt.close();
      await pgdb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Another API process of a production-mode TestApp: its own runtime and app (own caches, own
 * in-process state) on the same PostgreSQL database and Redis prefix. Closing it leaves the
 * first app's database alone.
 */
export async function startPeerApp(t: TestApp): Promise<TestApp> {
  if (t.config.database.kind !== 'postgres') throw new Error('a peer process needs a postgres TestApp');
  const rt = await openRuntime(t.config, { role: 'api', dispatch: false, migrate: false });
  const app = await buildApp(rt);
  await app.ready();
  return {
    rt,
    app,
    config: t.config,
    async close() {
      await app.close();
      await rt.close();
    },
  };
}

/**
 * The environment a worker process (`npm run worker`, a real child process) needs to join a
 * production-mode TestApp: its database, Redis queue prefix, object store and secret.
 */
export function workerEnvOf(t: TestApp): Record<string, string> {
  if (t.config.database.kind !== 'postgres' || t.config.queue.kind !== 'bullmq')
    throw new Error('a worker process needs a postgres TestApp');
  return {
    DATABASE_URL: t.config.database.url,
    REDIS_URL: t.config.queue.redisUrl,
    QUEUE_PREFIX: t.config.queue.prefix,
    DATA_DIR: t.config.dataDir, // the fs object store, shared with the API process
    AUTH_SECRET: t.config.auth.secret,
    PUBLIC_URL: t.config.publicUrl,
  };
}

/** A signed-in user of a TestApp: injects requests with its session cookie. */
export class TestUser {
  constructor(
    readonly t: TestApp,
    readonly id: string,
    readonly email: string,
    private readonly cookie: string,
  ) {}

  /** The same session, sending its requests to another process (startPeerApp). */
  on(other: TestApp): TestUser {
    return new TestUser(other, this.id, this.email, this.cookie);
  }

  request(opts: InjectOptions): Promise<LightMyRequestResponse> {
    return this.t.app.inject({
      ...opts,
      headers: { cookie: this.cookie, origin: 'http://localhost:3000', ...(opts.headers ?? {}) },
    });
  }
  get(url: string) {
    return this.request({ method: 'GET', url });
  }
  /** Sends `payload` as a JSON body, whatever its type (a string becomes a JSON string). */
  post(url: string, payload?: unknown, headers?: Record<string, string>) {
    const j = json(payload);
    return this.request({ method: 'POST', url, payload: j.payload, headers: { ...j.headers, ...headers } });
  }
  patch(url: string, payload?: unknown) {
    return this.request({ method: 'PATCH', url, ...json(payload) });
  }
  delete(url: string) {
    return this.request({ method: 'DELETE', url });
  }
}

function json(payload: unknown): Pick<InjectOptions, 'payload' | 'headers'> {
  if (payload === undefined) return {};
  return { payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } };
}

let counter = 0;
export async function signUp(
  t: TestApp,
  email = `user${Date.now()}-${counter++}@example.com`,
): Promise<TestUser> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-up/email',
    headers: { origin: 'http://localhost:3000', 'content-type': 'application/json' },
    payload: { email, password: 'correct horse battery', name: email.split('@')[0] },
  });
  if (res.statusCode !== 200) throw new Error(`sign-up failed: ${res.statusCode} ${res.body}`);
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = cookies.map((c) => c.split(';')[0]).join('; ');
  const id = (res.json() as { user: { id: string } }).user.id;
  return new TestUser(t, id, email, cookie);
}

export const validTrack = (over: Record<string, unknown> = {}) => ({
  prompt: 'dusty lo-fi hip hop, rainy night, Rhodes piano',
  duration_s: 30,
  ...over,
});

/** Polls a job until it is final: COMPLETE, FAILED or CANCELLED (or the timeout passes). */
export async function waitForJob(u: TestUser, jobId: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = (await u.get(`/api/jobs/${jobId}`)).json() as {
      status: string;
      progress: number;
      error: string | null;
    };
    if (isFinalStatus(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** The path and query of a signed URL, to inject it into the same app. */
export function pathOf(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

/**
 * Polls `fn` until it gives something truthy (returned), every `everyMs`; throws "timed out: what"
 * once `ms` have passed. For waiting on other processes (workers, the queue), never as a timing check.
 */
export async function until<T>(
  fn: () => Promise<T | null | undefined | false>,
  ms: number,
  what: string,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
