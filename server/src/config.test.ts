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
    expect(c.database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@db:5432/sf',
      poolMax: 10,
      queryTimeoutMs: 20_000,
    });
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
    [{ MARGIN_CAP: '1.5' }, 'MARGIN_CAP'],
    [{ MARGIN_CAP: '0.12345' }, 'MARGIN_CAP'],
    [{ MODEL_COST_PER_MIN_USD: '0.1234567' }, 'MODEL_COST_PER_MIN_USD'],
    [{ INFRA_COST_PER_MIN_USD: '-1' }, 'INFRA_COST_PER_MIN_USD'],
    [{ CREDIT_PACKS: '300,lots' }, 'CREDIT_PACKS'],
    [{ CREDIT_PACKS: '0,300' }, 'CREDIT_PACKS'],
    [{ STRIPE_SECRET_KEY: 'sk_test_x' }, 'STRIPE_WEBHOOK_SECRET'],
    [{ OPERATOR_TOKEN: 'short' }, 'OPERATOR_TOKEN'],
    // Under 4 days a completion Stripe still retries could find its held refund gone.
    [{ STRIPE_PENDING_RETENTION_DAYS: '3' }, 'STRIPE_PENDING_RETENTION_DAYS'],
    [{ COUNTRY_HEADER: 'CF-IPCountry' }, 'TRUSTED_PROXIES'],
  ])('refuses %o naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('prices, packs, the country header and Stripe from their variables', () => {
    const c = loadConfig({
      MODEL_COST_PER_MIN_USD: '0.2',
      MARGIN_CAP: '0.1',
      CREDIT_PACKS: '2000, 300,700',
      COUNTRY_HEADER: 'CF-IPCountry',
      TRUSTED_PROXIES: '10.0.0.0/8',
      STRIPE_SECRET_KEY: 'sk_test_x',
      STRIPE_WEBHOOK_SECRET: 'whsec_x',
      STRIPE_API_BASE: 'http://127.0.0.1:12111',
    });
    expect(c.pricing).toEqual({
      modelCostPerMinMicroUsd: 200_000,
      infraCostPerMinMicroUsd: 50_000,
      overheadPerMinMicroUsd: 20_000,
      marginCapBp: 1000,
      packs: [300, 700, 2000],
    });
    expect(c.countryHeader).toBe('cf-ipcountry');
    expect(c.stripe).toEqual({
      secretKey: 'sk_test_x',
      webhookSecret: 'whsec_x',
      apiBase: 'http://127.0.0.1:12111',
    });
    expect(loadConfig({}).stripe).toBeNull();
    expect(loadConfig({}).credits.stripePendingRetentionDays).toBe(30);
    expect(loadConfig({ STRIPE_PENDING_RETENTION_DAYS: '90' }).credits.stripePendingRetentionDays).toBe(90);
  });

  it('provider result hosts: the CDNs by default, a lower-cased list when set', () => {
    const c = loadConfig({});
    expect(c.remote.fal.resultHosts).toEqual(['fal.media', '*.fal.media']);
    expect(c.remote.replicate.resultHosts).toEqual(['replicate.delivery', '*.replicate.delivery']);
    const set = loadConfig({
      FAL_RESULT_HOSTS: ' CDN.Example , 127.0.0.1:9000',
      REPLICATE_RESULT_HOSTS: 'x.example',
    });
    expect(set.remote.fal.resultHosts).toEqual(['cdn.example', '127.0.0.1:9000']);
    expect(set.remote.replicate.resultHosts).toEqual(['x.example']);
  });
});
