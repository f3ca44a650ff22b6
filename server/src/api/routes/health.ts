import type { FastifyPluginAsync } from 'fastify';
import type { ApiContext } from '../context.ts';

async function check(name: string, fn: () => Promise<unknown>) {
  const t0 = performance.now();
  try {
    await Promise.race([
      fn(),
      new Promise((_, rej) => setTimeout(() => rej(new Error('timeout after 3 s')), 3000)),
    ]);
    return { name, ok: true, ms: Math.round(performance.now() - t0) };
  } catch (err) {
    return { name, ok: false, ms: Math.round(performance.now() - t0), error: (err as Error).message };
  }
}

export function healthRoutes(ctx: ApiContext): FastifyPluginAsync {
  const { rt } = ctx;
  return async (app) => {
    app.get('/health', { schema: { tags: ['health'], summary: 'Liveness' } }, async () => ({ status: 'ok' }));

    app.get(
      '/health/ready',
      { schema: { tags: ['health'], summary: 'Database, queue and storage reachable' } },
      async (_req, reply) => {
        const checks = await Promise.all([
          check('database', () => rt.database.ping()),
          check('queue', () => rt.queue.ping()),
          check('storage', () => rt.storage.check()),
        ]);
        const ok = checks.every((c) => c.ok);
        return reply.status(ok ? 200 : 503).send({
          status: ok ? 'ready' : 'unavailable',
          mode: { database: rt.database.kind, queue: rt.queue.kind, storage: rt.storage.driver },
          checks,
        });
      },
    );

    app.get('/health/providers', { schema: { tags: ['health'] } }, async () => {
      const providers = await Promise.all(
        rt.providers.map(async (p) => ({
          name: p.name,
          ...(await p.health().catch((e) => ({ ok: false, detail: String(e) }))),
        })),
      );
      return { providers, order: rt.config.providers };
    });

    app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
      reply.header('content-type', rt.metrics.registry.contentType);
      return rt.metrics.registry.metrics();
    });
  };
}
