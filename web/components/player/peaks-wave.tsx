'use client';

import { useMemo, useRef } from 'react';
import { barsPath, type Peaks, WAVE_HEIGHT, WAVE_WIDTH } from '@/lib/player/peaks';
import { usePlayer } from '@/lib/player/store';
import { formatTime } from '@/lib/time';

/** Arrow keys move this far; Page Up/Down a tenth of the track (WAI-ARIA slider pattern). */
const KEY_STEP_S = 5;

/**
 * The waveform of a track that has precomputed peaks, as an SVG drawn on the server: it is in
 * the first paint, and no waveform library loads for it. The part already played is violet
 * (--c-wave-played, ≥ 3:1 like the unplayed --c-wave, globals.css) while the shared player plays
 * this track; a click or a drag seeks it. Given a `label`, it is also a keyboard slider (arrows,
 * Page Up/Down, Home, End) for pages where it is the only seek control (the track page); the
 * player sheet, which has its own range input below it, leaves it out of the tab order.
 */
export function PeaksWave({
  trackId,
  peaks,
  onSeek,
  label,
}: {
  trackId: string;
  peaks: Peaks;
  onSeek: (seconds: number) => void;
  label?: string;
}) {
  const path = useMemo(() => barsPath(peaks.levels), [peaks.levels]);
  const played = usePlayer((s) =>
    s.track?.id === trackId ? Math.min(1, s.time / (s.duration || peaks.duration_s)) : 0,
  );
  const time = usePlayer((s) => (s.track?.id === trackId ? s.time : 0));
  const total = peaks.duration_s;
  const dragging = useRef<number | null>(null);
  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const to = {
      ArrowRight: time + KEY_STEP_S,
      ArrowUp: time + KEY_STEP_S,
      ArrowLeft: time - KEY_STEP_S,
      ArrowDown: time - KEY_STEP_S,
      PageUp: time + total / 10,
      PageDown: time - total / 10,
      Home: 0,
      End: total - 1,
    }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    onSeek(Math.min(Math.max(0, total - 1), Math.max(0, to)));
  };
  const slider = label
    ? {
        role: 'slider',
        tabIndex: 0,
        'aria-label': label,
        'aria-valuemin': 0,
        'aria-valuemax': Math.round(total),
        'aria-valuenow': Math.round(time),
        'aria-valuetext': `${formatTime(time)} of ${formatTime(total)}`,
        onKeyDown,
      }
    : { 'aria-hidden': true };
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
      className="relative h-24 w-full cursor-pointer touch-none select-none rounded-lg"
      data-testid="waveform"
      {...slider}
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
