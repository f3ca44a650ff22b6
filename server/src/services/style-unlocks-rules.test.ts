import { describe, expect, it } from 'vitest';
import { describeUnlocks, earnedUnlocks, isNightUtc, mergeUnlocks } from './style-unlocks-rules.ts';

const stats = (completed: number, withVocals = 0, atNight = 0) => ({ completed, withVocals, atNight });

describe('unlock rules (DESIGN.md §4)', () => {
  it.each([
    [stats(0), []],
    [stats(2), []],
    [stats(3), ['silk_lines']],
    [stats(9, 1), ['silk_lines', 'soft_glow']],
    [stats(10, 0, 1), ['silk_lines', 'midnight_bloom', 'geometric']],
    [stats(24), ['silk_lines', 'geometric']],
    [stats(25), ['silk_lines', 'geometric', 'halftone']],
    [stats(49, 3, 2), ['silk_lines', 'soft_glow', 'midnight_bloom', 'geometric', 'halftone']],
    [stats(50, 1, 1), ['silk_lines', 'soft_glow', 'midnight_bloom', 'geometric', 'halftone', 'aurora']],
  ] as const)('%o earns %o', (s, expected) => {
    expect(earnedUnlocks(s)).toEqual(expected);
  });

  it('night is 22:00 ≤ t < 05:00 UTC', () => {
    const at = (h: number, m = 0) => new Date(Date.UTC(2026, 0, 1, h, m));
    expect([21, 22, 23, 0, 4, 5, 12].map((h) => isNightUtc(at(h)))).toEqual([
      false,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(isNightUtc(at(4, 59))).toBe(true);
    expect(isNightUtc(at(21, 59))).toBe(false);
  });

  it('a recompute keeps what was earned and is idempotent', () => {
    const once = mergeUnlocks(['geometric'], stats(3));
    expect(once).toEqual(['silk_lines', 'geometric']);
    expect(mergeUnlocks(once, stats(3))).toEqual(once);
    expect(mergeUnlocks(['not-an-unlock'], stats(0))).toEqual([]);
  });

  it('says what comes next and how far away it is', () => {
    const r = describeUnlocks(['silk_lines'], stats(7));
    expect(r.unlocked).toEqual(['silk_lines']);
    expect(r.next).toMatchObject({ id: 'soft_glow', remaining: 1 });
    const geo = r.items.find((i) => i.id === 'geometric')!;
    expect(geo).toMatchObject({ unlocked: false, progress: { current: 7, target: 10 }, remaining: 3 });
    const all = describeUnlocks(
      ['silk_lines', 'soft_glow', 'midnight_bloom', 'geometric', 'halftone', 'aurora'],
      stats(60, 1, 1),
    );
    expect(all.next).toBeNull();
    expect(all.items.every((i) => i.remaining === 0)).toBe(true);
  });
});
