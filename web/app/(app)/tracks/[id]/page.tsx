import { HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { TrackView } from '@/components/tracks/track-view';
import { keys } from '@/lib/api/keys';
import { missingForVisitor, prefetchAsVisitor, readAsVisitor } from '@/lib/api/server';

/** The tab reads the track's title (the read is cached for the request, which the prefetch shares). */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const track = await readAsVisitor<{ title: string }>(`/api/tracks/${encodeURIComponent(id)}`);
  return { title: track?.title ?? 'Track' };
}

export default async function TrackPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // A deleted, private or impossible track is a real 404 (status and page), not a 200 that says so.
  if (await missingForVisitor(`/api/tracks/${encodeURIComponent(id)}`)) notFound();
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
