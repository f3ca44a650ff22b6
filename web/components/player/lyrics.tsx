'use client';

import { useMemo } from 'react';
import { type LyricWord, lyricAt, usePlayer } from '@/lib/player/store';

/** Lyrics by line; the sounding line is highlighted while this track plays. */
export function TimedLyrics({ trackId, lyrics }: { trackId: string; lyrics: LyricWord[] }) {
  const lines = useMemo(() => {
    const m = new Map<number, LyricWord[]>();
    for (const w of lyrics) m.set(w.line, [...(m.get(w.line) ?? []), w]);
    return [...m.entries()].sort((a, b) => a[0] - b[0]);
  }, [lyrics]);
  const current = usePlayer((s) => (s.track?.id === trackId ? lyricAt(lyrics, s.time).line : -1));
  return (
    <ol
      className="max-h-80 space-y-1.5 overflow-y-auto pr-2 text-sm"
      aria-label="Lyrics"
      data-testid="lyrics"
    >
      {lines.map(([line, words]) => (
        <li
          key={line}
          data-current={line === current ? 'true' : undefined}
          className={line === current ? 'font-semibold text-accent-text' : 'text-muted'}
        >
          {words.map((w) => w.text).join(' ')}
        </li>
      ))}
    </ol>
  );
}
