import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_REDIS_URL } from '../test/services.ts';
import { ConfigError, deploymentOf, loadConfig } from './config.ts';
import { openRuntime } from './runtime.ts';
import { jobConcurrency } from './worker/concurrency.ts';

// The deployment mode is one decision; the mixtures that cannot work are refused
// before anything starts, by the composition root itself, with a message.

const dataDir = mkdtempSync(join(tmpdir(), 'sf-mode-'));
const base = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' as const, NODE_ENV: 'test' };
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('deployment mode', () => {
  it('the two modes that work', () => {
    expect(deploymentOf(loadConfig(base)).kind).toBe('embedded');
    expect(
      deploymentOf(loadConfig({ ...base, DATABASE_URL: 'postgres://x/y', REDIS_URL: 'redis://r:6379' })).kind,
    ).toBe('production');
  });

  it('PGlite + REDIS_URL is refused at start: jobs queued in Redis would never run', async () => {
    const config = loadConfig({ ...base, REDIS_URL: TEST_REDIS_URL });
    expect(() => deploymentOf(config)).toThrow(ConfigError);
    await expect(openRuntime(config, { role: 'api' })).rejects.toThrow(
      /REDIS_URL is set but DATABASE_URL is not/,
    );
  });

  it('PostgreSQL without Redis is refused at start: API processes would take over each other’s jobs', async () => {
    const pg = await createTestDatabase();
    try {
      const config = loadConfig({ ...base, DATABASE_URL: pg.url });
      await expect(openRuntime(config, { role: 'api' })).rejects.toThrow(
        /DATABASE_URL is set but REDIS_URL is not/,
      );
      await expect(openRuntime(config, { role: 'worker' })).rejects.toThrow(ConfigError);
    } finally {
      await pg.drop();
    }
  });

  it('a worker process in the embedded mode is refused', async () => {
    await expect(openRuntime(loadConfig(base), { role: 'worker' })).rejects.toThrow(
      /embedded mode runs jobs inside `npm start`/,
    );
  });
});

describe('WORKER_CONCURRENCY', () => {
  const cfg = (concurrency: number, providers: string[]) => ({
    worker: {
      concurrency,
      leaseSec: 30,
      maxAttempts: 3,
      retryBaseMs: 1,
      retryMaxMs: 1,
      shutdownGraceSec: 25,
      maxInterruptions: 5,
    },
    providers,
  });
  it('remote providers: N jobs at once, no engine thread', () => {
    expect(jobConcurrency(cfg(8, ['fal', 'replicate']), 2)).toEqual({ jobs: 8, localEngines: 0 });
  });
  it('local: one engine per concurrent render, up to the cores, capped with a note', () => {
    expect(jobConcurrency(cfg(2, ['local']), 2)).toEqual({ jobs: 2, localEngines: 2 });
    const capped = jobConcurrency(cfg(8, ['fal', 'local']), 2);
    expect(capped).toMatchObject({ jobs: 8, localEngines: 2 });
    expect(capped.note).toMatch(/capped at 2 engine thread/);
  });
});
