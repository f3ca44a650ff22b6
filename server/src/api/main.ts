import { type Config, ConfigError, loadConfig } from '../config.ts';
import { recordServerAddress } from '../db/data-dir-lock.ts';
import { openRuntime, SHUTDOWN_MARGIN_MS } from '../runtime.ts';
import { buildApp } from './app.ts';

/** A listening address as this machine reaches it (0.0.0.0 and [::] are not addresses to call). */
const loopback = (address: string) => address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '[::1]');

/** The one environment write outside config.ts: tells the embedded web app where its API is. */
function setWebInternalApi(address: string) {
  process.env.API_INTERNAL_URL ??= loopback(address);
}

// The server's thin shell: config, runtime, app, listen, graceful close.

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const startedAt = Date.now();
  if (config.database.kind === 'pglite') {
    console.log(`SoundFoundry (embedded): opening the database under ${config.dataDir} …`);
  }
  const { default: pino } = await import('pino');
  const logger = pino({ level: config.logLevel });
  // A first start builds the web app (a minute, with progress lines); later starts find it
  // built and only load it, at the same time as the database opens.
  const webStarting = config.serveWeb
    ? import('@soundfoundry/web/embed').then((m) => m.startEmbeddedWeb({ progress: (l) => console.log(l) }))
    : Promise.resolve(null);
  webStarting.catch(() => {}); // awaited below; an early failure must not be "unhandled" meanwhile
  const rt = await openRuntime(config, { role: 'api', logger, warmProviders: true });
  const web = await webStarting;
  const app = await buildApp(rt, { logger: { level: config.logLevel }, web: web?.handle });
  if (web) app.addHook('onClose', () => web.close());
  const address = await app.listen({ port: config.port, host: config.host });
  // Server-rendered pages (explore, share) read the API over loopback in this same process.
  if (web) setWebInternalApi(address);
  // The operator CLI finds this server by its data dir, whatever PORT it was given.
  if (config.database.kind === 'pglite') recordServerAddress(config.dataDir, loopback(address));
  console.log(
    `SoundFoundry ready at ${config.publicUrl} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s ` +
      `(database ${rt.database.kind}, queue ${rt.queue.kind}, storage ${rt.storage.driver}). API docs: ${config.publicUrl}/docs`,
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    // Embedded mode runs jobs here: they get the worker's grace period, then are requeued
    // (runtime.ts stopJobs), so the deadline leaves room for it.
    const runsJobs = rt.queue.kind === 'embedded';
    const force = setTimeout(
      () => process.exit(1),
      runsJobs ? Math.max(20_000, config.worker.shutdownGraceSec * 1000 + SHUTDOWN_MARGIN_MS) : 20_000,
    );
    force.unref();
    // No new job from now on; the running ones' grace period starts now, beside the HTTP close.
    const jobsStopped = rt.stopJobs();
    await app.close().catch(() => {});
    await jobsStopped.catch(() => {});
    await rt.close().catch((err) => logger.error({ err }, 'close failed'));
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
