'use client';

import { formatTime } from '@/lib/time';

/** The player's position as a native range input: keyboard and screen readers get it for free. */
export function SeekSlider({
  time,
  total,
  onSeek,
  className,
}: {
  time: number;
  total: number;
  onSeek: (seconds: number) => void;
  className: string;
}) {
  return (
    <input
      type="range"
      min={0}
      max={Math.max(1, Math.round(total))}
      step={1}
      value={Math.min(Math.round(time), Math.round(total))}
      onChange={(e) => onSeek(Number(e.target.value))}
      aria-label="Seek"
      aria-valuetext={`${formatTime(time)} of ${formatTime(total)}`}
      className={className}
    />
  );
}
