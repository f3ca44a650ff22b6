import { describe, expect, it } from 'vitest';
import { barsPath, hasPeaks, WAVE_HEIGHT } from './peaks';

/** [x, y, height] of every bar in a path barsPath drew. */
const bars = (d: string) =>
  [...d.matchAll(/M(\d+) ([\d.]+)h2v(\d+)h-2z/g)].map(
    (m) => m.slice(1).map(Number) as [number, number, number],
  );

describe('barsPath', () => {
  it('draws one bar per slice, its height the loudest level of the slice, centred', () => {
    const drawn = bars(barsPath([0, 255, 51, 102], 2));
    expect(drawn).toEqual([
      [0, 0, WAVE_HEIGHT], // max(0, 255)
      [3, (WAVE_HEIGHT - 38) / 2, 38], // max(51, 102) = 102/255 of 96 ≈ 38
    ]);
  });

  it('gives silence a hairline and spreads fewer levels than bars over all of them', () => {
    const drawn = bars(barsPath([0, 255], 4));
    expect(drawn.map(([x]) => x)).toEqual([0, 3, 6, 9]);
    expect(drawn.map(([, , h]) => h)).toEqual([1, 1, WAVE_HEIGHT, WAVE_HEIGHT]);
  });
});

describe('hasPeaks', () => {
  it('wants levels and a duration', () => {
    expect(hasPeaks({ duration_s: 30, levels: [1] })).toBe(true);
    expect(hasPeaks({ duration_s: 30, levels: [] })).toBe(false);
    expect(hasPeaks({ duration_s: 0, levels: [1] })).toBe(false);
    expect(hasPeaks(null)).toBe(false);
  });
});
