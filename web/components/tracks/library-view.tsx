'use client';

import type { TrackStatus } from '@soundfoundry/contract';
import { GENRES, TRACK_SORTS, TRACK_STATUSES } from '@soundfoundry/contract/constants';
import dynamic from 'next/dynamic';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSeries, useTracks } from '@/lib/api/hooks';
import { EXAMPLE_PROMPTS } from '@/lib/create/examples';
import type { BulkAction } from '@/lib/library/bulk';
import { setLibraryView, useLibraryView } from '@/lib/library/view';
import { IntentLink } from '../intent-link';
import { GridIcon, ListIcon } from '../ui/icons';
import { TrackCard } from './track-card';
import { TrackList } from './track-list';

// The bulk actions (and their Radix confirmation dialog) load with the first selection:
// nobody needs them to read the library, and they were a tenth of its first-load JS.
const BulkBar = dynamic(() => import('./bulk-bar').then((m) => m.BulkBar), { ssr: false });

const PAGE_SIZE = 12;
const field = 'rounded-lg border border-line bg-surface px-3 py-2 text-sm';
// Sorted by the API over all of the user's tracks (GET /api/tracks?sort=), so page 2 of
// "oldest first" holds the next-oldest tracks, not page 2 of the newest reversed.
type SortKey = (typeof TRACK_SORTS)[number];
const SORT_LABEL: Record<SortKey, string> = {
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
};

export function LibraryView() {
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<TrackStatus | ''>('');
  const [sort, setSort] = useState<SortKey>('newest');
  const [page, setPage] = useState(1);
  // A new filter or order starts again at page 1. The values come from the dropdowns' own options.
  const refilter =
    <T extends string>(set: (v: T) => void) =>
    (v: string) => {
      set(v as T);
      setPage(1);
    };
  useEffect(() => {
    if (search === q) return; // nothing typed: keep the page the user is on
    const t = setTimeout(() => {
      setQ(search);
      setPage(1);
    }, 300);
    return () => clearTimeout(t);
  }, [search, q]);
  const [seriesId, setSeriesId] = useState('');
  const [genre, setGenre] = useState('');
  const series = useSeries();
  const tracks = useTracks({
    page,
    limit: PAGE_SIZE,
    q,
    status,
    series_id: seriesId || undefined,
    genre: genre || undefined,
    // The default order stays out of the key: the server page prefetched the library under it.
    sort: sort === 'newest' ? undefined : sort,
  });
  const total = tracks.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const items = useMemo(() => tracks.data?.items ?? [], [tracks.data]);
  const filtered = Boolean(q || status || seriesId || genre);
  const view = useLibraryView();

  // The selection holds tracks of the page on screen only: a bulk action never reaches a
  // track the user cannot see. Changing page, filter or search clears it.
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const scope = JSON.stringify([page, q, status, seriesId]);
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
    if (action.kind === 'delete') setSelected((cur) => new Set([...cur].filter((id) => !done.includes(id))));
  }, []);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Library</h1>
          <p className="tabular mt-1 text-sm text-muted" aria-live="polite">
            {tracks.data ? `${total} ${total === 1 ? 'track' : 'tracks'}${filtered ? ' found' : ''}` : ' '}
          </p>
        </div>
        <IntentLink
          href="/create"
          className="rounded-xl bg-accent px-4 py-2.5 text-sm font-semibold text-accent-fg hover:bg-accent-hover"
        >
          New track
        </IntentLink>
      </div>
      <search className="flex flex-wrap gap-3 [&>select]:flex-1 sm:[&>select]:flex-none">
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
        {(series.data?.items.length ?? 0) > 1 && (
          <FilterSelect
            id="lib-series"
            label="Series"
            value={seriesId}
            onChange={refilter(setSeriesId)}
            options={[['', 'All series'], ...(series.data?.items ?? []).map((x) => [x.id, x.title] as const)]}
          />
        )}
        <FilterSelect
          id="lib-status"
          label="Status"
          value={status}
          onChange={refilter<TrackStatus | ''>(setStatus)}
          options={[['', 'All statuses'], ...TRACK_STATUSES.map((x) => [x, STATUS_LABEL[x]] as const)]}
        />
        <FilterSelect
          id="lib-genre"
          label="Style"
          value={genre}
          onChange={refilter(setGenre)}
          options={[['', 'All styles'], ...GENRES.map((g) => [g, g.replace(/-/g, ' ')] as const)]}
        />
        <FilterSelect
          id="lib-sort"
          label="Sort"
          value={sort}
          onChange={refilter<SortKey>(setSort)}
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
      )}
      {bulkUsed && <BulkBar ids={[...selected]} onClear={() => setSelected(new Set())} onDone={onBulkDone} />}

      {tracks.isLoading ? (
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
          <p className="rounded-2xl border border-dashed border-line p-10 text-center text-muted">
            No tracks match. Try other words or another status.
          </p>
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
        <TrackList items={items} selected={selected} onSelect={onSelect} />
      ) : (
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="library-grid">
          {items.map((t) => (
            <TrackCard key={t.id} track={t} heading="h2" selected={selected.has(t.id)} onSelect={onSelect} />
          ))}
        </div>
      )}

      {pages > 1 && (
        <nav aria-label="Pages" className="flex items-center justify-center gap-3">
          <button
            type="button"
            disabled={page <= 1}
            onClick={() => setPage((p) => p - 1)}
            className="rounded-lg border border-line px-3 py-2 text-sm disabled:opacity-40"
          >
            Previous
          </button>
          <span className="tabular text-sm text-muted">
            Page {page} of {pages}
          </span>
          <button
            type="button"
            disabled={page >= pages}
            onClick={() => setPage((p) => p + 1)}
            className="rounded-lg border border-line px-3 py-2 text-sm disabled:opacity-40"
          >
            Next
          </button>
        </nav>
      )}
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
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={field}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </>
  );
}
