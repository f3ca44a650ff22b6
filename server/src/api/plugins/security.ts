import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../runtime.ts';
import { AppError } from '../../services/errors.ts';

/**
 * The Content-Security-Policy. Our own origins (PUBLIC_URL and, outside production, the
 * machine's local names) may serve images, media and fetches: the file store signs URLs
 * with PUBLIC_URL's host, which differs from the page's when a visitor uses 127.0.0.1.
 */
export function contentSecurityPolicy(ownOrigins: readonly string[] = []): string {
  // CSP source lists have no syntax for IPv6 literals ([::1]): such origins are left out.
  const listed = ownOrigins.filter((o) => !o.includes('['));
  const own = listed.length > 0 ? ` ${listed.join(' ')}` : '';
  return [
    "default-src 'self'",
    `img-src 'self'${own} data: blob:`,
    `media-src 'self'${own} blob: https:`,
    "style-src 'self' 'unsafe-inline'",
    "script-src 'self' 'unsafe-inline'",
    `connect-src 'self'${own}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** The headers every response carries, the web app's pages included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/**
 * Security headers on every response, request metrics, and CSRF defence for our
 * own cookie-authenticated API: a state-changing request from a browser must come
 * from a trusted Origin. This covers /api/auth too: better-auth lets a cookie-less
 * sign-up or sign-in through from any Origin (login CSRF). JSON
 * bodies add a second line: a cross-site form cannot send application/json.
 */
export function registerSecurity(app: FastifyInstance, rt: Runtime) {
  const trusted = new Set(rt.config.auth.trustedOrigins);
  const csp = contentSecurityPolicy(rt.config.auth.trustedOrigins);
  const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

  app.addHook('onRequest', async (request) => {
    if (!unsafe.has(request.method)) return;
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/webhooks/')) return;
    const origin = request.headers.origin;
    if (origin && !trusted.has(origin)) {
      throw new AppError(403, 'FORBIDDEN', `Requests from origin ${origin} are not allowed.`);
    }
  });

  app.addHook('onSend', async (request, reply) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    if (!request.url.startsWith('/docs')) reply.header('content-security-policy', csp);
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    rt.metrics.httpDuration.observe(
      { method: request.method, route, status: `${Math.floor(reply.statusCode / 100)}xx` },
      reply.elapsedTime / 1000,
    );
  });
}
