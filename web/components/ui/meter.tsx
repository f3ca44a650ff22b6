/**
 * Every progress bar of the app (a job's render, a new cover, a series unlock): one rule for its
 * colours (WCAG 1.4.11). The track is the waveform's unplayed colour (--c-wave, ≥ 3:1 against the
 * page, a card and a hovered row in both themes) and the fill its played one (--c-wave-played,
 * ≥ 3:1 against all of them and against the track), so the bar's extent and how far it has
 * come both show. The fill is moved, not resized: a transform animates on the compositor, where a
 * width transition re-laid out the page every frame for half a second after each progress event.
 */
export function Meter({
  label,
  value,
  max = 100,
  minShown = 0,
  className = '',
}: {
  label: string;
  value: number;
  max?: number;
  /** Percent drawn at least (a started job shows a sliver rather than an empty track). */
  minShown?: number;
  className?: string;
}) {
  const percent = Math.min(100, Math.max(minShown, (100 * value) / Math.max(1, max)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
      className={`h-1.5 overflow-hidden rounded-full bg-wave ${className}`}
    >
      <div
        className="h-full w-full rounded-full bg-wave-played transition-transform duration-500 motion-reduce:transition-none"
        style={{ transform: `translateX(-${100 - percent}%)` }}
      />
    </div>
  );
}
