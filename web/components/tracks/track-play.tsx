'use client';

import { trackDownloadPath } from '@soundfoundry/contract/constants';
import { createContext, useContext, useEffect, useRef } from 'react';
import type { TrackT } from '@/lib/api/hooks';
import { mayTakeFocus, takeFocusRequest, useReady } from '@/lib/jobs/ready';
import { type LyricWord, mergeSyllables, usePlayer } from '@/lib/player/store';
import { sameOriginFileUrl } from '@/lib/urls';
import { PauseIcon, PlayIcon } from '../ui/icons';
import type { CoverThumb } from './cover';
import { trackFacts } from './track-facts';

// What a track needs to be played and described, apart from the card that lists it: the
// track page imports these without the card (and the job progress the card can show).

/** The track's facts (style, key, tempo, length) as the cards and the player show them. */
export function trackFactsOf(t: Pick<TrackT, 'genre' | 'key' | 'bpm' | 'duration_s'>): string[] {
  return trackFacts({ genre: t.genre, key: t.key, bpm: t.bpm, durationS: t.duration_s });
}

/** The facts on one line (the player's subtitle, truncated there). */
export function trackSubtitle(t: Pick<TrackT, 'genre' | 'key' | 'bpm' | 'duration_s'>): string {
  return trackFactsOf(t).join(' · ');
}

/** The track's timed lyrics as words (the plan has them on GET /api/tracks/:id only). */
export function lyricsOf(t: TrackT): LyricWord[] {
  const plan = t.plan as { lyrics?: LyricWord[] } | null | undefined;
  return Array.isArray(plan?.lyrics) ? mergeSyllables(plan.lyrics, t.lyrics) : [];
}

/** The track's cover as same-origin URLs: the full file and its smaller renditions. */
export function coverOf(t: Pick<TrackT, 'cover_url' | 'cover_thumbs'>): {
  url: string | null;
  thumbs: CoverThumb[];
} {
  return {
    url: sameOriginFileUrl(t.cover_url),
    thumbs: t.cover_thumbs.map((c) => ({ width: c.width, url: sameOriginFileUrl(c.url)! })),
  };
}

export function toPlayerTrack(t: TrackT) {
  const lyrics = lyricsOf(t);
  return {
    ...(lyrics.length > 0 ? { lyrics } : {}),
    id: t.id,
    title: t.title,
    src: sameOriginFileUrl(t.file_url) ?? trackDownloadPath(t.id, 'mp3'),
    durationS: t.duration_s,
    subtitle: trackSubtitle(t),
    coverUrl: sameOriginFileUrl(t.cover_url),
    coverThumbs: coverOf(t).thumbs,
    seed: t.seed,
    ...(t.peaks ? { peaks: t.peaks } : {}),
  };
}

const TrackQueueContext = createContext<readonly TrackT[] | null>(null);

/**
 * The list the play buttons inside belong to (a library page, the recent tracks): a track started
 * from one of them plays on into the next finished track of the list (the player's queue).
 */
export function TrackQueue({ tracks, children }: { tracks: readonly TrackT[]; children: React.ReactNode }) {
  return <TrackQueueContext.Provider value={tracks}>{children}</TrackQueueContext.Provider>;
}

/** A list as the player's queue: its finished tracks, in order. */
const playableQueue = (tracks: readonly TrackT[]) =>
  tracks.filter((t) => t.status === 'COMPLETE').map(toPlayerTrack);

/** Plays a list's finished tracks from the first, in order (the player's queue); off when none is finished. */
export function PlayAllButton({ tracks }: { tracks: readonly TrackT[] }) {
  const none = !tracks.some((t) => t.status === 'COMPLETE');
  return (
    <button
      type="button"
      disabled={none}
      onClick={() => {
        const queue = playableQueue(tracks);
        usePlayer.getState().play(queue[0]!, 0, queue);
      }}
      className="flex items-center gap-1.5 rounded-full bg-accent py-1.5 pl-2.5 pr-3.5 text-sm font-medium text-accent-fg hover:bg-accent-hover disabled:opacity-50"
    >
      <PlayIcon className="size-4" />
      Play all
    </button>
  );
}

/** A just-finished track's Play button takes focus when its render asked for it (lib/jobs/ready.ts). */
function useFocusWhenReady(trackId: string) {
  const ref = useRef<HTMLButtonElement>(null);
  const asked = useReady((s) => s.focus?.trackId === trackId);
  useEffect(() => {
    if (!asked) return;
    const req = takeFocusRequest(trackId);
    if (req && mayTakeFocus(document.activeElement, req.from, document.body)) ref.current?.focus();
  }, [asked, trackId]);
  return ref;
}

export function PlayButton({ track, size = 'size-10' }: { track: TrackT; size?: string }) {
  const ref = useFocusWhenReady(track.id);
  const list = useContext(TrackQueueContext);
  const current = usePlayer((s) => s.track?.id === track.id);
  const playing = usePlayer((s) => s.playing) && current;
  return (
    <button
      ref={ref}
      type="button"
      onClick={() =>
        current
          ? usePlayer.getState().toggle()
          : usePlayer.getState().play(toPlayerTrack(track), undefined, list ? playableQueue(list) : undefined)
      }
      aria-label={`${playing ? 'Pause' : 'Play'} ${track.title}`}
      className={`${size} grid shrink-0 place-items-center rounded-full bg-accent text-accent-fg hover:bg-accent-hover`}
    >
      {playing ? <PauseIcon /> : <PlayIcon />}
    </button>
  );
}
