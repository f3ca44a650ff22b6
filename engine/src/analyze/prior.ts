// The shape of the published tempo prior, switchable for `npm run fit:metre -- --prior=rayleigh`
// (ninth session experiment; tempo.ts and metre.ts read it).
export const PRIOR_SHAPE: { value: 'log-normal' | 'rayleigh' } = { value: 'log-normal' };

/**
 * Rayleigh weighting of the beat period (Davies & Plumbley, "Context-dependent beat tracking of
 * musical audio", IEEE TASLP 15(3), 2007): w(τ) ∝ τ/β² · exp(−τ²/2β²), mode β = 0.5 s (120 BPM),
 * scaled to 1 at its mode. Skewed: falls off faster towards long periods (slow tempi) than short.
 */
export function rayleighPrior(bpm: number): number {
  const x = 60 / bpm / 0.5;
  return x * Math.exp(0.5 - 0.5 * x * x);
}
