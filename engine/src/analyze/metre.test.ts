import { describe, expect, it } from 'vitest';
import {
  barGrouping,
  chordGrouping,
  FEATURES,
  type Feature,
  METRE_TREES,
  type MetreTree,
  treeValue,
} from './metre.ts';

const features = (over: Partial<Record<Feature, number>>): Record<Feature, number> =>
  Object.fromEntries(FEATURES.map((f) => [f, over[f] ?? 0])) as Record<Feature, number>;

describe('treeValue', () => {
  const tree: MetreTree = ['highRate', 1.5, ['harmonyWithin', -1, -0.2, 0.1], 0.3];

  it('goes below the threshold to the first subtree, at or above it to the second', () => {
    expect(treeValue(tree, features({ highRate: 1, harmonyWithin: -2 }))).toBe(-0.2);
    expect(treeValue(tree, features({ highRate: 1, harmonyWithin: -1 }))).toBe(0.1);
    expect(treeValue(tree, features({ highRate: 1.5 }))).toBe(0.3);
  });

  it('a leaf is its own value', () => {
    expect(treeValue(0.7, features({}))).toBe(0.7);
  });
});

describe('METRE_TREES', () => {
  it('split only on features the score computes, at finite thresholds, with finite leaves', () => {
    const check = (t: MetreTree): void => {
      if (typeof t === 'number') {
        expect(Number.isFinite(t)).toBe(true);
        return;
      }
      expect(FEATURES).toContain(t[0]);
      expect(t[0]).not.toBe('logPrior');
      expect(Number.isFinite(t[1])).toBe(true);
      check(t[2]);
      check(t[3]);
    };
    expect(METRE_TREES.length).toBeGreaterThan(0);
    for (const t of METRE_TREES) check(t);
  });
});

describe('barGrouping', () => {
  /** An autocorrelation with peaks of height 1 at every multiple of `every` frames, 0 elsewhere. */
  const acfRepeating = (every: number, length = 400) =>
    Float64Array.from({ length }, (_, lag) => (lag > 0 && lag % every === 0 ? 1 : 0));

  it('is positive when the onsets repeat every three beats, negative every four', () => {
    expect(barGrouping(acfRepeating(30), 10, 1)).toBe(1);
    expect(barGrouping(acfRepeating(40), 10, 1)).toBe(-1);
  });

  it('is 0 when every beat repeats alike (a candidate at the bar of a plain pulse)', () => {
    expect(barGrouping(acfRepeating(10), 10, 1)).toBe(0);
  });
});

describe('chordGrouping', () => {
  const beats = Array.from({ length: 32 }, (_, i) => 10 * i);
  /** Chord changes on every `every`-th beat, nudged off it by `offset` frames. */
  const changes = (every: number, offset = 0) =>
    Int32Array.from(beats.filter((_, i) => i % every === 0).map((b) => b + offset));

  it('is near 1 for chords a waltz bar long on quarter-note beats', () => {
    expect(chordGrouping(changes(3), beats)).toBeGreaterThan(0.9);
    expect(chordGrouping(changes(3, 2), beats)).toBeGreaterThan(0.9);
  });

  it('is near −1 for chords a 4/4 bar long, −⅓ for chords two beats long', () => {
    expect(chordGrouping(changes(4), beats)).toBeLessThan(-0.9);
    // fours: every other beat, share ½ → ⅓; threes: spread (16 changes: 6, 5, 5) → 1⁄16
    expect(chordGrouping(changes(2), beats)).toBeCloseTo(-1 / 3 + 1 / 16, 6);
  });

  it('is near 0 for a chord on every beat', () => {
    expect(Math.abs(chordGrouping(changes(1), beats))).toBeLessThan(0.05);
  });

  it('ignores changes far from any beat and is 0 with too few changes or beats', () => {
    expect(chordGrouping(changes(3, 5), beats)).toBe(0);
    expect(chordGrouping(Int32Array.from([0, 30, 60]), beats)).toBe(0);
    expect(chordGrouping(changes(3), beats.slice(0, 7))).toBe(0);
  });
});
