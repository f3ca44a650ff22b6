/**
 * A small per-process cache of resolved sessions: session-token cookie → user id,
 * for at most `ttlMs`. It saves a sessions-table read on every API request. Sign-out
 * and revocation drop a user's entries at once in every API process (the event bus
 * carries a `sessions` notice, see shareSessionEnds below); `ttlMs` (30 s) only bounds
 * staleness should a notice be lost.
 */
import type { JobEventBus } from '../services/job-events.ts';

export class SessionCache {
  private readonly entries = new Map<string, { userId: string; until: number }>();

  constructor(
    private readonly ttlMs = 30_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(token: string, now = Date.now()): string | null {
    const e = this.entries.get(token);
    if (!e) return null;
    if (e.until <= now) {
      this.entries.delete(token);
      return null;
    }
    return e.userId;
  }

  set(token: string, userId: string, sessionExpiresAt: number, now = Date.now()): void {
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, { userId, until: Math.min(now + this.ttlMs, sessionExpiresAt) });
  }

  delete(token: string): void {
    this.entries.delete(token);
  }

  /** Drops every cached session of a user (sign-out, revocation, password change). */
  dropUser(userId: string): void {
    for (const [token, e] of this.entries) if (e.userId === userId) this.entries.delete(token);
  }
}

/**
 * "A user's sessions ended", written once for every API process: `ended` drops this process's
 * cached sessions of the user at once and tells the other processes through the event bus, whose
 * own shareSessionEnds drops theirs. Every way sessions end calls `ended`: sign-out, revoking
 * sessions and changing the password (api/auth.ts), signing one session out from Settings
 * (DELETE /api/me/sessions/:id) and a password reset (better-auth's hook).
 */
export function shareSessionEnds(
  cache: SessionCache,
  events: Pick<JobEventBus, 'sessionsEnded' | 'onAny'>,
): { ended(userId: string): void; close(): void } {
  const off = events.onAny((m) => {
    if (m.kind === 'sessions') cache.dropUser(m.userId);
  });
  return {
    ended(userId) {
      cache.dropUser(userId);
      events.sessionsEnded(userId);
    },
    close: off,
  };
}

const TOKEN_COOKIE = /(?:^|;\s*)(?:__Secure-)?better-auth\.session_token=([^;]+)/;

/** The session token cookie of a Cookie header, or null. */
export function sessionTokenOf(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  return TOKEN_COOKIE.exec(cookieHeader)?.[1] ?? null;
}
