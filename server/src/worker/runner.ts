import { randomBytes } from 'node:crypto';
import type { JobEvent } from '@soundfoundry/contract';
import type { HostedRequestRef } from '../providers/types.ts';
import {
  advanceJob,
  claimJob,
  completeJob,
  countInterruption,
  failJob,
  getJob,
  noteAttemptProvider,
  providerRequestHandedOn,
  recordAttempt,
  releaseJob,
  rememberProviderRequest,
  renewLease,
  rescheduleJob,
} from '../services/jobs.ts';
import {
  interruptionOf,
  type JobContext,
  type JobDeps,
  JobInterrupted,
  type JobRegistry,
  type ProgressUpdate,
} from './registry.ts';
import { type BackoffPolicy, classifyError, type Failure, permanent, retryDelayMs } from './retry.ts';

// The one lifecycle every job kind runs through, on the embedded dispatcher and on
// BullMQ alike: claim (lease) → validate payload → handle (heartbeat, progress) →
// COMPLETE; or a failure classified as transient (back to QUEUED, due later, no
// worker slot held while waiting) or permanent / out of attempts (FAILED, refunded
// by failJob when the job was charged). The jobs table is the truth; the queue
// only says "run this now", so a second delivery is harmless. A shutdown whose grace
// period runs out (`interrupt`) aborts the handler, which leaves its recorded hosted
// request running (jobs.provider_request: the next run resumes it) and cancels any
// other paid work; the job goes back to QUEUED at once, that run not counted as an
// attempt — up to `maxInterruptions`, past which an interruption counts as a failed one.

export interface RunnerDeps extends JobDeps {
  registry: JobRegistry;
  workerId: string;
  leaseSec: number;
  maxAttempts: number;
  backoff: BackoffPolicy;
  random?: () => number;
  /**
   * Aborted when this process stops and its grace period ran out (runtime.ts stopJobs): running
   * handlers are interrupted and their jobs put back in the queue; no new job is claimed.
   */
  interrupt?: AbortSignal;
  /**
   * Shutdown interruptions a job may have without them counting (WORKER_MAX_INTERRUPTIONS; default
   * unbounded): the next one is a failed attempt, under the usual retry and fail-with-refund rules.
   */
  maxInterruptions?: number;
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
  | { type: 'skipped' }
  /** Not run, or interrupted, because this process is stopping: QUEUED, run it elsewhere now. */
  | { type: 'released' };

const GENERIC_FAILED = 'The job failed.';
const INTERRUPTED_MESSAGE = 'Paused by a server restart; continuing shortly.';

/** Cancels a hosted request with the provider that made it (a job that ended while one was recorded). */
async function cancelHostedRequest(deps: RunnerDeps, ref: HostedRequestRef | null | undefined) {
  if (!ref) return;
  const provider = deps.providers.find((p) => p.name === ref.provider);
  await provider?.cancelRequest?.(ref).catch(() => {});
}

export async function runJob(deps: RunnerDeps, jobId: string): Promise<RunOutcome> {
  const { db, events, leaseSec } = deps;
  // One lease owner per run, not per process: a second delivery of a job this very
  // process is running (a stalled-job re-delivery, a manual run) finds it busy.
  const workerId = `${deps.workerId}:${randomBytes(4).toString('hex')}`;
  // A delivery that arrives while this process stops is left for another worker, unclaimed.
  if (deps.interrupt?.aborted) return { type: 'released' };
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
    // Out of attempts while a lost run's request may still be running: nobody will collect it.
    await cancelHostedRequest(deps, claim.job.providerRequest);
    publish(claim.event, claim.job.userId);
    deps.onOutcome?.(row.kind, 'failed', 0);
    return { type: 'failed', message: claim.event.message ?? GENERIC_FAILED };
  }
  const job = claim.job;
  publish(claim.event, job.userId);
  const startedAt = Date.now();
  const abort = new AbortController();
  const onShutdown = () => abort.abort(new JobInterrupted('shutdown'));
  if (deps.interrupt?.aborted) onShutdown();
  deps.interrupt?.addEventListener('abort', onShutdown, { once: true });
  const cancelled = () => abort.abort(new JobInterrupted('cancelled'));
  // Our lease is gone: another worker took the job over, or it ended under us. The row says
  // whether its owner cancelled it (then nothing of this run may stay) or someone else owns it.
  const lost = () => {
    if (abort.signal.aborted) return;
    getJob(db, job.id)
      .then((j) => abort.abort(new JobInterrupted(j?.status === 'CANCELLED' ? 'cancelled' : 'lease-lost')))
      .catch(() => abort.abort(new JobInterrupted('lease-lost')));
  };
  // A cancel is heard at once through the bus (Redis between processes in production); the
  // heartbeat below finds it within a third of a lease if the notice is lost.
  const unsubscribe = events.subscribe(job.id, (e) => {
    if (e.status === 'CANCELLED') cancelled();
  });

  // Heartbeat: the lease outlives a long provider call; if we lose it, we stop.
  const heartbeat = setInterval(
    () => {
      renewLease(db, job.id, workerId, leaseSec)
        .then((held) => {
          if (!held) lost();
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
  let finished = false;
  let pending: Promise<unknown> = Promise.resolve();
  // A new message that arrives inside the 250 ms window is not lost: the latest one
  // is sent when the window ends (a provider's queue position, say).
  let trailing: NodeJS.Timeout | null = null;
  let deferred: ProgressUpdate | null = null;
  const stopProgress = () => {
    finished = true;
    if (trailing) clearTimeout(trailing);
  };
  const progress = (u: ProgressUpdate) => {
    if (finished) return;
    const status = u.status ?? 'RENDERING';
    const now = Date.now();
    const p = Math.max(0, Math.min(99, Math.floor(u.progress)));
    const statusChanged = status !== lastStatus;
    const newMessage = u.message !== undefined && u.message !== lastMessage;
    if (!statusChanged && p <= lastPct && !newMessage) return;
    if (!statusChanged && now - lastAt < 250) {
      if (newMessage) {
        deferred = u;
        trailing ??= setTimeout(
          () => {
            trailing = null;
            const d = deferred;
            deferred = null;
            if (d) progress(d);
          },
          250 - (now - lastAt),
        );
      }
      return;
    }
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
        else lost();
      })
      .catch((err) => deps.log?.warn({ err, jobId: job.id }, 'progress update failed'));
  };
  // The runner adds its own row to the log when the handler's rows do not already
  // say how this run ended (a handler that logs provider calls, then fails storing).
  let recorded = 0;
  let lastRecorded: 'success' | 'error' | null = null;
  let lastCode: string | null = null;
  // The hosted request the row names (an earlier run's, then this run's own once it submits).
  let hosted: HostedRequestRef | null = job.providerRequest ?? null;
  const ctx: JobContext = {
    job,
    deps,
    signal: abort.signal,
    progress,
    async usingProvider(name) {
      await noteAttemptProvider(db, job.id, workerId, name).catch((err) =>
        deps.log?.warn({ err, jobId: job.id }, 'could not note the provider in use'),
      );
    },
    hostedRequest: job.providerRequest ?? null,
    async rememberRequest(ref) {
      const same = ref && hosted && ref.provider === hosted.provider && ref.id === hosted.id;
      if (same || (!ref && !hosted)) return;
      const ok = await rememberProviderRequest(db, job.id, workerId, ref).catch((err) => {
        deps.log?.warn({ err, jobId: job.id }, 'could not record the hosted request');
        return false;
      });
      if (ok) hosted = ref;
    },
    async mayLeaveRunning(ref) {
      return providerRequestHandedOn(db, job.id, ref).catch(() => false);
    },
    async recordAttempt(a) {
      recorded++;
      lastRecorded = a.outcome;
      lastCode = a.errorCode ?? null;
      await recordAttempt(db, {
        jobId: job.id,
        attempt: job.attempts,
        audioSeconds: 0,
        ...a,
      });
    },
  };

  /** A cancelled job's run: its leftovers removed, its end in the log; the job is final already. */
  const endCancelled = async (): Promise<RunOutcome> => {
    await kind
      .discard?.(ctx)
      .catch((err) => deps.log?.warn({ err, jobId: job.id }, 'cancelled job leftovers not removed'));
    if (lastCode !== 'CANCELLED')
      await recordAttempt(db, {
        jobId: job.id,
        attempt: job.attempts,
        provider: kind.kind,
        outcome: 'error',
        errorCode: 'CANCELLED',
        error: 'Cancelled by its owner; the run stopped and nothing was kept.',
        durationMs: Date.now() - startedAt,
        audioSeconds: 0,
      }).catch(() => {});
    deps.log?.info(
      { jobId: job.id, kind: kind.kind, ms: Date.now() - startedAt },
      'job cancelled, run stopped',
    );
    return { type: 'skipped' };
  };

  /** A run whose last write found the job not ours: cancelled meanwhile, or lost to another worker. */
  const notOurs = async (): Promise<RunOutcome> =>
    (await getJob(db, job.id))?.status === 'CANCELLED' ? endCancelled() : { type: 'skipped' };

  try {
    const parsed = kind.schema.safeParse(job.payload);
    if (!parsed.success)
      throw permanent('INVALID_PAYLOAD', `payload of ${kind.kind}: ${parsed.error.message}`);
    const result = await kind.handle(ctx, parsed.data);
    stopProgress();
    await pending;
    // Lost: someone else owns it. Interrupted by a shutdown with the result in hand: keep it.
    // Cancelled: nothing is kept.
    const stop = interruptionOf(abort.signal)?.reason;
    if (stop === 'lease-lost') return { type: 'skipped' };
    if (stop === 'cancelled') return await endCancelled();
    const ev = await completeJob(db, job.id, workerId, {
      provider: result?.provider,
      message: result?.message,
      // The log row commits with COMPLETE: whoever sees the job done sees its log.
      apply: async (tx, row) => {
        await result?.apply?.(tx, row);
        if (recorded === 0)
          await recordAttempt(tx, {
            jobId: job.id,
            attempt: job.attempts,
            provider: kind.kind,
            outcome: 'success',
            durationMs: Date.now() - startedAt,
            audioSeconds: 0,
          });
      },
    });
    // Not ours to complete: cancelled meanwhile (the cancel committed first), or lost.
    if (!ev) return await notOurs();
    publish(ev, job.userId);
    deps.onOutcome?.(kind.kind, 'complete', (Date.now() - startedAt) / 1000);
    deps.log?.info({ jobId: job.id, kind: kind.kind, ms: Date.now() - startedAt }, 'job complete');
    return { type: 'complete' };
  } catch (err) {
    stopProgress();
    await pending;
    const stop = interruptionOf(abort.signal);
    if (stop?.reason === 'lease-lost') return { type: 'skipped' }; // someone else owns it now
    if (stop?.reason === 'cancelled') return await endCancelled();
    // Interruptions are not the job's fault (a deploy), so they are not attempts; but a job long
    // enough to be caught by every rolling deploy would never end, its hosted requests billed each
    // time. Past WORKER_MAX_INTERRUPTIONS, one counts as a failed attempt: JOB_MAX_ATTEMPTS and the
    // refund on the last one bound it as they bound failures.
    const counted =
      stop?.reason === 'shutdown' && job.interruptions >= (deps.maxInterruptions ?? Number.POSITIVE_INFINITY);
    if (stop?.reason === 'shutdown' && !counted) {
      // Not a failure of the job: back to QUEUED for another worker, this run not counted.
      const r = await releaseJob(db, job.id, workerId, {
        message: INTERRUPTED_MESSAGE,
        log:
          lastCode === 'INTERRUPTED'
            ? undefined // the handler's own row says so (e.g. which provider call was cancelled)
            : {
                provider: kind.kind,
                outcome: 'error',
                errorCode: 'INTERRUPTED',
                error: 'Interrupted by a worker shutdown; the job runs again.',
                durationMs: Date.now() - startedAt,
                audioSeconds: 0,
              },
      });
      if (!r) return await notOurs();
      publish(r.event, job.userId);
      deps.log?.info(
        { jobId: job.id, kind: kind.kind, ms: Date.now() - startedAt },
        'job interrupted, requeued',
      );
      return { type: 'released' };
    }
    let f = classifyError(err);
    if (counted) {
      await countInterruption(db, job.id, workerId).catch(() => {});
      f = {
        transient: true,
        code: 'INTERRUPTED',
        message: `Interrupted by a worker shutdown ${job.interruptions + 1} times; this one counts as an attempt.`,
      };
    }
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
      const message = counted
        ? `Paused by server restarts too often; continuing in about ${delaySec} s.`
        : (kind.messages?.retrying?.(f, delaySec) ?? defaultRetrying(delaySec));
      const at = new Date(Date.now() + delayMs);
      deps.log?.warn({ jobId: job.id, kind: kind.kind, code: f.code, err, delayMs }, 'job will retry');
      // A counted interruption's hosted request is still running: the next run resumes it.
      const r = await rescheduleJob(db, job.id, workerId, {
        runAfter: at,
        message,
        keepProviderRequest: counted,
      });
      if (!r) return await notOurs();
      publish(r.event, job.userId);
      return { type: 'retry', at };
    }
    const message = f.userMessage ?? kind.messages?.failed?.(f) ?? GENERIC_FAILED;
    deps.log?.error({ jobId: job.id, kind: kind.kind, code: f.code, err }, 'job failed');
    const ev = await failJob(db, job.id, message, workerId);
    if (!ev) return await notOurs();
    // A request left running by this interrupted run (or recorded and not cancelled): nobody will
    // collect it now. (A provider call that failed has cancelled its own already.)
    if (counted) await cancelHostedRequest(deps, hosted);
    publish(ev, job.userId);
    deps.onOutcome?.(kind.kind, 'failed', (Date.now() - startedAt) / 1000);
    return { type: 'failed', message };
  } finally {
    stopProgress();
    clearInterval(heartbeat);
    unsubscribe();
    deps.interrupt?.removeEventListener('abort', onShutdown);
  }
}

const defaultRetrying = (sec: number) => `A temporary problem; retrying in about ${sec} s.`;

export type { Failure };
