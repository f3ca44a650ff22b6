import { createHash, randomInt } from 'node:crypto';
import type { CreateTrackInput, JobEvent } from '@soundfoundry/contract';
import { and, count, desc, eq, gte, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { memoizePerDb } from '../db/prepared.ts';
import { files, idempotencyKeys, jobEvents, jobs, series, tracks, users } from '../db/schema/index.ts';
import { applyCreditChange } from './credits.ts';
import { creditsForDuration, jobPriorityForPlan, utcDayWindow } from './credits-rules.ts';
import { AppError, notFound } from './errors.ts';
import { checkFreeTier, type FreeTierRules } from './free-tier.ts';
import { toJobEvent } from './jobs.ts';

export type TrackRow = typeof tracks.$inferSelect;

export interface CreateTrackResult {
  statusCode: number;
  body: { track_id: string; job_id: string; credits_required: number };
  /** Set when this call created the job (not an idempotent replay): enqueue it. */
  created: { jobId: string; priority: number; event: JobEvent } | null;
}

/** A title when the user gave none: the prompt's first words. */
export function titleFromPrompt(prompt: string): string {
  const words = prompt.replace(/\s+/g, ' ').trim().split(' ').slice(0, 6).join(' ');
  const clipped = words.length > 60 ? `${words.slice(0, 57)}...` : words;
  return clipped.charAt(0).toUpperCase() + clipped.slice(1);
}

function requestHash(input: CreateTrackInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

/**
 * Accepts a track request: checks limits and ownership, then writes the Track, the
 * Job, its first event and the DEDUCTION in one transaction. The user row is locked
 * first, so concurrent requests of one user are serialised and the balance can
 * never go below zero. Enqueueing happens after commit (the jobs table is the record).
 */
export async function createTrack(
  db: Db,
  userId: string,
  input: CreateTrackInput,
  rules: FreeTierRules,
  idempotencyKey?: string,
): Promise<CreateTrackResult> {
  const hash = idempotencyKey ? requestHash(input) : '';
  // Round trips are the cost of this hot path: the user row lock also reads the
  // series, track + job go in one statement, the charge also counts the track,
  // and the first event's seq is known (1).
  try {
    return await db.transaction(async (tx) => {
      const seriesMatch = input.series_id ? sql`s.id = ${input.series_id}` : sql`s.is_default`;
      const locked = await tx
        .select({
          plan: users.plan,
          onboardedAt: users.onboardedAt,
          // "users"."id" written out: drizzle prints a bare "id" here, which the sub-select would take as s.id.
          seriesId: sql<
            string | null
          >`(select s.id from series s where s.user_id = "users"."id" and ${seriesMatch} limit 1)`,
        })
        .from(users)
        .where(eq(users.id, userId))
        .for('update');
      const user = locked[0];
      if (!user) throw new AppError(401, 'UNAUTHENTICATED', 'Sign in again.');
      if (!user.onboardedAt) throw new NotOnboardedError();
      if (input.series_id && !user.seriesId) throw notFound('series');

      if (idempotencyKey) {
        const seen = await tx
          .select()
          .from(idempotencyKeys)
          .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, idempotencyKey)));
        if (seen[0]) return replay(seen[0], hash);
      }

      const now = new Date();
      if (user.plan === 'FREE') {
        const { start } = utcDayWindow(now);
        const today = await tx
          .select({ n: count() })
          .from(tracks)
          .where(and(eq(tracks.userId, userId), gte(tracks.createdAt, start)));
        checkFreeTier(rules, { durationS: input.duration_s, tracksToday: today[0]?.n ?? 0, now });
      }
      if (input.reference_file_id) await assertOwnReference(tx, userId, input.reference_file_id);

      const creditsRequired = creditsForDuration(input.duration_s);
      const priority = jobPriorityForPlan(user.plan);
      const created = await insertTrackAndJob(tx, {
        userId,
        seriesId: user.seriesId,
        referenceFileId: input.reference_file_id ?? null,
        title: input.title ?? titleFromPrompt(input.prompt),
        prompt: input.prompt,
        lyrics: input.lyrics ?? null,
        hasVocals: input.has_vocals,
        durationS: input.duration_s,
        genre: input.genre ?? null,
        bpm: input.bpm ?? null,
        key: input.key ?? null,
        styleStrength: input.style_strength,
        // Stored, so the local engine can regenerate this exact track.
        seed: input.seed ?? randomInt(0, 2 ** 31 - 1),
        creditsRequired,
        priority,
      });
      await applyCreditChange(
        tx,
        {
          userId,
          amount: -creditsRequired,
          reason: 'DEDUCTION',
          jobId: created.jobId,
          meta: { track_id: created.trackId, duration_s: input.duration_s },
        },
        { trackCount: sql`${users.trackCount} + 1` },
      );
      const [eventRow] = await tx
        .insert(jobEvents)
        .values({
          jobId: created.jobId,
          seq: 1,
          status: 'QUEUED',
          progress: 0,
          etaSec: null,
          message: 'Queued',
        })
        .returning();
      const body = { track_id: created.trackId, job_id: created.jobId, credits_required: creditsRequired };
      if (idempotencyKey) {
        await tx
          .insert(idempotencyKeys)
          .values({ userId, key: idempotencyKey, requestHash: hash, statusCode: 201, response: body });
      }
      return {
        statusCode: 201,
        body,
        created: { jobId: created.jobId, priority, event: toJobEvent(eventRow!) },
      };
    });
  } catch (err) {
    // Two requests with the same key raced: the loser replays the winner's answer.
    if (idempotencyKey && isUniqueViolation(err)) {
      const seen = await db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, idempotencyKey)));
      if (seen[0]) return replay(seen[0], hash);
    }
    throw err;
  }
}

/** The user has no trial/series yet (a crash between sign-up and onboarding): onboard, then retry. */
export class NotOnboardedError extends Error {
  override name = 'NotOnboardedError';
}

/** The Track row and its Job row in one statement. */
async function insertTrackAndJob(
  tx: DbOrTx,
  v: Omit<typeof tracks.$inferInsert, 'id'> & { priority: number },
): Promise<{ trackId: string; jobId: string }> {
  const result = await tx.execute(sql`
    with t as (
      insert into tracks (user_id, series_id, reference_file_id, title, prompt, lyrics, has_vocals, duration_s,
                          genre, bpm, key, style_strength, seed, credits_required)
      values (${v.userId}, ${v.seriesId}, ${v.referenceFileId}, ${v.title}, ${v.prompt}, ${v.lyrics}, ${v.hasVocals},
              ${v.durationS}, ${v.genre}, ${v.bpm}, ${v.key}, ${v.styleStrength}, ${v.seed}, ${v.creditsRequired})
      returning id, user_id)
    insert into jobs (track_id, user_id, priority)
    select id, user_id, ${v.priority} from t
    returning id as job_id, track_id`);
  const row = rowsOf<{ job_id: string; track_id: string }>(result)[0]!;
  return { trackId: row.track_id, jobId: row.job_id };
}

/** Rows of a raw `execute`, whichever driver ran it (pg and PGlite both answer { rows }). */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

function replay(row: typeof idempotencyKeys.$inferSelect, hash: string): CreateTrackResult {
  if (row.requestHash !== hash) {
    throw new AppError(
      422,
      'IDEMPOTENCY_CONFLICT',
      'This Idempotency-Key was already used with a different request body.',
    );
  }
  return { statusCode: row.statusCode, body: row.response as CreateTrackResult['body'], created: null };
}

export function isUniqueViolation(err: unknown): boolean {
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    if ((e as { code?: string }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

async function resolveSeries(
  tx: DbOrTx,
  userId: string,
  seriesId: string | undefined,
): Promise<string | null> {
  const where = seriesId
    ? and(eq(series.userId, userId), eq(series.id, seriesId))
    : and(eq(series.userId, userId), eq(series.isDefault, true));
  const rows = await tx.select({ id: series.id }).from(series).where(where);
  if (seriesId && !rows[0]) throw notFound('series');
  return rows[0]?.id ?? null;
}

async function assertOwnReference(tx: DbOrTx, userId: string, fileId: string) {
  const rows = await tx
    .select({ id: files.id })
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.userId, userId), eq(files.kind, 'REFERENCE')));
  if (!rows[0]) throw notFound('reference file');
}

export interface TrackWithJob {
  track: TrackRow;
  jobId: string | null;
}

// Written out in SQL: inside a sub-select drizzle would print bare column names,
// which the inner query would resolve against jobs.
const latestJobId = sql<
  string | null
>`(select j.id from jobs j where j.track_id = "tracks"."id" order by j.created_at desc limit 1)`;

/** A track its owner may see, or a public one anyone may see; otherwise 404. */
export async function getTrackVisibleTo(
  db: DbOrTx,
  viewerId: string | null,
  trackId: string,
): Promise<TrackWithJob> {
  const visible = viewerId
    ? or(eq(tracks.userId, viewerId), and(eq(tracks.public, true), eq(tracks.status, 'COMPLETE')))
    : and(eq(tracks.public, true), eq(tracks.status, 'COMPLETE'));
  const rows = await db
    .select({ track: tracks, jobId: latestJobId })
    .from(tracks)
    .where(and(eq(tracks.id, trackId), visible));
  if (!rows[0]) throw notFound('track');
  return rows[0];
}

export async function getOwnTrack(db: DbOrTx, userId: string, trackId: string): Promise<TrackRow> {
  const rows = await db
    .select()
    .from(tracks)
    .where(and(eq(tracks.id, trackId), eq(tracks.userId, userId)));
  if (!rows[0]) throw notFound('track');
  return rows[0];
}

/** `q` matches title or prompt as plain text: LIKE wildcards in it are escaped. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// The library's first view (no filters) is by far the most common list: prepared.
const ownPage = memoizePerDb((db) =>
  db
    .select({ track: tracks, jobId: latestJobId })
    .from(tracks)
    .where(eq(tracks.userId, sql.placeholder('userId')))
    .orderBy(desc(tracks.createdAt), desc(tracks.id))
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'))
    .prepare('own_tracks_page'),
);
// The unfiltered total is the counter kept on the user row: no count(*) over the library.
const ownCount = memoizePerDb((db) =>
  db
    .select({ n: users.trackCount })
    .from(users)
    .where(eq(users.id, sql.placeholder('userId')))
    .prepare('own_tracks_count'),
);

export async function listTracks(
  db: Db,
  userId: string,
  f: { page: number; limit: number; q?: string; status?: TrackRow['status']; series_id?: string },
) {
  if (!f.q && !f.status && !f.series_id) {
    const params = { userId, limit: f.limit, offset: (f.page - 1) * f.limit };
    const [items, total] = await Promise.all([ownPage(db).execute(params), ownCount(db).execute({ userId })]);
    return { items, total: total[0]?.n ?? 0 };
  }
  const conds: SQL[] = [eq(tracks.userId, userId)];
  if (f.q) conds.push(matchesText(f.q));
  if (f.status) conds.push(eq(tracks.status, f.status));
  if (f.series_id) conds.push(eq(tracks.seriesId, f.series_id));
  return pageOfTracks(db, and(...conds)!, f);
}

export async function listPublicTracks(db: DbOrTx, f: { page: number; limit: number; q?: string }) {
  const conds: SQL[] = [eq(tracks.public, true), eq(tracks.status, 'COMPLETE')];
  if (f.q) conds.push(matchesText(f.q));
  return pageOfTracks(db, and(...conds)!, f);
}

const matchesText = (q: string) =>
  or(ilike(tracks.title, likePattern(q)), ilike(tracks.prompt, likePattern(q)))!;

/** One page of tracks (newest first) with its latest job id, and the total matching. */
async function pageOfTracks(db: DbOrTx, where: SQL, f: { page: number; limit: number }) {
  const [items, total] = await Promise.all([
    db
      .select({ track: tracks, jobId: latestJobId })
      .from(tracks)
      .where(where)
      .orderBy(desc(tracks.createdAt), desc(tracks.id))
      .limit(f.limit)
      .offset((f.page - 1) * f.limit),
    db.select({ n: count() }).from(tracks).where(where),
  ]);
  return { items, total: total[0]?.n ?? 0 };
}

export async function patchTrack(
  db: DbOrTx,
  userId: string,
  trackId: string,
  patch: { title?: string; public?: boolean },
): Promise<TrackRow> {
  if (patch.public === true) {
    const current = await getOwnTrack(db, userId, trackId);
    if (current.status !== 'COMPLETE') {
      throw new AppError(409, 'CONFLICT', 'Only a finished track can be published.');
    }
  }
  const rows = await db
    .update(tracks)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(tracks.id, trackId), eq(tracks.userId, userId)))
    .returning();
  if (!rows[0]) throw notFound('track');
  return rows[0];
}

/**
 * Deletes a track with its jobs and stored objects. A job still running is ended
 * first (FAILED, refunded): the user is not charged for a track they threw away
 * before it finished. Rows go first; objects after (an object left by a failed
 * delete is unreachable garbage, never a row pointing at nothing).
 */
export async function deleteTrack(
  db: Db,
  deps: {
    deletePrefix(prefix: string): Promise<number>;
    failJob(jobId: string, reason: string): Promise<unknown>;
  },
  userId: string,
  trackId: string,
): Promise<void> {
  const track = await getOwnTrack(db, userId, trackId);
  const active = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.trackId, trackId), sql`${jobs.status} not in ('COMPLETE', 'FAILED')`));
  for (const j of active) await deps.failJob(j.id, 'Cancelled: the track was deleted.');
  await db.transaction(async (tx) => {
    const gone = await tx
      .delete(tracks)
      .where(and(eq(tracks.id, track.id), eq(tracks.userId, userId)))
      .returning({ id: tracks.id });
    if (gone.length > 0) {
      await tx
        .update(users)
        .set({ trackCount: sql`greatest(${users.trackCount} - 1, 0)` })
        .where(eq(users.id, userId));
    }
  });
  await deps.deletePrefix(`users/${userId}/tracks/${trackId}/`);
}
