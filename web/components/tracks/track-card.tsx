'use client';

import type { TrackT } from '@/lib/api/hooks';
import { formatTime, type LyricWord, mergeSyllables, usePlayer } from '@/lib/player/store';
import { sameOriginFileUrl } from '@/lib/urls';
import { IntentLink } from '../intent-link';
import { JobProgress } from '../jobs/job-progress';
import { PauseIcon, PlayIcon } from '../ui/icons';
import { Cover } from './cover';

export function trackSubtitle(t: Pick<TrackT, 'genre' | 'key' | 'bpm' | 'duration_s'>): string {
  return [t.genre, t.key, t.bpm ? `${t.bpm} BPM` : null, formatTime(t.duration_s)]
    .filter(Boolean)
    .join(' · ');
}

/** The track's timed lyrics as words (the plan has them on GET /api/tracks/:id only). */
export function lyricsOf(t: TrackT): LyricWord[] {
  const plan = t.plan as { lyrics?: LyricWord[] } | null | undefined;
  return Array.isArray(plan?.lyrics) ? mergeSyllables(plan.lyrics, t.lyrics) : [];
}

export function toPlayerTrack(t: TrackT) {
  const lyrics = lyricsOf(t);
  return {
    ...(lyrics.length > 0 ? { lyrics } : {}),
    id: t.id,
    title: t.title,
    src: sameOriginFileUrl(t.file_url) ?? `/api/tracks/${t.id}/download?format=mp3`,
    durationS: t.duration_s,
    subtitle: trackSubtitle(t),
    coverUrl: sameOriginFileUrl(t.cover_url),
    seed: t.seed,
    ...(t.peaks ? { peaks: t.peaks } : {}),
  };
}

export function PlayButton({ track, size = 'size-10' }: { track: TrackT; size?: string }) {
  const current = usePlayer((s) => s.track?.id === track.id);
  const playing = usePlayer((s) => s.playing) && current;
  return (
    <button
      type="button"
      onClick={() =>
        current ? usePlayer.getState().toggle() : usePlayer.getState().play(toPlayerTrack(track))
      }
      aria-label={`${playing ? 'Pause' : 'Play'} ${track.title}`}
      className={`${size} grid shrink-0 place-items-center rounded-full bg-accent text-accent-fg hover:bg-accent-hover`}
    >
      {playing ? <PauseIcon /> : <PlayIcon />}
    </button>
  );
}

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
}: {
  track: TrackT;
  heading?: 'h2' | 'h3';
  /** Given in the library: the card can be selected. */
  selected?: boolean;
  onSelect?: (id: string, on: boolean) => void;
}) {
  const inFlight = track.status !== 'COMPLETE' && track.status !== 'FAILED';
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
      <Cover url={sameOriginFileUrl(track.cover_url)} seed={track.seed} title={track.title} />
      <div className="min-w-0 flex-1 space-y-1">
        <H className="font-medium">
          {/* A block, not inline: a long title's inline box ran on under the Play button
              (clipped but still there), and the two targets overlapped (target-size). */}
          <IntentLink href={`/tracks/${track.id}`} className="block truncate hover:underline">
            {track.title}
          </IntentLink>
        </H>
        <p className="truncate text-xs text-muted">{trackSubtitle(track)}</p>
        {(inFlight || track.status === 'FAILED') && track.job_id ? (
          <JobProgress jobId={track.job_id} title={track.title} credits={track.credits_required} compact />
        ) : track.status === 'FAILED' ? (
          <p className="text-xs text-danger">{track.error_message ?? 'Failed'} · credits refunded</p>
        ) : null}
      </div>
      {track.status === 'COMPLETE' && <PlayButton track={track} />}
    </article>
  );
}
