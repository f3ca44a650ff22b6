import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { jobs, tracks } from '../db/schema/index.ts';
import { failJob, jobNotEnded } from './jobs.ts';
import { trackPrefix, userPrefix } from './storage/keys.ts';
import type { ObjectStorage } from './storage/types.ts';

// Deleting an account (better-auth's delete-user, password required: api/auth.ts). The user's
// rows go with the user row (every table's user_id cascades: tracks, jobs, files, series, ledger,
// purchases, sessions). What the database cannot take with it is done here, in two steps around
// that delete: before it, the user's unfinished jobs are stopped (a worker mid-render stops at
// its next write, as for a deleted track) and the track ids are noted; after it, their stored
// objects are removed. Stripe keeps its own record of any payment.

export interface AccountDeletionDeps {
  db: Db;
  storage: ObjectStorage;
  /** Tells the job's listeners it ended (the event bus), as a track delete does. */
  jobEnded?: (event: NonNullable<Awaited<ReturnType<typeof failJob>>>, userId: string) => void;
  log?: { warn(o: object, m?: string): void };
}

/** Stops the user's unfinished jobs and answers the ids of their tracks (for `clearAccountObjects`). */
export async function prepareAccountDeletion({
  ctx,
  input,
}: {
  ctx: AccountDeletionDeps;
  input: { userId: string };
}): Promise<{ trackIds: string[] }> {
  const active = await ctx.db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.userId, input.userId), jobNotEnded));
  for (const j of active) {
    const ev = await failJob(ctx.db, j.id, 'Cancelled: the account was deleted.');
    if (ev) ctx.jobEnded?.(ev, input.userId);
  }
  const rows = await ctx.db.select({ id: tracks.id }).from(tracks).where(eq(tracks.userId, input.userId));
  return { trackIds: rows.map((r) => r.id) };
}

/**
 * Removes every object of the deleted account: each track's prefix, and the user's own prefix
 * (reference uploads, and tracks stored before track-scoped keys). The rows are gone by now: a
 * storage failure leaves unreachable garbage (logged), never a half-deleted account.
 */
export async function clearAccountObjects({
  ctx,
  input,
}: {
  ctx: AccountDeletionDeps;
  input: { userId: string; trackIds: readonly string[] };
}): Promise<number> {
  let removed = 0;
  for (const prefix of [...input.trackIds.map(trackPrefix), userPrefix(input.userId)]) {
    removed += await ctx.storage.deletePrefix(prefix).catch((err) => {
      ctx.log?.warn({ err, prefix }, 'objects of a deleted account not removed');
      return 0;
    });
  }
  return removed;
}
