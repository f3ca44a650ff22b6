'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useRef, useState } from 'react';
import { formatTime, lyricAt, usePlayer } from '@/lib/player/store';
import { Cover } from '../tracks/cover';
import { MutedIcon, PauseIcon, PlayIcon, VolumeIcon } from '../ui/icons';
import { QueueButton } from './queue-buttons';
import { SeekSlider } from './seek-slider';

// The phone sheet (Radix Dialog, waveform) loads the first time someone opens it.
const PlayerSheet = dynamic(() => import('./player-sheet'), { ssr: false });

/**
 * The persistent player bar's controls: loaded once something plays (MiniPlayer renders it),
 * so pages that nobody plays anything on never load or hydrate them.
 */
export default function MiniPlayerBar() {
  const {
    track,
    playing,
    time,
    duration,
    volume,
    muted,
    failure,
    toggle,
    seek,
    seekBy,
    setVolume,
    toggleMute,
  } = usePlayer();
  const [sheet, setSheet] = useState(false);
  const [sheetLoaded, setSheetLoaded] = useState(false);
  const expandRef = useRef<HTMLButtonElement>(null);

  const { line } = lyricAt(track?.lyrics, time);
  const lineText =
    line >= 0 && track?.lyrics
      ? track.lyrics
          .filter((w) => w.line === line)
          .map((w) => w.text)
          .join(' ')
      : '';
  const total = duration || track?.durationS || 0;

  return (
    <section
      className="fixed inset-x-0 bottom-0 z-40 border-t border-line bg-surface/95 backdrop-blur"
      aria-label="Player"
    >
      {/* Why the track could not be played (lib/player/recover.ts), said where the player is. */}
      <div role="alert" data-testid="player-failure" className="mx-auto max-w-6xl px-4 empty:hidden">
        {failure && <p className="pt-2 text-sm font-medium text-danger">{failure}</p>}
      </div>
      {track && (
        <div className="mx-auto flex max-w-6xl items-center gap-3 px-4 py-2.5">
          {/* Phones: the cover and title open the full-screen player. */}
          <button
            ref={expandRef}
            type="button"
            onClick={() => {
              setSheetLoaded(true);
              setSheet(true);
            }}
            // Named by what it shows (WCAG 2.5.3: the visible title and line are in the name).
            aria-haspopup="dialog"
            className="flex min-w-0 flex-1 items-center gap-3 text-left sm:hidden"
          >
            <Cover
              url={track.coverUrl}
              thumbs={track.coverThumbs}
              sizes="44px"
              seed={track.seed ?? 0}
              title={track.title}
              className="size-11"
              decorative
            />
            <span className="min-w-0 flex-1">
              <span className="sr-only">Expand player: </span>
              <span dir="auto" className="block truncate text-sm font-semibold">
                {track.title}
              </span>
              <span className="block truncate text-xs text-muted" data-testid="player-lyric-phone">
                {lineText || track.subtitle || ' '}
              </span>
            </span>
          </button>
          <Cover
            url={track.coverUrl}
            thumbs={track.coverThumbs}
            sizes="44px"
            seed={track.seed ?? 0}
            title={track.title}
            className="hidden size-11 sm:block"
          />
          <div className="hidden min-w-0 sm:block sm:w-56 sm:flex-none">
            <Link
              href={`/tracks/${track.id}`}
              dir="auto"
              className="block truncate text-sm font-semibold hover:underline"
            >
              {track.title}
            </Link>
            <p className="truncate text-xs text-muted" data-testid="player-lyric" aria-live="off">
              {lineText || track.subtitle || ' '}
            </p>
          </div>
          <div className="hidden sm:contents">
            <QueueButton step="previous" />
          </div>
          <button
            type="button"
            onClick={toggle}
            className="grid size-10 shrink-0 place-items-center rounded-full bg-accent text-accent-fg hover:bg-accent-hover"
            aria-label={playing ? 'Pause' : 'Play'}
          >
            {playing ? <PauseIcon /> : <PlayIcon />}
          </button>
          <div className="hidden sm:contents">
            <QueueButton step="next" />
          </div>
          <div className="hidden flex-1 items-center gap-2 sm:flex">
            <span className="tabular w-10 text-right text-xs text-muted">{formatTime(time)}</span>
            <SeekSlider time={time} total={total} onSeek={seek} className="h-1 flex-1" />
            <span className="tabular w-10 text-xs text-muted">{formatTime(total)}</span>
          </div>
          <div className="hidden items-center gap-1 md:flex">
            <button
              type="button"
              onClick={toggleMute}
              aria-label={muted ? 'Unmute' : 'Mute'}
              className="grid size-7 place-items-center rounded-full text-muted hover:bg-surface-2 hover:text-fg"
            >
              {muted ? <MutedIcon className="size-4" /> : <VolumeIcon className="size-4" />}
            </button>
            <input
              type="range"
              min={0}
              max={1}
              step={0.05}
              value={muted ? 0 : volume}
              onChange={(e) => setVolume(Number(e.target.value))}
              aria-label="Volume"
              className="h-1 w-24"
            />
          </div>
          <button type="button" className="sr-only" onClick={() => seekBy(-5)}>
            Back 5 seconds
          </button>
          <button type="button" className="sr-only" onClick={() => seekBy(5)}>
            Forward 5 seconds
          </button>
        </div>
      )}
      {sheetLoaded && track && <PlayerSheet open={sheet} onOpenChange={setSheet} returnFocus={expandRef} />}
    </section>
  );
}
