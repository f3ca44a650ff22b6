'use client';

import type { TrackStatus } from '@soundfoundry/contract';
import { GENRES, TRACK_SORTS, TRACK_STATUSES } from '@soundfoundry/contract/constants';
import dynamic from 'next/dynamic';
import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSeries, useStyles, useTracks } from '@/lib/api/hooks';
import { EXAMPLE_PROMPTS } from '@/lib/create/examples';
import { genreLabel } from '@/lib/genre-label';
import type { BulkAction } from '@/lib/library/bulk';
import {
  LIBRARY_PAGE_SIZE,
  type LibraryQuery,
  type LibrarySort,
  libraryQueryString,
  nextLibraryQuery,
  parseLibraryQuery,
  tracksParamsOf,
} from '@/lib/library/query';
import { setLibraryView, useLibraryView } from '@/lib/library/view';
import { usePlayer } from '@/lib/player/store';
import { lastPageIfPastEnd, normalizeSearch } from '@/lib/search-params';
import { IntentLink } from '../intent-link';
import { GridIcon, ListIcon } from '../ui/icons';
import { Pager } from '../ui/pager';
import { TrackCard } from './track-card';
import { TrackList } from './track-list';
import { PlayAllButton, TrackQueue } from './track-play';

// The bulk actions (and their Radix confirmation dialog) load with the first selection:
// nobody needs them to read the library, and they were a tenth of its first-load JS.
const BulkBar = dynamic(() => import('./bulk-bar').then((m) => m.BulkBar), { ssr: false });

const field = 'rounded-lg border border-line bg-surface px-3 py-2 text-sm';
// Sorted by the API over all of the user's tracks (GET /api/tracks?sort=), so page 2 of
// "oldest first" holds the next-oldest tracks, not page 2 of the newest reversed.
const SORT_LABEL: Record<LibrarySort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  title: 'Title A–Z',
  longest: 'Longest first',
};
const STATUS_LABEL: Record<TrackStatus, string> = {
  QUEUED: 'Queued',
  RENDERING: 'Rendering',
  MASTERING: 'Mastering',
  COMPLETE: 'Ready',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};

export function LibraryView() {
  // Search, filters, order and page are the URL's (lib/library/query.ts): shareable, kept on
  // reload, and Back returns to the previous filter. The URL changes through the History API,
  // which Next.js syncs with useSearchParams without a server round trip.
  const searchParams = useSearchParams();
  const query = useMemo(() => parseLibraryQuery(searchParams), [searchParams]);
  const go = useCallback(
    (change: Partial<LibraryQuery>, how: 'push' | 'replace' = 'push') => {
      const url = `${window.location.pathname}${libraryQueryString(nextLibraryQuery(query, change))}`;
      if (how === 'push') window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
    },
    [query],
  );
  // Search and filters off, the order kept.
  const clearFilters = () => go({ q: '', status: '', series: '', genre: '', style: '' });
  // The dropdowns' values come from their own options.
  const refilter = (key: 'status' | 'series' | 'sort') => (value: string) =>
    go({ [key]: value } as Partial<LibraryQuery>);
  // The style menu holds genres ("All jazz": genre=jazz) and named styles (style=bossa-nova): one or the other.
  const restyle = (value: string) =>
    go(
      (GENRES as readonly string[]).includes(value)
        ? { genre: value, style: '' }
        : { genre: '', style: value },
    );
  const styles = useStyles();

  // The search box: what is typed goes to the URL after a pause. The first search after none is a
  // new history entry (Back returns to the whole library); refining it replaces that entry.
  const [search, setSearch] = useState(query.q);
  const written = useRef(query.q); // the search this box last put in the URL
  useEffect(() => {
    if (query.q === written.current) return;
    written.current = query.q; // Back, a link or "Clear filters" changed it: show it
    setSearch(query.q);
  }, [query.q]);
  useEffect(() => {
    const q = normalizeSearch(search);
    if (q === query.q) return; // nothing new typed: keep the page the user is on
    const t = setTimeout(() => {
      written.current = q;
      go({ q }, query.q ? 'replace' : 'push');
    }, 300);
    return () => clearTimeout(t);
  }, [search, query.q, go]);

  const series = useSeries();
  const tracks = useTracks(tracksParamsOf(query));
  const total = tracks.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / LIBRARY_PAGE_SIZE));
  const items = useMemo(() => tracks.data?.items ?? [], [tracks.data]);
  const filtered = Boolean(query.q || query.status || query.series || query.genre || query.style);
  // A page that no longer exists (tracks deleted on it) shows the last one (links: the server page).
  // Judged on the page's own answer, not on the previous one kept on screen while it loads.
  const lastPage =
    tracks.data && !tracks.isPlaceholderData
      ? lastPageIfPastEnd({ page: query.page, shown: items.length, total, size: LIBRARY_PAGE_SIZE })
      : null;
  useEffect(() => {
    if (lastPage !== null) go({ page: lastPage }, 'replace');
  }, [lastPage, go]);
  // The previous answer stays on screen while the next loads, unless it is an empty page (the
  // one just emptied by a delete): that would say "Your library is empty" until page 1 came.
  const waiting = tracks.isLoading || lastPage !== null || (tracks.isPlaceholderData && items.length === 0);
  const view = useLibraryView();

  // The selection holds tracks of the page on screen only: a bulk action never reaches a
  // track the user cannot see. Changing page, filter or search clears it.
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const scope = libraryQueryString(query);
  const lastScope = useRef(scope);
  useEffect(() => {
    if (lastScope.current === scope) return;
    lastScope.current = scope;
    setSelected(new Set());
  }, [scope]);
  // Tracks that left the page (deleted, filtered out after a move) leave the selection.
  useEffect(() => {
    const here = new Set(items.map((t) => t.id));
    setSelected((cur) => {
      const kept = [...cur].filter((id) => here.has(id));
      return kept.length === cur.size ? cur : new Set(kept);
    });
  }, [items]);
  const onSelect = useCallback((id: string, on: boolean) => {
    setSelected((cur) => {
      const next = new Set(cur);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  const allOn = items.length > 0 && items.every((t) => selected.has(t.id));
  const someOn = selected.size > 0 && !allOn;
  const selectAll = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = someOn;
  }, [someOn]);
  // Escape clears the selection, from wherever focus is (not from the delete confirmation:
  // there Escape only closes the dialog).
  const hasSelection = selected.size > 0;
  // Mounted from the first selection on, then kept: its status line still has to announce
  // the outcome of a delete that emptied the selection.
  const [bulkUsed, setBulkUsed] = useState(false);
  if (hasSelection && !bulkUsed) setBulkUsed(true);
  useEffect(() => {
    if (!hasSelection) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
      setSelected(new Set());
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hasSelection]);
  const onBulkDone = useCallback((action: BulkAction, done: string[]) => {
    // A deleted track is gone; a published or moved one stays selected for the next action.
    if (action.kind === 'delete') {
      setSelected((cur) => new Set([...cur].filter((id) => !done.includes(id))));
      usePlayer.getState().forget(done); // nor does it play on, or wait in the queue
    }
  }, []);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Library</h1>
          <div className="mt-1 flex items-baseline gap-3 text-sm">
            <p className="tabular text-muted" aria-live="polite">
              {tracks.data ? `${total} ${total === 1 ? 'track' : 'tracks'}${filtered ? ' found' : ''}` : ' '}
            </p>
            {filtered && total > 0 && (
              <button
                type="button"
                onClick={clearFilters}
                className="font-medium text-accent-text hover:underline"
              >
                Clear filters
              </button>
            )}
          </div>
        </div>
        <IntentLink
          href="/create"
          className="rounded-xl bg-accent px-4 py-2.5 text-sm font-semibold text-accent-fg hover:bg-accent-hover"
        >
          New track
        </IntentLink>
      </div>
      {/* On a phone the filters go two to a row (half the row each, less half the gap): four in one
          row cut their choices to "All statuse" and "Newest fir". From sm up they sit in one row. */}
      <search className="flex flex-wrap gap-3 [&>select]:flex-1 [&>select]:basis-[calc(50%-0.375rem)] sm:[&>select]:flex-none sm:[&>select]:basis-auto">
        <label htmlFor="lib-search" className="sr-only">
          Search tracks
        </label>
        <input
          id="lib-search"
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="Search tracks..."
          className={`${field} w-full min-w-0 sm:w-auto sm:max-w-sm sm:flex-1`}
        />
        {((series.data?.items.length ?? 0) > 1 || query.series !== '') && (
          <FilterSelect
            id="lib-series"
            label="Series"
            value={query.series}
            onChange={refilter('series')}
            options={[['', 'All series'], ...(series.data?.items ?? []).map((x) => [x.id, x.title] as const)]}
          />
        )}
        <FilterSelect
          id="lib-status"
          label="Status"
          value={query.status}
          onChange={refilter('status')}
          options={[['', 'All statuses'], ...TRACK_STATUSES.map((x) => [x, STATUS_LABEL[x]] as const)]}
        />
        <StyleSelect
          value={query.style || query.genre}
          onChange={restyle}
          styles={styles.data?.items ?? []}
        />
        <FilterSelect
          id="lib-sort"
          label="Sort"
          value={query.sort}
          onChange={refilter('sort')}
          options={TRACK_SORTS.map((k) => [k, SORT_LABEL[k]] as const)}
        />
      </search>

      {items.length > 0 && (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <label className="flex cursor-pointer items-center gap-2 text-sm text-muted">
            <input
              ref={selectAll}
              type="checkbox"
              checked={allOn}
              onChange={(e) => setSelected(e.target.checked ? new Set(items.map((t) => t.id)) : new Set())}
              className="size-6 accent-accent"
            />
            Select all on this page
          </label>
          <div className="flex items-center gap-3">
            <PlayAllButton tracks={items} />
            <fieldset className="flex rounded-lg border border-line p-0.5">
              <legend className="sr-only">View</legend>
              {(
                [
                  ['grid', 'Grid view', GridIcon],
                  ['list', 'List view', ListIcon],
                ] as const
              ).map(([v, label, Icon]) => (
                <button
                  key={v}
                  type="button"
                  aria-pressed={view === v}
                  aria-label={label}
                  title={label}
                  onClick={() => setLibraryView(v)}
                  className={`grid size-8 place-items-center rounded-md ${view === v ? 'bg-surface-2 text-fg' : 'text-muted hover:text-fg'}`}
                >
                  <Icon className="size-4" />
                </button>
              ))}
            </fieldset>
          </div>
        </div>
      )}
      {bulkUsed && <BulkBar ids={[...selected]} onClear={() => setSelected(new Set())} onDone={onBulkDone} />}

      {waiting ? (
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {[0, 1, 2].map((i) => (
            <div key={i} className="h-24 animate-pulse rounded-xl bg-surface" />
          ))}
        </div>
      ) : tracks.error ? (
        <p role="alert" className="text-danger">
          {tracks.error.message}
        </p>
      ) : items.length === 0 ? (
        filtered ? (
          <div className="rounded-2xl border border-dashed border-line p-10 text-center text-muted">
            <p>No tracks match. Try other words or another filter.</p>
            <button
              type="button"
              onClick={clearFilters}
              className="mt-4 font-medium text-accent-text hover:underline"
            >
              Clear filters
            </button>
          </div>
        ) : (
          <div className="rounded-2xl border border-dashed border-line p-10 text-center">
            <h2 className="text-xl font-semibold">Your library is empty</h2>
            <p className="mt-2 text-muted">Start with one of these, or write your own.</p>
            <ul className="mx-auto mt-6 flex max-w-2xl flex-col gap-2">
              {EXAMPLE_PROMPTS.slice(0, 3).map((p) => (
                <li key={p}>
                  <IntentLink
                    href={`/create?prompt=${encodeURIComponent(p)}`}
                    className="block rounded-xl bg-surface px-4 py-3 text-sm hover:text-accent-text"
                  >
                    {p}
                  </IntentLink>
                </li>
              ))}
            </ul>
            <IntentLink
              href="/create"
              className="mt-6 inline-block font-medium text-accent-text hover:underline"
            >
              Create your first track →
            </IntentLink>
          </div>
        )
      ) : view === 'list' ? (
        <TrackQueue tracks={items}>
          <TrackList items={items} selected={selected} onSelect={onSelect} />
        </TrackQueue>
      ) : (
        <TrackQueue tracks={items}>
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="library-grid">
            {items.map((t) => (
              <TrackCard
                key={t.id}
                track={t}
                heading="h2"
                selected={selected.has(t.id)}
                onSelect={onSelect}
              />
            ))}
          </div>
        </TrackQueue>
      )}

      {pages > 1 && <Pager page={query.page} pages={pages} onPage={(page) => go({ page })} />}
    </div>
  );
}

/** One of the library's dropdowns: a native select with a label for screen readers. */
function FilterSelect({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly (readonly [value: string, text: string])[];
}) {
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      {/* A select is as wide as its longest option (an 80-character series title): capped, so that it
          neither widens a phone's page nor squeezes the search box. */}
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className={`${field} min-w-0 max-w-full sm:max-w-48`}
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </>
  );
}

/**
 * The style filter: every genre ("All jazz", the track's genre) with its named styles under it
 * ("Bossa nova", the style a finished track was made in: GET /api/styles), as a native select
 * with one group per genre. A style id from a link that the list does not hold is kept as an option,
 * so the menu never claims "All styles" over a filtered list.
 */
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function StyleSelect({
  value,
  onChange,
  styles,
}: {
  value: string;
  onChange: (value: string) => void;
  styles: readonly { id: string; name: string; genre: string }[];
}) {
  const genres = GENRES as readonly string[];
  const named = styles.filter((s) => !genres.includes(s.id));
  const unknown = value !== '' && !genres.includes(value) && !named.some((s) => s.id === value);
  return (
    <>
      <label htmlFor="lib-style" className="sr-only">
        Style
      </label>
      <select
        id="lib-style"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className={`${field} min-w-0 max-w-full sm:max-w-48`}
      >
        <option value="">All styles</option>
        {unknown && <option value={value}>{value.replace(/-/g, ' ')}</option>}
        {GENRES.map((g) => (
          <optgroup key={g} label={capitalised(genreLabel(g))}>
            <option value={g}>All {genreLabel(g)}</option>
            {named
              .filter((s) => s.genre === g)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
    </>
  );
}
