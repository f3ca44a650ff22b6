import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { HostedRequestRef } from '../../providers/types.ts';
import { users } from './auth.ts';
import { files } from './files.ts';
import { series } from './style.ts';

// Plain text columns (no CHECK): adding a status needs no migration.
const STATUS = ['QUEUED', 'RENDERING', 'MASTERING', 'COMPLETE', 'FAILED', 'CANCELLED'] as const;
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const tracks = pgTable(
  'tracks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    seriesId: uuid('series_id').references(() => series.id, { onDelete: 'set null' }),
    referenceFileId: uuid('reference_file_id').references(() => files.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    prompt: text('prompt').notNull(),
    lyrics: text('lyrics'),
    hasVocals: boolean('has_vocals').notNull().default(false),
    durationS: integer('duration_s').notNull(),
    genre: text('genre'),
    /** A style id of the engine's vocabulary asked for at creation; null: the prompt's words choose. */
    style: text('style'),
    /**
     * The style the track was made in, written when it completes: the asked style, else the one the
     * local engine chose from the prompt (its plan's style); null while unfinished, or when a hosted
     * model read the prompt itself (we do not know what it chose). The library's style filter.
     */
    resolvedStyle: text('resolved_style'),
    bpm: integer('bpm'),
    key: text('key'),
    styleStrength: doublePrecision('style_strength').notNull(),
    seed: integer('seed').notNull(),
    status: text('status', { enum: STATUS }).notNull().default('QUEUED'),
    provider: text('provider'),
    public: boolean('public').notNull().default(false),
    errorMessage: text('error_message'),
    creditsRequired: integer('credits_required').notNull(),
    visualVersion: integer('visual_version').notNull().default(1),
    // Storage keys (never URLs: URLs are signed per request and expire).
    audioKey: text('audio_key'),
    wavKey: text('wav_key'),
    previewKey: text('preview_key'),
    stemsKey: text('stems_key'),
    midiKey: text('midi_key'),
    coverKey: text('cover_key'),
    /** The current cover at 256 and 512 px, for pages; null for covers drawn before they existed. */
    cover256Key: text('cover_256_key'),
    cover512Key: text('cover_512_key'),
    plan: jsonb('plan').$type<Record<string, unknown>>(),
    /** The waveform players draw (engine master/peaks.ts); null for tracks stored before it. */
    peaks: jsonb('peaks').$type<{ durationSec: number; levels: number[] }>(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    completedAt: ts('completed_at'),
  },
  (t) => [
    // Ascending on purpose: read backwards it serves ORDER BY created_at DESC, id DESC
    // (drizzle's .desc() would add NULLS LAST, which that ORDER BY cannot use).
    index('tracks_user_created_idx').on(t.userId, t.createdAt, t.id),
    // Serves the status filter in library order (and its count) without sorting the library.
    index('tracks_user_status_created_idx').on(t.userId, t.status, t.createdAt, t.id),
    index('tracks_series_idx').on(t.seriesId),
    index('tracks_public_created_idx')
      .on(t.createdAt, t.id)
      .where(sql`${t.public} = true and ${t.status} = 'COMPLETE'`),
  ],
);

/**
 * Every job of every kind (worker/registry.ts): `kind` names its handler, `payload`
 * is validated by that kind's schema when it runs. A track and a user only for kinds
 * that have them (a scheduled sweep has neither).
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull().default('generate-music'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    trackId: uuid('track_id').references(() => tracks.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** Not before this time: a transient failure's backoff, or a scheduled run. */
    runAfter: ts('run_after'),
    /** At most one job per key (e.g. one scheduled run per period); null for most jobs. */
    dedupeKey: text('dedupe_key'),
    status: text('status', { enum: STATUS }).notNull().default('QUEUED'),
    progress: integer('progress').notNull().default(0),
    etaSec: integer('eta_sec'),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    /** Lower runs first (paid plans 1, free 10), as in BullMQ. */
    priority: integer('priority').notNull().default(10),
    provider: text('provider'),
    /** Who is working on it and until when; an expired lease means the worker died. */
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: ts('lease_expires_at'),
    /** When the current (or last) attempt was claimed: a lost attempt's duration in the job log. */
    attemptStartedAt: ts('attempt_started_at'),
    /** The provider the current attempt is calling, if any: named in the log if that worker is lost. */
    attemptProvider: text('attempt_provider'),
    /**
     * The hosted request (FAL request, Replicate prediction) the job is waiting on, written right
     * after submitting it: a worker that runs the job after a shutdown or crash resumes it instead
     * of paying for a second one. Cleared when the request failed and when the job ends.
     */
    providerRequest: jsonb('provider_request').$type<HostedRequestRef>(),
    /** Runs stopped by a worker shutdown; past WORKER_MAX_INTERRUPTIONS one counts as an attempt. */
    interruptions: integer('interruptions').notNull().default(0),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('jobs_track_idx').on(t.trackId),
    uniqueIndex('jobs_dedupe_key_uq').on(t.dedupeKey).where(sql`${t.dedupeKey} is not null`),
    index('jobs_user_created_idx').on(t.userId, t.createdAt),
    index('jobs_dispatch_idx')
      .on(t.priority, t.createdAt)
      .where(sql`${t.status} in ('QUEUED', 'RENDERING', 'MASTERING')`),
  ],
);

/** Every state change of a job, in order: what SSE clients replay after Last-Event-ID. */
export const jobEvents = pgTable(
  'job_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    status: text('status', { enum: STATUS }).notNull(),
    progress: integer('progress').notNull(),
    etaSec: integer('eta_sec'),
    message: text('message'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('job_events_job_seq_uq').on(t.jobId, t.seq)],
);

/** One row per provider attempt: GET /api/jobs/:id/logs and the ETA history. */
export const jobAttempts = pgTable(
  'job_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    attempt: integer('attempt').notNull(),
    outcome: text('outcome', { enum: ['success', 'error'] }).notNull(),
    errorCode: text('error_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
    audioSeconds: integer('audio_seconds').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('job_attempts_job_idx').on(t.jobId),
    index('job_attempts_provider_created_idx').on(t.provider, t.createdAt),
  ],
);
