import type { IncomingMessage, ServerResponse } from 'node:http';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Runtime } from '../runtime.ts';
import { FsObjectStorage, fsStorageRoutes } from '../services/storage/index.ts';
import { createAuth, registerAuthRoutes } from './auth.ts';
import type { ApiContext } from './context.ts';
import { registerErrorHandling } from './plugins/errors.ts';
import { contentSecurityPolicy, registerSecurity, SECURITY_HEADERS } from './plugins/security.ts';
import { createReadCaches } from './read-caches.ts';
import { filesRoutes } from './routes/files.ts';
import { healthRoutes } from './routes/health.ts';
import { jobsRoutes } from './routes/jobs.ts';
import { meRoutes } from './routes/me.ts';
import { tracksRoutes } from './routes/tracks.ts';
import { SessionCache } from './session-cache.ts';

/** Replaces the values of signature-bearing query parameters with "redacted". */
export function redactSignatures(url: string): string {
  return url.replace(
    /([?&](?:sig|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token)=)[^&]*/gi,
    '$1redacted',
  );
}

export interface BuildAppOptions {
  logger?: boolean | object;
  /** Serves every path that is not the API's (the Next.js app in `npm start`). */
  web?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

/** Paths the API answers itself; everything else belongs to the web app when one is attached. */
export function isApiPath(url: string): boolean {
  return /^\/(api|docs|health)(\/|\?|$)|^\/metrics(\?|$)/.test(url);
}

/**
 * The HTTP app as one function of the runtime: main.ts serves it, tests inject into
 * it. Routes are thin (schema → user → one service verb → reply).
 */
export async function buildApp(rt: Runtime, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger
      ? {
          ...(typeof opts.logger === 'object' ? opts.logger : {}),
          // Signed URLs carry their signature in the query: never write it to logs.
          serializers: {
            req: (req: { method: string; url: string; id: string }) => ({
              id: req.id,
              method: req.method,
              url: redactSignatures(req.url),
            }),
          },
        }
      : false,
    bodyLimit: rt.config.limits.bodyBytes,
    trustProxy: rt.config.isProduction,
    requestTimeout: 0, // SSE streams are long-lived; per-route work is bounded elsewhere
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: a form or text body on a JSON route is a 415, not a confusing 400.
  app.removeContentTypeParser('text/plain');

  registerErrorHandling(app);
  if (opts.web) {
    const web = opts.web;
    const csp = contentSecurityPolicy(rt.config.auth.trustedOrigins);
    // First hook of all, before body parsing: the page request goes to Next untouched.
    app.addHook('onRequest', (request, reply, done) => {
      if (isApiPath(request.url)) return done();
      reply.hijack();
      for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.raw.setHeader(k, v);
      reply.raw.setHeader('content-security-policy', csp);
      web(request.raw, reply.raw).catch((err) => {
        request.log.error({ err }, 'web handler failed');
        if (!reply.raw.headersSent) reply.raw.writeHead(500, { 'content-type': 'text/plain' });
        reply.raw.end('Internal error');
      });
    });
  }
  registerSecurity(app, rt);

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'SoundFoundry API', version: '0.1.0', description: 'AI music generation, self-hosted.' },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'better-auth.session_token' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  const auth = createAuth({
    db: rt.database.db,
    secret: rt.secret,
    baseUrl: rt.config.publicUrl,
    trustedOrigins: rt.config.auth.trustedOrigins,
    secureCookies: rt.config.isProduction,
    onboarding: rt.config.credits,
    log: app.log,
  });
  const ctx: ApiContext = { rt, auth, sessions: new SessionCache(), caches: createReadCaches(rt.events) };
  app.addHook('onClose', async () => ctx.caches.close());
  registerAuthRoutes(app, auth, ctx.sessions);

  await app.register(healthRoutes(ctx));
  await app.register(meRoutes(ctx));
  await app.register(tracksRoutes(ctx));
  await app.register(jobsRoutes(ctx));
  await app.register(filesRoutes(ctx));
  if (rt.storage instanceof FsObjectStorage) {
    await app.register(fsStorageRoutes, { storage: rt.storage });
  }
  return app;
}
