import { describe, expect, it } from 'vitest';
import { computePeaks, PEAK_BUCKETS, PEAK_SCALE } from './peaks.ts';

const SR = 44_100;
const sine = (amp: number, hz: number, sec: number) =>
  Float32Array.from({ length: Math.round(SR * sec) }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / SR));

describe('computePeaks', () => {
  it('a steady sine: every bucket holds its amplitude', () => {
    const s = sine(0.5, 440, 10);
    const peaks = computePeaks([s, s]);
    expect(peaks).toHaveLength(PEAK_BUCKETS);
    // 441 frames a bucket span 4.4 periods of 440 Hz: each sees the crest (±1 step of sampling).
    for (const p of peaks) expect(Math.abs(p - 0.5 * PEAK_SCALE)).toBeLessThanOrEqual(1);
  });

  it('silence is all zero; an impulse lights exactly its own bucket', () => {
    const frames = SR * 7;
    expect(computePeaks([new Float32Array(frames)]).every((p) => p === 0)).toBe(true);
    const right = new Float32Array(frames);
    const at = 123_457;
    right[at] = -0.8; // the sign does not matter, nor the channel
    const peaks = computePeaks([new Float32Array(frames), right]);
    const bucket = Math.floor((at * PEAK_BUCKETS) / frames);
    expect(peaks[bucket]).toBe(Math.round(0.8 * PEAK_SCALE));
    expect(peaks.filter((p) => p !== 0)).toHaveLength(1);
  });

  it('follows the envelope in time: silence, then a louder half', () => {
    const quiet = new Float32Array(SR * 2);
    const loud = sine(0.9, 100, 2);
    const both = new Float32Array(quiet.length + loud.length);
    both.set(loud, quiet.length);
    const peaks = computePeaks([both], 100);
    expect(peaks.slice(0, 50).every((p) => p === 0)).toBe(true);
    // 100 Hz: a bucket of 1764 frames holds 4 periods, so each reaches the crest.
    for (const p of peaks.slice(50)) expect(Math.abs(p - 0.9 * PEAK_SCALE)).toBeLessThanOrEqual(1);
  });

  it('clips above full scale, and a track shorter than the buckets gets one per frame', () => {
    expect(computePeaks([Float32Array.of(2, -0.5, 0)])).toEqual([
      PEAK_SCALE,
      Math.round(0.5 * PEAK_SCALE),
      0,
    ]);
    expect(computePeaks([])).toEqual([]);
  });
});
