import { type Config, ConfigError, loadConfig } from '../config.ts';
import { openRuntime } from '../runtime.ts';
import { buildApp } from './app.ts';

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
  const rt = await openRuntime(config, { role: 'api', logger });
  const app = await buildApp(rt, { logger: { level: config.logLevel } });
  await app.listen({ port: config.port, host: config.host });
  console.log(
    `SoundFoundry ready at ${config.publicUrl} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s ` +
      `(database ${rt.database.kind}, queue ${rt.queue.kind}, storage ${rt.storage.driver}). API docs: ${config.publicUrl}/docs`,
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    await app.close().catch(() => {});
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
