import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('config', () => {
  it('embedded defaults with no environment at all', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database.kind).toBe('pglite');
    expect(c.queue.kind).toBe('embedded');
    expect(c.storage.driver).toBe('fs');
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.providers).toEqual(['local']);
    expect(c.credits).toMatchObject({ trialCredits: 400, freeDailyTrackLimit: 10, freeMaxDurationS: 60 });
  });

  it("outside production trusts the machine's own origins on its port; production only its list", () => {
    const dev = loadConfig({ PORT: '4100' });
    expect(dev.auth.trustedOrigins).toEqual([
      'http://localhost:4100',
      'http://127.0.0.1:4100',
      'http://[::1]:4100',
    ]);
    const prod = loadConfig({
      NODE_ENV: 'production',
      AUTH_SECRET: 'x'.repeat(40),
      PORT: '4100',
      PUBLIC_URL: 'https://sound.example',
      TRUSTED_ORIGINS: 'https://www.sound.example',
    });
    expect(prod.auth.trustedOrigins).toEqual(['https://sound.example', 'https://www.sound.example']);
  });

  it('production services from their variables', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      AUTH_SECRET: 'x'.repeat(40),
      DATABASE_URL: 'postgres://u@db:5432/sf',
      REDIS_URL: 'redis://r:6379',
      S3_BUCKET: 'b',
      S3_ENDPOINT: 'http://minio:9000',
      S3_ACCESS_KEY_ID: 'k',
      S3_SECRET_ACCESS_KEY: 's',
      WORKER_CONCURRENCY: '4',
    });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/sf', poolMax: 10 });
    expect(c.queue).toEqual({ kind: 'bullmq', redisUrl: 'redis://r:6379', prefix: 'sf' });
    expect(c.storage).toMatchObject({ driver: 's3', bucket: 'b', endpoint: 'http://minio:9000' });
    expect(c.worker.concurrency).toBe(4);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ WORKER_CONCURRENCY: '0' }, 'WORKER_CONCURRENCY'],
    [{ FREE_MAX_DURATION_S: '1000' }, 'FREE_MAX_DURATION_S'],
    [{ S3_ENDPOINT: 'http://minio:9000' }, 'S3_BUCKET'],
    [{ S3_BUCKET: 'b' }, 'S3_ACCESS_KEY_ID'],
    [{ NODE_ENV: 'production' }, 'AUTH_SECRET'],
    [{ AUTH_SECRET: 'short' }, 'AUTH_SECRET'],
    [{ MUSIC_PROVIDERS: 'local,suno' }, 'MUSIC_PROVIDERS'],
    [{ QUEUE_PREFIX: 'Bad Prefix!' }, 'QUEUE_PREFIX'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('refuses %o naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});
