import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

// Real services for integration tests. CI (.ci/run) starts PostgreSQL and Redis;
// a suite that cannot reach them fails with a message saying how to start them.

export const TEST_PG_ADMIN_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const PG_HINT =
  'PostgreSQL is not reachable at ' +
  TEST_PG_ADMIN_URL +
  '. Start it (e.g. `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`) or set TEST_DATABASE_URL; `bash .ci/run` does this for you.';
const REDIS_HINT =
  'Redis is not reachable at ' +
  TEST_REDIS_URL +
  '. Start it (e.g. `redis-server --daemonize yes --port 6379 --save ""`) or set TEST_REDIS_URL; `bash .ci/run` does this for you.';

/** Creates a fresh, empty database for one test file; drop() removes it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sf_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(`${PG_HINT} (${(err as Error).message})`);
  }
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Checks Redis answers and returns a unique key prefix for isolation. */
export async function requireRedis(): Promise<void> {
  const r = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3000 });
  r.on('error', () => {});
  try {
    await r.connect();
    await r.ping();
  } catch (err) {
    throw new Error(`${REDIS_HINT} (${(err as Error).message})`);
  } finally {
    r.disconnect();
  }
}
