import { createServer } from 'node:http';
import { type Config, ConfigError, loadConfig } from '../config.ts';
import { openRuntime, SHUTDOWN_MARGIN_MS } from '../runtime.ts';
import { jobConcurrency } from './concurrency.ts';

/**
 * A worker process (production mode): consumes BullMQ jobs with the pipeline.
 * `npm run worker` / `soundfoundry worker [--concurrency N]`.
 */
export async function runWorker(config: Config, concurrency?: number): Promise<void> {
  if (concurrency) config.worker.concurrency = concurrency;
  const { default: pino } = await import('pino');
  const logger = pino({ level: config.logLevel });
  const rt = await openRuntime(config, { role: 'worker', logger, warmProviders: true });
  // Job durations and outcomes are observed here, not in the API: scrape them here.
  const metricsServer = config.worker.metricsPort
    ? createServer(async (req, res) => {
        if (req.url !== '/metrics') {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-type': rt.metrics.registry.contentType });
        res.end(await rt.metrics.registry.metrics());
      }).listen(config.worker.metricsPort, config.host)
    : null;
  const { note } = jobConcurrency(config);
  if (note) console.warn(note);
  console.log(
    `SoundFoundry worker ready (pid ${process.pid}, concurrency ${config.worker.concurrency}, providers ${config.providers.join(',')})`,
  );
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    const graceSec = config.worker.shutdownGraceSec;
    // No new job from now on; running ones get the grace period, then are interrupted (hosted
    // requests left running for the next worker to resume) and requeued (runtime.ts stopJobs).
    logger.info({ signal, graceSec }, 'worker shutting down: no new jobs, running ones may finish');
    // Past grace + this, something hangs (a provider ignoring its cancel, a stuck database): leave;
    // the leases bring the jobs back. Orchestrators should allow at least this long (README).
    const force = setTimeout(
      () => {
        logger.error({ signal }, 'worker did not stop in time; exiting');
        process.exit(1);
      },
      graceSec * 1000 + SHUTDOWN_MARGIN_MS,
    );
    force.unref();
    metricsServer?.close();
    await rt.close().catch((err) => logger.error({ err }, 'close failed'));
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

// Run directly: `node --import tsx server/src/worker/main.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(2);
  }
  runWorker(config).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
