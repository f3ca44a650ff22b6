/**
 * A small per-process cache of resolved sessions: session-token cookie → user id,
 * for at most `ttlMs`. It saves a sessions-table read on every API request. Sign-out
 * and revocation drop a user's entries at once in every API process (the event bus
 * carries a `sessions` notice, see shareSessionEnds below). Two holes are closed here:
 * - a read that began before the user's sessions ended (on another request, another
 *   process) is not cached when it returns: it may have found the session still there;
 * - while this process cannot hear the bus (its Redis subscription is down), nothing is
 *   cached and what was is dropped: notices sent meanwhile are lost, so every request
 *   reads the sessions table until the subscription is back.
 * `ttlMs` (30 s) only bounds staleness should a notice be lost all the same.
 */
import type { JobEventBus } from '../services/job-events.ts';

export class SessionCache {
  private readonly entries = new Map<string, { userId: string; until: number }>();
  /** When each user's sessions last ended (kept for a TTL: older reads have all returned). */
  private readonly endedAt = new Map<string, number>();
  private listening = true;

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

  /**
   * Remembers a session read from the table. `readStartedAt`: when that read began; a read
   * older than the user's last sign-out may have seen the ended session, and is not kept.
   */
  set(token: string, userId: string, sessionExpiresAt: number, now = Date.now(), readStartedAt = now): void {
    if (!this.listening) return;
    if ((this.endedAt.get(userId) ?? Number.NEGATIVE_INFINITY) >= readStartedAt) return;
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
  dropUser(userId: string, now = Date.now()): void {
    for (const [token, e] of this.entries) if (e.userId === userId) this.entries.delete(token);
    // Entries older than a TTL guard nothing (no read takes that long: the database times out first).
    for (const [u, at] of this.endedAt) {
      if (at > now - this.ttlMs) break; // insertion order is time order
      this.endedAt.delete(u);
    }
    this.endedAt.delete(userId);
    this.endedAt.set(userId, now);
  }

  /**
   * Whether the bus is heard. Not heard: everything cached is dropped and nothing is cached
   * until it is heard again (then dropped once more: notices of the gap are lost).
   */
  setListening(listening: boolean): void {
    this.listening = listening;
    this.entries.clear();
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
): { ended(userId: string): Promise<void>; close(): void } {
  const off = events.onAny((m) => {
    if (m.kind === 'sessions') cache.dropUser(m.userId);
    else if (m.kind === 'hearing') cache.setListening(m.heard);
  });
  return {
    // Awaited before the reply: once the person sees "signed out", the notice is on its way to
    // every other process (Redis has handed it to their subscriptions), not still being sent.
    async ended(userId) {
      cache.dropUser(userId);
      await events.sessionsEnded(userId);
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
