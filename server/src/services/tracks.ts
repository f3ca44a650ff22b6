import { createHash, randomInt } from 'node:crypto';
import type { CreateTrackInput, JobEvent, TRACK_SORTS } from '@soundfoundry/contract';
import { and, asc, count, desc, eq, getTableColumns, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { type BuiltQuery, buildQuery, executeNamed } from '../db/named-query.ts';
import { memoizePerDb } from '../db/prepared.ts';
import { files, idempotencyKeys, jobs, series, tracks, users } from '../db/schema/index.ts';
import type { HostedRequestRef } from '../providers/types.ts';
import { checkContent } from './content-policy.ts';
import { creditsForDuration, utcDayWindow } from './credits-rules.ts';
import { AppError, insufficientCredits, notFound, outstandingDebt } from './errors.ts';
import { checkPlanLimits } from './free-tier.ts';
import { jobNotEnded } from './jobs.ts';
import { PLAN_NAMES, type PlanName, type PlanRules, planLimits } from './plans.ts';
import { legacyTrackPrefix, trackPrefix } from './storage/index.ts';
import { checkStyle } from './style-vocabulary.ts';

export type TrackRow = typeof tracks.$inferSelect;

export interface CreateTrackResult {
  statusCode: number;
  body: { track_id: string; job_id: string; credits_required: number };
  /** Set when this call created the job (not an idempotent replay): enqueue it. */
  created: { jobId: string; priority: number; event: JobEvent } | null;
}

/** Words a title does not end on ("… with a gentle" reads as cut off). */
const LINKING_WORDS = new Set(
  'a an the and or but with without of in on at by for from to into over under about like as'.split(' '),
);
/** A prompt this short (words and characters) is its own title. */
const WHOLE_PROMPT_WORDS = 8;
const WHOLE_PROMPT_CHARS = 50;
const CUT_WORDS = 6;
const TITLE_CHARS = 60;

/**
 * A title when the user gave none, from the prompt: the whole prompt when it is short (≤ 8 words,
 * ≤ 50 characters); else its first 6 words, ended where a title can end — at the last clause
 * boundary inside them, or else before the last linking word ("with", "and", "a" …), as long as
 * two words stay — so "warm acoustic folk with a gentle sung chorus and soft brushed drums" is
 * "Warm acoustic folk", not "Warm acoustic folk with a gentle". Capitalised; at most 60 characters.
 */
export function titleFromPrompt(prompt: string): string {
  const text = prompt.replace(/\s+/g, ' ').trim();
  const all = text.split(' ');
  let words: string[];
  if (all.length <= WHOLE_PROMPT_WORDS && text.length <= WHOLE_PROMPT_CHARS) words = all;
  else {
    words = all.slice(0, CUT_WORDS);
    let clauseEnd = -1;
    let linking = -1;
    words.forEach((w, i) => {
      if (/[,;:.!?]$/.test(w)) clauseEnd = i;
      if (i >= 2 && LINKING_WORDS.has(w.toLowerCase())) linking = i;
    });
    if (clauseEnd >= 1) words = words.slice(0, clauseEnd + 1);
    else if (linking >= 2) words = words.slice(0, linking);
  }
  while (
    words.length > 1 &&
    LINKING_WORDS.has(words[words.length - 1]!.toLowerCase().replace(/[,;:.!?]+$/, ''))
  )
    words = words.slice(0, -1);
  const title = words.join(' ').replace(/[\s,;:.!?-]+$/, ''); // no dangling comma where the cut fell
  const clipped = title.length > TITLE_CHARS ? `${title.slice(0, TITLE_CHARS - 3)}...` : title;
  return clipped.charAt(0).toUpperCase() + clipped.slice(1);
}

/**
 * A reference the engine can follow has a tempo: one analysed as beatless (bpm 0,
 * stored before uploads refused them) would be charged and then fail the job.
 */
const usableReference = sql.raw(
  `(case when jsonb_typeof(f.metadata->'bpm') = 'number' then (f.metadata->>'bpm')::float8 else 0 end) > 0`,
);

function requestHash(input: CreateTrackInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

/**
 * Accepts a track request in ONE statement (no transaction round trips): the
 * conditional UPDATE of the user row is the gate — onboarded, enough credits,
 * free-plan limits (a per-day counter on the same row), series and reference
 * owned — and the Track, the Job, the DEDUCTION ledger row, the first job event
 * and the Idempotency-Key row are inserted from its result. All or nothing; the
 * row lock serialises concurrent requests of one user, so the balance never goes
 * below zero. Only when the gate refuses do we read why, to say so.
 * Enqueueing happens after this commits (the jobs table is the record).
 */
export async function createTrack(
  db: Db,
  userId: string,
  input: CreateTrackInput,
  rules: PlanRules,
  idempotencyKey?: string,
  attempt = 1,
): Promise<CreateTrackResult> {
  // The content policy runs before anything is read or charged.
  checkContent({ prompt: input.prompt, title: input.title, lyrics: input.lyrics });
  checkStyle({ style: input.style, genre: input.genre });
  // A retried request (same Idempotency-Key) is answered from the key's row. The key is looked up
  // only when the statement did not create anything: a replay either fails the key's unique index
  // or is refused by the gate (its charge already spent the credits or the day's quota), so the
  // first attempt of a request, the common case, costs one round trip.
  const hash = idempotencyKey ? requestHash(input) : '';
  const now = new Date();
  const today = utcDayWindow(now).start.toISOString().slice(0, 10);
  const creditsRequired = creditsForDuration(input.duration_s);
  const seriesId = input.series_id ?? null;
  const referenceId = input.reference_file_id ?? null;
  let rows: CreatedRow[];
  try {
    rows = await executeNamed<CreatedRow>(db, 'create_track', createTrackStatement(db, rules), {
      credits: creditsRequired,
      today,
      userId,
      durationS: input.duration_s,
      seriesId,
      referenceId,
      title: input.title ?? titleFromPrompt(input.prompt),
      prompt: input.prompt,
      lyrics: input.lyrics ?? null,
      hasVocals: input.has_vocals,
      genre: input.genre ?? null,
      style: input.style ?? null,
      bpm: input.bpm ?? null,
      key: input.key ?? null,
      styleStrength: input.style_strength,
      seed: input.seed ?? randomInt(0, 2 ** 31 - 1),
      idempotencyKey: idempotencyKey ?? null,
      hash,
    });
  } catch (err) {
    // Two requests with the same key raced: the loser replays the winner's answer.
    if (idempotencyKey && isUniqueViolation(err)) {
      const seen = await findIdempotencyKey(db, userId, idempotencyKey);
      if (seen) return replay(seen, hash);
    }
    throw err;
  }
  const row = rows[0];
  if (!row) {
    const seen = idempotencyKey ? await findIdempotencyKey(db, userId, idempotencyKey) : null;
    if (seen) return replay(seen, hash);
    await explainRefusal(db, userId, input, rules, { creditsRequired, today, now });
    // The gate refused, yet nothing explains it now: a concurrent change (e.g. credits
    // arrived in between). Try again, a bounded number of times.
    if (attempt >= 3)
      throw new AppError(409, 'CONFLICT', 'Your account changed while we took the request; please retry.');
    return createTrack(db, userId, input, rules, idempotencyKey, attempt + 1);
  }
  const body = { track_id: row.track_id, job_id: row.job_id, credits_required: creditsRequired };
  const event: JobEvent = {
    seq: 1,
    job_id: row.job_id,
    status: 'QUEUED',
    progress: 0,
    eta: null,
    message: 'Queued',
    at: new Date(row.event_at).toISOString(),
  };
  return { statusCode: 201, body, created: { jobId: row.job_id, priority: row.priority, event } };
}

const NO_CAP = 2_147_483_647;

/**
 * The create statement (see createTrack), rendered once per database and plan rules: only its
 * placeholders change between requests, so no query building happens on the hot path.
 */
const createTrackStatements = memoizePerDb(() => new WeakMap<PlanRules, BuiltQuery>());
export function createTrackStatement(db: Db, rules: PlanRules): BuiltQuery {
  const byRules = createTrackStatements(db);
  let built = byRules.get(rules);
  if (!built) {
    built = buildQuery(db, createTrackSql(rules));
    byRules.set(rules, built);
  }
  return built;
}

/**
 * The whole request as one statement: the gated charge, track, job, ledger row, first event and
 * idempotency key commit together or not at all.
 *
 * It commits asynchronously (synchronous_commit off for this transaction only): the answer does
 * not wait for PostgreSQL's WAL flush, which pg_stat_activity showed to be most of the statement's
 * time under load (waits on WALWrite/WALSync; bench/api.ts). What that risks: a crash of the
 * database server in the ≈0.6 s before the WAL writer flushes loses the newest requests whole —
 * no track, no job row, no charge, no key (the worker skips a job it cannot find). Nothing is ever
 * half-written, and the balance still equals the ledger sum. Purchases, refunds and adjustments
 * keep synchronous commits; any of them, or any later commit, flushes these too.
 */
function createTrackSql(rules: PlanRules): SQL {
  const p = (name: string) => sql.placeholder(name);
  return sql`
      with u as (
        update users set
          credits = credits - ${p('credits')}::int,
          track_count = track_count + 1,
          day_track_count = case when day_track_date = ${p('today')}::date then day_track_count + 1 else 1 end,
          day_track_date = ${p('today')}::date,
          updated_at = now()
        where id = ${p('userId')}
          and onboarded_at is not null
          and debt_credits = 0
          and credits >= ${p('credits')}::int
          and ${p('durationS')}::int <= ${byPlan((plan) => planLimits(plan, rules).maxDurationS)}
          and (case when day_track_date = ${p('today')}::date then day_track_count else 0 end)
              < ${byPlan((plan) => planLimits(plan, rules).dailyTracks ?? NO_CAP)}
          and (${p('seriesId')}::uuid is null or exists (select 1 from series s where s.id = ${p('seriesId')}::uuid and s.user_id = ${p('userId')}))
          and (${p('referenceId')}::uuid is null or exists (
                select 1 from files f where f.id = ${p('referenceId')}::uuid and f.user_id = ${p('userId')} and f.kind = 'REFERENCE'
                  and ${usableReference}))
        returning id, plan, credits),
      t as (
        insert into tracks (user_id, series_id, reference_file_id, title, prompt, lyrics, has_vocals, duration_s,
                            genre, style, bpm, key, style_strength, seed, credits_required)
        select u.id,
               coalesce(${p('seriesId')}::uuid, (select s.id from series s where s.user_id = u.id and s.is_default limit 1)),
               ${p('referenceId')}::uuid, ${p('title')}::text, ${p('prompt')}::text,
               ${p('lyrics')}::text,
               ${p('hasVocals')}::boolean, ${p('durationS')}::int, ${p('genre')}::text,
               ${p('style')}::text, ${p('bpm')}::int,
               ${p('key')}::text,
               ${p('styleStrength')}::float8, ${p('seed')}::int, ${p('credits')}::int
        from u
        returning id, user_id),
      j as (
        insert into jobs (track_id, user_id, priority)
        select t.id, t.user_id, ${byPlan((plan) => planLimits(plan, rules).queuePriority, 'u.plan')}
        from t, u
        returning id, track_id, priority),
      l as (
        insert into credit_ledger (user_id, amount, reason, balance_after, job_id, meta)
        select u.id, -${p('credits')}::int, 'DEDUCTION', u.credits, j.id,
               jsonb_build_object('track_id', j.track_id, 'duration_s', ${p('durationS')}::int)
        from u, j
        returning id),
      e as (
        insert into job_events (job_id, seq, status, progress, message)
        select j.id, 1, 'QUEUED', 0, 'Queued' from j
        returning job_id, created_at),
      k as (
        insert into idempotency_keys (user_id, key, request_hash, status_code, response)
        select u.id, ${p('idempotencyKey')}::text, ${p('hash')}::text, 201,
               jsonb_build_object('track_id', j.track_id, 'job_id', j.id, 'credits_required', ${p('credits')}::int)
        from u, j
        where ${p('idempotencyKey')}::text is not null
        returning key),
      -- This transaction commits without waiting for its WAL flush (see createTrackSql's comment).
      async_commit as (select set_config('synchronous_commit', 'off', true) as setting)
      select j.id as job_id, j.track_id, j.priority, e.created_at as event_at
      from j join e on e.job_id = j.id cross join async_commit`;
}

/** `case plan when 'FREE' then … end`: a per-plan number from plans.ts inside the gate. */
function byPlan(value: (plan: PlanName) => number, column = 'plan'): SQL {
  const [first, ...rest] = PLAN_NAMES;
  const whens = rest.slice(0, -1).map((p) => sql` when ${p}::text then ${value(p)}::int`);
  return sql`(case ${sql.raw(column)} when ${first}::text then ${value(first)}::int${sql.join(whens)} else ${value(PLAN_NAMES[PLAN_NAMES.length - 1]!)}::int end)`;
}

interface CreatedRow {
  job_id: string;
  track_id: string;
  priority: number;
  event_at: string | Date;
}

/** Why the create statement's gate refused, as the error the client should see. */
async function explainRefusal(
  db: Db,
  userId: string,
  input: CreateTrackInput,
  rules: PlanRules,
  ctx: { creditsRequired: number; today: string; now: Date },
): Promise<void> {
  const u = (
    await db
      .select({
        plan: users.plan,
        credits: users.credits,
        onboardedAt: users.onboardedAt,
        dayTrackCount: users.dayTrackCount,
        dayTrackDate: users.dayTrackDate,
        debtCredits: users.debtCredits,
      })
      .from(users)
      .where(eq(users.id, userId))
  )[0];
  if (!u) throw new AppError(401, 'UNAUTHENTICATED', 'Sign in again.');
  if (!u.onboardedAt) throw new NotOnboardedError();
  if (input.series_id) {
    const found = await db
      .select({ id: series.id })
      .from(series)
      .where(and(eq(series.id, input.series_id), eq(series.userId, userId)));
    if (!found[0]) throw notFound('series');
  }
  if (input.reference_file_id) await assertOwnReference(db, userId, input.reference_file_id);
  if (u.debtCredits > 0) throw outstandingDebt(u.debtCredits, rules.packsOnSale !== false);
  const tracksToday = u.dayTrackDate === ctx.today ? u.dayTrackCount : 0;
  checkPlanLimits(u.plan, rules, { durationS: input.duration_s, tracksToday, now: ctx.now });
  if (u.credits < ctx.creditsRequired)
    throw insufficientCredits(u.credits, ctx.creditsRequired, rules.packsOnSale !== false);
}

async function findIdempotencyKey(db: DbOrTx, userId: string, key: string) {
  const rows = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  return rows[0] ?? null;
}

/** The user has no trial/series yet (a crash between sign-up and onboarding): onboard, then retry. */
export class NotOnboardedError extends Error {
  override name = 'NotOnboardedError';
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

async function assertOwnReference(tx: DbOrTx, userId: string, fileId: string) {
  const rows = await tx
    .select({ id: files.id, metadata: files.metadata })
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.userId, userId), eq(files.kind, 'REFERENCE')));
  if (!rows[0]) throw notFound('reference file');
  const bpm = (rows[0].metadata as { bpm?: unknown } | null)?.bpm;
  if (!(typeof bpm === 'number' && bpm > 0)) {
    throw new AppError(
      422,
      'REFERENCE_UNUSABLE',
      'This reference has no beat we could follow; choose another reference or none.',
      { reason: 'no_tempo' },
    );
  }
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

/**
 * A track's like count (track_likes, likes.ts) as a column of a query over tracks; written out in
 * SQL for the same reason as latestJobId.
 */
export const likeCountSql = sql<number>`(select count(*)::int from track_likes l where l.track_id = "tracks"."id")`;

/**
 * A list row: every column but the waveform peaks (a few KB each that no list shows; a
 * single track's view reads them). Selected as null so the row keeps TrackRow's shape.
 */
const listColumns = { ...getTableColumns(tracks), peaks: sql<TrackRow['peaks']>`null` };

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

/** A search word matches title or prompt as plain text: LIKE wildcards in it are escaped. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// The library's first view (no filters) is by far the most common list: prepared.
const ownPage = memoizePerDb((db) =>
  db
    .select({ track: listColumns, jobId: latestJobId })
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

/**
 * The library as people reload it: first pages, newest first, nothing filtered. It has a
 * prepared query here and the API's read cache in front of it; anything else is built per request.
 */
export function isPlainLibraryPage(f: {
  q?: string;
  status?: string;
  series_id?: string;
  genre?: string;
  style?: string;
  sort?: TrackSort;
}): boolean {
  return !f.q && !f.status && !f.series_id && !f.genre && !f.style && (f.sort ?? 'newest') === 'newest';
}

export async function listTracks(
  db: Db,
  userId: string,
  f: {
    page: number;
    limit: number;
    q?: string;
    status?: TrackRow['status'];
    series_id?: string;
    genre?: string;
    style?: string;
    sort?: TrackSort;
  },
) {
  if (isPlainLibraryPage(f)) {
    const params = { userId, limit: f.limit, offset: (f.page - 1) * f.limit };
    const [items, total] = await Promise.all([ownPage(db).execute(params), ownCount(db).execute({ userId })]);
    return { items, total: total[0]?.n ?? 0 };
  }
  const conds: SQL[] = [eq(tracks.userId, userId)];
  if (f.q) conds.push(matchesText(f.q));
  if (f.status) conds.push(eq(tracks.status, f.status));
  if (f.series_id) conds.push(eq(tracks.seriesId, f.series_id));
  if (f.genre) conds.push(eq(tracks.genre, f.genre));
  if (f.style) conds.push(eq(tracks.resolvedStyle, f.style));
  return pageOfTracks(db, and(...conds)!, { ...f, order: TRACK_ORDER[f.sort ?? 'newest'] });
}

/** Explore: shared, finished tracks, newest first or most liked first, each with its like count. */
export async function listPublicTracks(
  db: DbOrTx,
  f: { page: number; limit: number; q?: string; genre?: string; sort?: 'newest' | 'popular' },
) {
  const conds: SQL[] = [eq(tracks.public, true), eq(tracks.status, 'COMPLETE')];
  if (f.q) conds.push(matchesText(f.q));
  if (f.genre) conds.push(eq(tracks.genre, f.genre));
  const order = f.sort === 'popular' ? [desc(likeCountSql), ...TRACK_ORDER.newest] : TRACK_ORDER.newest;
  return pageOfTracks(db, and(...conds)!, { ...f, order }, { withLikes: true });
}

type TrackSort = (typeof TRACK_SORTS)[number];

/** Words a search is split into at most: a pasted paragraph costs a bounded query. */
const SEARCH_WORDS_MAX = 8;

/**
 * A search matches a track when every word of it appears in the title or the prompt, in any
 * order ("rhodes lo-fi" finds "dusty lo-fi hip hop, … Rhodes piano"), as people search.
 */
const matchesText = (q: string) => {
  const words = q.split(/\s+/).filter(Boolean).slice(0, SEARCH_WORDS_MAX);
  const each = (w: string) => or(ilike(tracks.title, likePattern(w)), ilike(tracks.prompt, likePattern(w)))!;
  return words.length === 0 ? each(q) : and(...words.map(each))!;
};

/** The library's orders over all matching tracks; ties newest first, then by id (a stable page). */
const TRACK_ORDER: Record<TrackSort, SQL[]> = {
  newest: [desc(tracks.createdAt), desc(tracks.id)],
  oldest: [asc(tracks.createdAt), asc(tracks.id)],
  title: [asc(sql`lower(${tracks.title})`), desc(tracks.createdAt), desc(tracks.id)],
  longest: [desc(tracks.durationS), desc(tracks.createdAt), desc(tracks.id)],
};

/**
 * One page of tracks in `order` with its latest job id, and the total matching; `withLikes` adds each
 * track's like count (explore), else the column is selected as null (the library shows none).
 */
async function pageOfTracks(
  db: DbOrTx,
  where: SQL,
  f: { page: number; limit: number; order: SQL[] },
  o: { withLikes?: boolean } = {},
) {
  const likeCount: SQL<number | null> = o.withLikes ? likeCountSql : sql`null`;
  const [items, total] = await Promise.all([
    db
      .select({ track: listColumns, jobId: latestJobId, likeCount })
      .from(tracks)
      .where(where)
      .orderBy(...f.order)
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
  patch: { title?: string; public?: boolean; series_id?: string },
): Promise<TrackRow> {
  if (patch.title !== undefined) checkContent({ title: patch.title });
  const { series_id, ...fields } = patch;
  if (series_id !== undefined) {
    // Only into one of the user's own series (another user's id is a 404, as if it did not exist).
    const own = await db
      .select({ id: series.id })
      .from(series)
      .where(and(eq(series.id, series_id), eq(series.userId, userId)));
    if (!own[0]) throw notFound('series');
  }
  if (patch.public === true) {
    const current = await getOwnTrack(db, userId, trackId);
    if (current.status !== 'COMPLETE') {
      throw new AppError(409, 'CONFLICT', 'Only a finished track can be published.');
    }
  }
  const rows = await db
    .update(tracks)
    .set({ ...fields, ...(series_id !== undefined ? { seriesId: series_id } : {}), updatedAt: new Date() })
    .where(and(eq(tracks.id, trackId), eq(tracks.userId, userId)))
    .returning();
  if (!rows[0]) throw notFound('track');
  return rows[0];
}

/**
 * Deletes a track with its jobs and stored objects. A job still running is ended
 * first (FAILED, refunded): the user is not charged for a track they threw away
 * before it finished; a hosted request it recorded is cancelled at its provider (a job
 * waiting in the queue after a shutdown has no worker to do it). Rows go first; objects
 * after (an object left by a failed delete is unreachable garbage, never a row pointing at nothing).
 */
export async function deleteTrack(
  db: Db,
  deps: {
    deletePrefix(prefix: string): Promise<number>;
    failJob(jobId: string, reason: string): Promise<unknown>;
    /** Best effort, never throws. */
    cancelProviderRequest?(ref: HostedRequestRef): Promise<void>;
  },
  userId: string,
  trackId: string,
): Promise<void> {
  const track = await getOwnTrack(db, userId, trackId);
  const active = await db
    .select({ id: jobs.id, providerRequest: jobs.providerRequest })
    .from(jobs)
    .where(and(eq(jobs.trackId, trackId), jobNotEnded));
  for (const j of active) {
    await deps.failJob(j.id, 'Cancelled: the track was deleted.');
    // After the job ended: a worker resuming it now sees it gone and stops too (it cancels as well).
    if (j.providerRequest) await deps.cancelProviderRequest?.(j.providerRequest);
  }
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
  // Built from the stored (canonical) ids, never from the request's spelling. Tracks written before
  // track-scoped keys keep their objects under the owner's prefix: both are cleared.
  await deps.deletePrefix(trackPrefix(track.id));
  await deps.deletePrefix(legacyTrackPrefix(track.userId, track.id));
}
