import type { StyleUnlock, UnlocksResponse } from '@soundfoundry/contract';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { tracks, users } from '../db/schema/index.ts';
import { notFound } from './errors.ts';
import { describeUnlocks, mergeUnlocks, type TrackStats } from './style-unlocks-rules.ts';

/** One aggregate over the user's completed tracks (the night test in UTC, as the rule says). */
export async function trackStats({ db, userId }: { db: DbOrTx; userId: string }): Promise<TrackStats> {
  const hour = sql`extract(hour from ${tracks.createdAt} at time zone 'UTC')`;
  const rows = await db
    .select({
      completed: sql<number>`count(*)::int`,
      withVocals: sql<number>`(count(*) filter (where ${tracks.hasVocals}))::int`,
      atNight: sql<number>`(count(*) filter (where ${hour} >= 22 or ${hour} < 5))::int`,
    })
    .from(tracks)
    .where(and(eq(tracks.userId, userId), eq(tracks.status, 'COMPLETE')));
  const r = rows[0];
  return { completed: r?.completed ?? 0, withVocals: r?.withVocals ?? 0, atNight: r?.atNight ?? 0 };
}

/**
 * Recomputes the user's unlocks from their tracks and stores them (under the user-row lock, so two
 * recomputes after two completed tracks cannot lose one). Idempotent: unlocks once earned stay.
 */
export async function recomputeUnlocks({ db, userId }: { db: Db; userId: string }): Promise<UnlocksResponse> {
  return db.transaction(async (tx) => {
    const u = (
      await tx.select({ unlocks: users.styleUnlocks }).from(users).where(eq(users.id, userId)).for('update')
    )[0];
    if (!u) throw notFound('user');
    const stats = await trackStats({ db: tx, userId });
    const merged = mergeUnlocks(u.unlocks, stats);
    if (merged.join(',') !== u.unlocks.join(',')) {
      await tx.update(users).set({ styleUnlocks: merged }).where(eq(users.id, userId));
    }
    return describeUnlocks(merged, stats);
  });
}

export async function getUnlocks({ db, userId }: { db: DbOrTx; userId: string }): Promise<UnlocksResponse> {
  const [u, stats] = await Promise.all([
    db.select({ unlocks: users.styleUnlocks }).from(users).where(eq(users.id, userId)),
    trackStats({ db, userId }),
  ]);
  if (!u[0]) throw notFound('user');
  return describeUnlocks(u[0].unlocks, stats);
}

/** The stored unlocks, as the cover generator takes them. */
export async function storedUnlocks({ db, userId }: { db: DbOrTx; userId: string }): Promise<StyleUnlock[]> {
  const u = await db.select({ unlocks: users.styleUnlocks }).from(users).where(eq(users.id, userId));
  return (u[0]?.unlocks ?? []) as StyleUnlock[];
}
