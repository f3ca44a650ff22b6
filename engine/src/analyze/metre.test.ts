import { describe, expect, it } from 'vitest';
import { FEATURES, type Feature, METRE_TREES, type MetreTree, treeValue } from './metre.ts';

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
