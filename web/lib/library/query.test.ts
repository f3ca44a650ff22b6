import { describe, expect, it } from 'vitest';
import { tracksPath } from '../api/keys';
import {
  DEFAULT_LIBRARY_QUERY,
  libraryQueryString,
  nextLibraryQuery,
  parseLibraryQuery,
  tracksParamsOf,
} from './query';

const SERIES = '0b6f3a52-8c1e-4d7a-9f2b-3c4d5e6f7a8b';

describe('library query in the URL', () => {
  it('reads every field from the browser URL and from a page’s searchParams alike', () => {
    const url = `q=rainy+night&status=COMPLETE&series=${SERIES.toUpperCase()}&genre=lo-fi&style=bossa-nova&sort=oldest&page=3`;
    const expected = {
      q: 'rainy night',
      status: 'COMPLETE',
      series: SERIES,
      genre: 'lo-fi',
      style: 'bossa-nova',
      sort: 'oldest',
      page: 3,
    };
    expect(parseLibraryQuery(new URLSearchParams(url))).toEqual(expected);
    expect(
      parseLibraryQuery({
        q: 'rainy night',
        status: 'COMPLETE',
        series: SERIES,
        genre: ['lo-fi', 'techno'],
        style: 'bossa-nova',
        sort: 'oldest',
        page: '3',
      }),
    ).toEqual(expected);
  });

  it('drops what the API would refuse instead of showing an error', () => {
    const q = parseLibraryQuery(
      new URLSearchParams({
        q: `  a\u0000b${'x'.repeat(300)}`,
        status: 'DONE',
        series: 'not-a-uuid',
        genre: 'polka',
        style: 'Bossa Nova',
        sort: 'random',
        page: '2.5',
      }),
    );
    expect(q).toEqual({ ...DEFAULT_LIBRARY_QUERY, q: `ab${'x'.repeat(198)}` });
    for (const page of ['0', '-1', '10001', 'abc', '1e3x', ''])
      expect(parseLibraryQuery(new URLSearchParams({ page })).page, page).toBe(1);
    expect(parseLibraryQuery(new URLSearchParams({ page: '10000' })).page).toBe(10_000);
    // A style id is shape-checked only (which ids exist is the API's vocabulary).
    for (const style of ['bossa nova', '-reggae', 'a--b', 'x'.repeat(41), 'Waltz'])
      expect(parseLibraryQuery(new URLSearchParams({ style })).style, style).toBe('');
    expect(parseLibraryQuery(new URLSearchParams({ style: 'string-quartet' })).style).toBe('string-quartet');
  });

  it('writes only what differs from the default, and reads back what it wrote', () => {
    expect(libraryQueryString(DEFAULT_LIBRARY_QUERY)).toBe('');
    const query = {
      ...DEFAULT_LIBRARY_QUERY,
      q: 'lo-fi & rain?',
      genre: 'lo-fi',
      sort: 'title' as const,
      page: 2,
    };
    const s = libraryQueryString(query);
    expect(s).toBe('?q=lo-fi+%26+rain%3F&genre=lo-fi&sort=title&page=2');
    expect(parseLibraryQuery(new URLSearchParams(s.slice(1)))).toEqual(query);
  });

  it('starts again at page 1 on a new search, filter or order; a page change keeps the rest', () => {
    const on3 = { ...DEFAULT_LIBRARY_QUERY, genre: 'techno', page: 3 };
    expect(nextLibraryQuery(on3, { sort: 'oldest' })).toEqual({ ...on3, sort: 'oldest', page: 1 });
    expect(nextLibraryQuery(on3, { q: 'x' }).page).toBe(1);
    expect(nextLibraryQuery(on3, { page: 4 })).toEqual({ ...on3, page: 4 });
  });

  it('asks the API for the page the URL shows, the default order left to the API', () => {
    expect(tracksPath(tracksParamsOf(DEFAULT_LIBRARY_QUERY))).toBe('/api/tracks?page=1&limit=12');
    const query = parseLibraryQuery(new URLSearchParams(`genre=techno&sort=longest&page=2&series=${SERIES}`));
    expect(tracksPath(tracksParamsOf(query))).toBe(
      `/api/tracks?page=2&limit=12&series_id=${SERIES}&genre=techno&sort=longest`,
    );
    const bossa = parseLibraryQuery(new URLSearchParams('style=bossa-nova'));
    expect(libraryQueryString(bossa)).toBe('?style=bossa-nova');
    expect(tracksPath(tracksParamsOf(bossa))).toBe('/api/tracks?page=1&limit=12&style=bossa-nova');
  });
});
