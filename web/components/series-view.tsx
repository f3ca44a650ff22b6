'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import {
  type SeriesT,
  useCreateSeries,
  useDeleteSeries,
  usePatchSeries,
  useSeries,
  useStyleUnlocks,
} from '@/lib/api/hooks';
import { DEFAULT_LIBRARY_QUERY, libraryQueryString } from '@/lib/library/query';
import { nextUnlockWords } from '@/lib/unlock-hint';
import { SeriesColours, SeriesShape } from './series-look';
import { SeriesSwatch } from './series-swatch';
import { BusyButton } from './ui/busy-button';
import { ConfirmDialog } from './ui/confirm-dialog';
import { Meter } from './ui/meter';
import { useInlineEdit } from './ui/use-inline-edit';

export function SeriesView() {
  const series = useSeries();
  const unlocks = useStyleUnlocks();
  const create = useCreateSeries();
  const [title, setTitle] = useState('');
  // "You already have a series called …" holds for the list it was said of: once the list changes
  // (that series renamed or deleted), it no longer does.
  const items = series.data?.items;
  const resetCreate = create.reset;
  useEffect(() => {
    if (items) resetCreate();
  }, [items, resetCreate]);

  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Series</h1>
        <p className="mt-2 text-muted">A series gives your covers one palette and geometry, like an album.</p>
      </div>
      <section aria-labelledby="series-h" className="space-y-4">
        {/* Focus lands here when a series card (and the button pressed in it) is deleted. */}
        <h2 id="series-h" tabIndex={-1} className="text-xl font-semibold outline-none">
          Your series
        </h2>
        {series.isLoading ? (
          <div className="h-24 animate-pulse rounded-xl bg-surface" />
        ) : series.error ? (
          <p className="text-danger">{series.error.message}</p>
        ) : (
          <>
            <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {(series.data?.items ?? []).map((s) => (
                <SeriesCard key={s.id} s={s} />
              ))}
            </ul>
            <form
              className="flex max-w-md gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                if (create.isPending) return;
                if (title.trim()) create.mutate({ title: title.trim() }, { onSuccess: () => setTitle('') });
              }}
            >
              <label htmlFor="series-title" className="sr-only">
                New series title
              </label>
              <input
                id="series-title"
                value={title}
                maxLength={80}
                onChange={(e) => {
                  setTitle(e.target.value);
                  if (create.isError) create.reset();
                }}
                placeholder="New series title"
                className="min-w-0 flex-1 rounded-lg border border-line bg-surface px-3 py-2 text-sm"
              />
              <BusyButton
                type="submit"
                busy={create.isPending}
                className="rounded-lg bg-accent px-4 py-2 text-sm font-semibold text-accent-fg aria-disabled:opacity-60"
              >
                Create series
              </BusyButton>
            </form>
            {create.error && <p className="text-sm text-danger">{create.error.message}</p>}
          </>
        )}
      </section>
      <section aria-labelledby="unlocks-h" className="space-y-4">
        <h2 id="unlocks-h" className="text-xl font-semibold">
          Cover styles you unlock
        </h2>
        {unlocks.error && <p className="text-danger">{unlocks.error.message}</p>}
        {unlocks.data && (
          <p className="text-sm text-muted" data-testid="unlocks-next">
            {unlocks.data.completed_tracks} finished{' '}
            {unlocks.data.completed_tracks === 1 ? 'track' : 'tracks'}
            {` · ${nextUnlockWords(unlocks.data.next)}`}
          </p>
        )}
        <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {(unlocks.data?.items ?? []).map((u) => (
            <li
              key={u.id}
              className="rounded-xl border border-line bg-surface p-4"
              data-unlocked={u.unlocked}
            >
              <p className="font-medium">
                {u.title} {u.unlocked ? <span className="text-success">· unlocked</span> : null}
              </p>
              <p className="mt-1 text-xs text-muted">{u.effect}</p>
              {!u.unlocked && (
                <>
                  <p className="mt-2 text-xs">{u.rule}</p>
                  <Meter
                    label={`${u.title} progress`}
                    value={u.progress.current}
                    max={u.progress.target}
                    className="mt-2"
                  />
                  <p className="tabular mt-1 text-xs text-muted">
                    {u.progress.current} / {u.progress.target}
                  </p>
                </>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function SeriesCard({ s }: { s: SeriesT }) {
  const patch = usePatchSeries();
  const del = useDeleteSeries();
  const edit = useInlineEdit();
  const { editing, field } = edit;
  // One look editor open at a time: Colours or Shape (each previews on its own swatch).
  const [look, setLook] = useState<'colours' | 'shape' | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const afterDelete = useRef<HTMLElement | null>(null);
  const coloursButton = useRef<HTMLButtonElement>(null);
  const shapeButton = useRef<HTMLButtonElement>(null);
  const [value, setValue] = useState(s.title);
  const [empty, setEmpty] = useState(false);
  const open = () => {
    setValue(s.title);
    setEmpty(false);
    patch.reset();
    edit.open();
  };
  const close = () => {
    setEmpty(false);
    edit.close();
  };
  return (
    <li className="rounded-xl border border-line bg-surface p-4" data-testid="series-card">
      <div className="flex items-center gap-3">
        <SeriesSwatch s={s} />
        <div className="min-w-0 flex-1">
          {editing ? (
            <form
              className="flex gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                const title = value.trim();
                setEmpty(!title);
                if (!title || patch.isPending) return;
                // Closed only once saved: a refusal stays on screen beside the field.
                patch.mutate({ id: s.id, body: { title } }, { onSuccess: close });
              }}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.preventDefault();
                  close();
                }
              }}
            >
              <label htmlFor={`rename-${s.id}`} className="sr-only">
                New title for {s.title}
              </label>
              <input
                ref={field}
                id={`rename-${s.id}`}
                value={value}
                maxLength={80}
                onChange={(e) => {
                  setValue(e.target.value);
                  setEmpty(false);
                }}
                aria-invalid={empty || patch.isError ? true : undefined}
                aria-describedby={empty || patch.isError ? `rename-${s.id}-error` : undefined}
                className="min-w-0 flex-1 rounded-md border border-line bg-bg px-2 py-1 text-sm"
              />
              <button
                type="submit"
                className="rounded-md bg-accent px-2 py-1 text-xs font-semibold text-accent-fg"
              >
                Save
              </button>
            </form>
          ) : (
            <p dir="auto" className="truncate font-medium" title={s.title}>
              {s.title}
            </p>
          )}
          <p className="tabular text-xs text-muted">
            {/* The default series says so; the others need no label (their slug is not for people). */}
            {s.is_default && 'Default series · '}
            {s.track_count > 0 ? (
              // The series' tracks: the library, filtered by it (the filter lives in the URL).
              <Link
                href={`/library${libraryQueryString({ ...DEFAULT_LIBRARY_QUERY, series: s.id })}`}
                className="text-accent-text underline underline-offset-2"
              >
                {s.track_count} {s.track_count === 1 ? 'track' : 'tracks'}
              </Link>
            ) : (
              '0 tracks'
            )}
          </p>
        </div>
      </div>
      {editing && (empty || patch.error) && (
        <p id={`rename-${s.id}-error`} role="alert" className="mt-2 text-xs text-danger">
          {empty ? 'Give the series a title: it cannot be empty.' : patch.error?.message}
        </p>
      )}
      {/* -ml-2: the buttons' padding (their hover background) sits outside, their words line up with the swatch. */}
      <div className="mt-3 -ml-2 flex gap-2 text-xs">
        <button
          ref={edit.opener}
          type="button"
          onClick={() => (editing ? close() : open())}
          className="rounded-md px-2 py-1 text-muted hover:bg-surface-2 hover:text-fg"
          aria-label={editing ? `Cancel renaming ${s.title}` : `Rename ${s.title}`}
        >
          {editing ? 'Cancel' : 'Rename'}
        </button>
        <button
          ref={coloursButton}
          type="button"
          aria-expanded={look === 'colours'}
          onClick={() => setLook(look === 'colours' ? null : 'colours')}
          className="rounded-md px-2 py-1 text-muted hover:bg-surface-2 hover:text-fg"
          aria-label={`Colours of ${s.title}`}
        >
          Colours
        </button>
        <button
          ref={shapeButton}
          type="button"
          aria-expanded={look === 'shape'}
          onClick={() => setLook(look === 'shape' ? null : 'shape')}
          className="rounded-md px-2 py-1 text-muted hover:bg-surface-2 hover:text-fg"
          aria-label={`Shape of ${s.title}`}
        >
          Shape
        </button>
        {!s.is_default && (
          <ConfirmDialog
            open={confirmDelete}
            onOpenChange={(o) => {
              if (o) afterDelete.current = null;
              setConfirmDelete(o);
            }}
            returnFocus={afterDelete}
            trigger={
              <button
                type="button"
                className="rounded-md px-2 py-1 text-danger hover:bg-surface-2"
                aria-label={`Delete ${s.title}`}
              >
                Delete
              </button>
            }
            title={`Delete “${s.title}”?`}
            description={`Its ${s.track_count} ${s.track_count === 1 ? 'track moves' : 'tracks move'} to your default series; no track is deleted.`}
            error={del.error?.message}
            confirmLabel="Delete series"
            busy={del.isPending}
            onConfirm={() =>
              del.mutate(s.id, {
                onSuccess: () => {
                  // The card and its Delete button go with the series: the dialog closes onto the list's heading.
                  afterDelete.current = document.getElementById('series-h');
                  setConfirmDelete(false);
                },
              })
            }
          />
        )}
      </div>
      {look === 'colours' && (
        <SeriesColours
          s={s}
          onClose={() => {
            setLook(null);
            coloursButton.current?.focus();
          }}
        />
      )}
      {look === 'shape' && (
        <SeriesShape
          s={s}
          onClose={() => {
            setLook(null);
            shapeButton.current?.focus();
          }}
        />
      )}
    </li>
  );
}
