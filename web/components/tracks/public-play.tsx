'use client';

import { createContext, useContext } from 'react';
import { type PlayerTrack, usePlayer } from '@/lib/player/store';
import { PauseIcon, PlayIcon } from '../ui/icons';

interface PublicTrack {
  id: string;
  title: string;
  src: string;
  durationS: number;
  seed: number;
  coverUrl: string | null;
  subtitle: string;
}

const PublicQueueContext = createContext<readonly PlayerTrack[] | null>(null);

/** Explore's results as the player's queue: a track started there plays on into the next. */
export function PublicQueue({ tracks, children }: { tracks: PublicTrack[]; children: React.ReactNode }) {
  return <PublicQueueContext.Provider value={tracks}>{children}</PublicQueueContext.Provider>;
}

/** Play button for a public track (explore): plays it in the shared player. */
export function PublicPlay({ id, title, src, durationS, seed, coverUrl, subtitle }: PublicTrack) {
  const queue = useContext(PublicQueueContext);
  const current = usePlayer((s) => s.track?.id === id);
  const playing = usePlayer((s) => s.playing) && current;
  return (
    <button
      type="button"
      aria-label={`${playing ? 'Pause' : 'Play'} ${title}`}
      onClick={() =>
        current
          ? usePlayer.getState().toggle()
          : usePlayer
              .getState()
              .play({ id, title, src, durationS, seed, coverUrl, subtitle }, undefined, queue ?? undefined)
      }
      className="grid size-10 shrink-0 place-items-center rounded-full bg-accent text-accent-fg hover:bg-accent-hover"
    >
      {playing ? <PauseIcon /> : <PlayIcon />}
    </button>
  );
}
