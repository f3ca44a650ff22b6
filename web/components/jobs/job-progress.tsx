'use client';

import type { JobStatus } from '@soundfoundry/contract';
import { cancelledMessage } from '@soundfoundry/contract/constants';
import { type RefObject, useEffect, useReducer, useRef, useState } from 'react';
import { type TrackT, useCancelJob, useJob } from '@/lib/api/hooks';
import {
  applyUpdate,
  formatEta,
  initialView,
  isFinal,
  type JobView,
  laterStep,
  STEP_LABELS,
  STEPS,
  shownEta,
  stepOfProgress,
  stepStates,
} from '@/lib/jobs/progress';
import { announceReady } from '@/lib/jobs/ready';
import { IntentLink } from '../intent-link';
import { DeleteTrackButton } from '../tracks/delete-track-button';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { Meter } from '../ui/meter';

type Action = { kind: 'update'; u: Parameters<typeof applyUpdate>[1]; now: number };

function reducer(state: { view: JobView; lastActive: JobStatus }, a: Action) {
  const view = applyUpdate(state.view, a.u, a.now);
  // A failure's step: the last active one seen, or the one its progress shows if that is later
  // (the page may have missed the steps: opened after the failure, or events skipped).
  const lastActive = isFinal(view.status)
    ? view.status === 'FAILED' && state.view.status !== 'FAILED'
      ? laterStep(state.lastActive, stepOfProgress(view.progress))
      : state.lastActive
    : view.status;
  return { view, lastActive };
}

/** Live progress of one job: steps, bar, an ETA that only counts down, failure and refund. */
export function JobProgress({
  jobId,
  title,
  credits,
  compact = false,
  focusWhenReady = false,
  track,
  withDelete = true,
  withRetry = true,
}: {
  jobId: string;
  title: string;
  credits: number;
  compact?: boolean;
  /**
   * The owner's track: while it is queued or being made it can be cancelled here; once cancelled,
   * it offers "Try again" (the same settings on Create) and, `withDelete`, "Delete".
   */
  track?: TrackT;
  withDelete?: boolean;
  /** "Try again"; off where the page already offers "Make another like this" (the track page). */
  withRetry?: boolean;
  /** Where the person started the render (Create, the track page): its Play button takes focus when done. */
  focusWhenReady?: boolean;
}) {
  const job = useJob(jobId);
  const [{ view, lastActive }, dispatch] = useReducer(reducer, undefined, () => ({
    view: initialView(Date.now()),
    lastActive: 'QUEUED' as JobStatus,
  }));
  const [now, setNow] = useState(() => Date.now());
  const data = job.data;
  // Where focus was when the progress appeared: if it is still there when the track is done
  // (Generate, or nowhere), the person has not gone on to something else.
  const focusFrom = useRef<Element | null>(null);
  useEffect(() => {
    focusFrom.current = document.activeElement;
  }, []);
  // Announced from here, not rendered here: this block is unmounted as soon as the track is COMPLETE.
  const readyTrack = data?.status === 'COMPLETE' ? data.track_id : null;
  useEffect(() => {
    if (readyTrack)
      announceReady({
        jobId,
        trackId: readyTrack,
        title,
        ...(focusWhenReady ? { focusFrom: focusFrom.current } : {}),
      });
  }, [readyTrack, jobId, title, focusWhenReady]);
  useEffect(() => {
    if (data)
      dispatch({
        kind: 'update',
        u: { status: data.status, progress: data.progress, eta: data.eta, error: data.error },
        now: Date.now(),
      });
  }, [data]);
  useEffect(() => {
    if (isFinal(view.status)) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [view.status]);

  const states = stepStates(view, lastActive);
  const eta = shownEta(view, now);
  const failed = view.status === 'FAILED';
  const cancelled = view.status === 'CANCELLED';
  const done = view.status === 'COMPLETE';
  // After this person's own cancel, focus goes to what replaced the Cancel button: the outcome.
  const cancelledRef = useRef<HTMLParagraphElement>(null);
  const [focusCancelled, setFocusCancelled] = useState(false);
  useEffect(() => {
    if (!cancelled || !focusCancelled) return;
    // After the dialog has put focus back (its trigger is gone by now).
    const t = setTimeout(() => cancelledRef.current?.focus(), 0);
    return () => clearTimeout(t);
  }, [cancelled, focusCancelled]);

  return (
    <div className="space-y-2" data-testid="job-progress" data-status={view.status}>
      {!cancelled && (
        <ol
          className={`flex flex-wrap gap-x-3 gap-y-1 text-xs ${compact ? '' : 'sm:text-sm'}`}
          aria-label="Steps"
        >
          {STEPS.map((s, i) => (
            <li
              key={s}
              className={
                states[i] === 'done'
                  ? 'text-success'
                  : states[i] === 'current'
                    ? 'font-semibold text-fg'
                    : states[i] === 'failed'
                      ? 'font-semibold text-danger'
                      : 'text-muted'
              }
              aria-current={states[i] === 'current' ? 'step' : undefined}
            >
              {states[i] === 'done' ? '✓ ' : states[i] === 'failed' ? '✕ ' : ''}
              {STEP_LABELS[s]}
            </li>
          ))}
        </ol>
      )}
      {!done && !failed && !cancelled && (
        <>
          <Meter label={`Progress of ${title}`} value={view.progress} minShown={3} />
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <p className="tabular text-xs text-muted">
              <span data-testid="job-status">
                {STEP_LABELS[view.status as (typeof STEPS)[number]] ?? view.status}
              </span>{' '}
              · {view.progress}% · {formatEta(eta)}
            </p>
            {track && (
              <CancelJob
                jobId={jobId}
                title={title}
                credits={credits}
                returnFocus={cancelledRef}
                onCancelled={() => setFocusCancelled(true)}
              />
            )}
          </div>
        </>
      )}
      {cancelled && (
        <div className="space-y-1.5" data-testid="job-cancelled">
          <p
            ref={cancelledRef}
            tabIndex={-1}
            className="tabular text-sm text-muted outline-none focus-visible:ring-2 focus-visible:ring-accent"
          >
            {view.error ?? cancelledMessage(credits)}
          </p>
          {track && (withRetry || withDelete) && (
            <div className="flex flex-wrap items-center gap-2 text-sm">
              {withRetry && (
                <IntentLink
                  href={`/create?from=${track.id}`}
                  className="rounded-lg border border-line px-3 py-1.5 font-medium hover:bg-surface-2"
                >
                  Try again<span className="sr-only"> “{title}”</span>
                </IntentLink>
              )}
              {withDelete && <DeleteTrackButton track={track} named />}
            </div>
          )}
        </div>
      )}
      {failed && (
        <div role="alert" className="space-y-0.5" data-testid="job-failure">
          <p className="text-sm text-danger">{view.error ?? 'The render failed.'}</p>
          <p className="tabular text-xs text-muted">
            Credits refunded: {credits} {credits === 1 ? 'credit is' : 'credits are'} back on your balance.
          </p>
        </div>
      )}
      {/* A failed render keeps this block (and its region); "ready" goes to the app's Announcer. */}
      <p className="sr-only" aria-live="polite">
        {failed
          ? `${title} failed; credits refunded`
          : cancelled
            ? `${title}: ${view.error ?? cancelledMessage(credits)}`
            : ''}
      </p>
    </div>
  );
}

/**
 * "Cancel" while a track is queued or being made, with a confirmation that says what comes back.
 * Its dismiss button is "Keep it" (a "Cancel" beside "Cancel track" would read as the same thing).
 */
function CancelJob({
  jobId,
  title,
  credits,
  returnFocus,
  onCancelled,
}: {
  jobId: string;
  title: string;
  credits: number;
  returnFocus: RefObject<HTMLElement | null>;
  onCancelled: () => void;
}) {
  const cancel = useCancelJob();
  const [open, setOpen] = useState(false);
  // One POST per confirmation: a double-click's second press sends nothing.
  const sending = useRef(false);
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) cancel.reset();
      }}
      trigger={
        <button
          type="button"
          aria-haspopup="dialog"
          aria-label={`Cancel ${title}`}
          data-testid="cancel-job"
          className="rounded-md px-2 py-1 text-xs font-medium text-danger hover:bg-surface-2"
        >
          Cancel
        </button>
      }
      returnFocus={returnFocus}
      title="Cancel this track?"
      description={`Your ${credits} ${credits === 1 ? 'credit comes' : 'credits come'} back. “${title}” stops and nothing of it is kept.`}
      error={cancel.error?.message}
      confirmLabel="Cancel track"
      dismissLabel="Keep it"
      busy={cancel.isPending}
      onConfirm={() => {
        if (sending.current) return;
        sending.current = true;
        cancel.mutate(jobId, {
          onSuccess: () => {
            onCancelled();
            setOpen(false);
          },
          onSettled: () => {
            sending.current = false;
          },
        });
      }}
    />
  );
}
