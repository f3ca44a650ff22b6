import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

// The only reader of process.env. Every setting is parsed once, here; a wrong value
// stops start-up with a message naming the variable.

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(0, 65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  DATABASE_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  DATABASE_POOL_MAX: int(1, 200).default(10),
  REDIS_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,32}$/, 'lower-case letters, digits, _ and - (1–32)')
    .default('sf'),
  WORKER_CONCURRENCY: int(1, 64).default(1),
  JOB_LEASE_SEC: int(5, 3600).default(30),
  WORKER_METRICS_PORT: z.preprocess(emptyToUndefined, int(1, 65535).optional()),
  JOB_MAX_ATTEMPTS: int(1, 10).default(3),

  S3_ENDPOINT: z.preprocess(emptyToUndefined, z.url().optional()),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.preprocess(emptyToUndefined, z.string().optional()),
  S3_ACCESS_KEY_ID: z.preprocess(emptyToUndefined, z.string().optional()),
  S3_SECRET_ACCESS_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
  S3_FORCE_PATH_STYLE: bool.default(true),
  SIGNED_URL_TTL_SEC: int(60, 7 * 24 * 3600).default(3600),

  AUTH_SECRET: z.preprocess(emptyToUndefined, z.string().min(32).optional()),
  TRUSTED_ORIGINS: z.string().default(''),

  MUSIC_PROVIDERS: z.string().default('local'),

  TRIAL_CREDITS: int(0, 1_000_000).default(400),
  TRIAL_DAYS: int(0, 3650).default(30),
  FREE_DAILY_TRACK_LIMIT: int(0, 10_000).default(10),
  FREE_MAX_DURATION_S: int(15, 240).default(60),
  QUALITY_REFUND_DAYS: int(0, 365).default(14),

  BODY_LIMIT_BYTES: int(1024, 10 * 1024 * 1024).default(256 * 1024),

  ANALYSIS_MAX_DECODED_MB: int(16, 1024).default(384),
  TRUSTED_PROXIES: z.string().default(''),
  METRICS_TOKEN: z.preprocess(emptyToUndefined, z.string().min(16).optional()),
  RATE_LIMITS: bool.default(true),
  REQUEST_TIMEOUT_MS: int(1000, 3_600_000).default(120_000),
  HEADERS_TIMEOUT_MS: int(1000, 600_000).default(15_000),
  KEEP_ALIVE_TIMEOUT_MS: int(100, 600_000).default(5_000),
  EXTERNAL_CALL_TIMEOUT_MS: int(100, 120_000).default(3_000),
  DATABASE_QUERY_TIMEOUT_MS: int(500, 600_000).default(20_000),
  UPLOAD_LIMIT_BYTES: int(1024, 500 * 1024 * 1024).default(50 * 1024 * 1024),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  isProduction: boolean;
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  logLevel: Env['LOG_LEVEL'];
  database:
    | { kind: 'pglite'; dataDir: string }
    | { kind: 'postgres'; url: string; poolMax: number; queryTimeoutMs?: number };
  queue: { kind: 'embedded' } | { kind: 'bullmq'; redisUrl: string; prefix: string };
  worker: { concurrency: number; leaseSec: number; maxAttempts: number; metricsPort?: number };
  storage:
    | { driver: 'fs'; rootDir: string }
    | {
        driver: 's3';
        endpoint?: string;
        region: string;
        bucket: string;
        accessKeyId: string;
        secretAccessKey: string;
        forcePathStyle: boolean;
      };
  signedUrlTtlSec: number;
  auth: { secret: string; trustedOrigins: string[] };
  providers: string[];
  credits: {
    trialCredits: number;
    trialDays: number;
    freeDailyTrackLimit: number;
    freeMaxDurationS: number;
    qualityRefundDays: number;
  };
  limits: {
    bodyBytes: number;
    uploadBytes: number;
    /** Most decoded PCM (float, all channels) an upload's analysis may hold. */
    analysisDecodedBytes: number;
  };
  security: {
    /** Peers whose X-Forwarded-For is believed (CIDRs or addresses); empty: none. */
    trustedProxies: string[];
    /** Bearer token /metrics requires; without it /metrics answers only loopback peers outside production. */
    metricsToken?: string;
    /** Per-address and per-account request limits (DESIGN §4). Off only for load tests. */
    rateLimits: boolean;
    /** HSTS is sent when PUBLIC_URL is https in production. */
    hsts: boolean;
  };
  timeouts: {
    /** Whole request (headers + body) from the client; SSE responses are not limited by it. */
    requestMs: number;
    headersMs: number;
    keepAliveMs: number;
    /** Any single call to Redis (enqueue, ping, limiter) before we give up on it. */
    externalCallMs: number;
  };
}

/** An IPv4/IPv6 address, optionally with a /prefix length in range. */
export function isIpOrCidr(value: string): boolean {
  const [addr, bits, extra] = value.split('/');
  if (extra !== undefined || !addr) return false;
  const family = isIP(addr);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parse a config from an env-like record. Throws ConfigError naming every bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  const dataDir = resolve(e.DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');

  if (e.S3_BUCKET === undefined && (e.S3_ENDPOINT || e.S3_ACCESS_KEY_ID)) {
    throw new ConfigError(
      'Invalid configuration:\n  S3_BUCKET: required when S3_ENDPOINT or S3_ACCESS_KEY_ID is set',
    );
  }
  if (e.S3_BUCKET !== undefined && (!e.S3_ACCESS_KEY_ID || !e.S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError(
      'Invalid configuration:\n  S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY: required when S3_BUCKET is set',
    );
  }
  if (isProduction && !e.AUTH_SECRET) {
    throw new ConfigError('Invalid configuration:\n  AUTH_SECRET: required in production (32+ characters)');
  }
  const providers = e.MUSIC_PROVIDERS.split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const unknown = providers.filter((p) => !['local', 'fal', 'replicate'].includes(p));
  if (unknown.length > 0 || providers.length === 0) {
    throw new ConfigError(
      `Invalid configuration:\n  MUSIC_PROVIDERS: unknown provider(s) ${unknown.join(', ') || '(none given)'}; use local, fal, replicate`,
    );
  }

  const trustedProxies = e.TRUSTED_PROXIES.split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const badProxy = trustedProxies.find((p) => !isIpOrCidr(p));
  if (badProxy !== undefined) {
    throw new ConfigError(
      `Invalid configuration:\n  TRUSTED_PROXIES: "${badProxy}" is not an IP address or CIDR (e.g. 10.0.0.0/8,::1)`,
    );
  }

  return {
    env: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    dataDir,
    logLevel: e.LOG_LEVEL,
    database: e.DATABASE_URL
      ? {
          kind: 'postgres',
          url: e.DATABASE_URL,
          poolMax: e.DATABASE_POOL_MAX,
          queryTimeoutMs: e.DATABASE_QUERY_TIMEOUT_MS,
        }
      : { kind: 'pglite', dataDir: resolve(dataDir, 'db') },
    queue: e.REDIS_URL
      ? { kind: 'bullmq', redisUrl: e.REDIS_URL, prefix: e.QUEUE_PREFIX }
      : { kind: 'embedded' },
    worker: {
      concurrency: e.WORKER_CONCURRENCY,
      leaseSec: e.JOB_LEASE_SEC,
      maxAttempts: e.JOB_MAX_ATTEMPTS,
      metricsPort: e.WORKER_METRICS_PORT,
    },
    storage: e.S3_BUCKET
      ? {
          driver: 's3',
          endpoint: e.S3_ENDPOINT,
          region: e.S3_REGION,
          bucket: e.S3_BUCKET,
          accessKeyId: e.S3_ACCESS_KEY_ID!,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
          forcePathStyle: e.S3_FORCE_PATH_STYLE,
        }
      : { driver: 'fs', rootDir: resolve(dataDir, 'objects') },
    signedUrlTtlSec: e.SIGNED_URL_TTL_SEC,
    // Embedded mode without AUTH_SECRET: a per-data-dir secret is generated and kept
    // under DATA_DIR by the composition root (see api/secrets.ts); '' means "not given".
    auth: {
      secret: e.AUTH_SECRET ?? '',
      trustedOrigins: [
        publicUrl,
        ...e.TRUSTED_ORIGINS.split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      ],
    },
    providers,
    credits: {
      trialCredits: e.TRIAL_CREDITS,
      trialDays: e.TRIAL_DAYS,
      freeDailyTrackLimit: e.FREE_DAILY_TRACK_LIMIT,
      freeMaxDurationS: e.FREE_MAX_DURATION_S,
      qualityRefundDays: e.QUALITY_REFUND_DAYS,
    },
    limits: {
      bodyBytes: e.BODY_LIMIT_BYTES,
      uploadBytes: e.UPLOAD_LIMIT_BYTES,
      analysisDecodedBytes: e.ANALYSIS_MAX_DECODED_MB * 1024 * 1024,
    },
    security: {
      trustedProxies,
      metricsToken: e.METRICS_TOKEN,
      rateLimits: e.RATE_LIMITS,
      hsts: isProduction && publicUrl.startsWith('https://'),
    },
    timeouts: {
      requestMs: e.REQUEST_TIMEOUT_MS,
      headersMs: Math.min(e.HEADERS_TIMEOUT_MS, e.REQUEST_TIMEOUT_MS),
      keepAliveMs: e.KEEP_ALIVE_TIMEOUT_MS,
      externalCallMs: e.EXTERNAL_CALL_TIMEOUT_MS,
    },
  };
}
