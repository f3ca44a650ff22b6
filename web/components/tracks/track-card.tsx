'use client';

import type { TrackT } from '@/lib/api/hooks';
import { IntentLink } from '../intent-link';
import { JobProgress } from '../jobs/job-progress';
import { Cover } from './cover';
import { TrackFacts } from './track-facts';
import { coverOf, PlayButton, trackFactsOf } from './track-play';

/** The checkbox that puts a track in the library's selection (multi-select, bulk actions). */
export function SelectBox({
  track,
  selected,
  onSelect,
}: {
  track: Pick<TrackT, 'id' | 'title'>;
  selected: boolean;
  onSelect: (id: string, on: boolean) => void;
}) {
  return (
    <input
      type="checkbox"
      checked={selected}
      onChange={(e) => onSelect(track.id, e.target.checked)}
      aria-label={`Select ${track.title}`}
      data-testid="select-track"
      className="size-6 shrink-0 cursor-pointer accent-accent"
    />
  );
}

export function TrackCard({
  track,
  heading: H = 'h3',
  selected,
  onSelect,
  focusWhenReady,
}: {
  track: TrackT;
  heading?: 'h2' | 'h3';
  /** The Recent list beside the form: a track finished there takes focus (see JobProgress). */
  focusWhenReady?: boolean;
  /** Given in the library: the card can be selected. */
  selected?: boolean;
  onSelect?: (id: string, on: boolean) => void;
}) {
  const inFlight = track.status !== 'COMPLETE' && track.status !== 'FAILED' && track.status !== 'CANCELLED';
  return (
    <article
      className={`flex min-w-0 items-start gap-3 rounded-xl border bg-surface p-3 ${selected ? 'border-accent ring-1 ring-accent' : 'border-line'}`}
      data-testid="track-card"
      data-track-id={track.id}
      data-selected={selected ? 'true' : undefined}
    >
      {onSelect && (
        <div className="flex h-14 items-center">
          <SelectBox track={track} selected={Boolean(selected)} onSelect={onSelect} />
        </div>
      )}
      <Cover {...coverOf(track)} sizes="56px" seed={track.seed} title={track.title} />
      <div className="min-w-0 flex-1 space-y-1">
        <H className="font-medium">
          {/* A block, not inline: a long title's inline box ran on under the Play button
              (clipped but still there), and the two targets overlapped (target-size). */}
          <IntentLink href={`/tracks/${track.id}`} dir="auto" className="block truncate hover:underline">
            {track.title}
          </IntentLink>
        </H>
        <TrackFacts facts={trackFactsOf(track)} className="text-xs text-muted" />
        {(inFlight || track.status === 'FAILED' || track.status === 'CANCELLED') && track.job_id ? (
          <JobProgress
            jobId={track.job_id}
            title={track.title}
            credits={track.credits_required}
            compact
            focusWhenReady={focusWhenReady}
            track={track}
          />
        ) : track.status === 'FAILED' ? (
          <p className="text-xs text-danger">{track.error_message ?? 'Failed'} · credits refunded</p>
        ) : null}
      </div>
      {track.status === 'COMPLETE' && <PlayButton track={track} />}
    </article>
  );
}
