import { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import { drawCoverVersion } from '../../services/cover-art.ts';
import { insertJob, type JobRow } from '../../services/jobs.ts';
import { defineJobKind } from '../registry.ts';
import { permanent } from '../retry.ts';

// Draws one cover version of a track (DESIGN.md §4 "Cover art"). Version 1 is queued by
// generate-music in the transaction that completes the track; version n+1 by
// POST /api/tracks/:id/visuals. The job has no track_id of its own (the track's job_id stays its
// music job); the track is in the payload. The audio is never touched.

export const coverArt = defineJobKind({
  kind: 'cover-art',
  schema: z.object({ track_id: z.uuid(), version: z.number().int().min(1) }),
  maxAttempts: 3,
  messages: {
    retrying: (_f, sec) => `Drawing the cover again in about ${sec} s.`,
    failed: () => 'The cover could not be drawn; your track is fine. Try a new cover later.',
  },
  async handle(ctx, payload) {
    const { db, storage, events, log } = ctx.deps;
    const outcome = await drawCoverVersion({ db, storage, events, log }, payload.track_id, payload.version);
    if (outcome === 'gone') throw permanent('TRACK_GONE', 'The track was deleted.');
    return { message: outcome === 'exists' ? 'Cover already drawn' : 'Cover ready' };
  },
});

/** A cover job's queue priority: with the highest plan's music (lower runs first). */
export const COVER_PRIORITY = 1;

/**
 * Queues cover `version` of a track inside the caller's transaction (at most one job per track
 * and version: a redelivered music job queues nothing new). The row is the record: after commit,
 * hand `job` to the queue, or let the poll/sweeper find it.
 */
export async function queueCoverArt(
  tx: Tx,
  input: { userId: string; trackId: string; version: number },
): Promise<{ job: JobRow; created: boolean }> {
  return insertJob(tx, {
    kind: coverArt.kind,
    payload: coverArt.schema.parse({ track_id: input.trackId, version: input.version }),
    userId: input.userId,
    trackId: null,
    // Before every waiting music job (plans 1, 5, 10): a cover takes ≈0.3 s and completes what the
    // person already has (a finished track, a "New cover" they asked for). Behind the music, a busy
    // queue left finished tracks without covers for minutes. Abuse is bounded by the cover limit
    // (10 a minute per user: ≤ 3 s of worker time a minute each).
    priority: COVER_PRIORITY,
    dedupeKey: `cover-art:${input.trackId}:v${input.version}`,
  });
}
