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
  PUBLIC_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  DATA_DIR: z.string().default('./data'),
  SERVE_WEB: bool.default(true),
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
  /** `npm start` also serves the Next.js app (built on first start) at the same origin. */
  serveWeb: boolean;
  logLevel: Env['LOG_LEVEL'];
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; poolMax: number };
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
  limits: { bodyBytes: number; uploadBytes: number };
}

/**
 * Outside production the machine's own addresses on our port are trusted origins too:
 * the log prints 127.0.0.1, the README says localhost, and a browser may use [::1].
 * Production keeps the strict list (PUBLIC_URL + TRUSTED_ORIGINS).
 */
export function localOrigins(port: number): string[] {
  return ['localhost', '127.0.0.1', '[::1]'].map((h) => `http://${h}:${port}`);
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

  return {
    env: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    dataDir,
    serveWeb: e.SERVE_WEB,
    logLevel: e.LOG_LEVEL,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolMax: e.DATABASE_POOL_MAX }
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
        ...new Set([
          publicUrl,
          ...(isProduction ? [] : localOrigins(e.PORT)),
          ...e.TRUSTED_ORIGINS.split(',')
            .map((o) => o.trim())
            .filter(Boolean),
        ]),
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
    limits: { bodyBytes: e.BODY_LIMIT_BYTES, uploadBytes: e.UPLOAD_LIMIT_BYTES },
  };
}
