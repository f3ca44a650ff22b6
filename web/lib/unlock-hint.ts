import type { UnlockStatus } from '@soundfoundry/contract';

/**
 * The line under "Cover styles you unlock" about the next one. A count of tracks says how many
 * more ("Silk Lines, 2 more tracks to go"); the one-off unlocks say what earns them instead of a
 * count that misleads: Midnight Bloom depends on the hour a track is made (22:00–05:00 UTC), Soft
 * Glow on a track with vocals — making more tracks by day never earns it.
 */
export function nextUnlockWords(next: Pick<UnlockStatus, 'id' | 'title' | 'remaining'> | null): string {
  if (!next) return 'everything is unlocked';
  if (next.id === 'midnight_bloom')
    return `next: ${next.title}, for a track made between 22:00 and 05:00 UTC (the hour counts, not how many)`;
  if (next.id === 'soft_glow') return `next: ${next.title}, for a finished track with vocals`;
  return `next: ${next.title}, ${next.remaining} more ${next.remaining === 1 ? 'track' : 'tracks'} to go`;
}
