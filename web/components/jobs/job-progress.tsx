'use client';

import type { JobStatus } from '@soundfoundry/contract';
import { useEffect, useReducer, useRef, useState } from 'react';
import { useJob } from '@/lib/api/hooks';
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
}: {
  jobId: string;
  title: string;
  credits: number;
  compact?: boolean;
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
  const done = view.status === 'COMPLETE';

  return (
    <div className="space-y-2" data-testid="job-progress" data-status={view.status}>
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
      {!done && !failed && (
        <>
          <Meter label={`Progress of ${title}`} value={view.progress} minShown={3} />
          <p className="tabular text-xs text-muted">
            <span data-testid="job-status">
              {STEP_LABELS[view.status as (typeof STEPS)[number]] ?? view.status}
            </span>{' '}
            · {view.progress}% · {formatEta(eta)}
          </p>
        </>
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
        {failed ? `${title} failed; credits refunded` : ''}
      </p>
    </div>
  );
}
