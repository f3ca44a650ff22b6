// Energy 0–1: how intense a track feels, for steering generation from a reference.
//
//   energy = 0.5 × loudness + 0.25 × brightness + 0.25 × activity, each clamped to 0–1:
//   loudness   = (integrated LUFS + 30) / 22        −30 LUFS → 0, −8 LUFS → 1
//   brightness = (hfRatio − 0.15) / 0.6             hfRatio = RMS of the first difference / RMS
//                                                   of the ≈11 kHz mono signal (≈2·sin(πf/fs):
//                                                   a 300 Hz tone → 0.03, 2 kHz → 1)
//   activity   = mean onset strength / 2.5          spectral flux per frame, level-independent
//
// Loudness dominates because a quiet master never sounds energetic; brightness and onset
// activity separate a loud pad from a loud drum-heavy track at the same LUFS.

export function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** RMS of the first difference over RMS of the signal: a cheap spectral-centroid proxy. */
export function highFrequencyRatio(samples: Float32Array): number {
  let e = 0;
  let d = 0;
  for (let i = 1; i < samples.length; i++) {
    const x = samples[i]!;
    const diff = x - samples[i - 1]!;
    e += x * x;
    d += diff * diff;
  }
  return e > 0 ? Math.sqrt(d / e) : 0;
}

export function meanOnsetStrength(strength: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < strength.length; i++) sum += strength[i]!;
  return strength.length ? sum / strength.length : 0;
}

export function energyScore(integratedLufs: number, hfRatio: number, onsetMean: number): number {
  if (!Number.isFinite(integratedLufs)) return 0;
  const loudness = clamp01((integratedLufs + 30) / 22);
  const brightness = clamp01((hfRatio - 0.15) / 0.6);
  const activity = clamp01(onsetMean / 2.5);
  return Math.round((0.5 * loudness + 0.25 * brightness + 0.25 * activity) * 1000) / 1000;
}
