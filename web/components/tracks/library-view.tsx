'use client';

import type { TrackStatus } from '@soundfoundry/contract';
import { TRACK_STATUSES } from '@soundfoundry/contract/constants';
import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import { type TrackT, useSeries, useTracks } from '@/lib/api/hooks';
import { EXAMPLE_PROMPTS } from '@/lib/create/examples';
import { TrackCard } from './track-card';

const PAGE_SIZE = 12;
const SORTS = {
  newest: { label: 'Newest first', fn: (a: TrackT, b: TrackT) => b.created_at.localeCompare(a.created_at) },
  oldest: { label: 'Oldest first', fn: (a: TrackT, b: TrackT) => a.created_at.localeCompare(b.created_at) },
  title: { label: 'Title A–Z', fn: (a: TrackT, b: TrackT) => a.title.localeCompare(b.title) },
  longest: { label: 'Longest first', fn: (a: TrackT, b: TrackT) => b.duration_s - a.duration_s },
} as const;
type SortKey = keyof typeof SORTS;
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
  useEffect(() => {
    if (search === q) return; // nothing typed: keep the page the user is on
    const t = setTimeout(() => {
      setQ(search);
      setPage(1);
    }, 300);
    return () => clearTimeout(t);
  }, [search, q]);
  const [seriesId, setSeriesId] = useState('');
  const series = useSeries();
  const tracks = useTracks({ page, limit: PAGE_SIZE, q, status, series_id: seriesId || undefined });
  const total = tracks.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const items = useMemo(() => [...(tracks.data?.items ?? [])].sort(SORTS[sort].fn), [tracks.data, sort]);
  const filtered = Boolean(q || status || seriesId);
  const field = 'rounded-lg border border-line bg-surface px-3 py-2 text-sm';

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Library</h1>
          <p className="tabular mt-1 text-sm text-muted" aria-live="polite">
            {tracks.data ? `${total} ${total === 1 ? 'track' : 'tracks'}${filtered ? ' found' : ''}` : ' '}
          </p>
        </div>
        <Link
          href="/create"
          className="rounded-xl bg-accent px-4 py-2.5 text-sm font-semibold text-accent-fg hover:bg-accent-hover"
        >
          New track
        </Link>
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
          <>
            <label htmlFor="lib-series" className="sr-only">
              Series
            </label>
            <select
              id="lib-series"
              value={seriesId}
              onChange={(e) => {
                setSeriesId(e.target.value);
                setPage(1);
              }}
              className={field}
            >
              <option value="">All series</option>
              {series.data?.items.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.title}
                </option>
              ))}
            </select>
          </>
        )}
        <label htmlFor="lib-status" className="sr-only">
          Status
        </label>
        <select
          id="lib-status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as TrackStatus | '');
            setPage(1);
          }}
          className={field}
        >
          <option value="">All statuses</option>
          {TRACK_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
        <label htmlFor="lib-sort" className="sr-only">
          Sort this page
        </label>
        <select
          id="lib-sort"
          value={sort}
          onChange={(e) => setSort(e.target.value as SortKey)}
          className={field}
        >
          {Object.entries(SORTS).map(([k, s]) => (
            <option key={k} value={k}>
              {s.label}
            </option>
          ))}
        </select>
      </search>

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
                  <Link
                    href={`/create?prompt=${encodeURIComponent(p)}`}
                    className="block rounded-xl bg-surface px-4 py-3 text-sm hover:text-accent-text"
                  >
                    {p}
                  </Link>
                </li>
              ))}
            </ul>
            <Link href="/create" className="mt-6 inline-block font-medium text-accent-text hover:underline">
              Create your first track →
            </Link>
          </div>
        )
      ) : (
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="library-grid">
          {items.map((t) => (
            <TrackCard key={t.id} track={t} heading="h2" />
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
