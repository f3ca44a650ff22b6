'use client';

import { queueNeighbour, usePlayer } from '@/lib/player/store';
import { NextIcon, PreviousIcon } from '../ui/icons';

// Previous and Next walk the list the playing track was started from (the player's queue).

const buttonClass = (size: string) =>
  `grid ${size} shrink-0 place-items-center rounded-full text-fg hover:bg-surface-2 disabled:opacity-40 disabled:hover:bg-transparent`;

/** Back to the start of the track after its first 3 s, else the previous track: always there. */
export function PreviousTrackButton({
  size = 'size-9',
  iconSize = 'size-5',
}: {
  size?: string;
  iconSize?: string;
}) {
  return (
    <button
      type="button"
      onClick={() => usePlayer.getState().previous()}
      aria-label="Previous track"
      className={buttonClass(size)}
    >
      <PreviousIcon className={iconSize} />
    </button>
  );
}

/** The next track of the list; disabled at its end. */
export function NextTrackButton({
  size = 'size-9',
  iconSize = 'size-5',
}: {
  size?: string;
  iconSize?: string;
}) {
  const hasNext = usePlayer((s) => queueNeighbour(s.queue, s.track?.id, 1) !== null);
  return (
    <button
      type="button"
      onClick={() => usePlayer.getState().next()}
      disabled={!hasNext}
      aria-label="Next track"
      className={buttonClass(size)}
    >
      <NextIcon className={iconSize} />
    </button>
  );
}
