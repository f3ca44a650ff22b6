import { HydrationBoundary, hashKey } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LibraryView } from '@/components/tracks/library-view';
import { keys, tracksPath } from '@/lib/api/keys';
import { prefetchAsVisitor } from '@/lib/api/server';
import {
  LIBRARY_PAGE_SIZE,
  libraryQueryString,
  parseLibraryQuery,
  tracksParamsOf,
} from '@/lib/library/query';
import { lastPageIfPastEnd } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Library' };

export default async function LibraryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // The page of tracks the URL asks for (/library?genre=techno&page=2), read the way LibraryView
  // reads it, so the list is in the first HTML of a shared or reloaded link too. The series too:
  // the filter beside the search shows once there is more than one.
  const query = parseLibraryQuery(await searchParams);
  const params = tracksParamsOf(query);
  const key = keys.tracks(params);
  const state = await prefetchAsVisitor([
    { key, path: tracksPath(params) },
    { key: keys.series, path: '/api/style/series' },
    // The style filter's named styles (GET /api/styles): a link to ?style=bossa-nova shows it chosen.
    { key: keys.styles, path: '/api/styles' },
  ]);
  // A link to a page past the end (tracks deleted since it was made): the last page instead.
  const list = state.queries.find((q) => q.queryHash === hashKey(key))?.state.data as
    | { items: unknown[]; total: number }
    | undefined;
  const last =
    list &&
    lastPageIfPastEnd({
      page: query.page,
      shown: list.items.length,
      total: list.total,
      size: LIBRARY_PAGE_SIZE,
    });
  if (last) redirect(`/library${libraryQueryString({ ...query, page: last })}`);
  return (
    <HydrationBoundary state={state}>
      <LibraryView />
    </HydrationBoundary>
  );
}
