// Scoring used by the FluidSynth test and bench/analysis.ts.

/** MIREX key score: 1 exact, 0.5 fifth (same mode), 0.3 relative, 0.2 parallel, else 0. */
export function mirexKeyScore(refPc: number, refMode: string, estPc: number, estMode: string): number {
  const d = (((estPc - refPc) % 12) + 12) % 12;
  if (estMode === refMode && d === 0) return 1;
  if (estMode === refMode && (d === 7 || d === 5)) return 0.5;
  if (refMode === 'major' && estMode === 'minor' && d === 9) return 0.3;
  if (refMode === 'minor' && estMode === 'major' && d === 3) return 0.3;
  if (d === 0) return 0.2;
  return 0;
}

/** Accuracy1: within ±4 % of the reference tempo. */
export function tempoAccuracy1(ref: number, est: number): boolean {
  return est > 0 && Math.abs(est / ref - 1) <= 0.04;
}

/** Accuracy2: within ±4 % of the reference or of 2×, ½×, 3×, ⅓× it. */
export function tempoAccuracy2(ref: number, est: number): boolean {
  return est > 0 && [1, 2, 0.5, 3, 1 / 3].some((r) => Math.abs(est / (ref * r) - 1) <= 0.04);
}
