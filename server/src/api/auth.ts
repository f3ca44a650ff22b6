import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { isCleanText, Text } from '@soundfoundry/contract';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { fromNodeHeaders } from 'better-auth/node';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { accounts, sessions, users, verifications } from '../db/schema/index.ts';
import { AppError } from '../services/errors.ts';
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
  /** A user's sessions were all ended outside a request of theirs (a password reset): drop them from every cache. */
  onSessionsEnded?: (userId: string) => Promise<void>;
  /** Around better-auth's delete of a user row: what the database cannot cascade (services/account-deletion.ts). */
  accountDeletion?: { before(userId: string): Promise<void>; after(userId: string): Promise<void> };
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
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      autoSignIn: true,
      // Reset links are issued by the operator (issuePasswordResetLink), never mailed: there may be
      // no mail server, and the public request endpoint is closed (registerAuthRoutes).
      resetPasswordTokenExpiresIn: RESET_LINK_TTL_SEC,
      sendResetPassword: async ({ token }) => {
        const slot = resetLinkCapture.getStore();
        if (slot) slot.token = token;
      },
      // Whoever had the old password may hold a session: a reset ends them all.
      revokeSessionsOnPasswordReset: true,
      onPasswordReset: async ({ user }) => o.onSessionsEnded?.(user.id),
    },
    // Settings' "Delete account": always with the password (withPolicy refuses it without one).
    user: {
      deleteUser: {
        enabled: true,
        beforeDelete: async (user) => {
          await o.accountDeletion?.before(user.id);
        },
        afterDelete: async (user) => {
          await o.accountDeletion?.after(user.id);
        },
      },
    },
    session: {
      expiresIn: 60 * 60 * 24 * 30,
      updateAge: 60 * 60 * 24,
      // No cookie cache: a signed cookie would keep a signed-out or revoked session valid
      // for its lifetime (5 min). Our SessionCache fronts the sessions table instead, and is
      // dropped on every process the moment a session ends.
      cookieCache: { enabled: false },
    },
    advanced: {
      useSecureCookies: o.secureCookies,
      database: { generateId: () => randomUUID() },
    },
    telemetry: { enabled: false },
    // A warning per failed sign-in ("User not found") would flood the log during a guessing attack.
    logger: { level: 'error' },
    // Our own limits (api/plugins/rate-limit.ts) replace better-auth's: its limiter keys on
    // a client-supplied X-Forwarded-For, or puts every client in one bucket without it.
    rateLimit: { enabled: false },
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

/** How long an operator's reset link works. */
export const RESET_LINK_TTL_SEC = 60 * 60;
const resetLinkCapture = new AsyncLocalStorage<{ token?: string }>();

/**
 * A one-time link to set a new password, for the operator to hand to a locked-out person (the
 * CLI's `password reset-link`). better-auth makes and checks the token; we catch it where it
 * would mail it. The link opens the web app's /auth/reset page. 404 for an unknown address.
 */
export async function issuePasswordResetLink(
  auth: Auth,
  publicUrl: string,
  email: string,
): Promise<{ email: string; url: string; expires_at: string }> {
  const slot: { token?: string } = {};
  const address = email.trim().toLowerCase();
  await resetLinkCapture.run(slot, () => auth.api.requestPasswordReset({ body: { email: address } }));
  // better-auth answers the same for an unknown address, without making a token.
  if (!slot.token) throw new AppError(404, 'NOT_FOUND', `No account uses ${address}.`);
  const url = new URL('/auth/reset', publicUrl);
  url.searchParams.set('token', slot.token);
  return {
    email: address,
    url: url.toString(),
    expires_at: new Date(Date.now() + RESET_LINK_TTL_SEC * 1000).toISOString(),
  };
}

/** better-auth endpoints that would mail a reset link: closed (links come from the operator). */
const MAILS_RESET_LINK = /\/api\/auth\/(request-password-reset|forget-password)$/;
/**
 * better-auth's list of an account's sessions hands every session's token to page scripts;
 * Settings reads GET /api/me/sessions, which never does, so this one is closed.
 */
const LISTS_SESSION_TOKENS = /\/api\/auth\/list-sessions$/;

/**
 * Session tokens in better-auth's answers (get-session's `session.token`, sign-in's and sign-up's
 * `token`): the browser holds its session in an HttpOnly cookie and no page of ours reads them, so
 * a script injected into a page must not either. Removed from every JSON answer.
 */
export function withoutSessionTokens(text: string): string {
  if (!text.includes('"token"')) return text;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text;
  }
  if (!body || typeof body !== 'object') return text;
  const b = body as { token?: unknown; session?: { token?: unknown } | null };
  delete b.token;
  if (b.session && typeof b.session === 'object') delete b.session.token;
  return JSON.stringify(b);
}

/** better-auth endpoints after which some of the caller's sessions no longer exist. */
const ENDS_SESSIONS =
  /\/api\/auth\/(sign-out|revoke-session|revoke-sessions|revoke-other-sessions|change-password|delete-user)$/;

/** What better-auth may believe of a request's proxy headers. */
export interface ForwardedFacts {
  /** Lower-cased country header (COUNTRY_HEADER), honoured only from a trusted proxy. */
  countryHeader: string | null;
  isTrustedPeer: (addr: string | undefined) => boolean;
}

/**
 * The headers better-auth sees: X-Forwarded-For is replaced by the address Fastify resolved
 * (forwarding headers only from TRUSTED_PROXIES), so a session's recorded address is not the
 * client's say-so; the country header is dropped unless a trusted proxy set it (it picks the
 * price band at sign-up).
 */
function authHeaders(request: FastifyRequest, forwarded: ForwardedFacts): Headers {
  const headers = fromNodeHeaders(request.headers);
  headers.set('x-forwarded-for', request.ip);
  const country = forwarded.countryHeader;
  if (country && !forwarded.isTrustedPeer(request.socket.remoteAddress)) headers.delete(country);
  return headers;
}

/**
 * Our rules on top of better-auth's:
 * - it ends the other sessions on a password change only when asked: we always ask (whoever
 *   knew the old password may hold one of them);
 * - it deletes an account without the password when the session is fresh, or with an emailed
 *   token: we require the password, and no token (a left-open laptop must not be enough).
 */
function withPolicy(pathname: string, body: Record<string, unknown>): Record<string, unknown> {
  if (pathname.endsWith('/change-password')) return { ...body, revokeOtherSessions: true };
  if (pathname.endsWith('/delete-user')) {
    if (typeof body.password !== 'string' || body.password === '') {
      throw new AppError(400, 'VALIDATION_ERROR', 'Enter your password to delete your account.', [
        { path: 'body.password', message: 'required to delete the account' },
      ]);
    }
    return { password: body.password };
  }
  return body;
}

/** Mounts better-auth's handler under /api/auth/* (its documented Fastify wiring). */
export function registerAuthRoutes(
  app: FastifyInstance,
  auth: Auth,
  cache: SessionCache,
  /** A user's sessions ended: drops them from this cache and every other process's (ApiContext.sessionsEnded). */
  sessionsEnded: (userId: string) => Promise<void>,
  forwarded: ForwardedFacts,
) {
  app.route({
    method: ['GET', 'POST'],
    url: '/api/auth/*',
    schema: { hide: true },
    async handler(request, reply) {
      const url = new URL(request.url, `http://${request.headers.host ?? 'localhost'}`);
      if (LISTS_SESSION_TOKENS.test(url.pathname)) {
        throw new AppError(
          403,
          'FORBIDDEN',
          "This endpoint is closed: an account's sessions are listed by GET /api/me/sessions.",
        );
      }
      if (MAILS_RESET_LINK.test(url.pathname)) {
        throw new AppError(
          403,
          'FORBIDDEN',
          'This server sends no emails: ask its operator for a link to set a new password.',
        );
      }
      const endsSessions = request.method === 'POST' && ENDS_SESSIONS.test(url.pathname);
      // Whose sessions: resolved before better-auth deletes the session we would read it from.
      const endingUser = endsSessions ? await sessionUserId(auth, cache, request) : null;
      if (endsSessions) {
        const token = sessionTokenOf(request.headers.cookie);
        if (token) cache.delete(token);
      }
      const headers = authHeaders(request, forwarded);
      const body =
        request.method === 'GET' || request.body === undefined
          ? undefined
          : JSON.stringify(withPolicy(url.pathname, checkedAuthBody(request.body)));
      const response = await auth.handler(
        new Request(url.toString(), { method: request.method, headers, body }),
      );
      reply.status(response.status);
      response.headers.forEach((value, key) => {
        // The body may be rewritten below (tokens removed): Fastify sets its length.
        const k = key.toLowerCase();
        if (k !== 'set-cookie' && k !== 'content-length') reply.header(key, value);
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) reply.header('set-cookie', cookies);
      if (endingUser && response.status < 400) await sessionsEnded(endingUser);
      const text = await response.text();
      if (response.status >= 400) {
        // Keep the API's one error shape for auth failures too, bodiless ones included (better-auth
        // answers an unknown endpoint, or a known one by the wrong method, 404 with no body).
        let parsed: { message?: string; code?: string } = {};
        try {
          parsed = text ? JSON.parse(text) : {};
        } catch {}
        reply.header('content-type', 'application/json; charset=utf-8');
        const status = response.status;
        return reply.send({
          error: {
            code:
              status === 401
                ? 'UNAUTHENTICATED'
                : status === 403
                  ? 'FORBIDDEN'
                  : status === 404
                    ? 'NOT_FOUND'
                    : status === 429
                      ? 'RATE_LIMITED'
                      : 'VALIDATION_ERROR',
            message:
              typeof parsed.message === 'string'
                ? withoutSchemaPaths(parsed.message)
                : status === 404
                  ? 'No such authentication endpoint.'
                  : 'Authentication failed',
            details: parsed.code ? { auth_code: parsed.code } : undefined,
          },
        });
      }
      return reply.send(text ? withoutSessionTokens(text) : null);
    },
  });
}

/**
 * better-auth's validation messages name the schema path ("[body.email] Invalid email address",
 * several joined by "; "); people get the words alone (UI.md: never a schema path).
 */
export function withoutSchemaPaths(message: string): string {
  return message.replace(/(^|; )\[[\w.]*\] /g, '$1');
}

const AuthString = z
  .string()
  .max(4096)
  .refine((v) => isCleanText(v), { message: 'must not contain control characters' });
/**
 * What we let through to better-auth: a flat JSON object whose values are clean text,
 * booleans, numbers or null (better-auth answers 500 to `{"name": null}` and to
 * NUL bytes). `name` is normalised like every name of ours.
 */
const AuthBody = z
  .looseObject({
    name: Text({ min: 1, max: 100 }).optional(),
    email: AuthString.optional(),
    password: AuthString.optional(),
    newPassword: AuthString.optional(),
    currentPassword: AuthString.optional(),
  })
  .catchall(z.union([AuthString, z.boolean(), z.number(), z.null()]));

/** The auth request body checked (400 in our error shape), or the error. */
export function checkedAuthBody(body: unknown): Record<string, unknown> {
  const parsed = AuthBody.safeParse(body);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, message: i.message }));
  const first = details[0];
  throw new AppError(
    400,
    'VALIDATION_ERROR',
    first ? `Invalid ${first.path}: ${first.message}` : 'Invalid request body',
    details,
  );
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
  const readStartedAt = Date.now();
  const session = await auth.api.getSession({ headers: fromNodeHeaders(request.headers) });
  if (!session) return null;
  cache.set(token, session.user.id, new Date(session.session.expiresAt).getTime(), Date.now(), readStartedAt);
  return session.user.id;
}
