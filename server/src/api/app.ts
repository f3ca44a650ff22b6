import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { JobEvent } from '@soundfoundry/contract';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Runtime } from '../runtime.ts';
import { clearAccountObjects, prepareAccountDeletion } from '../services/account-deletion.ts';
import { createRateLimits } from '../services/rate-limits.ts';
import { FsObjectStorage, fsStorageRoutes } from '../services/storage/index.ts';
import { createMemoryUserSlots, createRedisUserSlots } from '../services/user-slots.ts';
import { createAuth, registerAuthRoutes, sessionUserId } from './auth.ts';
import type { ApiContext } from './context.ts';
import { registerErrorHandling } from './plugins/errors.ts';
import { registerJsonParser } from './plugins/json-body.ts';
import { registerRateLimits } from './plugins/rate-limit.ts';
import { isUnder, normalisedPath } from './plugins/request-path.ts';
import {
  contentSecurityPolicy,
  HSTS,
  originVerdict,
  registerSecurity,
  SAFE_METHODS,
  SECURITY_HEADERS,
} from './plugins/security.ts';
import { createReadCaches } from './read-caches.ts';
import { adminRoutes } from './routes/admin.ts';
import { creditsRoutes } from './routes/credits.ts';
import { examplesRoutes } from './routes/examples.ts';
import { filesRoutes } from './routes/files.ts';
import { healthRoutes } from './routes/health.ts';
import { jobsRoutes } from './routes/jobs.ts';
import { meRoutes } from './routes/me.ts';
import { checkoutRoutes, paymentsCtx, stripeWebhookRoutes } from './routes/payments.ts';
import { styleRoutes } from './routes/style.ts';
import { stylesRoutes } from './routes/styles.ts';
import { tracksRoutes } from './routes/tracks.ts';
import { SessionCache, shareSessionEnds } from './session-cache.ts';
import { trustedPeerCheck } from './trusted-peer.ts';

/**
 * The two steps around better-auth's delete of a user row (services/account-deletion.ts): the
 * track ids noted before it are the objects cleared after it.
 */
function accountDeletionHooks(rt: Runtime, log: FastifyBaseLogger) {
  const ctx = {
    db: rt.database.db,
    storage: rt.storage,
    jobEnded: (ev: JobEvent, userId: string) => rt.events.publish(ev, userId),
    log,
  };
  const noted = new Map<string, string[]>();
  return {
    async before(userId: string) {
      noted.set(userId, (await prepareAccountDeletion({ ctx, input: { userId } })).trackIds);
    },
    async after(userId: string) {
      const trackIds = noted.get(userId) ?? [];
      noted.delete(userId);
      await clearAccountObjects({ ctx, input: { userId, trackIds } });
    },
  };
}

/** Waits for a store to connect, at most `ms` (then its in-memory twin answers until it does). */
async function readyWithin(ready: Promise<void>, ms: number): Promise<void> {
  await Promise.race([ready, new Promise((resolve) => setTimeout(resolve, ms).unref())]);
}

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

const API_PREFIXES = ['/api', '/docs', '/health', '/metrics'];

const CLIENT_ERRORS: Record<string, [status: number, reason: string, message: string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'The request URL or headers are too large.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'The request took too long to arrive.'],
};

/** A request Node's parser refused: answered once, in the API's error shape, and the socket closed. */
function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, message] = CLIENT_ERRORS[err.code ?? ''] ?? [
    400,
    'Bad Request',
    'The request is not valid HTTP.',
  ];
  const body = JSON.stringify({ error: { code: 'VALIDATION_ERROR', message, details: null } });
  // Written, then the socket destroyed (as Node's and Fastify's own handlers do): a slow client
  // still trickling bytes must not hold it open.
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    () => socket.destroy(),
  );
  setTimeout(() => socket.destroy(), 2000).unref(); // a client that reads nothing does not hold it either
}

/** Paths the API answers itself; everything else belongs to the web app when one is attached. */
export function isApiPath(url: string): boolean {
  // Decided on the decoded, normalised path (`/%61pi/…` is the API to the router) and on the path
  // as sent (`/api/tracks/..%2F..%2Fetc` resolves to /etc, but was sent to the API: it answers in
  // the API's error shape, not with the web app's HTML 404). A path that cannot be decoded stays
  // with Fastify, which answers it in our error shape.
  const path = normalisedPath(url);
  if (path === null) return true;
  const sent = url.split(/[?#]/, 1)[0]!.toLowerCase();
  return API_PREFIXES.some((p) => isUnder(path, p) || isUnder(sent, p));
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
    // X-Forwarded-For is believed only from the proxies we were told about; anyone
    // else could put any address there and dodge per-address limits.
    trustProxy: rt.config.security.trustedProxies.length > 0 ? rt.config.security.trustedProxies : false,
    // Slow clients (slow-loris) are dropped: Node's requestTimeout bounds receiving the
    // request (headers + body), not the response, so SSE streams are unaffected; an idle
    // socket is closed after connectionTimeout (SSE sends a heartbeat every 15 s).
    requestTimeout: rt.config.timeouts.requestMs,
    keepAliveTimeout: rt.config.timeouts.keepAliveMs,
    connectionTimeout: 60_000,
    http: {
      headersTimeout: rt.config.timeouts.headersMs,
      // How often Node checks those deadlines (default 30 s: a slow client kept ~twice as long).
      connectionsCheckingInterval: Math.min(5_000, rt.config.timeouts.headersMs),
    },
    return503OnClosing: true,
    // What Node's HTTP parser refuses before Fastify sees a request (headers or a URL over the
    // header limit, malformed requests, request timeouts) answers in our error shape too.
    clientErrorHandler: answerClientError,
    // A URL the router cannot decode (a broken %-escape) still answers in our error shape.
    frameworkErrors: (_err, _request, reply: FastifyReply) => {
      reply
        .code(400)
        .header('content-type', 'application/json; charset=utf-8')
        .send({ error: { code: 'VALIDATION_ERROR', message: 'The request URL is not valid.' } });
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: a form or text body on a JSON route is a 415, not a confusing 400.
  app.removeContentTypeParser('text/plain');
  registerJsonParser(app);

  registerErrorHandling(app);
  if (opts.web) {
    const web = opts.web;
    const csp = contentSecurityPolicy(rt.config.auth.trustedOrigins);
    const trusted = new Set(rt.config.auth.trustedOrigins);
    // First hook of all, before body parsing: the page request goes to Next untouched.
    app.addHook('onRequest', (request, reply, done) => {
      if (isApiPath(request.url)) return done();
      // Pages get the same CSRF rule as the API: no unsafe method from an untrusted Origin.
      if (!SAFE_METHODS.has(request.method) && !originVerdict(request.headers, trusted).ok) return done();
      reply.hijack();
      for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.raw.setHeader(k, v);
      if (rt.config.security.hsts) reply.raw.setHeader('strict-transport-security', HSTS);
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

  const sessionCache = new SessionCache();
  // Sign-out, revocation and password changes anywhere drop the user's cached sessions here too.
  const sessionEnds = shareSessionEnds(sessionCache, rt.events);
  app.addHook('onClose', async () => sessionEnds.close());
  const auth = createAuth({
    db: rt.database.db,
    secret: rt.secret,
    baseUrl: rt.config.publicUrl,
    trustedOrigins: rt.config.auth.trustedOrigins,
    secureCookies: rt.config.isProduction,
    onboarding: rt.config.credits,
    countryHeader: rt.config.countryHeader,
    accountDeletion: accountDeletionHooks(rt, app.log),
    onSessionsEnded: sessionEnds.ended,
    log: app.log,
  });
  const shared = rt.config.queue.kind === 'bullmq' ? rt.config.queue : null;
  const ctx: ApiContext = {
    rt,
    auth,
    sessions: sessionCache,
    sessionsEnded: sessionEnds.ended,
    caches: createReadCaches(rt.events),
    // Caps, not rate limits: on whatever RATE_LIMITS says.
    userSlots: shared
      ? createRedisUserSlots({
          url: shared.redisUrl,
          prefix: shared.prefix,
          timeoutMs: rt.config.timeouts.externalCallMs,
        })
      : createMemoryUserSlots(),
    isTrustedPeer: trustedPeerCheck(rt.config.security.trustedProxies),
  };
  app.addHook('onClose', async () => ctx.caches.close());
  app.addHook('onClose', async () => ctx.userSlots.close());
  // Count in the shared store from the first request when Redis is there (bounded wait; until it
  // connects, this process's in-memory twin counts).
  await readyWithin(ctx.userSlots.ready(), rt.config.timeouts.externalCallMs);
  if (rt.config.security.rateLimits) {
    const limits = createRateLimits(
      rt.config.queue.kind === 'bullmq'
        ? {
            kind: 'redis',
            url: rt.config.queue.redisUrl,
            prefix: rt.config.queue.prefix,
            timeoutMs: rt.config.timeouts.externalCallMs,
          }
        : { kind: 'memory' },
    );
    app.addHook('onClose', async () => limits.close());
    // Serve from the shared store from the first request when Redis is there (bounded wait;
    // until it connects, each process's in-memory twin answers).
    await readyWithin(limits.ready(), rt.config.timeouts.externalCallMs);
    registerRateLimits(app, limits, (request) => sessionUserId(auth, ctx.sessions, request));
  }
  registerAuthRoutes(app, auth, ctx.sessions, ctx.sessionsEnded, {
    countryHeader: rt.config.countryHeader,
    isTrustedPeer: ctx.isTrustedPeer,
  });

  await app.register(healthRoutes(ctx));
  await app.register(meRoutes(ctx));
  await app.register(creditsRoutes(ctx));
  await app.register(adminRoutes(ctx));
  const payments = await paymentsCtx(ctx);
  await app.register(checkoutRoutes(ctx, payments));
  await app.register(stripeWebhookRoutes(payments));
  await app.register(stylesRoutes());
  await app.register(examplesRoutes(ctx));
  await app.register(tracksRoutes(ctx));
  await app.register(styleRoutes(ctx));
  await app.register(jobsRoutes(ctx));
  await app.register(filesRoutes(ctx));
  if (rt.storage instanceof FsObjectStorage) {
    await app.register(fsStorageRoutes, { storage: rt.storage });
  }
  return app;
}
