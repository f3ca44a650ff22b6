import {
  STYLE_UNLOCKS,
  type StyleUnlock,
  type UnlockStatus,
  type UnlocksResponse,
} from '@soundfoundry/contract';

// Unlock rules (DESIGN.md §4 "Unlocks"). Pure: what a user's completed tracks earn.

/** What is known about a user's completed tracks. */
export interface TrackStats {
  completed: number;
  /** Completed tracks with vocals. */
  withVocals: number;
  /** Completed tracks created between 22:00 and 05:00 UTC. */
  atNight: number;
}

interface Rule {
  id: StyleUnlock;
  title: string;
  rule: string;
  effect: string;
  target: number;
  measure: keyof TrackStats;
}

export const UNLOCK_RULES: readonly Rule[] = [
  {
    id: 'silk_lines',
    title: 'Silk Lines',
    rule: 'Complete 3 tracks',
    effect: 'Two bundles of hairlines sweep across the artwork like silk thread.',
    target: 3,
    measure: 'completed',
  },
  {
    id: 'soft_glow',
    title: 'Soft Glow',
    rule: 'Complete a track with vocals',
    effect: 'Light blooms over the artwork’s focus and rises from a corner.',
    target: 1,
    measure: 'withVocals',
  },
  {
    id: 'midnight_bloom',
    title: 'Midnight Bloom',
    rule: 'Complete a track created between 22:00 and 05:00 UTC',
    effect: 'Covers turn to an indigo night with a flower in bloom and stars.',
    target: 1,
    measure: 'atNight',
  },
  {
    id: 'geometric',
    title: 'Geometric',
    rule: 'Complete 10 tracks',
    effect: 'Construction lines: circle, inscribed polygon, axes, ticks and registration marks.',
    target: 10,
    measure: 'completed',
  },
  {
    id: 'halftone',
    title: 'Halftone',
    rule: 'Complete 25 tracks',
    effect: 'An offset-print dot screen that swells along the series’ gradient angle.',
    target: 25,
    measure: 'completed',
  },
  {
    id: 'aurora',
    title: 'Aurora',
    rule: 'Complete 50 tracks',
    effect: 'Curtains of green and violet light across the sky.',
    target: 50,
    measure: 'completed',
  },
];

/** The hour test of midnight_bloom: 22:00 ≤ t < 05:00 UTC. */
export function isNightUtc(date: Date): boolean {
  const h = date.getUTCHours();
  return h >= 22 || h < 5;
}

/** Unlocks these stats earn, in the canonical order. */
export function earnedUnlocks(stats: TrackStats): StyleUnlock[] {
  return UNLOCK_RULES.filter((r) => stats[r.measure] >= r.target).map((r) => r.id);
}

/**
 * What a recompute stores: what was stored plus what the tracks earn now. Unlocks are rewards and
 * are kept once earned (deleting tracks takes none away), so recomputing is idempotent.
 */
export function mergeUnlocks(stored: readonly string[], stats: TrackStats): StyleUnlock[] {
  const have = new Set<string>([...stored, ...earnedUnlocks(stats)]);
  return STYLE_UNLOCKS.filter((u) => have.has(u));
}

/** GET /api/style/unlocks: every unlock with its progress, and the nearest locked one. */
export function describeUnlocks(stored: readonly string[], stats: TrackStats): UnlocksResponse {
  const have = new Set(stored);
  const items: UnlockStatus[] = UNLOCK_RULES.map((r) => {
    const unlocked = have.has(r.id);
    const current = Math.min(stats[r.measure], r.target);
    return {
      id: r.id,
      title: r.title,
      rule: r.rule,
      effect: r.effect,
      unlocked,
      progress: { current: unlocked ? r.target : current, target: r.target },
      remaining: unlocked ? 0 : r.target - current,
    };
  });
  const locked = items.filter((i) => !i.unlocked);
  // Nearest first; ties go to the rule listed first (the count ladder before the one-off rules).
  const next = locked.reduce<UnlockStatus | null>(
    (best, i) => (!best || i.remaining < best.remaining ? i : best),
    null,
  );
  return {
    unlocked: STYLE_UNLOCKS.filter((u) => have.has(u)),
    items,
    next,
    completed_tracks: stats.completed,
  };
}
