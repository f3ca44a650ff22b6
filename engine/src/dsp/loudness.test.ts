import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  interpolatedPeakAt,
  kWeightingHighPass,
  kWeightingShelf,
  measureLoudness,
  TRUE_PEAK_PHASES,
  TRUE_PEAK_TAPS,
  truePeak,
} from './loudness.ts';
import { concat, encodeWav, ffmpegEbur128, sine } from './test-support.ts';

const FS = 48_000;

describe('K-weighting coefficients', () => {
  it('reproduce the 48 kHz table of BS.1770-4', () => {
    const s = kWeightingShelf(48_000);
    expect(s.b0).toBeCloseTo(1.53512485958697, 10);
    expect(s.b1).toBeCloseTo(-2.69169618940638, 10);
    expect(s.b2).toBeCloseTo(1.19839281085285, 10);
    expect(s.a1).toBeCloseTo(-1.69065929318241, 10);
    expect(s.a2).toBeCloseTo(0.73248077421585, 10);
    const h = kWeightingHighPass(48_000);
    expect(h.a1).toBeCloseTo(-1.99004745483398, 10);
    expect(h.a2).toBeCloseTo(0.99007225036621, 10);
  });
});

describe('integrated loudness (EBU Tech 3341)', () => {
  it('case 1: 1 kHz stereo sine at −23 dBFS reads −23.0 LUFS at 48 and 44.1 kHz', () => {
    for (const fs of [48_000, 44_100]) {
      const ch = sine(1000, -23, 20, fs);
      const m = measureLoudness([ch, ch], fs);
      expect(m.integratedLufs).toBeCloseTo(-23, 1);
      expect(Math.abs(m.integratedLufs + 23)).toBeLessThan(0.1);
    }
  });

  it('a 0 dBFS 1 kHz sine on one channel of two reads −3.01 LUFS', () => {
    const m = measureLoudness([sine(1000, 0, 10, FS), new Float32Array(10 * FS)], FS);
    expect(Math.abs(m.integratedLufs + 3.01)).toBeLessThan(0.05);
  });

  it('case 3: −36/−23/−36 dBFS sections (10/60/10 s) gate to −23 LUFS', () => {
    const ch = concat([sine(1000, -36, 10, FS), sine(1000, -23, 60, FS), sine(1000, -36, 10, FS)]);
    expect(Math.abs(measureLoudness([ch, ch], FS).integratedLufs + 23)).toBeLessThan(0.1);
  });

  it('case 4: −72/−36/−23/−36/−72 dBFS sections gate to −23 LUFS', () => {
    const ch = concat([
      sine(1000, -72, 10, FS),
      sine(1000, -36, 10, FS),
      sine(1000, -23, 60, FS),
      sine(1000, -36, 10, FS),
      sine(1000, -72, 10, FS),
    ]);
    expect(Math.abs(measureLoudness([ch, ch], FS).integratedLufs + 23)).toBeLessThan(0.1);
  });

  it('silence and very short input are −Infinity', () => {
    const m = measureLoudness([new Float32Array(FS), new Float32Array(FS)], FS);
    expect(m.integratedLufs).toBe(Number.NEGATIVE_INFINITY);
    expect(m.truePeakDbtp).toBe(Number.NEGATIVE_INFINITY);
    expect(m.samplePeakDbfs).toBe(Number.NEGATIVE_INFINITY);
    expect(m.loudnessRangeLu).toBe(0);
    expect(measureLoudness([sine(1000, -10, 0.3, FS)], FS).integratedLufs).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('loudness range (EBU Tech 3342)', () => {
  it('case 1: 20 s at −20 dBFS then 20 s at −30 dBFS gives 10 LU', () => {
    const ch = concat([sine(1000, -20, 20, FS), sine(1000, -30, 20, FS)]);
    expect(Math.abs(measureLoudness([ch, ch], FS).loudnessRangeLu - 10)).toBeLessThan(0.2);
  });

  it('case 3: 20 s at −40 dBFS then 20 s at −20 dBFS gives 20 LU', () => {
    const ch = concat([sine(1000, -40, 20, FS), sine(1000, -20, 20, FS)]);
    expect(Math.abs(measureLoudness([ch, ch], FS).loudnessRangeLu - 20)).toBeLessThan(0.2);
  });

  it('a steady sine has a range of 0 LU', () => {
    const ch = sine(1000, -20, 20, FS);
    expect(measureLoudness([ch, ch], FS).loudnessRangeLu).toBeLessThan(0.1);
  });
});

describe('true peak (BS.1770-4 Annex 2)', () => {
  it('finds the inter-sample peak of an fs/4 sine sampled at 45°', () => {
    // Samples land at ±0.7071 of the waveform's peak: sample peak −3.01 dB below the true peak.
    const ch = sine(FS / 4, 0, 1, FS, Math.PI / 4);
    const m = measureLoudness([ch], FS);
    expect(Math.abs(m.samplePeakDbfs + 3.01)).toBeLessThan(0.02);
    // The Annex 2 filter itself has ≈0.1 dB of ripple at fs/4.
    expect(Math.abs(m.truePeakDbtp)).toBeLessThan(0.15);
  });

  it('the unrolled interpolator equals the Annex 2 table applied directly', () => {
    let seed = 3;
    const x = new Float32Array(200).map(() => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 32 - 0.5;
    });
    for (const n of [0, 3, 11, 57, 199, 205]) {
      let best = 0;
      for (let p = 0; p < TRUE_PEAK_PHASES; p++) {
        let acc = 0;
        for (let j = 0; j < 12; j++) {
          const i = n - j;
          if (i >= 0 && i < x.length) acc += TRUE_PEAK_TAPS[p * 12 + j]! * x[i]!;
        }
        best = Math.max(best, Math.abs(acc));
      }
      expect(interpolatedPeakAt(x, n)).toBeCloseTo(best, 12);
    }
  });

  it('the annex filter phases are symmetric (phase 3 = phase 0 reversed, 2 = 1 reversed)', () => {
    for (let j = 0; j < 12; j++) {
      expect(TRUE_PEAK_TAPS[36 + j]).toBe(TRUE_PEAK_TAPS[11 - j]);
      expect(TRUE_PEAK_TAPS[24 + j]).toBe(TRUE_PEAK_TAPS[12 + 11 - j]);
    }
  });

  it('finds a peak in the very last samples, on either channel, whatever the length', () => {
    for (const frames of [44_100, 44_101, 44_100 + 255, 512]) {
      for (const side of [0, 1]) {
        const ch = [new Float32Array(frames).fill(0.01), new Float32Array(frames).fill(0.01)];
        ch[side]![frames - 1] = 0.9;
        const m = measureLoudness(ch, 44_100);
        expect(m.samplePeakDbfs).toBeCloseTo(20 * Math.log10(0.9), 3);
        expect(m.truePeakDbtp).toBeGreaterThanOrEqual(m.samplePeakDbfs);
      }
    }
  });

  it('never reads below the sample peak, and matches it for a slow sine', () => {
    const ch = sine(100, -6, 1, FS);
    expect(20 * Math.log10(truePeak(ch))).toBeCloseTo(-6, 1);
  });
});

describe('agreement with ffmpeg ebur128', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-loudness-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Pseudo-random noise through a slow envelope: broadband, dynamic, with inter-sample peaks.
  function noiseProgramme(fs: number, seconds: number, seed: number): Float32Array[] {
    let s = seed >>> 0;
    const rnd = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 32 - 0.5;
    };
    const l = new Float32Array(fs * seconds);
    const r = new Float32Array(fs * seconds);
    let lp = 0;
    for (let i = 0; i < l.length; i++) {
      const env = 0.25 + 0.2 * Math.sin((2 * Math.PI * i) / (fs * 7));
      lp = 0.7 * lp + 0.3 * rnd();
      l[i] = env * (lp + 0.3 * Math.sin((2 * Math.PI * 220 * i) / fs));
      r[i] = env * (rnd() * 0.8 + 0.2 * Math.sin((2 * Math.PI * 3520 * i) / fs));
    }
    return [l, r];
  }

  const cases: { name: string; fs: number; make: () => Float32Array[] }[] = [
    { name: 'noise programme 44.1 kHz', fs: 44_100, make: () => noiseProgramme(44_100, 30, 1) },
    { name: 'noise programme 48 kHz', fs: 48_000, make: () => noiseProgramme(48_000, 20, 2) },
    {
      name: 'stepped sine 44.1 kHz',
      fs: 44_100,
      make: () => {
        const c = concat([sine(440, -30, 8, 44_100), sine(440, -12, 8, 44_100), sine(5000, -20, 8, 44_100)]);
        return [c, c];
      },
    },
    { name: 'fs/4 at 45° (true peak)', fs: 48_000, make: () => [sine(12_000, -1, 5, 48_000, Math.PI / 4)] },
  ];

  for (const c of cases) {
    it(`${c.name}: integrated and LRA within 0.3 LU, true peak within 0.6 dB`, () => {
      const channels = c.make();
      const path = join(dir, `${c.name.replace(/\W+/g, '-')}.wav`);
      writeFileSync(path, encodeWav(channels, c.fs));
      const ref = ffmpegEbur128(path);
      const ours = measureLoudness(channels, c.fs);
      expect(Math.abs(ours.integratedLufs - ref.integratedLufs)).toBeLessThanOrEqual(0.3);
      expect(Math.abs(ours.loudnessRangeLu - ref.loudnessRangeLu)).toBeLessThanOrEqual(0.3);
      // ffmpeg upsamples with libswresample rather than the Annex 2 filter and over-reads
      // high-frequency content (a −1 dBFS 12 kHz sine at 48 kHz reads −0.4 dBTP there).
      expect(Math.abs(ours.truePeakDbtp - ref.truePeakDbtp)).toBeLessThanOrEqual(0.6);
    });
  }
});

describe('speed', () => {
  it('measures 3 minutes of stereo 44.1 kHz (reported, not asserted)', () => {
    const fs = 44_100;
    const l = new Float32Array(fs * 180);
    const r = new Float32Array(fs * 180);
    let s = 7;
    for (let i = 0; i < l.length; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      // Sines plus noise: a dense signal where ~20 % of samples are within 6 dB of the peak.
      const x = 0.3 * Math.sin(i * 0.01) + 0.2 * Math.sin(i * 0.0371) + 0.15 * Math.sin(i * 0.25);
      l[i] = x + 0.2 * (s / 2 ** 32 - 0.5);
      r[i] = 0.9 * l[i]!;
    }
    measureLoudness([l, r], fs); // warm-up
    const t0 = performance.now();
    const m = measureLoudness([l, r], fs);
    const ms = performance.now() - t0;
    console.log(`measureLoudness 3 min stereo: ${ms.toFixed(1)} ms (${m.integratedLufs.toFixed(2)} LUFS)`);
    expect(Number.isFinite(m.integratedLufs)).toBe(true);
  });
});
