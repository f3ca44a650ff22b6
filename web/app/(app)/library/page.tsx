import { HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { LibraryView } from '@/components/tracks/library-view';
import { keys, type TracksParams, tracksPath } from '@/lib/api/keys';
import { prefetchAsVisitor } from '@/lib/api/server';

export const metadata: Metadata = { title: 'Library' };

// The library's first page as LibraryView asks for it on arrival (no search, no filter):
// the list is in the first HTML. If the view's parameters change, keep this in step (a
// different key is only a missed prefetch: the view fetches it itself).
const FIRST_PAGE: TracksParams = { page: 1, limit: 12, q: '', status: '' };

export default async function LibraryPage() {
  // The series too: the filter beside the search shows once there is more than one.
  const state = await prefetchAsVisitor([
    { key: keys.tracks(FIRST_PAGE), path: tracksPath(FIRST_PAGE) },
    { key: keys.series, path: '/api/style/series' },
  ]);
  return (
    <HydrationBoundary state={state}>
      <LibraryView />
    </HydrationBoundary>
  );
}
