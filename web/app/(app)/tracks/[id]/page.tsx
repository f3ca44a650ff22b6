import { HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { TrackView } from '@/components/tracks/track-view';
import { keys } from '@/lib/api/keys';
import { prefetchAsVisitor } from '@/lib/api/server';

export const metadata: Metadata = { title: 'Track' };

export default async function TrackPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // The track in the first HTML: its cover (the page's largest paint) and metadata need no
  // round trip after hydration.
  const state = await prefetchAsVisitor([
    { key: keys.track(id), path: `/api/tracks/${encodeURIComponent(id)}` },
  ]);
  return (
    <HydrationBoundary state={state}>
      <TrackView id={id} />
    </HydrationBoundary>
  );
}
