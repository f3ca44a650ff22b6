// The low-pass filter's coefficient table (synth-render.ts fastFilterCoefficients) gives the
// library's own coefficients, bit for bit, and they describe a low-pass filter.
import { SpessaSynthProcessor } from 'spessasynth_core';
import { describe, expect, it } from 'vitest';
import { type FilterCoefficients, fastFilterCoefficients } from './synth-render.ts';

const coefficients = (f: FilterCoefficients) => [f.a0, f.a1, f.a2, f.a3, f.a4];

describe('fastFilterCoefficients', () => {
  it("answers from its table with the library's coefficients, which pass DC and cut above the cutoff", () => {
    const synth = new SpessaSynthProcessor(44100, { effectsEnabled: false, eventsEnabled: false });
    fastFilterCoefficients(synth);
    const filter = (synth as unknown as { synthCore: { voices: { filter: FilterCoefficients }[] } }).synthCore
      .voices[0]!.filter;
    for (const cents of [1500, 4000.7, 6900, 9000, 13499]) {
      filter.resonanceCb = 0;
      filter.calculateCoefficients(cents); // first use of this cutoff: the library computes it
      const library = coefficients(filter);
      filter.a0 = filter.a1 = filter.a2 = filter.a3 = filter.a4 = Number.NaN;
      filter.calculateCoefficients(cents); // from the table
      expect(coefficients(filter)).toEqual(library);
      // H(z) = (a0 + a1 z⁻¹ + a2 z⁻²) / (1 + a3 z⁻¹ + a4 z⁻²): unity at DC, ≈0 at Nyquist.
      const [a0, a1, a2, a3, a4] = library as [number, number, number, number, number];
      expect((a0 + a1 + a2) / (1 + a3 + a4)).toBeCloseTo(1, 6);
      expect(Math.abs((a0 - a1 + a2) / (1 - a3 + a4))).toBeLessThan(1e-6);
    }
    // With resonance the library answers (not the table): a different filter, a resonant peak.
    filter.resonanceCb = 100;
    filter.calculateCoefficients(6900);
    const resonant = coefficients(filter);
    filter.resonanceCb = 0;
    filter.calculateCoefficients(6900);
    expect(resonant).not.toEqual(coefficients(filter));
  });
});
