'use client';

import { queueNeighbour, usePlayer } from '@/lib/player/store';
import { BusyButton } from '../ui/busy-button';
import { NextIcon, PreviousIcon } from '../ui/icons';

// Previous and Next walk the list the playing track was started from (the player's queue).
const STEPS = {
  previous: { label: 'Previous track', Icon: PreviousIcon },
  next: { label: 'Next track', Icon: NextIcon },
} as const;

/**
 * Previous: back to the start of the track after its first 3 s, else the track before — always
 * there. Next: the next track of the list; unavailable at its end (BusyButton: a natively disabled
 * button would drop keyboard focus to the page's body when pressed onto the last track).
 */
export function QueueButton({
  step,
  size = 'size-9',
  iconSize = 'size-5',
}: {
  step: keyof typeof STEPS;
  size?: string;
  iconSize?: string;
}) {
  const atEnd = usePlayer((s) => step === 'next' && queueNeighbour(s.queue, s.track?.id, 1) === null);
  const { label, Icon } = STEPS[step];
  return (
    <BusyButton
      unavailable={atEnd}
      onClick={() => {
        if (step === 'next') usePlayer.getState().next();
        else usePlayer.getState().previous();
      }}
      aria-label={label}
      className={`grid ${size} shrink-0 place-items-center rounded-full text-fg hover:bg-surface-2 aria-disabled:opacity-40 aria-disabled:hover:bg-transparent`}
    >
      <Icon className={iconSize} />
    </BusyButton>
  );
}
