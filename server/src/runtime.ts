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
import { handle as generateMusic, type PipelineDeps } from './worker/jobs/generate-music.ts';
import type { JobQueue } from './worker/queue.ts';

type AnalyzerWorker = import('@soundfoundry/engine/analyze').AnalyzerWorker;

type Logger = NonNullable<PipelineDeps['log']>;

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
  /** Runs one job here (embedded dispatcher, BullMQ worker, tests). */
  runJob(jobId: string): Promise<unknown>;
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

    const deps: PipelineDeps = {
      db: database.db,
      storage,
      providers,
      events,
      leaseSec: config.worker.leaseSec,
      maxAttempts: config.worker.maxAttempts,
      workerId: `${hostname()}:${process.pid}`,
      log: opts.logger,
      onOutcome: (outcome, sec) => metrics.observeJob(outcome, sec),
    };
    const runJob = (jobId: string) => generateMusic(deps, { jobId });

    let queue: JobQueue;
    if (config.queue.kind === 'bullmq') {
      const bull = new BullmqQueue(config.queue.redisUrl, config.queue.prefix, {
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
        const w = startBullmqWorker(config.queue.redisUrl, runJob, {
          prefix: config.queue.prefix,
          concurrency: config.worker.concurrency,
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
    } else {
      const dispatcher = new EmbeddedDispatcher(database.db, runJob, {
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
      runJob,
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
