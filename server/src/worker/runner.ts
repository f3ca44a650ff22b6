import { randomBytes } from 'node:crypto';
import type { JobEvent } from '@soundfoundry/contract';
import {
  advanceJob,
  claimJob,
  completeJob,
  failJob,
  getJob,
  recordAttempt,
  renewLease,
  rescheduleJob,
} from '../services/jobs.ts';
import type { JobContext, JobDeps, JobRegistry, ProgressUpdate } from './registry.ts';
import { type BackoffPolicy, classifyError, type Failure, permanent, retryDelayMs } from './retry.ts';

// The one lifecycle every job kind runs through, on the embedded dispatcher and on
// BullMQ alike: claim (lease) → validate payload → handle (heartbeat, progress) →
// COMPLETE; or a failure classified as transient (back to QUEUED, due later, no
// worker slot held while waiting) or permanent / out of attempts (FAILED, refunded
// by failJob when the job was charged). The jobs table is the truth; the queue
// only says "run this now", so a second delivery is harmless.

export interface RunnerDeps extends JobDeps {
  registry: JobRegistry;
  workerId: string;
  leaseSec: number;
  maxAttempts: number;
  backoff: BackoffPolicy;
  random?: () => number;
  onOutcome?: (kind: string, outcome: 'complete' | 'failed', durationSec: number) => void;
}

/** What the queue adapter must do next with its delivery. */
export type RunOutcome =
  | { type: 'complete' }
  /** Ended for good (BullMQ: UnrecoverableError). */
  | { type: 'failed'; message: string }
  /** A transient failure: due again at `at` (BullMQ: moveToDelayed). */
  | { type: 'retry'; at: Date }
  /** Another live worker holds it, or it is not due yet: look again at `at`. */
  | { type: 'busy'; at: Date }
  /** Already final, or this worker lost it midway: nothing to do. */
  | { type: 'skipped' };

const GENERIC_FAILED = 'The job failed.';

export async function runJob(deps: RunnerDeps, jobId: string): Promise<RunOutcome> {
  const { db, events, leaseSec } = deps;
  // One lease owner per run, not per process: a second delivery of a job this very
  // process is running (a stalled-job re-delivery, a manual run) finds it busy.
  const workerId = `${deps.workerId}:${randomBytes(4).toString('hex')}`;
  const row = await getJob(db, jobId);
  if (!row) return { type: 'skipped' };
  const publish = (ev: JobEvent | null | undefined, userId: string | null, libraryChanged = true) => {
    if (ev && userId) events.publish(ev, userId, libraryChanged);
  };
  const kind = deps.registry.get(row.kind);
  if (!kind) {
    // Only one build runs a deployment's workers; an unknown kind is a bug, not a wait.
    const message = `Unknown job kind "${row.kind}".`;
    const ev = await failJob(db, jobId, message);
    publish(ev, row.userId);
    return ev ? { type: 'failed', message } : { type: 'skipped' };
  }

  const claim = await claimJob(db, jobId, workerId, {
    leaseSec,
    maxAttempts: kind.maxAttempts ?? deps.maxAttempts,
  });
  if (claim.outcome === 'final') return { type: 'skipped' };
  if (claim.outcome === 'busy') return { type: 'busy', at: claim.retryAt };
  if (claim.outcome === 'exhausted') {
    publish(claim.event, claim.job.userId);
    deps.onOutcome?.(row.kind, 'failed', 0);
    return { type: 'failed', message: claim.event.message ?? GENERIC_FAILED };
  }
  const job = claim.job;
  publish(claim.event, job.userId);
  const startedAt = Date.now();
  const abort = new AbortController();

  // Heartbeat: the lease outlives a long provider call; if we lose it, we stop.
  const heartbeat = setInterval(
    () => {
      renewLease(db, job.id, workerId, leaseSec)
        .then((held) => {
          if (!held) abort.abort();
        })
        .catch(() => {});
    },
    Math.max(1000, (leaseSec * 1000) / 3),
  );

  // Progress: throttled, serialised (events keep their order), never blocking the handler.
  let lastPct = -1;
  let lastAt = 0;
  let lastStatus: string = 'RENDERING';
  let lastMessage: string | undefined;
  let pending: Promise<unknown> = Promise.resolve();
  const progress = (u: ProgressUpdate) => {
    const status = u.status ?? 'RENDERING';
    const now = Date.now();
    const p = Math.max(0, Math.min(99, Math.floor(u.progress)));
    const statusChanged = status !== lastStatus;
    const newMessage = u.message !== undefined && u.message !== lastMessage;
    if (!statusChanged && (now - lastAt < 250 || (p <= lastPct && !newMessage))) return;
    if (u.message !== undefined) lastMessage = u.message;
    lastPct = Math.max(lastPct, p);
    lastAt = now;
    lastStatus = status;
    pending = pending
      .then(() =>
        advanceJob(db, job.id, workerId, {
          status,
          progress: p,
          etaSec: u.etaSec ?? null,
          leaseSec,
          message: u.message,
        }),
      )
      .then((ev) => {
        if (ev) publish(ev, job.userId, statusChanged);
        else abort.abort();
      })
      .catch((err) => deps.log?.warn({ err, jobId: job.id }, 'progress update failed'));
  };
  // The runner adds its own row to the log when the handler's rows do not already
  // say how this run ended (a handler that logs provider calls, then fails storing).
  let recorded = 0;
  let lastRecorded: 'success' | 'error' | null = null;
  const ctx: JobContext = {
    job,
    deps,
    signal: abort.signal,
    progress,
    async recordAttempt(a) {
      recorded++;
      lastRecorded = a.outcome;
      await recordAttempt(db, {
        jobId: job.id,
        attempt: job.attempts,
        audioSeconds: 0,
        ...a,
      });
    },
  };

  try {
    const parsed = kind.schema.safeParse(job.payload);
    if (!parsed.success)
      throw permanent('INVALID_PAYLOAD', `payload of ${kind.kind}: ${parsed.error.message}`);
    const result = await kind.handle(ctx, parsed.data);
    await pending;
    if (abort.signal.aborted) return { type: 'skipped' };
    const ev = await completeJob(db, job.id, workerId, {
      provider: result?.provider,
      message: result?.message,
      apply: result?.apply,
    });
    if (!ev) return { type: 'skipped' };
    if (recorded === 0)
      await ctx.recordAttempt({
        provider: kind.kind,
        outcome: 'success',
        durationMs: Date.now() - startedAt,
      });
    publish(ev, job.userId);
    deps.onOutcome?.(kind.kind, 'complete', (Date.now() - startedAt) / 1000);
    deps.log?.info({ jobId: job.id, kind: kind.kind, ms: Date.now() - startedAt }, 'job complete');
    return { type: 'complete' };
  } catch (err) {
    await pending;
    if (abort.signal.aborted) return { type: 'skipped' }; // someone else owns it now
    const f = classifyError(err);
    if (lastRecorded !== 'error')
      await ctx
        .recordAttempt({
          provider: kind.kind,
          outcome: 'error',
          errorCode: f.code,
          // The log is shown to the user: only messages we wrote, never an internal error's.
          error: f.code === 'UNEXPECTED' ? 'Internal error' : f.message.slice(0, 500),
          durationMs: Date.now() - startedAt,
        })
        .catch(() => {});
    const maxAttempts = kind.maxAttempts ?? deps.maxAttempts;
    if (f.transient && job.attempts < maxAttempts) {
      const delayMs = retryDelayMs(job.attempts, deps.backoff, f.retryAfterMs, deps.random);
      const delaySec = Math.max(1, Math.round(delayMs / 1000));
      const message = kind.messages?.retrying?.(f, delaySec) ?? defaultRetrying(delaySec);
      const at = new Date(Date.now() + delayMs);
      deps.log?.warn({ jobId: job.id, kind: kind.kind, code: f.code, err, delayMs }, 'job will retry');
      const r = await rescheduleJob(db, job.id, workerId, { runAfter: at, message });
      if (!r) return { type: 'skipped' };
      publish(r.event, job.userId);
      return { type: 'retry', at };
    }
    const message = f.userMessage ?? kind.messages?.failed?.(f) ?? GENERIC_FAILED;
    deps.log?.error({ jobId: job.id, kind: kind.kind, code: f.code, err }, 'job failed');
    const ev = await failJob(db, job.id, message, workerId);
    if (!ev) return { type: 'skipped' };
    publish(ev, job.userId);
    deps.onOutcome?.(kind.kind, 'failed', (Date.now() - startedAt) / 1000);
    return { type: 'failed', message };
  } finally {
    clearInterval(heartbeat);
  }
}

const defaultRetrying = (sec: number) => `A temporary problem; retrying in about ${sec} s.`;

export type { Failure };
