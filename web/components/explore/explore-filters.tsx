'use client';

import { GENRES } from '@soundfoundry/contract/constants';
import { useRouter } from 'next/navigation';
import { exploreHref } from '@/lib/explore-href';
import { genreLabel } from '@/lib/genre-label';
import { normalizeSearch } from '@/lib/search-params';

const field = 'rounded-lg border border-line bg-surface px-3 py-2 text-sm';

/**
 * Explore's search and genre filter: a plain GET form (it works before the scripts load, and the
 * results are rendered on the server); with scripts, a clean URL and a client-side navigation,
 * and a change of genre applies at once.
 */
export function ExploreFilters({ q, genre, sort }: { q: string; genre: string; sort: string }) {
  const router = useRouter();
  const submit = (form: HTMLFormElement) => {
    const data = new FormData(form);
    router.push(
      exploreHref({
        q: normalizeSearch(String(data.get('q') ?? '')),
        genre: String(data.get('genre') ?? ''),
        sort: String(data.get('sort') ?? ''),
      }),
    );
  };
  return (
    <search>
      <form
        key={`${q}|${genre}|${sort}`}
        action="/explore"
        className="flex flex-wrap gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          submit(e.currentTarget);
        }}
      >
        <label htmlFor="explore-q" className="sr-only">
          Search shared tracks
        </label>
        <input
          id="explore-q"
          name="q"
          type="search"
          defaultValue={q}
          // The API takes 200 characters (normalizeSearch cuts there); the browser counts UTF-16
          // units, two for an emoji or a rarer CJK character, so its cap is twice that.
          maxLength={400}
          placeholder="Search shared tracks..."
          className={`${field} w-full min-w-0 sm:w-auto sm:max-w-sm sm:flex-1`}
        />
        <label htmlFor="explore-genre" className="sr-only">
          Genre
        </label>
        <select
          id="explore-genre"
          name="genre"
          defaultValue={genre}
          onChange={(e) => e.currentTarget.form && submit(e.currentTarget.form)}
          className={`${field} flex-1 sm:flex-none`}
        >
          <option value="">All genres</option>
          {GENRES.map((g) => (
            <option key={g} value={g}>
              {genreLabel(g)}
            </option>
          ))}
        </select>
        <label htmlFor="explore-sort" className="sr-only">
          Order
        </label>
        <select
          id="explore-sort"
          name="sort"
          defaultValue={sort}
          onChange={(e) => e.currentTarget.form && submit(e.currentTarget.form)}
          className={`${field} flex-1 sm:flex-none`}
        >
          <option value="newest">Newest</option>
          <option value="popular">Most liked</option>
        </select>
        <button
          type="submit"
          className="rounded-lg bg-accent px-4 py-2 text-sm font-semibold text-accent-fg hover:bg-accent-hover"
        >
          Search
        </button>
      </form>
    </search>
  );
}
