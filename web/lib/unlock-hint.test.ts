import { describe, expect, it } from 'vitest';
import { nextUnlockWords } from './unlock-hint';

describe('the next unlock in words', () => {
  it('counts tracks for the count unlocks', () => {
    expect(nextUnlockWords({ id: 'silk_lines', title: 'Silk Lines', remaining: 2 })).toBe(
      'next: Silk Lines, 2 more tracks to go',
    );
    expect(nextUnlockWords({ id: 'geometric', title: 'Geometric', remaining: 1 })).toBe(
      'next: Geometric, 1 more track to go',
    );
  });
  it('says what earns the one-off unlocks, never a misleading count', () => {
    const night = nextUnlockWords({ id: 'midnight_bloom', title: 'Midnight Bloom', remaining: 1 });
    expect(night).toBe(
      'next: Midnight Bloom, for a track made between 22:00 and 05:00 UTC (the hour counts, not how many)',
    );
    expect(night).not.toMatch(/more to go/);
    expect(nextUnlockWords({ id: 'soft_glow', title: 'Soft Glow', remaining: 1 })).toBe(
      'next: Soft Glow, for a finished track with vocals',
    );
    expect(nextUnlockWords(null)).toBe('everything is unlocked');
  });
});
