import { describe, expect, it } from 'vitest';
import { encodeWav, sine } from '../dsp/test-support.ts';
import { analyzeAudio } from './analyze-audio.ts';
import { energyScore } from './energy.ts';
import { clickTrack } from './test-support/signals.ts';

const FS = 44_100;

describe('energy', () => {
  it('is 0 for silence-level loudness and bounded by 1', () => {
    expect(energyScore(Number.NEGATIVE_INFINITY, 0.5, 2)).toBe(0);
    expect(energyScore(-5, 3, 10)).toBe(1);
    expect(energyScore(-40, 0, 0)).toBe(0);
  });

  it('a quiet low pad scores below a loud bright pulse', async () => {
    const pad = sine(110, -30, 20, FS);
    const pulse = clickTrack(128, 20, FS).map(
      (x, i) => 1.2 * x + 0.4 * Math.sin((2 * Math.PI * 1760 * i) / FS) * (Math.floor(i / 5000) % 2),
    );
    const quiet = await analyzeAudio(encodeWav([pad, pad], FS));
    const loud = await analyzeAudio(encodeWav([pulse, pulse], FS));
    expect(quiet.energy).toBeLessThan(0.3);
    expect(loud.energy).toBeGreaterThan(0.5);
    expect(loud.energy).toBeGreaterThan(quiet.energy + 0.3);
  });
});
