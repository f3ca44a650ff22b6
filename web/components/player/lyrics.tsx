'use client';

import { useEffect, useMemo, useRef } from 'react';
import { type LyricWord, lyricAt, usePlayer } from '@/lib/player/store';

/** Lyrics by line; the sounding line is highlighted while this track plays. */
export function TimedLyrics({
  trackId,
  lyrics,
  follow = false,
}: {
  trackId: string;
  lyrics: LyricWord[];
  /** Keep the sounding line in view (the phone player's sheet). */
  follow?: boolean;
}) {
  const lines = useMemo(() => {
    const m = new Map<number, LyricWord[]>();
    for (const w of lyrics) m.set(w.line, [...(m.get(w.line) ?? []), w]);
    return [...m.entries()].sort((a, b) => a[0] - b[0]);
  }, [lyrics]);
  const current = usePlayer((s) => (s.track?.id === trackId ? lyricAt(lyrics, s.time).line : -1));
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (!follow || current < 0) return;
    const li = list.current?.querySelector<HTMLElement>('li[data-current="true"]');
    const box = list.current;
    // Scroll the list itself (not the page): the line sits a third of the way down.
    if (li && box) box.scrollTo({ top: Math.max(0, li.offsetTop - box.offsetTop - box.clientHeight / 3) });
  }, [follow, current]);
  return (
    <ol
      ref={list}
      className="max-h-80 space-y-1.5 overflow-y-auto pr-2 text-sm"
      aria-label="Lyrics"
      data-testid="lyrics"
    >
      {lines.map(([line, words]) => (
        <li
          key={line}
          data-current={line === current ? 'true' : undefined}
          dir="auto"
          className={line === current ? 'font-semibold text-accent-text' : 'text-muted'}
        >
          {words.map((w) => w.text).join(' ')}
        </li>
      ))}
    </ol>
  );
}
