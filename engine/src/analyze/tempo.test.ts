import { describe, expect, it } from 'vitest';
import { encodeWav } from '../dsp/test-support.ts';
import { analyzeAudio } from './analyze-audio.ts';
import { downmixDecimate, rms } from './signal.ts';
import { autocorrelation, estimateTempo, onsetEnvelope } from './tempo.ts';
import { chordProgression, clickTrack } from './test-support/signals.ts';

const FS = 44_100;

function tempoOf(samples: Float32Array, sampleRate: number) {
  const low = downmixDecimate([samples], 4, new Float32Array(samples.length));
  return estimateTempo(onsetEnvelope(low, sampleRate / 4, rms(low)));
}

describe('autocorrelation', () => {
  it('the FFT version equals the direct unbiased sum, normalised by r[0]', () => {
    let seed = 9;
    const x = new Float32Array(3000).map(() => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 32;
    });
    const r = autocorrelation(x, 500, new Float64Array(501));
    const direct = (lag: number) => {
      let sum = 0;
      for (let t = 0; t + lag < x.length; t++) sum += x[t]! * x[t + lag]!;
      return sum / (x.length - lag);
    };
    for (const lag of [0, 1, 17, 250, 500]) expect(r[lag]).toBeCloseTo(direct(lag) / direct(0), 10);
  });
});

describe('tempo of click tracks', () => {
  for (const bpm of [70, 90, 120, 128, 140, 174]) {
    it(`${bpm} BPM reads ${bpm} ±1 % with a clear pulse`, () => {
      const t = tempoOf(clickTrack(bpm, 30, FS), FS);
      expect(Math.abs(t.bpm / bpm - 1)).toBeLessThan(0.01);
      expect(t.confidence).toBeGreaterThan(0.5);
    });
  }

  it('alternatives are other metrical readings (×2, ×½, ×3, ×⅓, ×3⁄2, ×2⁄3) with shares of the evidence', () => {
    for (const bpm of [70, 128, 174]) {
      const t = tempoOf(clickTrack(bpm, 30, FS), FS);
      expect(t.alternatives.reduce((n, a) => n + a.weight, 0)).toBeLessThanOrEqual(1);
      for (const alt of t.alternatives) {
        const ratio = alt.bpm / t.bpm;
        expect(
          [2, 0.5, 3, 1 / 3, 1.5, 2 / 3].some((r) => Math.abs(ratio / r - 1) < 0.03),
          `${alt.bpm}`,
        ).toBe(true);
        expect(alt.weight).toBeGreaterThan(0);
      }
    }
  });

  it('reports a fractional tempo to one decimal (123.4 BPM)', () => {
    const t = tempoOf(clickTrack(123.4, 60, FS), FS);
    expect(Math.abs(t.bpm - 123.4)).toBeLessThanOrEqual(0.2);
  });

  it('a waltz click (3/4, accented downbeat) at 150 BPM reads 150', () => {
    const t = tempoOf(clickTrack(150, 30, FS, 3), FS);
    expect(Math.abs(t.bpm / 150 - 1)).toBeLessThan(0.01);
  });

  it('a sustained tone has no tempo (bpm 0, confidence 0)', async () => {
    const tone = new Float32Array(FS * 10);
    for (let i = 0; i < tone.length; i++) tone[i] = 0.3 * Math.sin((2 * Math.PI * 220 * i) / FS);
    const a = await analyzeAudio(encodeWav([tone], FS));
    expect(a.bpm).toBe(0);
    expect(a.bpm_confidence).toBe(0);
  });

  for (const rate of [8000, 22_050, 48_000, 96_000]) {
    it(`clicks over chords at ${rate} Hz: 110 BPM in A minor, whatever the sample rate`, async () => {
      const chords = chordProgression(9, 'minor', rate, { chordSec: 2.1818, repeats: 2 });
      const clicks = clickTrack(110, chords.length / rate, rate);
      const mix = chords.map((x, i) => x + 0.6 * clicks[i]!);
      const a = await analyzeAudio(encodeWav([mix], rate));
      expect(a.sample_rate).toBe(rate);
      expect(Math.abs(a.bpm / 110 - 1)).toBeLessThan(0.01);
      expect(`${a.key} ${a.mode}`).toBe('A minor');
    });
  }

  it('does not depend on the level (−40 dB quieter reads the same)', () => {
    const loud = clickTrack(96, 20, FS);
    const quiet = loud.map((x) => x * 0.01);
    expect(tempoOf(quiet, FS).bpm).toBeCloseTo(tempoOf(loud, FS).bpm, 1);
  });
});
