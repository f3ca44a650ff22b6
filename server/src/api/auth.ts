import { randomUUID } from 'node:crypto';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { fromNodeHeaders } from 'better-auth/node';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.ts';
import { accounts, sessions, users, verifications } from '../db/schema/index.ts';
import { type OnboardingRules, onboardUser } from '../services/onboarding.ts';
import { type SessionCache, sessionTokenOf } from './session-cache.ts';

export interface AuthOptions {
  db: Db;
  secret: string;
  baseUrl: string;
  trustedOrigins: string[];
  secureCookies: boolean;
  onboarding: OnboardingRules;
  /** Lower-cased trusted country header (e.g. cf-ipcountry): sets the PPP band at sign-up. */
  countryHeader?: string | null;
  log?: { error(o: object, m?: string): void };
}

/**
 * better-auth: email + password, sessions in the database, cookie
 * `better-auth.session_token` (HttpOnly, SameSite=Lax, Secure in production).
 * It refuses requests whose Origin is not trusted (CSRF). A new user is onboarded
 * (trial credits, style seed, default series) in one transaction of ours right
 * after better-auth commits the user; `requireUser` re-runs that idempotent step
 * for a user it finds not onboarded (a crash in between loses nothing).
 */
export function createAuth(o: AuthOptions) {
  return betterAuth({
    secret: o.secret,
    baseURL: o.baseUrl,
    basePath: '/api/auth',
    trustedOrigins: o.trustedOrigins,
    database: drizzleAdapter(o.db as never, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
      transaction: true,
    }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
    session: {
      expiresIn: 60 * 60 * 24 * 30,
      updateAge: 60 * 60 * 24,
      // A signed cookie caches the session for 5 minutes, so reads skip the sessions table.
      cookieCache: { enabled: true, maxAge: 300 },
    },
    advanced: {
      useSecureCookies: o.secureCookies,
      database: { generateId: () => randomUUID() },
    },
    telemetry: { enabled: false },
    databaseHooks: {
      user: {
        create: {
          after: async (user, ctx) => {
            const header = o.countryHeader;
            const country = header
              ? (ctx?.headers?.get(header) ?? ctx?.request?.headers.get(header) ?? null)
              : null;
            await onboardUser(o.db, user.id, o.onboarding, new Date(), { country }).catch((err) =>
              o.log?.error({ err, userId: user.id }, 'onboarding failed; retried on first request'),
            );
          },
        },
      },
    },
  });
}
export type Auth = ReturnType<typeof createAuth>;

/** Mounts better-auth's handler under /api/auth/* (its documented Fastify wiring). */
export function registerAuthRoutes(app: FastifyInstance, auth: Auth, cache: SessionCache) {
  app.route({
    method: ['GET', 'POST'],
    url: '/api/auth/*',
    schema: { hide: true },
    async handler(request, reply) {
      const url = new URL(request.url, `http://${request.headers.host ?? 'localhost'}`);
      if (url.pathname.endsWith('/sign-out')) {
        const token = sessionTokenOf(request.headers.cookie);
        if (token) cache.delete(token);
      }
      const headers = fromNodeHeaders(request.headers);
      const body =
        request.method === 'GET' || request.body === undefined
          ? undefined
          : typeof request.body === 'string'
            ? request.body
            : JSON.stringify(request.body);
      const response = await auth.handler(
        new Request(url.toString(), { method: request.method, headers, body }),
      );
      reply.status(response.status);
      response.headers.forEach((value, key) => {
        if (key.toLowerCase() !== 'set-cookie') reply.header(key, value);
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) reply.header('set-cookie', cookies);
      const text = await response.text();
      if (response.status >= 400 && text) {
        // Keep the API's one error shape for auth failures too.
        let parsed: { message?: string; code?: string } = {};
        try {
          parsed = JSON.parse(text);
        } catch {}
        reply.header('content-type', 'application/json; charset=utf-8');
        return reply.send({
          error: {
            code:
              response.status === 401
                ? 'UNAUTHENTICATED'
                : response.status === 403
                  ? 'FORBIDDEN'
                  : 'VALIDATION_ERROR',
            message: parsed.message ?? 'Authentication failed',
            details: parsed.code ? { auth_code: parsed.code } : undefined,
          },
        });
      }
      return reply.send(text || null);
    },
  });
}

/** The signed-in user of a request: from the session cache, else through better-auth. */
export async function sessionUserId(
  auth: Auth,
  cache: SessionCache,
  request: FastifyRequest,
): Promise<string | null> {
  const token = sessionTokenOf(request.headers.cookie);
  if (!token) return null;
  const cached = cache.get(token);
  if (cached) return cached;
  const session = await auth.api.getSession({ headers: fromNodeHeaders(request.headers) });
  if (!session) return null;
  cache.set(token, session.user.id, new Date(session.session.expiresAt).getTime());
  return session.user.id;
}
