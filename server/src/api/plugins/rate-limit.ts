import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../services/errors.ts';
import type { LimiterName, RateLimits } from '../../services/rate-limits.ts';
import { clientAddressKey } from '../trusted-peer.ts';
import { isUnder, normalisedPath } from './request-path.ts';

/**
 * Which limiter a request draws from, by method and normalised path (so a route of
 * another branch under one of these paths is covered without edits). `per: 'user'`
 * keys by the signed-in user, falling back to the client address when signed out.
 */
interface Rule {
  method: string;
  match: (path: string) => boolean;
  limiter: LimiterName;
  per: 'address' | 'user';
}

const RULES: Rule[] = [
  {
    method: 'POST',
    match: (p) => isUnder(p, '/api/auth/sign-in'),
    limiter: 'signInPerAddress',
    per: 'address',
  },
  {
    method: 'POST',
    match: (p) => isUnder(p, '/api/auth/sign-up'),
    limiter: 'signUpPerAddress',
    per: 'address',
  },
  {
    method: 'POST',
    match: (p) =>
      ['/api/auth/request-password-reset', '/api/auth/forget-password', '/api/auth/reset-password'].some(
        (x) => isUnder(p, x),
      ),
    limiter: 'passwordResetPerAddress',
    per: 'address',
  },
  {
    method: 'POST',
    match: (p) => ['/api/auth/change-password', '/api/auth/delete-user'].some((x) => isUnder(p, x)),
    limiter: 'passwordChecksPerUser',
    per: 'user',
  },
  { method: 'POST', match: (p) => p === '/api/tracks', limiter: 'trackCreationPerUser', per: 'user' },
  { method: 'POST', match: (p) => p === '/api/analyze', limiter: 'uploadsPerUser', per: 'user' },
  {
    method: 'POST',
    match: (p) => /^\/api\/tracks\/[^/]+\/visuals$/.test(p),
    limiter: 'visualsPerUser',
    per: 'user',
  },
  {
    method: 'POST',
    match: (p) => /^\/api\/tracks\/[^/]+\/refund-quality$/.test(p),
    limiter: 'refundQualityPerUser',
    per: 'user',
  },
  { method: 'POST', match: (p) => p === '/api/credits/checkout', limiter: 'checkoutPerUser', per: 'user' },
  ...['PUT', 'DELETE'].map(
    (method): Rule => ({
      method,
      match: (p) => /^\/api\/tracks\/[^/]+\/like$/.test(p),
      limiter: 'likesPerUser',
      per: 'user',
    }),
  ),
  {
    method: 'GET',
    match: (p) => /^\/api\/examples\/[^/]+\/audio$/.test(p),
    limiter: 'exampleAudioPerAddress',
    per: 'address',
  },
  // Never POST /api/webhooks/stripe: Stripe retries a refused delivery, and its events are
  // signed (a forger gets 400 from the signature check, which costs microseconds).
];

/** The operator API: failed bearer tokens are counted per client address. */
const isAdmin = (path: string) => isUnder(path, '/api/admin');

const isSignIn = (method: string, path: string) => method === 'POST' && isUnder(path, '/api/auth/sign-in');

/** The account a sign-in names (lower-cased email), or null. */
function accountOf(body: unknown): string | null {
  const email = (body as { email?: unknown } | null)?.email;
  return typeof email === 'string' && email.length <= 320 ? email.trim().toLowerCase() : null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on sign-in requests: the (account, address) key of its failure counter. */
    signInKey?: string;
  }
}

function refuse(reply: FastifyReply, waitMs: number, what: string): never {
  const sec = Math.max(1, Math.ceil(waitMs / 1000));
  reply.header('retry-after', String(sec));
  throw new AppError(429, 'RATE_LIMITED', `Too many ${what}; try again in ${sec} s.`, { retry_after_s: sec });
}

/**
 * Rate limits (DESIGN §4) in front of every matching route:
 * - sign-in: 30 attempts a minute per client address, a success given back (so only
 *   failures count), and per (account, address) a backoff after 5 consecutive
 *   failures (1 s, doubling, ≤ 15 min), checked one attempt at a time (a parallel one
 *   is refused: otherwise a burst of guesses all pass the backoff's check before any has
 *   failed). The account key includes the address, so an attacker's failures never lock
 *   the real user, signing in from elsewhere, out.
 * - sign-up and password reset: 5 an hour per address; track creation 30 a minute and
 *   uploads 10 a minute per user.
 * - cover regeneration and checkout 10 a minute, quality refunds 20 an hour, likes 60 a minute,
 *   per user.
 * - landing demos' audio 30 a minute per address (a demo's first request renders it).
 * - operator API: 10 failed bearer tokens a minute per address, then 429 until the
 *   window ends (even with the right token, from that address).
 * The client address is Fastify's `request.ip`: X-Forwarded-For counts only when the
 * peer is one of TRUSTED_PROXIES; an IPv6 client is limited as its /64 (clientAddressKey). Refusals are 429 with Retry-After and the error shape.
 */
export function registerRateLimits(
  app: FastifyInstance,
  limits: RateLimits,
  userOf: (request: FastifyRequest) => Promise<string | null>,
) {
  // Operator API: refused before its own token check once an address has used up its
  // failures (onRequest: the admin routes check the token in their onRequest hook, which
  // runs after this root one). A right token never counts, so the operator is only ever
  // held up from an address that has been guessing.
  app.addHook('onRequest', async (request, reply) => {
    const path = normalisedPath(request.url);
    if (path === null || !isAdmin(path)) return;
    const wait = await limits.failuresBlockFor('adminAuthFailuresPerAddress', clientAddressKey(request.ip));
    if (wait !== null) refuse(reply, wait, 'failed operator-token attempts');
  });

  app.addHook('preHandler', async (request, reply) => {
    const path = normalisedPath(request.url);
    if (path === null) return;
    const rule = RULES.find((r) => r.method === request.method && r.match(path));
    if (!rule) return;
    if (isSignIn(request.method, path)) {
      const account = accountOf(request.body);
      if (account) {
        const key = `${account}|${clientAddressKey(request.ip)}`;
        const wait = await limits.blockedFor('signInBackoff', key);
        if (wait !== null) refuse(reply, wait, 'failed sign-ins for this account');
        // One at a time per (account, address): the next is checked against a backoff that
        // already counts this one's failure (parallel guesses would all pass the check above).
        if ((await limits.take('signInInFlight', key)) !== null)
          refuse(reply, 1000, 'sign-ins for this account at once');
        request.signInKey = key; // held from here until the reply: released in onSend
      }
    }
    const user = rule.per === 'user' ? await userOf(request) : null;
    const key = user ? `user:${user}` : clientAddressKey(request.ip);
    const wait = await limits.take(rule.limiter, key);
    if (wait !== null) refuse(reply, wait, 'requests');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode === 401 && request.method !== 'OPTIONS') {
      const path = normalisedPath(request.url);
      if (path !== null && isAdmin(path))
        await limits.recordFailure('adminAuthFailuresPerAddress', clientAddressKey(request.ip));
    }
    const key = request.signInKey;
    if (!key) return payload;
    request.signInKey = undefined; // released once, whatever else runs
    try {
      if (reply.statusCode === 200) {
        await Promise.all([
          limits.giveBack('signInPerAddress', clientAddressKey(request.ip)),
          limits.clearSignInFailures(key),
        ]);
      } else if (reply.statusCode === 401 || reply.statusCode === 403) {
        await limits.recordSignInFailure(key);
      }
    } finally {
      // After the failure is counted: the next attempt meets the backoff it earned.
      await limits.release('signInInFlight', key);
    }
    return payload;
  });

  // A sign-in whose client went away before the reply: its hold is released too.
  app.addHook('onRequestAbort', async (request) => {
    const key = request.signInKey;
    if (!key) return;
    request.signInKey = undefined;
    await limits.release('signInInFlight', key);
  });
}
