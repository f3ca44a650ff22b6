'use client';

import { useTracks } from '@/lib/api/hooks';
import { RECENT_TRACKS } from '@/lib/api/keys';
import { IntentLink } from '../intent-link';
import { TrackCard } from '../tracks/track-card';
import { TrackQueue } from '../tracks/track-play';

/** The newest tracks beside the form: a new one appears at once with its live progress. */
export function RecentTracks() {
  const tracks = useTracks(RECENT_TRACKS);
  const items = tracks.data?.items ?? [];
  return (
    <section aria-labelledby="recent-h" className="space-y-3">
      <div className="flex items-baseline justify-between">
        <h2 id="recent-h" className="text-lg font-semibold">
          Recent
        </h2>
        <IntentLink href="/library" className="text-sm text-accent-text hover:underline">
          All tracks
        </IntentLink>
      </div>
      {tracks.isLoading ? (
        <div className="h-24 animate-pulse rounded-xl bg-surface" />
      ) : items.length === 0 ? (
        <p className="rounded-xl border border-dashed border-line p-6 text-sm text-muted">
          Your tracks appear here, with their progress while they render.
        </p>
      ) : (
        <TrackQueue tracks={items}>
          <div className="space-y-3" data-testid="recent-tracks">
            {items.map((t) => (
              <TrackCard key={t.id} track={t} focusWhenReady />
            ))}
          </div>
        </TrackQueue>
      )}
    </section>
  );
}
