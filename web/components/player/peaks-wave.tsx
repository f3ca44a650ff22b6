'use client';

import { useMemo, useRef } from 'react';
import { barsPath, type Peaks, WAVE_HEIGHT, WAVE_WIDTH } from '@/lib/player/peaks';
import { usePlayer } from '@/lib/player/store';

/**
 * The waveform of a track that has precomputed peaks, as an SVG drawn on the server: it is in
 * the first paint, and no waveform library loads for it. The part already played is violet
 * (--c-wave-played, ≥ 3:1 like the unplayed --c-wave, globals.css) while the shared player plays
 * this track; a click or a drag seeks it.
 */
export function PeaksWave({
  trackId,
  peaks,
  onSeek,
}: {
  trackId: string;
  peaks: Peaks;
  onSeek: (seconds: number) => void;
}) {
  const path = useMemo(() => barsPath(peaks.levels), [peaks.levels]);
  const played = usePlayer((s) =>
    s.track?.id === trackId ? Math.min(1, s.time / (s.duration || peaks.duration_s)) : 0,
  );
  const dragging = useRef<number | null>(null);
  const seekAt = (e: React.PointerEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const at = Math.min(1, Math.max(0, (e.clientX - box.left) / box.width));
    onSeek(at * peaks.duration_s);
  };
  const svg = (fill: string, style?: React.CSSProperties) => (
    <svg
      viewBox={`0 0 ${WAVE_WIDTH} ${WAVE_HEIGHT}`}
      preserveAspectRatio="none"
      className="absolute inset-0 size-full"
      style={{ fill, ...style }}
      aria-hidden="true"
    >
      <path d={path} />
    </svg>
  );
  return (
    <div
      className="relative h-24 w-full cursor-pointer touch-none select-none"
      data-testid="waveform"
      aria-hidden="true"
      onPointerDown={(e) => {
        dragging.current = e.pointerId;
        e.currentTarget.setPointerCapture(e.pointerId);
        seekAt(e);
      }}
      onPointerMove={(e) => {
        if (dragging.current === e.pointerId) seekAt(e);
      }}
      onPointerUp={() => {
        dragging.current = null;
      }}
      onPointerCancel={() => {
        dragging.current = null;
      }}
    >
      {svg('var(--c-wave)')}
      {played > 0 && svg('var(--c-wave-played)', { clipPath: `inset(0 ${(1 - played) * 100}% 0 0)` })}
    </div>
  );
}
