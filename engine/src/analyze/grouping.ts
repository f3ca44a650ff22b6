// How a candidate beat track groups into bars (metre.ts reads this for every candidate level):
// do the bass's notes and the harmony's changes stand out on one beat in 3, or on one in 2 or 4?
//
// Why: drumless 3/4 and 6/8 pieces were read at ×2⁄3, ×3⁄2 or ×3 (issue 19). Without drums the
// bar shows in the bass and the chords: a waltz's bass lands on 1 and its chord changes there,
// one beat in 3 at the quarter note and one in 2 at a dotted-quarter reading; a 6/8 piece's bass
// and chords mark every other dotted quarter (one in 2) and one eighth in 3 (or 6) when read in
// eighths. Grouping alone is ambiguous (3 at a 3/4 quarter and at a 6/8 quarter-note reading);
// the boosted trees weigh it with how the beat divides (halves against thirds: `hitThirds` in
// motion.ts, `triple` and the beat track's division in metre.ts).

/** Fewer accents than this (beats) say nothing about grouping. */
const MIN_BEATS = 8;

/**
 * How much one phase of every `g` accents stands out: the strongest phase's mean minus the mean
 * of the other phases, over the mean of all (0 when all beats are alike or there are too few).
 */
export function groupingContrast(accents: readonly number[], g: number): number {
  const n = accents.length;
  if (n < Math.max(MIN_BEATS, 2 * g)) return 0;
  let total = 0;
  const sums = new Array<number>(g).fill(0);
  const counts = new Array<number>(g).fill(0);
  for (let i = 0; i < n; i++) {
    total += accents[i]!;
    sums[i % g]! += accents[i]!;
    counts[i % g]!++;
  }
  const mean = total / n;
  if (!(mean > 0)) return 0;
  let best = 0;
  for (let p = 1; p < g; p++) if (sums[p]! / counts[p]! > sums[best]! / counts[best]!) best = p;
  const rest = (total - sums[best]!) / (n - counts[best]!);
  return (sums[best]! / counts[best]! - rest) / mean;
}

/** Grouping in 3 against grouping in 2 or 4: > 0 when one beat in 3 stands out more. */
export function tripleGrouping(accents: readonly number[]): number {
  return groupingContrast(accents, 3) - Math.max(groupingContrast(accents, 2), groupingContrast(accents, 4));
}

/** A layer's onset strength at each beat (the strongest frame within ±1). */
export function accentsOnBeats(x: Float32Array, beats: readonly number[]): number[] {
  return beats.map((b) => {
    const f = Math.round(b);
    let m = 0;
    for (let d = -1; d <= 1; d++) {
      const v = x[f + d];
      if (v !== undefined && v > m) m = v;
    }
    return m;
  });
}
