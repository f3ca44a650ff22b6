import { hostname } from 'node:os';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { acquireDataDirLock } from './db/data-dir-lock.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { createProviderChain } from './providers/chain.ts';
import type { MusicProvider } from './providers/types.ts';
import { resolveSecret } from './secrets.ts';
import { createMemoryEventBus, createRedisEventBus, type JobEventBus } from './services/job-events.ts';
import { createStorage, type ObjectStorage } from './services/storage/index.ts';
import { BullmqQueue, startBullmqWorker } from './worker/bullmq-queue.ts';
import { EmbeddedDispatcher } from './worker/embedded-dispatcher.ts';
import { type EnqueueInput, enqueueJob } from './worker/enqueue.ts';
import { JOB_KINDS } from './worker/kinds.ts';
import type { JobQueue } from './worker/queue.ts';
import { JobRegistry, type Logger } from './worker/registry.ts';
import { type RunnerDeps, type RunOutcome, runJob } from './worker/runner.ts';

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
  /** Every job kind this build runs (worker/kinds.ts). */
  registry: JobRegistry;
  /** Records a job of a registered kind and hands it to the queue (worker/enqueue.ts). */
  enqueueJob: <S extends import('zod').ZodType>(input: EnqueueInput<S>) => ReturnType<typeof enqueueJob<S>>;
  /** Runs one job here (embedded dispatcher, BullMQ worker, tests). */
  runJob(jobId: string): Promise<RunOutcome>;
  /** The audio analyser's worker thread, started on first use. */
  analyzer(): Promise<AnalyzerWorker>;
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
}

export async function openRuntime(config: Config, opts: RuntimeOptions): Promise<Runtime> {
  const embedded = config.database.kind === 'pglite';
  if (embedded && opts.role === 'worker') {
    throw new Error(
      '`worker` needs DATABASE_URL and REDIS_URL: the embedded mode runs jobs inside `npm start`.',
    );
  }
  if (!embedded && config.queue.kind === 'embedded' && opts.role === 'worker') {
    throw new Error('`worker` needs REDIS_URL (BullMQ).');
  }
  const releaseLock =
    config.database.kind === 'pglite' && !config.database.dataDir.startsWith('memory://')
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
      config.queue.kind === 'bullmq'
        ? createRedisEventBus(config.queue.redisUrl, config.queue.prefix)
        : createMemoryEventBus();
    cleanups.unshift(() => events.close());
    const metrics = createMetrics();

    // Providers exist where jobs run: the embedded API process, or a worker process.
    const runsJobs = opts.role === 'worker' || (config.queue.kind === 'embedded' && opts.dispatch !== false);
    const providers = runsJobs ? createProviderChain(config.providers) : [];
    cleanups.unshift(() => Promise.all(providers.map((p) => p.close())));

    const registry = new JobRegistry(JOB_KINDS);
    const deps: RunnerDeps = {
      db: database.db,
      storage,
      providers,
      events,
      config,
      registry,
      leaseSec: config.worker.leaseSec,
      maxAttempts: config.worker.maxAttempts,
      backoff: { baseMs: config.worker.retryBaseMs, maxMs: config.worker.retryMaxMs },
      workerId: `${hostname()}:${process.pid}`,
      log: opts.logger,
      onOutcome: (kind, outcome, sec) => {
        if (kind === 'generate-music') metrics.observeJob(outcome, sec);
      },
    };
    const run = (jobId: string) => runJob(deps, jobId);

    let queue: JobQueue;
    if (config.queue.kind === 'bullmq') {
      const bull = new BullmqQueue(config.queue.redisUrl, config.queue.prefix);
      queue = bull;
      cleanups.unshift(() => bull.close());
      if (opts.role === 'worker') {
        const w = startBullmqWorker(config.queue.redisUrl, run, {
          prefix: config.queue.prefix,
          concurrency: config.worker.concurrency,
          leaseSec: config.worker.leaseSec,
          onError: (err) => opts.logger?.warn({ err }, 'bullmq worker error'),
        });
        cleanups.unshift(() => w.close());
      } else {
        // The API sweeps: jobs committed but never enqueued, or orphaned by a dead worker.
        const sweep = () =>
          bull.sweep(database.db).catch((err) => opts.logger?.warn({ err }, 'sweep failed'));
        void sweep();
        const timer = setInterval(sweep, Math.max(2000, config.worker.leaseSec * 500));
        timer.unref();
        cleanups.unshift(() => clearInterval(timer));
      }
    } else {
      const dispatcher = new EmbeddedDispatcher(database.db, run, {
        concurrency: config.worker.concurrency,
        pollMs: 2000,
        onError: (err) => opts.logger?.error({ err }, 'dispatcher error'),
      });
      queue = dispatcher;
      cleanups.unshift(() => dispatcher.close());
      if (opts.dispatch !== false) await dispatcher.start();
    }
    metrics.setQueueDepthSource(() => queue.depth());

    let analyzer: Promise<AnalyzerWorker> | null = null;
    cleanups.unshift(async () => (analyzer ? (await analyzer).close() : undefined));

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
      async close() {
        if (closed) return;
        closed = true;
        for (const c of cleanups) await c();
      },
    };
  } catch (err) {
    for (const c of cleanups) await Promise.resolve(c()).catch(() => {});
    throw err;
  }
}
