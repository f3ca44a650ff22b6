import { describe, expect, it } from 'vitest';
import {
  FEATURES,
  type Feature,
  type LevelCandidate,
  levelCandidates,
  METRE_TREES,
  type MetreTree,
  RELATIVES,
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

describe('levelCandidates', () => {
  // A flat comb on a 0.5 % grid from 50 to 220 BPM: each rate's local best is its nearest grid point.
  const grid: LevelCandidate[] = [];
  for (let bpm = 50; bpm <= 220; bpm *= 1.005) grid.push({ bpm, score: 1 });
  const localBest = (bpm: number) =>
    bpm < 50 || bpm > 220
      ? null
      : grid.reduce((a, b) => (Math.abs(b.bpm / bpm - 1) < Math.abs(a.bpm / bpm - 1) ? b : a));
  const NAMES: Record<string, number> = {
    '1': 1,
    '2': 2,
    '1/2': 1 / 2,
    '3': 3,
    '1/3': 1 / 3,
    '3/2': 3 / 2,
    '2/3': 2 / 3,
    '3/4': 3 / 4,
    '4/3': 4 / 3,
  };
  /** Each level's ratio to the first, named by the nearest simple ratio (the grid moves it by < 0.5 %). */
  const ratiosOf = (levels: LevelCandidate[]) =>
    levels.map((c) => {
      const r = c.bpm / levels[0]!.bpm;
      const [name, value] = Object.entries(NAMES).reduce((a, b) =>
        Math.abs(Math.log(b[1] / r)) < Math.abs(Math.log(a[1] / r)) ? b : a,
      );
      expect(Math.abs(r / value - 1)).toBeLessThan(0.005);
      return name;
    });

  it('weighs the winner and its RELATIVES that fall inside the search range', () => {
    expect(ratiosOf(levelCandidates({ bpm: 96, score: 1 }, localBest))).toEqual(['1', '2', '3/2', '2/3']);
    expect(ratiosOf(levelCandidates({ bpm: 60, score: 1 }, localBest))).toEqual(['1', '2', '3', '3/2']);
  });

  it('weighs the ratios it is given instead (a tuning’s relatives)', () => {
    expect(
      ratiosOf(levelCandidates({ bpm: 128, score: 1 }, localBest, [...RELATIVES, 3 / 4, 4 / 3])),
    ).toEqual(['1', '1/2', '3/2', '2/3', '3/4', '4/3']);
    expect(ratiosOf(levelCandidates({ bpm: 128, score: 1 }, localBest, []))).toEqual(['1']);
  });
});
