import type { TrackStatus } from '@soundfoundry/contract';
import { GENRES, TRACK_SORTS, TRACK_STATUSES } from '@soundfoundry/contract/constants';
import type { TracksParams } from '../api/keys';
import {
  normalizeSearch,
  oneOf,
  pageNumber,
  paramReader,
  type SearchParamsLike,
  styleId,
} from '../search-params';

// The library's search, filters, order and page live in its URL (/library?genre=techno&sort=oldest&page=2):
// a link shows the same list to whoever opens it, Back returns to the previous filter, and a reload
// keeps them. Both the server page (prefetch) and the view read the URL through parseLibraryQuery
// and ask the API through tracksParamsOf, so the prefetched page is the one the view asks for.

export type LibrarySort = (typeof TRACK_SORTS)[number];

export interface LibraryQuery {
  q: string;
  status: TrackStatus | '';
  series: string;
  genre: string;
  /** A style id of GET /api/styles: the style a finished track was made in (narrower than a genre). */
  style: string;
  sort: LibrarySort;
  page: number;
}

export const LIBRARY_PAGE_SIZE = 12;
export const DEFAULT_LIBRARY_QUERY: LibraryQuery = {
  q: '',
  status: '',
  series: '',
  genre: '',
  style: '',
  sort: 'newest',
  page: 1,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The library query a URL asks for; anything the API would refuse falls back to its default. */
export function parseLibraryQuery(params: SearchParamsLike): LibraryQuery {
  const get = paramReader(params);
  const q = normalizeSearch(get('q') ?? '');
  const series = get('series') ?? '';
  return {
    q,
    status: oneOf(TRACK_STATUSES, get('status')) ?? '',
    series: UUID.test(series) ? series.toLowerCase() : '',
    genre: oneOf(GENRES, get('genre')) ?? '',
    style: styleId(get('style')) ?? '',
    sort: oneOf(TRACK_SORTS, get('sort')) ?? 'newest',
    page: pageNumber(get('page')),
  };
}

/** The URL's query string for a library query ('' for the default), defaults left out. */
export function libraryQueryString(query: LibraryQuery): string {
  const qs = new URLSearchParams();
  if (query.q) qs.set('q', query.q);
  if (query.status) qs.set('status', query.status);
  if (query.series) qs.set('series', query.series);
  if (query.genre) qs.set('genre', query.genre);
  if (query.style) qs.set('style', query.style);
  if (query.sort !== 'newest') qs.set('sort', query.sort);
  if (query.page > 1) qs.set('page', String(query.page));
  const s = qs.toString();
  return s ? `?${s}` : '';
}

/**
 * The next query after a change: a new search, filter or order starts again at page 1; a change
 * of page alone keeps the rest.
 */
export function nextLibraryQuery(current: LibraryQuery, change: Partial<LibraryQuery>): LibraryQuery {
  const next = { ...current, ...change };
  const onlyPage = Object.keys(change).every((k) => k === 'page');
  return onlyPage ? next : { ...next, page: change.page ?? 1 };
}

/** What the view and the server's prefetch ask GET /api/tracks for (one key for both). */
export function tracksParamsOf(query: LibraryQuery): TracksParams {
  return {
    page: query.page,
    limit: LIBRARY_PAGE_SIZE,
    q: query.q,
    status: query.status,
    series_id: query.series || undefined,
    genre: query.genre || undefined,
    style: query.style || undefined,
    // The default order stays out of the key and the request (the API's default).
    sort: query.sort === 'newest' ? undefined : query.sort,
  };
}
