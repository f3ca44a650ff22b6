import type { FastifyRequest } from 'fastify';
import type { Runtime } from '../runtime.ts';
import { AppError } from '../services/errors.ts';
import type { UserSlots } from '../services/user-slots.ts';
import { type Auth, sessionUserId } from './auth.ts';
import type { ReadCaches } from './read-caches.ts';
import type { SessionCache } from './session-cache.ts';

/** What route plugins get: the runtime's adapters and the auth instance. */
export interface ApiContext {
  rt: Runtime;
  auth: Auth;
  sessions: SessionCache;
  /**
   * A user's sessions ended (signed out, revoked, password changed or reset): drops them from this
   * process's cache and every other API process's (api/session-cache.ts shareSessionEnds).
   */
  sessionsEnded: (userId: string) => Promise<void>;
  /** Serialized hot reads, invalidated by the event bus (see api/read-caches.ts). */
  caches: ReadCaches;
  /**
   * Per-user caps on long-lived things (open event streams, admitted analyses), counted for the
   * whole deployment: in Redis in production, in memory in embedded mode.
   */
  userSlots: UserSlots;
  /** Whether a socket peer is one of TRUSTED_PROXIES (whose client headers we believe). */
  isTrustedPeer: (addr: string | undefined) => boolean;
}

/** The signed-in user's id, or 401 in the API's error shape. */
export async function requireUserId(ctx: ApiContext, request: FastifyRequest): Promise<string> {
  const id = await sessionUserId(ctx.auth, ctx.sessions, request);
  if (!id) throw new AppError(401, 'UNAUTHENTICATED', 'Sign in to continue.');
  return id;
}

export async function optionalUserId(ctx: ApiContext, request: FastifyRequest): Promise<string | null> {
  return sessionUserId(ctx.auth, ctx.sessions, request);
}
