'use client';

import { LIMITS, trackDownloadPath } from '@soundfoundry/contract/constants';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { keys, type TrackT, useJob, useNewCover } from '@/lib/api/hooks';
import { BusyButton } from '../ui/busy-button';
import { DownloadIcon } from '../ui/icons';
import { Meter } from '../ui/meter';
import { Cover, densePhoneCoverSizes } from './cover';
import { coverOf } from './track-play';

/**
 * The track's big cover with "New cover": POST /visuals answers 202 with the cover-art job;
 * the job is followed (SSE or polling) until it is final, which refetches the track, whose
 * visual_version and cover_url then point at the new picture. Earlier versions stay downloadable.
 * Only the owner may draw a new one (`canRedraw`): anyone else sees the cover and its versions.
 */
export function CoverPanel({ track, canRedraw = true }: { track: TrackT; canRedraw?: boolean }) {
  const newCover = useNewCover();
  const [pending, setPending] = useState<{ jobId: string; version: number } | null>(null);
  const job = useJob(pending?.jobId);
  const status = job.data?.status;
  const arrived = pending !== null && track.visual_version >= pending.version && Boolean(track.cover_url);
  const failed = status === 'FAILED';
  useEffect(() => {
    if (arrived) setPending(null);
  }, [arrived]);
  // While drawing, the track is refetched too: it points at the new version once that is stored,
  // whatever the job's last event said.
  const qc = useQueryClient();
  const waiting = pending !== null && status !== 'FAILED';
  useEffect(() => {
    if (!waiting) return;
    const t = setInterval(() => void qc.invalidateQueries({ queryKey: keys.track(track.id) }), 1500);
    return () => clearInterval(t);
  }, [waiting, qc, track.id]);
  const drawing = pending !== null && !failed;
  const versions = Array.from({ length: track.visual_version }, (_, i) => i + 1);

  return (
    <div className="w-full max-w-sm space-y-3 md:max-w-64">
      <div className="relative">
        <Cover
          {...coverOf(track)}
          // 16rem beside the details from md up; below, the column's width up to 24rem (on 1.5–2.4 dppx
          // phones told 16rem: the 512 px rendition, not the 1024 px file).
          sizes={`(min-width: 768px) 16rem, ${densePhoneCoverSizes('min(24rem, calc(100vw - 2rem))')}`}
          seed={track.seed}
          title={track.title}
          className="aspect-square w-full"
          priority
        />
        {drawing && (
          <div className="absolute inset-0 grid place-items-center rounded-lg bg-black/55 text-sm font-medium text-white">
            Drawing…
          </div>
        )}
      </div>
      {track.status === 'COMPLETE' && (
        <>
          <div className="flex items-center justify-between gap-2">
            <span className="tabular text-xs text-muted" data-testid="cover-version">
              Cover version {track.visual_version}
            </span>
            {canRedraw && track.visual_version >= LIMITS.coverVersionsMax && !drawing && (
              // The server keeps at most this many per track (all downloadable): say so, offer nothing.
              <span className="text-xs text-muted">All {LIMITS.coverVersionsMax} covers drawn</span>
            )}
            {canRedraw && (track.visual_version < LIMITS.coverVersionsMax || drawing) && (
              // Busy while the cover is drawn, keeping focus: a second press is refused (BusyButton).
              <BusyButton
                busy={drawing || newCover.isPending}
                onClick={async () => {
                  const r = await newCover.mutateAsync(track.id).catch(() => null);
                  if (r) setPending({ jobId: r.job_id, version: r.visual_version });
                }}
                className="rounded-lg border border-line px-3 py-1.5 text-sm font-medium hover:bg-surface-2 aria-disabled:cursor-wait aria-disabled:opacity-60"
              >
                New cover
              </BusyButton>
            )}
          </div>
          <div aria-live="polite" className="text-xs">
            {drawing && (
              <div>
                <p>
                  Drawing cover version {pending.version}
                  {job.data ? ` · ${job.data.progress} %` : ''}
                </p>
                <Meter
                  label={`Progress of cover version ${pending.version}`}
                  value={job.data?.progress ?? 0}
                  minShown={3}
                  className="mt-1"
                />
              </div>
            )}
            {failed && (
              <p className="text-danger">
                The new cover could not be drawn ({job.data?.error ?? 'unknown error'}); the current one
                stays.
              </p>
            )}
            {newCover.error && <p className="text-danger">{newCover.error.message}</p>}
          </div>
          {versions.length > 1 && (
            <details className="text-sm">
              <summary className="cursor-pointer text-muted">All cover versions</summary>
              <ul className="mt-2 flex flex-wrap gap-1.5">
                {versions.map((n) => (
                  <li key={n}>
                    <a
                      href={trackDownloadPath(track.id, 'cover-png', { version: n })}
                      download
                      className="inline-flex items-center gap-1 rounded-md bg-surface-2 px-2 py-1 text-xs hover:text-accent-text"
                    >
                      <DownloadIcon className="size-3.5" /> Version {n}
                    </a>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </div>
  );
}
