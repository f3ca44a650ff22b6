import { cancelledMessage, FINAL_STATUSES, isFinalStatus, type JobEvent } from '@soundfoundry/contract';
import { and, asc, desc, eq, gt, inArray, lt, lte, notInArray, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../db/client.ts';
import { memoizePerDb } from '../db/prepared.ts';
import { creditLedger, jobAttempts, jobEvents, jobs, tracks } from '../db/schema/index.ts';
import type { HostedRequestRef } from '../providers/types.ts';
import { applyCreditChange } from './credits.ts';
import { AppError, notFound } from './errors.ts';

export type JobRow = typeof jobs.$inferSelect;

/** Whether some worker holds the job now: its lease has not run out (a queued job holds none). */
export const leaseIsLive = (job: Pick<JobRow, 'leaseExpiresAt'>, now: Date): boolean =>
  job.leaseExpiresAt !== null && job.leaseExpiresAt > now;

/** A job that has not ended (the contract's FINAL_STATUSES), as a query condition. */
export const jobNotEnded = notInArray(jobs.status, [...FINAL_STATUSES]);
export type JobStatus = JobRow['status'];
const ACTIVE: JobStatus[] = ['RENDERING', 'MASTERING'];

export function toJobEvent(row: typeof jobEvents.$inferSelect): JobEvent {
  return {
    seq: row.seq,
    job_id: row.jobId,
    status: row.status,
    progress: row.progress,
    eta: row.etaSec,
    message: row.message,
    at: row.createdAt.toISOString(),
  };
}

/** Appends the next event of a job (seq = last + 1) inside the caller's transaction. */
export async function appendJobEvent(
  tx: Tx,
  e: { jobId: string; status: JobStatus; progress: number; etaSec: number | null; message?: string | null },
): Promise<JobEvent> {
  const next = await tx
    .select({ seq: sql<number>`coalesce(max(${jobEvents.seq}), 0) + 1` })
    .from(jobEvents)
    .where(eq(jobEvents.jobId, e.jobId));
  const inserted = await tx
    .insert(jobEvents)
    .values({
      jobId: e.jobId,
      seq: Number(next[0]?.seq ?? 1),
      status: e.status,
      progress: e.progress,
      etaSec: e.etaSec,
      message: e.message ?? null,
    })
    .returning();
  return toJobEvent(inserted[0]!);
}

// The hottest read (clients poll it): a prepared statement per database, so the
// query is built once and planned once per connection.
const jobForUser = memoizePerDb((db) =>
  db
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, sql.placeholder('jobId')), eq(jobs.userId, sql.placeholder('userId'))))
    .prepare('job_for_user'),
);

export async function getJobForUser(db: Db, userId: string, jobId: string): Promise<JobRow> {
  const rows = await jobForUser(db).execute({ jobId, userId });
  if (!rows[0]) throw notFound('job');
  return rows[0];
}

export async function listJobEventsAfter(db: DbOrTx, jobId: string, afterSeq: number): Promise<JobEvent[]> {
  const rows = await db
    .select()
    .from(jobEvents)
    .where(and(eq(jobEvents.jobId, jobId), gt(jobEvents.seq, afterSeq)))
    .orderBy(asc(jobEvents.seq));
  return rows.map(toJobEvent);
}

/** The newest event of a job (its final one once the job is final), or null. */
export async function lastJobEvent(db: DbOrTx, jobId: string): Promise<JobEvent | null> {
  const rows = await db
    .select()
    .from(jobEvents)
    .where(eq(jobEvents.jobId, jobId))
    .orderBy(desc(jobEvents.seq))
    .limit(1);
  return rows[0] ? toJobEvent(rows[0]) : null;
}

export async function listJobAttempts(db: DbOrTx, jobId: string) {
  return db.select().from(jobAttempts).where(eq(jobAttempts.jobId, jobId)).orderBy(asc(jobAttempts.id));
}

export type ClaimResult =
  | { outcome: 'claimed'; job: JobRow; event: JobEvent }
  | { outcome: 'final' }
  | { outcome: 'busy'; retryAt: Date }
  | { outcome: 'exhausted'; event: JobEvent; job: JobRow };

/**
 * Takes a job for one worker: QUEUED (and due), or RENDERING/MASTERING whose lease
 * expired (its worker died). Counts the attempt; past maxAttempts the job fails and
 * is refunded instead of running again. A job held by a live lease, or not yet due
 * (backoff, schedule), is 'busy' until `retryAt`.
 */
export async function claimJob(
  db: Db,
  jobId: string,
  owner: string,
  opts: { leaseSec: number; maxAttempts: number; now?: Date },
): Promise<ClaimResult> {
  const now = opts.now ?? new Date();
  const result = await db.transaction(async (tx) => {
    const rows = await tx.select().from(jobs).where(eq(jobs.id, jobId)).for('update');
    const job = rows[0];
    if (!job || isFinalStatus(job.status)) return { outcome: 'final' } as const;
    const leaseLive = leaseIsLive(job, now) && job.leaseOwner !== owner;
    if (ACTIVE.includes(job.status) && leaseLive) {
      return { outcome: 'busy', retryAt: job.leaseExpiresAt! } as const;
    }
    if (job.status === 'QUEUED' && job.runAfter && job.runAfter > now) {
      return { outcome: 'busy', retryAt: job.runAfter } as const;
    }
    // Taking over from a worker that went silent (killed, crashed, cut off): its attempt ended
    // without a word, so the log says so here, or GET /api/jobs/:id/logs would not show it.
    if (ACTIVE.includes(job.status) && job.attempts > 0) {
      await recordAttempt(tx, lostAttempt(job, opts.leaseSec, now));
    }
    if (job.attempts >= opts.maxAttempts) {
      const event = await failJobInTx(
        tx,
        job,
        job.kind === 'generate-music'
          ? 'The track could not be generated after several attempts. Your credits were refunded.'
          : 'The job could not be completed after several attempts.',
        now,
      );
      return { outcome: 'exhausted', event, job } as const;
    }
    const updated = await tx
      .update(jobs)
      .set({
        status: 'RENDERING',
        attempts: job.attempts + 1,
        leaseOwner: owner,
        leaseExpiresAt: new Date(now.getTime() + opts.leaseSec * 1000),
        attemptStartedAt: now,
        attemptProvider: null,
        runAfter: null,
        startedAt: job.startedAt ?? now,
        updatedAt: now,
      })
      .where(eq(jobs.id, jobId))
      .returning();
    if (job.trackId)
      await tx.update(tracks).set({ status: 'RENDERING', updatedAt: now }).where(eq(tracks.id, job.trackId));
    const event = await appendJobEvent(tx, {
      jobId,
      status: 'RENDERING',
      progress: job.progress,
      etaSec: job.etaSec,
      message:
        job.attempts > 0
          ? `Retrying (attempt ${job.attempts + 1})`
          : // Started before, no attempt counted: an earlier run was interrupted by a shutdown.
            job.startedAt
            ? 'Resumed'
            : 'Started',
    });
    return { outcome: 'claimed', job: updated[0]!, event } as const;
  });
  return result;
}

/** The job log's row for an attempt whose worker was lost (its lease expired). */
function lostAttempt(job: JobRow, leaseSec: number, now: Date) {
  // The lease is renewed every leaseSec/3 while the worker lives: it last spoke ≈ one lease before
  // the lease ran out (the embedded mode's restart expires leases at once: then "now" bounds it).
  const expires = job.leaseExpiresAt ?? now;
  const lastAlive = Math.min(now.getTime(), expires.getTime() - leaseSec * 1000);
  const started = job.attemptStartedAt ?? job.startedAt ?? now;
  return {
    jobId: job.id,
    attempt: job.attempts,
    provider: job.attemptProvider ?? job.kind,
    outcome: 'error' as const,
    errorCode: 'LEASE_EXPIRED',
    error: `The worker of this attempt stopped without finishing it${
      job.attemptProvider ? ` while calling ${job.attemptProvider}` : ''
    } (killed, crashed or cut off); the job ran again once its lease expired.`,
    durationMs: Math.max(0, lastAlive - started.getTime()),
    audioSeconds: 0,
  };
}

/**
 * A run interrupted by its worker's shutdown (the grace period ran out): the job goes back to
 * QUEUED, due at once, lease released, and the run is not counted as an attempt (nothing went
 * wrong with the job: JOB_MAX_ATTEMPTS bounds failures) but as an interruption (the runner's
 * WORKER_MAX_INTERRUPTIONS). Progress stays where it was (monotone); the hosted request the run
 * waited on (provider_request) stays recorded, for the next run to resume.
 * `log` is the run's row of the job log, written in the same transaction. Null if the owner lost it.
 */
export async function releaseJob(
  db: Db,
  jobId: string,
  owner: string,
  u: { message: string; log?: Omit<Parameters<typeof recordAttempt>[1], 'jobId' | 'attempt'> },
): Promise<{ event: JobEvent; job: JobRow } | null> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const held = await tx
      .select({ attempts: jobs.attempts })
      .from(jobs)
      .where(and(eq(jobs.id, jobId), eq(jobs.leaseOwner, owner), inArray(jobs.status, ACTIVE)))
      .for('update');
    if (!held[0]) return null;
    if (u.log) await recordAttempt(tx, { ...u.log, jobId, attempt: held[0].attempts });
    const updated = await tx
      .update(jobs)
      .set({
        status: 'QUEUED',
        attempts: sql`greatest(${jobs.attempts} - 1, 0)`,
        interruptions: sql`${jobs.interruptions} + 1`,
        runAfter: null,
        etaSec: null,
        leaseOwner: null,
        leaseExpiresAt: null,
        attemptProvider: null,
        updatedAt: now,
      })
      .where(eq(jobs.id, jobId))
      .returning();
    const job = updated[0]!;
    return { event: await announceRequeued(tx, job, u.message, now), job };
  });
}

/**
 * Records the hosted request the owner's run waits on (null: none any more). False if the owner lost
 * the job: then nobody else will resume that request.
 */
export async function rememberProviderRequest(
  db: Db,
  jobId: string,
  owner: string,
  ref: HostedRequestRef | null,
): Promise<boolean> {
  const updated = await db
    .update(jobs)
    .set({ providerRequest: ref })
    .where(and(eq(jobs.id, jobId), eq(jobs.leaseOwner, owner), inArray(jobs.status, ACTIVE)))
    .returning({ id: jobs.id });
  return updated.length > 0;
}

/**
 * Whether a run that stops may leave hosted request `ref` running: the job is still live (not
 * deleted, not ended) and still names that request, so whichever worker runs it next resumes it.
 */
export async function providerRequestHandedOn(db: DbOrTx, jobId: string, ref: HostedRequestRef) {
  const rows = await db
    .select({ status: jobs.status, ref: jobs.providerRequest })
    .from(jobs)
    .where(eq(jobs.id, jobId));
  const row = rows[0];
  return !!row && !isFinalStatus(row.status) && row.ref?.provider === ref.provider && row.ref.id === ref.id;
}

/** One more shutdown interruption of a run the owner holds (one past the cap: counted as an attempt). */
export async function countInterruption(db: Db, jobId: string, owner: string) {
  await db
    .update(jobs)
    .set({ interruptions: sql`${jobs.interruptions} + 1` })
    .where(and(eq(jobs.id, jobId), eq(jobs.leaseOwner, owner), inArray(jobs.status, ACTIVE)));
}

/** Notes the provider the owner's current attempt is calling (named in the log if the worker is lost). */
export async function noteAttemptProvider(db: Db, jobId: string, owner: string, provider: string) {
  await db
    .update(jobs)
    .set({ attemptProvider: provider })
    .where(and(eq(jobs.id, jobId), eq(jobs.leaseOwner, owner), inArray(jobs.status, ACTIVE)));
}

/**
 * A transient failure: the job goes back to QUEUED, due at `runAfter`, its lease
 * released so no worker holds it while it waits. Null if the owner lost it. The hosted request
 * the run waited on is forgotten (it failed: the next run submits anew) unless `keepProviderRequest`
 * (the run was stopped, its request left running: a counted interruption).
 */
export async function rescheduleJob(
  db: Db,
  jobId: string,
  owner: string,
  u: { runAfter: Date; message: string; keepProviderRequest?: boolean },
): Promise<{ event: JobEvent; job: JobRow } | null> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const updated = await tx
      .update(jobs)
      .set({
        status: 'QUEUED',
        runAfter: u.runAfter,
        etaSec: null,
        leaseOwner: null,
        leaseExpiresAt: null,
        ...(u.keepProviderRequest ? {} : { providerRequest: null }),
        updatedAt: now,
      })
      .where(and(eq(jobs.id, jobId), eq(jobs.leaseOwner, owner), inArray(jobs.status, ACTIVE)))
      .returning();
    const job = updated[0];
    if (!job) return null;
    return { event: await announceRequeued(tx, job, u.message, now), job };
  });
}

/** A job back in the queue (released or rescheduled): its track says so, and so does its event. */
async function announceRequeued(tx: Tx, job: JobRow, message: string, now: Date): Promise<JobEvent> {
  if (job.trackId)
    await tx.update(tracks).set({ status: 'QUEUED', updatedAt: now }).where(eq(tracks.id, job.trackId));
  return appendJobEvent(tx, {
    jobId: job.id,
    status: 'QUEUED',
    progress: job.progress,
    etaSec: null,
    message,
  });
}

export interface NewJob {
  kind: string;
  payload: Record<string, unknown>;
  userId?: string | null;
  trackId?: string | null;
  priority?: number;
  runAfter?: Date | null;
  dedupeKey?: string | null;
}

/**
 * Inserts a QUEUED job with its first event. With a dedupeKey already taken, returns
 * the existing job instead (created: false): a schedule that fires twice makes one job.
 */
export async function insertJob(tx: Tx, input: NewJob): Promise<{ job: JobRow; created: boolean }> {
  {
    const inserted = await tx
      .insert(jobs)
      .values({
        kind: input.kind,
        payload: input.payload,
        userId: input.userId ?? null,
        trackId: input.trackId ?? null,
        priority: input.priority ?? 10,
        runAfter: input.runAfter ?? null,
        dedupeKey: input.dedupeKey ?? null,
      })
      .onConflictDoNothing()
      .returning();
    const job = inserted[0];
    if (!job) {
      const existing = await tx
        .select()
        .from(jobs)
        .where(eq(jobs.dedupeKey, input.dedupeKey ?? ''));
      if (!existing[0]) throw new Error('insertJob: conflict without a dedupe key');
      return { job: existing[0], created: false };
    }
    await appendJobEvent(tx, {
      jobId: job.id,
      status: 'QUEUED',
      progress: 0,
      etaSec: null,
      message: 'Queued',
    });
    return { job, created: true };
  }
}

export async function getJob(db: DbOrTx, jobId: string): Promise<JobRow | null> {
  return (await db.select().from(jobs).where(eq(jobs.id, jobId)))[0] ?? null;
}

/**
 * Moves a job the owner holds: status, monotone progress, ETA, renewed lease.
 * Returns null when the owner lost the lease (another worker took over, or the
 * job ended): the caller must stop working on it.
 */
export async function advanceJob(
  db: Db,
  jobId: string,
  owner: string,
  u: {
    status: 'RENDERING' | 'MASTERING';
    progress: number;
    etaSec: number | null;
    leaseSec: number;
    message?: string;
  },
): Promise<JobEvent | null> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const updated = await tx
      .update(jobs)
      .set({
        status: u.status,
        progress: sql`greatest(${jobs.progress}, ${Math.max(0, Math.min(99, Math.round(u.progress)))})`,
        etaSec: u.etaSec,
        leaseExpiresAt: new Date(now.getTime() + u.leaseSec * 1000),
        updatedAt: now,
      })
      .where(and(eq(jobs.id, jobId), eq(jobs.leaseOwner, owner), inArray(jobs.status, ACTIVE)))
      .returning();
    const job = updated[0];
    if (!job) return null;
    if (u.status === 'MASTERING' && job.trackId) {
      await tx.update(tracks).set({ status: 'MASTERING', updatedAt: now }).where(eq(tracks.id, job.trackId));
    }
    return appendJobEvent(tx, {
      jobId,
      status: job.status,
      progress: job.progress,
      etaSec: job.etaSec,
      message: u.message ?? null,
    });
  });
}

/** Renews the lease only (a heartbeat while the provider works without progress). */
export async function renewLease(db: Db, jobId: string, owner: string, leaseSec: number): Promise<boolean> {
  const updated = await db
    .update(jobs)
    .set({ leaseExpiresAt: new Date(Date.now() + leaseSec * 1000) })
    .where(and(eq(jobs.id, jobId), eq(jobs.leaseOwner, owner), inArray(jobs.status, ACTIVE)))
    .returning({ id: jobs.id });
  return updated.length > 0;
}

export async function recordAttempt(
  db: DbOrTx,
  a: {
    jobId: string;
    provider: string;
    attempt: number;
    outcome: 'success' | 'error';
    errorCode?: string | null;
    error?: string | null;
    durationMs: number;
    audioSeconds: number;
  },
) {
  await db.insert(jobAttempts).values({
    jobId: a.jobId,
    provider: a.provider,
    attempt: a.attempt,
    outcome: a.outcome,
    errorCode: a.errorCode ?? null,
    error: a.error ?? null,
    durationMs: a.durationMs,
    audioSeconds: a.audioSeconds,
  });
}

/**
 * Marks a job FAILED (with a user-readable error) and refunds its charge, in one
 * transaction. Does nothing if the job already ended; the ledger's unique
 * (job_id, reason) index makes a second refund impossible even so.
 */
export async function failJob(
  db: Db,
  jobId: string,
  error: string,
  owner?: string,
): Promise<JobEvent | null> {
  return db.transaction(async (tx) => {
    const rows = await tx.select().from(jobs).where(eq(jobs.id, jobId)).for('update');
    const job = rows[0];
    if (!job || isFinalStatus(job.status)) return null;
    if (owner && job.leaseOwner !== owner && job.status !== 'QUEUED') return null;
    return failJobInTx(tx, job, error, new Date());
  });
}

async function failJobInTx(tx: Tx, job: JobRow, error: string, now: Date): Promise<JobEvent> {
  return (await endJobInTx(tx, job, { status: 'FAILED', message: error, refundKind: 'failure', now })).event;
}

/**
 * Ends a job that has not ended (the caller holds its row lock): the job and its track take the
 * final status, the job's charge comes back (one REFUND row, meta.kind = `refundKind`, if it was
 * charged and not refunded yet; the ledger's unique (job_id, reason) index makes a second one
 * impossible), and the final event is appended. One transaction: the caller's.
 */
async function endJobInTx(
  tx: Tx,
  job: JobRow,
  e: {
    status: 'FAILED' | 'CANCELLED';
    message: string | ((refunded: number) => string);
    refundKind: string;
    now: Date;
  },
): Promise<{ event: JobEvent; refunded: number }> {
  const refunded = await refundChargeInTx(tx, job, e.refundKind);
  const message = typeof e.message === 'string' ? e.message : e.message(refunded);
  const now = e.now;
  await tx
    .update(jobs)
    .set({
      status: e.status,
      error: message,
      leaseOwner: null,
      leaseExpiresAt: null,
      providerRequest: null,
      runAfter: null,
      finishedAt: now,
      updatedAt: now,
    })
    .where(eq(jobs.id, job.id));
  if (job.trackId)
    await tx
      .update(tracks)
      .set({ status: e.status, errorMessage: message, updatedAt: now })
      .where(eq(tracks.id, job.trackId));
  const event = await appendJobEvent(tx, {
    jobId: job.id,
    status: e.status,
    progress: job.progress,
    etaSec: null,
    message,
  });
  return { event, refunded };
}

/** Gives a job's DEDUCTION back as one REFUND row, unless it was never charged or already refunded. */
async function refundChargeInTx(tx: Tx, job: JobRow, kind: string): Promise<number> {
  const charge = await tx
    .select({ amount: creditLedger.amount })
    .from(creditLedger)
    .where(and(eq(creditLedger.jobId, job.id), eq(creditLedger.reason, 'DEDUCTION')));
  const charged = -(charge[0]?.amount ?? 0);
  const refunded = await tx
    .select({ id: creditLedger.id })
    .from(creditLedger)
    .where(and(eq(creditLedger.jobId, job.id), eq(creditLedger.reason, 'REFUND')));
  if (charged <= 0 || refunded[0] || !job.userId) return 0;
  await applyCreditChange(tx, {
    userId: job.userId,
    amount: charged,
    reason: 'REFUND',
    jobId: job.id,
    meta: { kind, track_id: job.trackId },
  });
  return charged;
}

const ALREADY_FINAL: Record<string, string> = {
  COMPLETE: 'This track is already finished, so there is nothing to cancel. You can delete it instead.',
  FAILED: 'This track already stopped with an error, and its credits were returned.',
  CANCELLED: 'This track is already cancelled.',
};

/**
 * Its owner stops a job that has not ended (QUEUED, or running on some worker): CANCELLED, its
 * charge refunded (meta.kind = "cancel") and its final event appended, in one transaction under
 * the job's row lock. Whichever commits first of this and the worker's completeJob wins: a job
 * completed first is a 409 here; one cancelled first is not completed (completeJob needs an
 * active status). A running worker learns of it from the event (the bus), or from its next
 * heartbeat or progress write, which find the job no longer active; the caller removes stored
 * files and the queue's delivery after commit. Another user's job is a 404; only track
 * generations are cancelled (a cover drawing is free and short).
 */
export async function cancelJob({
  ctx,
  input,
}: {
  ctx: { db: Db };
  input: { userId: string; jobId: string; now?: Date };
}): Promise<{ job: JobRow; event: JobEvent; creditsRefunded: number }> {
  return ctx.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(jobs)
      .where(and(eq(jobs.id, input.jobId), eq(jobs.userId, input.userId)))
      .for('update');
    const job = rows[0];
    if (!job) throw notFound('job');
    if (isFinalStatus(job.status))
      throw new AppError(409, 'CONFLICT', ALREADY_FINAL[job.status]!, { status: job.status });
    if (job.kind !== 'generate-music' || !job.trackId)
      throw new AppError(409, 'CONFLICT', 'Only a track that is being made can be cancelled.', {
        kind: job.kind,
      });
    const { event, refunded } = await endJobInTx(tx, job, {
      status: 'CANCELLED',
      message: cancelledMessage,
      refundKind: 'cancel',
      now: input.now ?? new Date(),
    });
    return { job: { ...job, status: 'CANCELLED' as const }, event, creditsRefunded: refunded };
  });
}

/**
 * COMPLETE: the job's final event, and whatever the handler's result writes
 * (`apply`, e.g. the track's files), in one transaction. Null if the owner lost it.
 */
export async function completeJob(
  db: Db,
  jobId: string,
  owner: string,
  out: { provider?: string | null; message?: string; apply?: (tx: Tx, job: JobRow) => Promise<void> },
) {
  return db.transaction(async (tx) => {
    const now = new Date();
    const updated = await tx
      .update(jobs)
      .set({
        status: 'COMPLETE',
        progress: 100,
        etaSec: 0,
        provider: out.provider ?? null,
        leaseOwner: null,
        leaseExpiresAt: null,
        providerRequest: null,
        finishedAt: now,
        updatedAt: now,
      })
      .where(and(eq(jobs.id, jobId), eq(jobs.leaseOwner, owner), inArray(jobs.status, ACTIVE)))
      .returning();
    const job = updated[0];
    if (!job) return null;
    await out.apply?.(tx, job);
    return appendJobEvent(tx, {
      jobId,
      status: 'COMPLETE',
      progress: 100,
      etaSec: 0,
      message: out.message ?? 'Done',
    });
  });
}

/** Jobs a dispatcher should (re)start now: QUEUED and due, or active with an expired lease. */
export async function findRunnableJobIds(db: DbOrTx, limit: number, now = new Date()): Promise<string[]> {
  return (await findRunnableJobs(db, limit, now)).map((r) => r.id);
}

/**
 * With `includeDelayed`, QUEUED jobs not yet due are listed too (with their
 * runAfter): the BullMQ sweeper enqueues them as delayed jobs.
 */
/** Where a sweep through the runnable jobs stopped: the last job it saw, in the sweep's order. */
export interface RunnableCursor {
  priority: number;
  /** created_at as PostgreSQL prints it: microseconds kept (a Date would cut them). */
  createdAt: string;
  id: string;
}

export async function findRunnableJobs(
  db: DbOrTx,
  limit: number,
  now = new Date(),
  opts: { includeDelayed?: boolean; after?: RunnableCursor } = {},
): Promise<{ id: string; priority: number; kind: string; runAfter: Date | null; cursor: RunnableCursor }[]> {
  const queued = opts.includeDelayed
    ? eq(jobs.status, 'QUEUED')
    : and(eq(jobs.status, 'QUEUED'), or(sql`${jobs.runAfter} is null`, lte(jobs.runAfter, now)));
  const runnable = or(
    queued,
    and(inArray(jobs.status, ACTIVE), or(lt(jobs.leaseExpiresAt, now), sql`${jobs.leaseExpiresAt} is null`)),
  );
  const { after } = opts;
  const rows = await db
    .select({
      id: jobs.id,
      priority: jobs.priority,
      kind: jobs.kind,
      runAfter: jobs.runAfter,
      createdAt: sql<string>`${jobs.createdAt}::text`,
    })
    .from(jobs)
    .where(
      after
        ? and(
            runnable,
            sql`(${jobs.priority}, ${jobs.createdAt}, ${jobs.id}) > (${after.priority}::int, ${after.createdAt}::timestamptz, ${after.id}::uuid)`,
          )
        : runnable,
    )
    .orderBy(asc(jobs.priority), asc(jobs.createdAt), asc(jobs.id))
    .limit(limit);
  return rows.map(({ createdAt, ...r }) => ({ ...r, cursor: { priority: r.priority, createdAt, id: r.id } }));
}

/** When the next delayed QUEUED job becomes due (the embedded dispatcher's alarm). */
export async function nextDueAt(db: DbOrTx): Promise<Date | null> {
  const rows = await db
    .select({ at: sql<Date | string | null>`min(${jobs.runAfter})` })
    .from(jobs)
    .where(and(eq(jobs.status, 'QUEUED'), sql`${jobs.runAfter} is not null`));
  const at = rows[0]?.at;
  return at ? new Date(at) : null;
}

/** Seconds per second of audio, from the provider's recent successful attempts. */
export async function measuredSpeed(db: DbOrTx, provider: string): Promise<number | null> {
  const recent = db
    .select({ durationMs: jobAttempts.durationMs, audioSeconds: jobAttempts.audioSeconds })
    .from(jobAttempts)
    .where(and(eq(jobAttempts.provider, provider), eq(jobAttempts.outcome, 'success')))
    .orderBy(sql`${jobAttempts.id} desc`)
    .limit(20)
    .as('recent');
  const rows = await db
    .select({ ms: sql<string>`sum(${recent.durationMs})`, audio: sql<string>`sum(${recent.audioSeconds})` })
    .from(recent);
  const ms = Number(rows[0]?.ms ?? 0);
  const audio = Number(rows[0]?.audio ?? 0);
  return audio > 0 ? ms / 1000 / audio : null;
}
