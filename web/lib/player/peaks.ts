// A track's precomputed waveform (GET /api/tracks/:id `peaks`) as SVG bars.

/** Levels 0..255 spread evenly over duration_s. */
export interface Peaks {
  duration_s: number;
  levels: number[];
}

/** Bars drawn across the width: each 2 units wide, 1 apart (the box stretches them). */
export const WAVE_BARS = 200;
export const WAVE_HEIGHT = 96;
export const WAVE_WIDTH = WAVE_BARS * 3 - 1;

export function hasPeaks(p: Peaks | null | undefined): p is Peaks {
  return Boolean(p && p.levels.length > 0 && p.duration_s > 0);
}

/** The levels as `bars` bars centred on the middle line (each the loudest level of its slice), one SVG path. */
export function barsPath(levels: number[], bars = WAVE_BARS): string {
  const d: string[] = [];
  for (let i = 0; i < bars; i++) {
    const from = Math.floor((i * levels.length) / bars);
    const to = Math.max(from + 1, Math.floor(((i + 1) * levels.length) / bars));
    let peak = 0;
    for (let j = from; j < to && j < levels.length; j++) peak = Math.max(peak, levels[j]!);
    // Silence still gets a hairline, as wavesurfer drew it.
    const h = Math.max(1, Math.round((peak / 255) * WAVE_HEIGHT));
    d.push(`M${i * 3} ${(WAVE_HEIGHT - h) / 2}h2v${h}h-2z`);
  }
  return d.join('');
}
