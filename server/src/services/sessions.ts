import type { SessionInfo } from '@soundfoundry/contract';
import Bowser from 'bowser';
import { and, desc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sessions } from '../db/schema/index.ts';
import { notFound } from './errors.ts';

// Where an account is signed in, for its owner: the list the settings page shows, and ending
// one session by its id. Tokens never leave the server (better-auth's own list-sessions returns
// them to the browser, which would hand any script on the page every session's credential).

/** "Chrome 156 on Linux" from a User-Agent; null when it names no browser we know. */
export function deviceLabel(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const ua = Bowser.parse(userAgent);
  const browser = ua.browser.name;
  if (!browser) return null;
  const major = ua.browser.version?.split('.')[0];
  const name = major ? `${browser} ${major}` : browser;
  const os = ua.os.name;
  return os ? `${name} on ${os}` : name;
}

export async function listSessions({
  ctx,
  input,
}: {
  ctx: { db: Db };
  input: { userId: string; currentSessionId: string | null; now: Date };
}): Promise<SessionInfo[]> {
  const rows = await ctx.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, input.userId), gt(sessions.expiresAt, input.now)))
    .orderBy(desc(sessions.updatedAt), desc(sessions.createdAt));
  // The session asking first (the person knows it), then the others, most recently active first.
  const ordered = [
    ...rows.filter((s) => s.id === input.currentSessionId),
    ...rows.filter((s) => s.id !== input.currentSessionId),
  ];
  return ordered.map((s) => ({
    id: s.id,
    current: s.id === input.currentSessionId,
    device: deviceLabel(s.userAgent),
    ip_address: s.ipAddress,
    created_at: s.createdAt.toISOString(),
    last_active_at: s.updatedAt.toISOString(),
    expires_at: s.expiresAt.toISOString(),
  }));
}

/**
 * Ends one of the user's sessions (another device, or this one). Answers its token so the
 * caller can drop it from the session caches at once; 404 for a session that is not theirs.
 */
export async function endSession({
  ctx,
  input,
}: {
  ctx: { db: Db };
  input: { userId: string; sessionId: string };
}): Promise<{ token: string }> {
  const gone = await ctx.db
    .delete(sessions)
    .where(and(eq(sessions.id, input.sessionId), eq(sessions.userId, input.userId)))
    .returning({ token: sessions.token });
  if (!gone[0]) throw notFound('session');
  return gone[0];
}
