import type { TrackLike } from '@soundfoundry/contract';
import { and, count, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { trackLikes } from '../db/schema/index.ts';
import { AppError } from './errors.ts';
import { getTrackVisibleTo } from './tracks.ts';

/**
 * Likes or unlikes a track for the signed-in person: idempotent (liking twice is one like), and
 * answered with the count after it. A track they cannot see is a 404, as everywhere; only a shared
 * (public, finished) track takes a new like — an owner's private track is a 409 that says to share
 * it — while a like can always be taken back (the track may have been unshared since).
 */
export async function setTrackLike({
  ctx,
  input,
}: {
  ctx: { db: DbOrTx };
  input: { userId: string; trackId: string; like: boolean };
}): Promise<TrackLike> {
  const { db } = ctx;
  const { track } = await getTrackVisibleTo(db, input.userId, input.trackId);
  const mine = and(eq(trackLikes.trackId, track.id), eq(trackLikes.userId, input.userId));
  if (input.like) {
    if (!track.public || track.status !== 'COMPLETE')
      throw new AppError(409, 'CONFLICT', 'Only shared tracks can be liked: share this track first.');
    await db.insert(trackLikes).values({ trackId: track.id, userId: input.userId }).onConflictDoNothing();
  } else {
    await db.delete(trackLikes).where(mine);
  }
  return { liked: input.like, like_count: await likeCount(db, track.id) };
}

export async function likeCount(db: DbOrTx, trackId: string): Promise<number> {
  const rows = await db.select({ n: count() }).from(trackLikes).where(eq(trackLikes.trackId, trackId));
  return rows[0]?.n ?? 0;
}

/** A track's like count and whether `viewerId` likes it (undefined signed out: nobody to ask about). */
export async function likeStateOf(
  db: DbOrTx,
  trackId: string,
  viewerId: string | null,
): Promise<{ count: number; liked: boolean | undefined }> {
  const [n, mine] = await Promise.all([
    likeCount(db, trackId),
    viewerId
      ? db
          .select({ n: count() })
          .from(trackLikes)
          .where(and(eq(trackLikes.trackId, trackId), eq(trackLikes.userId, viewerId)))
      : null,
  ]);
  return { count: n, liked: mine ? (mine[0]?.n ?? 0) > 0 : undefined };
}
