'use client';

import { usePlayer } from '@/lib/player/store';
import { PauseIcon, PlayIcon } from '../ui/icons';

/** Play button for a public track (explore): plays it in the shared player. */
export function PublicPlay({
  id,
  title,
  src,
  durationS,
  seed,
  coverUrl,
  subtitle,
}: {
  id: string;
  title: string;
  src: string;
  durationS: number;
  seed: number;
  coverUrl: string | null;
  subtitle: string;
}) {
  const current = usePlayer((s) => s.track?.id === id);
  const playing = usePlayer((s) => s.playing) && current;
  return (
    <button
      type="button"
      aria-label={`${playing ? 'Pause' : 'Play'} ${title}`}
      onClick={() =>
        current
          ? usePlayer.getState().toggle()
          : usePlayer.getState().play({ id, title, src, durationS, seed, coverUrl, subtitle })
      }
      className="grid size-10 shrink-0 place-items-center rounded-full bg-accent text-accent-fg hover:bg-accent-hover"
    >
      {playing ? <PauseIcon /> : <PlayIcon />}
    </button>
  );
}
