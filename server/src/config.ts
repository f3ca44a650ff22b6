import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_RESULT_HOSTS, parseResultHosts } from './providers/result-hosts.ts';
import { type PricingRules, parseFixed } from './services/pricing.ts';

// The only reader of process.env. Every setting is parsed once, here; a wrong value
// stops start-up with a message naming the variable.

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);
const usd = z
  .string()
  .regex(/^\d{1,4}(\.\d{1,6})?$/, 'a decimal USD amount with at most 6 places, e.g. 0.15');

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
  WORKER_SHUTDOWN_GRACE_SEC: int(0, 3600).default(25),
  WORKER_MAX_INTERRUPTIONS: int(0, 100).default(5),
  WORKER_METRICS_PORT: z.preprocess(emptyToUndefined, int(1, 65535).optional()),
  JOB_MAX_ATTEMPTS: int(1, 10).default(3),
  JOB_RETRY_BASE_MS: int(10, 600_000).default(2000),
  JOB_RETRY_MAX_MS: int(10, 3_600_000).default(300_000),

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
  FAL_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
  FAL_KEYS: z.preprocess(emptyToUndefined, z.string().optional()),
  FAL_BASE_URL: z.url().default('https://queue.fal.run'),
  FAL_MODEL: z
    .enum(['fal-ai/minimax-music/v2', 'fal-ai/minimax-music/v2.5', 'fal-ai/minimax-music/v2.6'])
    .default('fal-ai/minimax-music/v2'),
  FAL_TIMEOUT_SEC: int(5, 3600).default(600),
  FAL_RESULT_HOSTS: z.string().default(DEFAULT_RESULT_HOSTS.fal),
  REPLICATE_API_TOKEN: z.preprocess(emptyToUndefined, z.string().optional()),
  REPLICATE_API_TOKENS: z.preprocess(emptyToUndefined, z.string().optional()),
  REPLICATE_BASE_URL: z.url().default('https://api.replicate.com/v1'),
  REPLICATE_MUSICGEN_VERSION: z
    .string()
    .regex(/^[0-9a-f]{64}$/, '64 hex digits (a meta/musicgen version id)')
    .default('671ac645ce5e552cc63a54a2bbff63fcf798043055d2dac5fc9e36a837eedcfb'),
  REPLICATE_SONG_MODEL: z.string().default('minimax/music-1.5'),
  REPLICATE_TIMEOUT_SEC: int(5, 3600).default(600),
  REPLICATE_RESULT_HOSTS: z.string().default(DEFAULT_RESULT_HOSTS.replicate),
  PROVIDER_POLL_MS: int(10, 60_000).default(1000),
  PROVIDER_KEY_COOLDOWN_SEC: int(1, 3600).default(60),
  PROVIDER_CIRCUIT_FAILURES: int(1, 1000).default(5),
  PROVIDER_CIRCUIT_OPEN_SEC: int(1, 3600).default(30),

  TRIAL_CREDITS: int(0, 1_000_000).default(400),
  TRIAL_DAYS: int(0, 3650).default(30),
  FREE_DAILY_TRACK_LIMIT: int(0, 10_000).default(10),
  FREE_MAX_DURATION_S: int(15, 240).default(60),
  QUALITY_REFUND_DAYS: int(0, 365).default(14),
  PRO_DAILY_TRACK_LIMIT: int(0, 100_000).default(200),

  // Prices (DESIGN.md §4): decimal USD per minute of audio, parsed exactly (no floats).
  MODEL_COST_PER_MIN_USD: usd.default('0.15'),
  INFRA_COST_PER_MIN_USD: usd.default('0.05'),
  OVERHEAD_PER_MIN_USD: usd.default('0.02'),
  MARGIN_CAP: z
    .string()
    .regex(/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/, 'a decimal 0–1 with at most 4 places, e.g. 0.12')
    .default('0.12'),
  CREDIT_PACKS: z
    .string()
    .regex(/^\s*\d{1,7}(\s*,\s*\d{1,7})*\s*$/, 'comma-separated credit counts, e.g. 300,700,2000')
    .default('300,700,2000'),
  /** Header carrying the client's ISO country code, set by a proxy we trust (e.g. CF-IPCountry). */
  COUNTRY_HEADER: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/)
      .optional(),
  ),
  TRIAL_LAPSE_INTERVAL_SEC: int(10, 86_400).default(3600),
  /** Bearer token of the operator API (/api/admin/*); derived from the auth secret when unset. */
  OPERATOR_TOKEN: z.preprocess(emptyToUndefined, z.string().min(24).optional()),

  STRIPE_SECRET_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
  STRIPE_WEBHOOK_SECRET: z.preprocess(emptyToUndefined, z.string().optional()),
  /** Where the Stripe SDK sends requests (tests: our local Stripe-protocol server). */
  STRIPE_API_BASE: z.preprocess(emptyToUndefined, z.url().optional()),
  /**
   * Days a refund or dispute of a payment intent no checkout of ours credited is kept before the
   * periodic sweep deletes it. At least 4: a Checkout Session is paid within 24 h and Stripe
   * retries a delivery for 3 days, so a completion can still credit such a payment until then.
   */
  STRIPE_PENDING_RETENTION_DAYS: int(4, 3650).default(30),

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
  /** `npm start` also serves the Next.js app (built on first start) at the same origin. */
  serveWeb: boolean;
  logLevel: Env['LOG_LEVEL'];
  database:
    | { kind: 'pglite'; dataDir: string }
    | { kind: 'postgres'; url: string; poolMax: number; queryTimeoutMs?: number };
  queue: { kind: 'embedded' } | { kind: 'bullmq'; redisUrl: string; prefix: string };
  worker: {
    concurrency: number;
    leaseSec: number;
    maxAttempts: number;
    retryBaseMs: number;
    retryMaxMs: number;
    metricsPort?: number;
    /**
     * On SIGTERM, how long running jobs may take to finish before they are interrupted (hosted
     * requests left running for the next worker to resume) and put back in the queue.
     */
    shutdownGraceSec: number;
    /** Shutdown interruptions a job may have uncounted; the next one counts as a failed attempt. */
    maxInterruptions: number;
  };
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
  /** Settings of the hosted providers; keys are secrets: never logged, never in errors. */
  remote: {
    fal: { keys: string[]; baseUrl: string; model: string; timeoutMs: number; resultHosts: string[] };
    replicate: {
      tokens: string[];
      baseUrl: string;
      musicgenVersion: string;
      songModel: string;
      timeoutMs: number;
      resultHosts: string[];
    };
    pollMs: number;
    keyCooldownMs: number;
    circuit: { failures: number; openMs: number };
  };
  credits: {
    trialCredits: number;
    trialDays: number;
    freeDailyTrackLimit: number;
    freeMaxDurationS: number;
    qualityRefundDays: number;
    proDailyTrackLimit: number;
    trialLapseIntervalSec: number;
    /** STRIPE_PENDING_RETENTION_DAYS: kept reversals of payments never credited here are deleted after this. */
    stripePendingRetentionDays: number;
    /** Credit packs can be bought (Stripe configured): the plan limits' messages offer one only then. */
    packsOnSale: boolean;
  };
  pricing: PricingRules;
  /** Lower-cased name of the trusted country header, if any. */
  countryHeader: string | null;
  operatorToken: string | null;
  stripe: { secretKey: string; webhookSecret: string; apiBase: string | null } | null;
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

/**
 * The deployment mode: one decision, from which the composition root picks its
 * adapters (runtime.ts matches it exhaustively). Only two mixtures work:
 * - embedded: PGlite + the in-process dispatcher (one process owns the data dir);
 * - production: PostgreSQL + BullMQ on Redis (API processes and worker processes).
 */
export type Deployment =
  | {
      kind: 'embedded';
      database: Extract<Config['database'], { kind: 'pglite' }>;
      queue: Extract<Config['queue'], { kind: 'embedded' }>;
    }
  | {
      kind: 'production';
      database: Extract<Config['database'], { kind: 'postgres' }>;
      queue: Extract<Config['queue'], { kind: 'bullmq' }>;
    };

/** Refuses, with a message saying what to set, the mixtures that cannot work. */
export function deploymentOf(config: Pick<Config, 'database' | 'queue'>): Deployment {
  const { database, queue } = config;
  if (database.kind === 'pglite' && queue.kind === 'embedded') return { kind: 'embedded', database, queue };
  if (database.kind === 'postgres' && queue.kind === 'bullmq') return { kind: 'production', database, queue };
  if (database.kind === 'pglite') {
    throw new ConfigError(
      'Invalid configuration:\n  REDIS_URL is set but DATABASE_URL is not: the embedded database (PGlite) ' +
        'can only be used by this one process, so jobs queued in Redis could never be run by a worker. ' +
        'Set DATABASE_URL (PostgreSQL) for the production mode, or unset REDIS_URL for the embedded mode.',
    );
  }
  throw new ConfigError(
    'Invalid configuration:\n  DATABASE_URL is set but REDIS_URL is not: with PostgreSQL several API ' +
      "processes may run, and without Redis (BullMQ) each would run and take over the others' jobs. " +
      'Set REDIS_URL (and start `npm run worker`), or unset DATABASE_URL for the embedded mode.',
  );
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
  if (Boolean(e.STRIPE_SECRET_KEY) !== Boolean(e.STRIPE_WEBHOOK_SECRET)) {
    throw new ConfigError(
      'Invalid configuration:\n  STRIPE_SECRET_KEY / STRIPE_WEBHOOK_SECRET: set both to take payments, or neither',
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
  if (e.COUNTRY_HEADER && trustedProxies.length === 0) {
    // The header picks the price band: believed from anyone, a client would name its own country.
    throw new ConfigError(
      'Invalid configuration:\n  COUNTRY_HEADER: needs TRUSTED_PROXIES (the header is believed only from those proxies, e.g. TRUSTED_PROXIES=10.0.0.0/8)',
    );
  }
  const list = (...vs: (string | undefined)[]) => [
    ...new Set(
      vs
        .flatMap((v) => (v ?? '').split(','))
        .map((k) => k.trim())
        .filter(Boolean),
    ),
  ];
  const falKeys = list(e.FAL_KEY, e.FAL_KEYS);
  const replicateTokens = list(e.REPLICATE_API_TOKEN, e.REPLICATE_API_TOKENS);
  if (providers.includes('fal') && falKeys.length === 0)
    throw new ConfigError('Invalid configuration:\n  FAL_KEY: required when MUSIC_PROVIDERS names fal');
  if (providers.includes('replicate') && replicateTokens.length === 0)
    throw new ConfigError(
      'Invalid configuration:\n  REPLICATE_API_TOKEN: required when MUSIC_PROVIDERS names replicate',
    );
  const stripe = stripeConfig(e);

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
      retryBaseMs: e.JOB_RETRY_BASE_MS,
      retryMaxMs: Math.max(e.JOB_RETRY_MAX_MS, e.JOB_RETRY_BASE_MS),
      metricsPort: e.WORKER_METRICS_PORT,
      shutdownGraceSec: e.WORKER_SHUTDOWN_GRACE_SEC,
      maxInterruptions: e.WORKER_MAX_INTERRUPTIONS,
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
    remote: {
      fal: {
        keys: falKeys,
        baseUrl: e.FAL_BASE_URL.replace(/\/$/, ''),
        model: e.FAL_MODEL,
        timeoutMs: e.FAL_TIMEOUT_SEC * 1000,
        resultHosts: parseResultHosts(e.FAL_RESULT_HOSTS),
      },
      replicate: {
        tokens: replicateTokens,
        baseUrl: e.REPLICATE_BASE_URL.replace(/\/$/, ''),
        musicgenVersion: e.REPLICATE_MUSICGEN_VERSION,
        songModel: e.REPLICATE_SONG_MODEL,
        timeoutMs: e.REPLICATE_TIMEOUT_SEC * 1000,
        resultHosts: parseResultHosts(e.REPLICATE_RESULT_HOSTS),
      },
      pollMs: e.PROVIDER_POLL_MS,
      keyCooldownMs: e.PROVIDER_KEY_COOLDOWN_SEC * 1000,
      circuit: { failures: e.PROVIDER_CIRCUIT_FAILURES, openMs: e.PROVIDER_CIRCUIT_OPEN_SEC * 1000 },
    },
    credits: {
      trialCredits: e.TRIAL_CREDITS,
      trialDays: e.TRIAL_DAYS,
      freeDailyTrackLimit: e.FREE_DAILY_TRACK_LIMIT,
      freeMaxDurationS: e.FREE_MAX_DURATION_S,
      qualityRefundDays: e.QUALITY_REFUND_DAYS,
      proDailyTrackLimit: e.PRO_DAILY_TRACK_LIMIT,
      trialLapseIntervalSec: e.TRIAL_LAPSE_INTERVAL_SEC,
      stripePendingRetentionDays: e.STRIPE_PENDING_RETENTION_DAYS,
      packsOnSale: stripe !== null,
    },
    pricing: {
      modelCostPerMinMicroUsd: parseFixed(e.MODEL_COST_PER_MIN_USD, 6),
      infraCostPerMinMicroUsd: parseFixed(e.INFRA_COST_PER_MIN_USD, 6),
      overheadPerMinMicroUsd: parseFixed(e.OVERHEAD_PER_MIN_USD, 6),
      marginCapBp: parseFixed(e.MARGIN_CAP, 4),
      packs: packs(e.CREDIT_PACKS),
    },
    countryHeader: e.COUNTRY_HEADER?.toLowerCase() ?? null,
    operatorToken: e.OPERATOR_TOKEN ?? null,
    stripe,
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

function packs(text: string): number[] {
  const list = [...new Set(text.split(',').map((p) => Number(p.trim())))].sort((a, b) => a - b);
  if (list.some((n) => n <= 0))
    throw new ConfigError('Invalid configuration:\n  CREDIT_PACKS: every pack needs ≥ 1 credit');
  return list;
}

/** Payments are on only with both Stripe secrets; without them the rest of the app works. */
function stripeConfig(e: Env): Config['stripe'] {
  if (!e.STRIPE_SECRET_KEY || !e.STRIPE_WEBHOOK_SECRET) return null;
  return {
    secretKey: e.STRIPE_SECRET_KEY,
    webhookSecret: e.STRIPE_WEBHOOK_SECRET,
    apiBase: e.STRIPE_API_BASE ?? null,
  };
}
