import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Runtime } from '../../runtime.ts';
import { AppError } from '../../services/errors.ts';
import { isUnder, normalisedPath } from './request-path.ts';

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

/** Strict-Transport-Security, sent in production when PUBLIC_URL is https. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** Methods that cannot change state; every other method (known or not) is checked. */
export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Server-to-server callbacks (payment and provider webhooks) carry no cookie and
 * prove themselves by signature: they are the one exception to the Origin check.
 */
const ORIGIN_EXEMPT_PREFIXES = ['/api/webhooks'];

/**
 * Whether a state-changing request may proceed, from its Origin and Fetch metadata.
 * Exported for tests; the hook below is the one place it is applied.
 */
export function originVerdict(
  headers: FastifyRequest['headers'],
  trusted: ReadonlySet<string>,
): { ok: true } | { ok: false; reason: string } {
  const origin = headers.origin;
  if (typeof origin === 'string') {
    // "null" (sandboxed frames, file: pages) is never trusted.
    return trusted.has(origin) ? { ok: true } : { ok: false, reason: `origin ${origin}` };
  }
  // No Origin: a non-browser client, or an old browser. A browser that says the
  // request is cross-site is refused even so.
  const site = headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return { ok: false, reason: `a ${site} request` };
  return { ok: true };
}

/**
 * Security for every route, present and future, by method and normalised path (so
 * routes other branches add are covered without edits):
 * - CSRF: every unsafe method on every path must come from a trusted Origin, decided
 *   on the decoded, normalised path (`/%61pi/tracks` is `/api/tracks`), webhooks aside.
 *   This covers /api/auth too: better-auth lets a cookie-less sign-up or sign-in
 *   through from any Origin (login CSRF). JSON bodies add a second line: a cross-site
 *   form cannot send application/json.
 * - Headers: nosniff, frame denial, referrer policy, our CSP unless the route set its
 *   own (served files carry a stricter sandbox CSP), HSTS in production over https,
 *   `Cache-Control: no-store` on JSON that did not choose its own caching (private
 *   data and signed URLs must not sit in shared caches).
 * - /metrics: a bearer token (METRICS_TOKEN), else loopback only and never in production.
 * - Request metrics.
 */
export function registerSecurity(app: FastifyInstance, rt: Runtime) {
  const trusted = new Set(rt.config.auth.trustedOrigins);
  const { metricsToken, hsts } = rt.config.security;
  const csp = contentSecurityPolicy(rt.config.auth.trustedOrigins);

  let warnedForwarded = false;
  app.addHook('onRequest', async (request) => {
    if (
      !warnedForwarded &&
      request.headers['x-forwarded-for'] &&
      rt.config.security.trustedProxies.length === 0
    ) {
      // Behind a proxy without TRUSTED_PROXIES every client shares the proxy's address (and its limits).
      warnedForwarded = true;
      request.log.warn(
        'X-Forwarded-For is ignored: set TRUSTED_PROXIES to the reverse proxy addresses so limits see real clients',
      );
    }
    const path = normalisedPath(request.url);
    if (path !== null && (path === '/metrics' || isUnder(path, '/metrics'))) {
      assertMetricsAccess(request, metricsToken, rt.config.isProduction);
    }
    if (SAFE_METHODS.has(request.method)) return;
    if (path !== null && ORIGIN_EXEMPT_PREFIXES.some((p) => isUnder(path, p))) return;
    const verdict = originVerdict(request.headers, trusted);
    if (!verdict.ok) {
      throw new AppError(403, 'FORBIDDEN', `Requests from ${verdict.reason} are not allowed.`);
    }
  });

  app.addHook('onSend', async (request, reply) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    if (hsts) reply.header('strict-transport-security', HSTS);
    const path = normalisedPath(request.url) ?? '';
    if (!reply.hasHeader('content-security-policy') && !isUnder(path, '/docs')) {
      reply.header('content-security-policy', csp);
    }
    if (!reply.hasHeader('cache-control')) {
      const type = String(reply.getHeader('content-type') ?? '');
      if (type.startsWith('application/json')) reply.header('cache-control', 'no-store');
    }
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    rt.metrics.httpDuration.observe(
      { method: request.method, route, status: `${Math.floor(reply.statusCode / 100)}xx` },
      reply.elapsedTime / 1000,
    );
  });
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** 404 (not 401/403) for a refused scrape: the endpoint's existence is not advertised. */
function assertMetricsAccess(request: FastifyRequest, token: string | undefined, isProduction: boolean) {
  if (token) {
    const given = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
    if (safeEqual(given, token)) return;
  } else if (!isProduction && LOOPBACK.has(request.socket.remoteAddress ?? '')) {
    // Embedded mode on a developer's machine: the local scrape keeps working.
    if (request.headers['x-forwarded-for'] === undefined) return;
  }
  throw new AppError(404, 'NOT_FOUND', `No route ${request.method} /metrics`);
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
