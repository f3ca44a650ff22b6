import { describe, expect, it } from 'vitest';
import { accentsOnBeats, groupingContrast, tripleGrouping } from './grouping.ts';

/** Accents with one strong beat every `bar` beats, from `phase`, over `n` beats. */
const bars = (n: number, bar: number, phase = 0) =>
  Array.from({ length: n }, (_, i) => ((i - phase) % bar === 0 ? 3 : 1) + 0.01 * ((i * 7) % 5));

describe('groupingContrast', () => {
  it('finds the bar’s downbeat whatever its phase', () => {
    expect(groupingContrast(bars(30, 3, 2), 3)).toBeGreaterThan(1);
    expect(groupingContrast(bars(30, 3, 2), 2)).toBeLessThan(0.3);
  });

  it('is 0 for even accents and for too few beats', () => {
    expect(groupingContrast(new Array(30).fill(1), 3)).toBe(0);
    expect(groupingContrast(bars(6, 3), 3)).toBe(0);
  });
});

describe('tripleGrouping', () => {
  it('> 0 for a waltz read at its quarter note (one beat in 3)', () => {
    expect(tripleGrouping(bars(36, 3))).toBeGreaterThan(0.8);
  });

  it('< 0 for the same bar read at the dotted quarter (one beat in 2), and for 4/4', () => {
    expect(tripleGrouping(bars(24, 2))).toBeLessThan(-0.5);
    expect(tripleGrouping(bars(32, 4))).toBeLessThan(-0.5);
  });
});

describe('accentsOnBeats', () => {
  it('reads the strongest frame within ±1 of each beat', () => {
    const x = new Float32Array(20);
    x[4] = 2;
    x[11] = 5;
    expect(accentsOnBeats(x, [5, 10, 15])).toEqual([2, 5, 0]);
  });
});
