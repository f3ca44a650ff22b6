import type { Job, JobEvent, JobStatus } from '@soundfoundry/contract';
import { isFinalStatus } from '@soundfoundry/contract/constants';

// The job-progress state machine, pure: what the page shows from whatever arrives
// (SSE events, polled job rows), in any order and any number of times.

export const STEPS = ['QUEUED', 'RENDERING', 'MASTERING', 'COMPLETE'] as const;
export const STEP_LABELS: Record<(typeof STEPS)[number], string> = {
  QUEUED: 'Queued',
  RENDERING: 'Rendering',
  MASTERING: 'Mastering',
  COMPLETE: 'Ready',
};
const ORDER: Record<JobStatus, number> = {
  QUEUED: 0,
  RENDERING: 1,
  MASTERING: 2,
  COMPLETE: 3,
  FAILED: 3,
  CANCELLED: 3,
};

/**
 * The step a job had reached, judged from its progress alone (the server's stage budget:
 * rendering from 5 %, mastering from 85 %). For a failure seen without its history (a reload,
 * another tab), so the ✕ lands on the step that failed rather than on "Queued".
 */
export function stepOfProgress(progress: number): 'QUEUED' | 'RENDERING' | 'MASTERING' {
  return progress >= 85 ? 'MASTERING' : progress >= 5 ? 'RENDERING' : 'QUEUED';
}

/** The later of two steps. */
export function laterStep(a: JobStatus, b: JobStatus): JobStatus {
  return ORDER[b] > ORDER[a] ? b : a;
}

/** Ended for good: the contract's FINAL_STATUSES (COMPLETE, FAILED, CANCELLED). */
export const isFinal = (status: JobStatus): boolean => isFinalStatus(status);

/** Ended without a track: failed, or cancelled by its owner (credits back either way). */
export function endedWithoutTrack(status: JobStatus): boolean {
  return status === 'FAILED' || status === 'CANCELLED';
}

export interface JobView {
  status: JobStatus;
  progress: number;
  /** Seconds left as reported, and when: the shown ETA counts down from it. */
  eta: number | null;
  etaAt: number;
  error: string | null;
  message: string | null;
  seq: number;
}

export function initialView(now: number): JobView {
  return { status: 'QUEUED', progress: 0, eta: null, etaAt: now, error: null, message: null, seq: 0 };
}

/**
 * Merges one update. Status never goes backwards and a final status is sticky;
 * progress is monotone; an older SSE event (seq) changes nothing; the ETA only
 * counts down (a larger estimate than the running countdown is ignored).
 */
export function applyUpdate(
  view: JobView,
  u: {
    status: JobStatus;
    progress: number;
    eta: number | null;
    error?: string | null;
    message?: string | null;
    seq?: number;
  },
  now: number,
): JobView {
  if (u.seq !== undefined && u.seq !== 0 && u.seq <= view.seq) return view;
  if (isFinal(view.status) && !(u.status === view.status)) return view;
  const forward =
    ORDER[u.status] > ORDER[view.status] || (endedWithoutTrack(u.status) && !isFinal(view.status));
  const status = forward ? u.status : view.status;
  const progress = status === 'COMPLETE' ? 100 : Math.max(view.progress, Math.min(100, u.progress));
  let eta = view.eta;
  let etaAt = view.etaAt;
  if (isFinal(status)) {
    eta = 0;
    etaAt = now;
  } else if (u.eta !== null) {
    const running = shownEta(view, now);
    // Once the estimate has run out, no new one is taken: a count after "taking longer" would go up.
    if (running === null || (running !== OVERDUE && u.eta < running)) {
      eta = u.eta;
      etaAt = now;
    }
  }
  return {
    status,
    progress,
    eta,
    etaAt,
    error: u.error ?? view.error,
    message: u.message ?? view.message,
    seq: Math.max(view.seq, u.seq ?? 0),
  };
}

export function fromJob(view: JobView, job: Job, now: number): JobView {
  return applyUpdate(
    view,
    { status: job.status, progress: job.progress, eta: job.eta, error: job.error },
    now,
  );
}

export function fromEvent(view: JobView, e: JobEvent, now: number): JobView {
  return applyUpdate(
    view,
    {
      status: e.status,
      progress: e.progress,
      eta: e.eta,
      message: e.message,
      seq: e.seq,
      error: endedWithoutTrack(e.status) ? e.message : null,
    },
    now,
  );
}

/** The ETA once its estimate has run out and the job still runs. */
export const OVERDUE = 'overdue' as const;
export type ShownEta = number | null | typeof OVERDUE;

/**
 * The countdown at `now`: seconds left (at least 1) while the estimate lasts, `OVERDUE` once it
 * has run out and the job still runs (no seconds count that stays at "1 s" for minutes), 0 once final.
 */
export function shownEta(view: JobView, now: number): ShownEta {
  if (isFinal(view.status)) return 0;
  if (view.eta === null) return null;
  const left = view.eta - (now - view.etaAt) / 1000;
  if (left <= 0) return OVERDUE;
  return Math.max(1, Math.round(left));
}

export type StepState = 'done' | 'current' | 'pending' | 'failed';

export function stepStates(view: Pick<JobView, 'status'>, failedAt: JobStatus = 'RENDERING'): StepState[] {
  if (endedWithoutTrack(view.status)) {
    const at = ORDER[failedAt];
    return STEPS.map((_, i) => (i < at ? 'done' : i === at ? 'failed' : 'pending'));
  }
  const at = ORDER[view.status];
  return STEPS.map((s, i) =>
    i < at || (s === 'COMPLETE' && view.status === 'COMPLETE') ? 'done' : i === at ? 'current' : 'pending',
  );
}

/**
 * Polling under SSE: none while the stream is open or the job is final; else every
 * 2 s for the first 10 s of following it, then every 5 s.
 */
export function pollInterval(
  status: JobStatus | undefined,
  sseOpen: boolean,
  followedMs: number,
): number | false {
  if (status && isFinal(status)) return false;
  if (sseOpen) return false;
  return followedMs < 10_000 ? 2_000 : 5_000;
}

export function formatEta(s: ShownEta): string {
  if (s === null) return 'estimating…';
  if (s === OVERDUE) return 'taking longer than usual…';
  if (s <= 0) return 'done';
  if (s < 60) return `about ${s} s left`;
  return `about ${Math.floor(s / 60)} min ${s % 60} s left`;
}
