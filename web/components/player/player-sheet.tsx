'use client';

import * as Dialog from '@radix-ui/react-dialog';
import Link from 'next/link';
import { useEffect, useMemo, useRef } from 'react';
import { useTrack } from '@/lib/api/hooks';
import { formatTime, usePlayer } from '@/lib/player/store';
import { Cover, densePhoneCoverSizes } from '../tracks/cover';
import { lyricsOf } from '../tracks/track-play';
import { ChevronDownIcon, PauseIcon, PlayIcon } from '../ui/icons';
import { TimedLyrics } from './lyrics';
import { QueueButton } from './queue-buttons';
import { SeekSlider } from './seek-slider';
import { TrackWave, WAVE_PLACEHOLDER } from './track-wave';

/** How far (px) a downward drag must travel to close the sheet. */
const SWIPE_CLOSE_PX = 80;

/**
 * The full-screen player of phones: cover, waveform with seek, lyrics in time, controls.
 * A Radix Dialog (focus trapped, Escape and the close button close it; so does a swipe down
 * from its top half). It drives the one shared <audio> through the player store.
 */
export default function PlayerSheet({
  open,
  onOpenChange,
  returnFocus,
}: {
  open: boolean;
  onOpenChange: (o: boolean) => void;
  /** The bar's expand button: focus goes back to it on close (the sheet has no Dialog.Trigger). */
  returnFocus: React.RefObject<HTMLButtonElement | null>;
}) {
  const { track, playing, time, duration, toggle, seek, seekBy } = usePlayer();
  // The list endpoints carry no plan: the track's own record has the timed lyrics.
  const full = useTrack(open && track ? track.id : '');
  const fetched = useMemo(() => (full.data ? lyricsOf(full.data) : []), [full.data]);
  useEffect(() => {
    if (track && fetched.length > 0) usePlayer.getState().setLyrics(track.id, fetched);
  }, [track, fetched]);
  const lyrics = track?.lyrics ?? fetched;
  // Tracks started from a list have no peaks; the track's own record has them. The waveform
  // waits for it rather than download and decode the MP3 (its fallback, for tracks without peaks).
  const peaks = track?.peaks ?? full.data?.peaks;
  const waitingForPeaks = !peaks && full.isPending;
  const total = duration || track?.durationS || 0;

  const drag = useRef<{ y: number; id: number } | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  const move = (dy: number) => {
    if (panel.current) panel.current.style.transform = dy > 0 ? `translateY(${dy}px)` : '';
  };

  if (!track) return null;
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Content
          ref={panel}
          onCloseAutoFocus={(e) => {
            e.preventDefault();
            returnFocus.current?.focus();
          }}
          data-testid="player-sheet"
          className="fixed inset-0 z-50 flex flex-col overflow-y-auto bg-bg px-5 pt-3 pb-8 motion-safe:animate-[sheet-in_200ms_ease-out]"
        >
          <div
            // The cover image takes no pointer events: dragging it would start the browser's own
            // drag-and-drop and cancel the swipe.
            className="touch-none select-none [&_img]:pointer-events-none"
            data-testid="sheet-grip"
            onPointerDown={(e) => {
              if ((e.target as HTMLElement).closest('button,a')) return;
              drag.current = { y: e.clientY, id: e.pointerId };
              e.currentTarget.setPointerCapture(e.pointerId);
            }}
            onPointerMove={(e) => {
              if (drag.current?.id === e.pointerId) move(e.clientY - drag.current.y);
            }}
            onPointerUp={(e) => {
              const d = drag.current;
              drag.current = null;
              move(0);
              if (d?.id === e.pointerId && e.clientY - d.y > SWIPE_CLOSE_PX) onOpenChange(false);
            }}
            onPointerCancel={() => {
              drag.current = null;
              move(0);
            }}
          >
            <div aria-hidden="true" className="mx-auto mb-2 h-1.5 w-10 rounded-full bg-line" />
            <div className="flex items-center justify-between">
              <Dialog.Close
                className="grid size-10 place-items-center rounded-full hover:bg-surface-2"
                aria-label="Close player"
              >
                <ChevronDownIcon className="size-6" />
              </Dialog.Close>
              <p className="text-xs font-medium tracking-wide text-muted uppercase">Now playing</p>
              <Dialog.Close asChild>
                <Link
                  href={`/tracks/${track.id}`}
                  className="rounded-full px-3 py-2 text-sm font-medium text-accent-text hover:bg-surface-2"
                >
                  Track page
                </Link>
              </Dialog.Close>
            </div>
            <Cover
              url={track.coverUrl}
              thumbs={track.coverThumbs}
              // Phones only (the sheet opens below sm): 1.5–2.4 dppx ones take the 512 px rendition.
              sizes={densePhoneCoverSizes('min(20rem, 38vh)')}
              seed={track.seed ?? 0}
              title={track.title}
              className="mx-auto mt-4 aspect-square w-full max-w-[min(20rem,38vh)] rounded-2xl shadow-2xl"
            />
          </div>

          <div className="mx-auto mt-5 w-full max-w-md space-y-4">
            <div className="min-w-0">
              <Dialog.Title dir="auto" className="truncate text-xl font-semibold">
                {track.title}
              </Dialog.Title>
              <Dialog.Description className="truncate text-sm text-muted">
                {track.subtitle || 'SoundFoundry'}
              </Dialog.Description>
            </div>

            {waitingForPeaks ? (
              WAVE_PLACEHOLDER
            ) : (
              <TrackWave trackId={track.id} url={track.src} peaks={peaks} onSeek={(t) => seek(t)} />
            )}
            <div className="space-y-1">
              <SeekSlider time={time} total={total} onSeek={seek} className="h-1 w-full" />
              <div className="tabular flex justify-between text-xs text-muted">
                <span>{formatTime(time)}</span>
                <span>{formatTime(total)}</span>
              </div>
            </div>

            <div className="flex items-center justify-center gap-3">
              <QueueButton step="previous" size="size-12" iconSize="size-6" />
              <button
                type="button"
                onClick={() => seekBy(-5)}
                className="tabular grid size-12 place-items-center rounded-full text-sm font-semibold hover:bg-surface-2"
                aria-label="Back 5 seconds"
              >
                −5
              </button>
              <button
                type="button"
                onClick={toggle}
                className="grid size-16 place-items-center rounded-full bg-accent text-accent-fg hover:bg-accent-hover"
                aria-label={playing ? 'Pause' : 'Play'}
              >
                {playing ? <PauseIcon className="size-7" /> : <PlayIcon className="size-7" />}
              </button>
              <button
                type="button"
                onClick={() => seekBy(5)}
                className="tabular grid size-12 place-items-center rounded-full text-sm font-semibold hover:bg-surface-2"
                aria-label="Forward 5 seconds"
              >
                +5
              </button>
              <QueueButton step="next" size="size-12" iconSize="size-6" />
            </div>

            {lyrics.length > 0 ? (
              <div className="rounded-2xl bg-surface p-4">
                <TimedLyrics trackId={track.id} lyrics={lyrics} follow />
              </div>
            ) : full.isLoading ? null : (
              <p className="text-center text-sm text-muted">Instrumental — no lyrics.</p>
            )}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
