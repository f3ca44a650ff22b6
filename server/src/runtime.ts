import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import { type Config, ConfigError, deploymentOf } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { acquireDataDirLock } from './db/data-dir-lock.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { createProviderChain } from './providers/chain.ts';
import {
  type CircuitBreaker,
  createMemoryCircuitBreaker,
  createRedisCircuitBreaker,
} from './providers/circuit.ts';
import type { HostedRequestRef, MusicProvider } from './providers/types.ts';
import { resolveSecret } from './secrets.ts';
import { createMemoryEventBus, createRedisEventBus, type JobEventBus } from './services/job-events.ts';
import { createStorage, type ObjectStorage } from './services/storage/index.ts';
import { BullmqQueue, redisConnection, startBullmqWorker } from './worker/bullmq-queue.ts';
import { jobConcurrency } from './worker/concurrency.ts';
import { EmbeddedDispatcher } from './worker/embedded-dispatcher.ts';
import { type EnqueueInput, enqueueJob } from './worker/enqueue.ts';
import { scheduleTrialLapse } from './worker/jobs/trial-lapse.ts';
import { JOB_KINDS } from './worker/kinds.ts';
import type { JobQueue } from './worker/queue.ts';
import { JobRegistry, type Logger } from './worker/registry.ts';
import { type RunnerDeps, type RunOutcome, runJob } from './worker/runner.ts';

/**
 * After the grace period (WORKER_SHUTDOWN_GRACE_SEC), the time interrupted jobs have to hand their
 * hosted requests on (or cancel those nobody can resume: ≤ 5 s, providers/http.ts CANCEL_WAIT_MS)
 * and go back to the queue, and the process to close its connections, before its entry point gives
 * up and exits anyway.
 */
export const SHUTDOWN_MARGIN_MS = 15_000;

type AnalyzerWorker = import('@soundfoundry/engine/analyze').AnalyzerWorker;

/**
 * The composition root: picks every adapter once from the config (PGlite or
 * PostgreSQL, embedded dispatcher or BullMQ, filesystem or S3) so nothing else
 * knows which mode it runs in.
 */
export interface Runtime {
  config: Config;
  secret: string;
  database: Database;
  storage: ObjectStorage;
  events: JobEventBus;
  queue: JobQueue;
  metrics: Metrics;
  providers: MusicProvider[];
  /** Provider circuit state (shared through Redis in production). */
  circuit: CircuitBreaker;
  /** Every job kind this build runs (worker/kinds.ts). */
  registry: JobRegistry;
  /** Records a job of a registered kind and hands it to the queue (worker/enqueue.ts). */
  enqueueJob: <S extends import('zod').ZodType>(input: EnqueueInput<S>) => ReturnType<typeof enqueueJob<S>>;
  /** Runs one job here (embedded dispatcher, BullMQ worker, tests). */
  runJob(jobId: string): Promise<RunOutcome>;
  /** The audio analyser's worker thread, started on first use. */
  analyzer(): Promise<AnalyzerWorker>;
  /**
   * Stops running jobs (idempotent): no new job is taken; running ones get `graceMs` (default
   * WORKER_SHUTDOWN_GRACE_SEC) to finish, then are interrupted (their recorded hosted requests left
   * running, for the next run to resume) and put back in the queue, QUEUED, for another worker (or
   * the next start). Resolves when none
   * runs here. `close()` calls it first; a server calls it at once on SIGTERM.
   */
  stopJobs(graceMs?: number): Promise<void>;
  /**
   * Cancels a hosted request a job recorded (jobs.provider_request), e.g. for a deleted track whose
   * job waits in the queue after a shutdown. Works in any process: one without providers (the API
   * in production) makes a client of that provider for it. Best effort, never throws.
   */
  cancelProviderRequest(ref: HostedRequestRef): Promise<void>;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** 'api': serve + enqueue (embedded mode also runs jobs); 'worker': consume BullMQ only. */
  role: 'api' | 'worker';
  logger?: Logger;
  /** Skip running migrations at start (the CLI's migrate command runs them explicitly). */
  migrate?: boolean;
  /**
   * Embedded mode: start the in-process dispatcher (default). Tests of the API alone
   * turn it off so accepted jobs stay QUEUED instead of rendering.
   */
  dispatch?: boolean;
  /**
   * Warm the providers (the local engine's first thread) in the background once the runtime is
   * open, if this process runs jobs, so the first job does not pay the engine's start. The
   * entry points (`npm start`, `npm run worker`) set it; tests leave it off (each runtime would
   * otherwise start an engine thread it may never use).
   */
  warmProviders?: boolean;
}

const unreachable = (x: never): never => {
  throw new Error(`unknown deployment mode ${JSON.stringify(x)}`);
};

export async function openRuntime(config: Config, opts: RuntimeOptions): Promise<Runtime> {
  // The one decision: refuses mixtures that cannot work (config.ts explains each).
  const mode = deploymentOf(config);
  if (mode.kind === 'embedded' && opts.role === 'worker') {
    throw new ConfigError(
      '`worker` needs DATABASE_URL and REDIS_URL: the embedded mode runs jobs inside `npm start`.',
    );
  }
  const releaseLock =
    mode.kind === 'embedded' && !mode.database.dataDir.startsWith('memory://')
      ? acquireDataDirLock(config.dataDir)
      : () => {};
  const cleanups: (() => Promise<unknown> | unknown)[] = [releaseLock];
  try {
    const secret = resolveSecret(config.auth.secret, config.dataDir);
    const database = await openDatabase(config.database);
    cleanups.unshift(() => database.close());
    if (opts.migrate !== false) await database.migrate();

    const storage = createStorage(
      config.storage.driver === 'fs'
        ? // Under /api so the web app's one /api/* rewrite reaches it too.
          {
            driver: 'fs',
            rootDir: config.storage.rootDir,
            secret,
            publicBaseUrl: config.publicUrl,
            routePath: '/api/files',
          }
        : { ...config.storage },
    );
    const events =
      mode.kind === 'production'
        ? createRedisEventBus(mode.queue.redisUrl, mode.queue.prefix)
        : createMemoryEventBus();
    cleanups.unshift(() => events.close());
    const metrics = createMetrics();

    // Providers exist where jobs run: the embedded API process, or a worker process.
    const runsJobs = opts.role === 'worker' || (mode.kind === 'embedded' && opts.dispatch !== false);
    const concurrency = jobConcurrency(config);
    if (runsJobs && concurrency.note) opts.logger?.warn({ ...concurrency }, concurrency.note);
    const providers = runsJobs ? createProviderChain(config, { localEngines: concurrency.localEngines }) : [];
    // Shared by every worker in production (Redis), so one worker's evidence of an
    // outage spares the others; /health/providers reads it in the API process too.
    const circuitSettings = config.remote.circuit;
    let circuit: CircuitBreaker;
    switch (mode.kind) {
      case 'production': {
        const redis = redisConnection(mode.queue.redisUrl);
        cleanups.unshift(() => redis.disconnect());
        circuit = createRedisCircuitBreaker(redis, mode.queue.prefix, circuitSettings);
        break;
      }
      case 'embedded':
        circuit = createMemoryCircuitBreaker(circuitSettings);
        break;
      default:
        return unreachable(mode);
    }
    cleanups.unshift(() => Promise.all(providers.map((p) => p.close())));

    const registry = new JobRegistry(JOB_KINDS);
    // Aborted when a stopping process's grace period runs out: its running jobs are requeued.
    const interrupt = new AbortController();
    setMaxListeners(0, interrupt.signal); // one listener per running job (WORKER_CONCURRENCY up to 64)
    const deps: RunnerDeps = {
      interrupt: interrupt.signal,
      db: database.db,
      storage,
      providers,
      events,
      config,
      circuit,
      registry,
      leaseSec: config.worker.leaseSec,
      maxAttempts: config.worker.maxAttempts,
      maxInterruptions: config.worker.maxInterruptions,
      backoff: { baseMs: config.worker.retryBaseMs, maxMs: config.worker.retryMaxMs },
      workerId: `${hostname()}:${process.pid}`,
      log: opts.logger,
      onOutcome: (kind, outcome, sec) => {
        if (kind === 'generate-music') metrics.observeJob(outcome, sec);
      },
    };
    let running = 0;
    const run = async (jobId: string) => {
      running++;
      try {
        return await runJob(deps, jobId);
      } finally {
        running--;
      }
    };
    /** Stops taking jobs and resolves once the running ones ended (null: this process runs none). */
    let drainJobs: (() => Promise<unknown>) | null = null;

    let queue: JobQueue;
    switch (mode.kind) {
      case 'production': {
        const bull = new BullmqQueue(mode.queue.redisUrl, mode.queue.prefix, {
          timeoutMs: config.timeouts.externalCallMs,
          log: opts.logger && {
            warn: (msg) => opts.logger?.warn({}, msg),
            info: (msg) => opts.logger?.info({}, msg),
          },
        });
        queue = bull;
        cleanups.unshift(() => bull.close());
        if (opts.role === 'worker') {
          let lastWorkerError = '';
          const w = startBullmqWorker(mode.queue.redisUrl, run, {
            prefix: mode.queue.prefix,
            concurrency: concurrency.jobs,
            leaseSec: config.worker.leaseSec,
            // One readable line per distinct error: a Redis outage repeats the same one per retry.
            onError: (err) => {
              const reason = (err as Error)?.message ?? String(err);
              if (reason === lastWorkerError) return;
              lastWorkerError = reason;
              opts.logger?.warn({ reason }, 'bullmq worker error');
            },
          });
          cleanups.unshift(() => w.close());
          drainJobs = () => w.close();
        } else {
          // The API sweeps: jobs committed but never enqueued, or orphaned by a dead worker.
          const sweep = () =>
            // One readable line per failed sweep (a database outage is not a stack every few seconds).
            bull
              .sweep(database.db)
              .catch((err: Error) => opts.logger?.warn({ reason: err.message }, 'sweep failed'));
          void sweep();
          const timer = setInterval(sweep, Math.max(2000, config.worker.leaseSec * 500));
          timer.unref();
          cleanups.unshift(() => clearInterval(timer));
        }
        break;
      }
      case 'embedded': {
        const dispatcher = new EmbeddedDispatcher(database.db, run, {
          concurrency: concurrency.jobs,
          pollMs: 2000,
          onError: (err) => opts.logger?.error({ err }, 'dispatcher error'),
        });
        queue = dispatcher;
        cleanups.unshift(() => dispatcher.close());
        if (opts.dispatch !== false) await dispatcher.start();
        drainJobs = () => dispatcher.close();
        break;
      }
      default:
        return unreachable(mode);
    }
    metrics.setQueueDepthSource(() => queue.depth());
    // Scheduled credit work: arm the trial-lapse job kind (one job per period, deduplicated).
    if (opts.role === 'api' && opts.dispatch !== false) {
      await scheduleTrialLapse(
        { db: database.db, queue, registry },
        config.credits.trialLapseIntervalSec,
      ).catch((err) =>
        opts.logger?.warn({ err }, 'could not schedule the trial lapse; retried at next start'),
      );
    }

    let analyzer: Promise<AnalyzerWorker> | null = null;
    cleanups.unshift(async () => (analyzer ? (await analyzer).close() : undefined));

    if (opts.warmProviders && runsJobs) {
      for (const p of providers) {
        p.warm?.().catch((err: Error) =>
          opts.logger?.warn(
            { provider: p.name, reason: err.message },
            'provider warm-up failed; the first job pays it',
          ),
        );
      }
    }

    let stopping: Promise<void> | null = null;
    const stopJobs = (graceMs = config.worker.shutdownGraceSec * 1000): Promise<void> => {
      stopping ??= (async () => {
        if (!drainJobs) return;
        const drained = drainJobs().then(() => 'drained' as const);
        let timer: NodeJS.Timeout | undefined;
        const graceOver = new Promise<'grace'>((r) => {
          timer = setTimeout(() => r('grace'), graceMs);
        });
        const first = await Promise.race([drained, graceOver]);
        clearTimeout(timer);
        if (first === 'grace') {
          opts.logger?.warn(
            { running, graceSec: graceMs / 1000 },
            'grace period over: interrupting running jobs (jobs requeued, hosted requests handed on)',
          );
          interrupt.abort();
          await drained;
        }
      })();
      return stopping;
    };

    // Clients for cancelling hosted requests in a process that runs no jobs; made on first use.
    const cancellers = new Map<string, MusicProvider | null>();
    cleanups.unshift(() => Promise.all([...cancellers.values()].map((p) => p?.close())));
    const cancelProviderRequest = async (ref: HostedRequestRef) => {
      let provider = providers.find((p) => p.name === ref.provider) ?? cancellers.get(ref.provider);
      if (provider === undefined && (ref.provider === 'fal' || ref.provider === 'replicate')) {
        try {
          provider = createProviderChain({ providers: [ref.provider], remote: config.remote })[0] ?? null;
        } catch {
          provider = null;
        }
        cancellers.set(ref.provider, provider);
      }
      await provider
        ?.cancelRequest?.(ref)
        .catch((err: Error) =>
          opts.logger?.warn({ reason: err.message, provider: ref.provider }, 'hosted request not cancelled'),
        );
    };

    let closed = false;
    return {
      config,
      secret,
      database,
      storage,
      events,
      queue,
      metrics,
      providers,
      circuit,
      registry,
      enqueueJob: (input) => enqueueJob({ ctx: { db: database.db, queue, registry }, input }),
      runJob: run,
      analyzer() {
        // Loaded on first upload only: most processes never analyse anything.
        analyzer ??= import('@soundfoundry/engine/analyze').then((m) =>
          m.createAnalyzerWorker({ maxOldGenerationSizeMb: 512 }),
        );
        return analyzer;
      },
      stopJobs,
      cancelProviderRequest,
      async close() {
        if (closed) return;
        closed = true;
        await stopJobs().catch((err) => opts.logger?.error({ err }, 'stopping jobs failed'));
        for (const c of cleanups) await c();
      },
    };
  } catch (err) {
    for (const c of cleanups) await Promise.resolve(c()).catch(() => {});
    throw err;
  }
}
