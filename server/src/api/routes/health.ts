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

    // What is configured and how it fares, from the circuit state all workers share.
    // Keys are counted, never shown; the API process in production runs no provider,
    // so this reads only config and the shared circuit (plus local details where they run).
    app.get(
      '/health/providers',
      { schema: { tags: ['health'], summary: 'Configured music providers, circuit state, last success' } },
      async () => {
        const remote = rt.config.remote;
        const providers = await Promise.all(
          rt.config.providers.map(async (name) => {
            const circuit = await rt.circuit.snapshot(name).catch(() => null);
            const here = rt.providers.find((p) => p.name === name);
            const detail = here
              ? await here.health().catch(() => ({ ok: false, detail: 'health check failed' }))
              : null;
            return {
              name,
              model:
                name === 'fal'
                  ? remote.fal.model
                  : name === 'replicate'
                    ? `meta/musicgen, ${remote.replicate.songModel}`
                    : 'local engine',
              keys:
                name === 'fal'
                  ? remote.fal.keys.length
                  : name === 'replicate'
                    ? remote.replicate.tokens.length
                    : 0,
              capabilities: here?.capabilities ?? null,
              circuit: circuit?.state ?? 'unknown',
              open_until: circuit?.openUntil ?? null,
              last_success_at: circuit?.lastSuccessAt ?? null,
              latency_ms: circuit?.lastLatencyMs ?? null,
              last_error_code: circuit?.lastErrorCode ?? null,
              ok: (circuit?.state ?? 'closed') !== 'open' && (detail?.ok ?? true),
              detail: detail?.detail ?? null,
            };
          }),
        );
        return { providers, order: rt.config.providers };
      },
    );

    app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
      reply.header('content-type', rt.metrics.registry.contentType);
      return rt.metrics.registry.metrics();
    });
  };
}
