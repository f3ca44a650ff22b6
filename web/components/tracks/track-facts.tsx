import { Fragment } from 'react';
import { genreLabel } from '@/lib/genre-label';
import { formatTime } from '@/lib/time';

// A track's style, key, tempo and length: one list for the library's and explore's cards, the
// track page and the player (no 'use client': server pages render it too).

export interface FactsOf {
  genre: string | null;
  key: string | null;
  bpm: number | null;
  durationS: number;
}

export function trackFacts(t: FactsOf): string[] {
  return [
    t.genre ? genreLabel(t.genre) : null,
    t.key,
    t.bpm ? `${t.bpm} BPM` : null,
    formatTime(t.durationS),
  ].filter((f): f is string => Boolean(f));
}

/**
 * The facts as a line that wraps between facts, never inside one ("folk · E minor · 86 BPM ·
 * 0:30"): on a phone the length moves to a second line instead of being cut off.
 */
export function TrackFacts({ facts, className }: { facts: string[]; className?: string }) {
  return (
    <p className={className} data-testid="track-facts">
      {facts.map((f, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, in a fixed order
        <Fragment key={i}>
          {i > 0 && ' '}
          <span className="whitespace-nowrap">{i < facts.length - 1 ? `${f} ·` : f}</span>
        </Fragment>
      ))}
    </p>
  );
}
