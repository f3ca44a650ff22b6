'use client';

import * as Dialog from '@radix-ui/react-dialog';
import { useState } from 'react';
import { useBulkTracks, useSeries } from '@/lib/api/hooks';
import { type BulkAction, describeOutcome } from '@/lib/library/bulk';

const btn =
  'rounded-lg border border-line bg-bg px-3 py-1.5 text-sm font-medium hover:bg-surface-2 disabled:opacity-40';

/**
 * Actions on the selected tracks: add to a series, publish, make private, delete (after a
 * confirmation). The outcome is announced politely; what succeeded leaves the selection.
 */
export function BulkBar({
  ids,
  onClear,
  onDone,
}: {
  ids: string[];
  onClear: () => void;
  /** Ids the action succeeded for. */
  onDone: (action: BulkAction, done: string[]) => void;
}) {
  const bulk = useBulkTracks();
  const series = useSeries();
  const [seriesId, setSeriesId] = useState('');
  const [confirm, setConfirm] = useState(false);
  const [message, setMessage] = useState('');
  const n = ids.length;
  const busy = bulk.isPending;

  const run = (action: BulkAction) => {
    setMessage('');
    bulk.mutate(
      { ids, action },
      {
        onSuccess: (out) => {
          setMessage(describeOutcome(action, out));
          onDone(action, out.done);
          setConfirm(false);
        },
        onError: (err) => setMessage(err.message),
      },
    );
  };
  const target = series.data?.items.find((s) => s.id === seriesId);

  return (
    <>
      {n > 0 && (
        <section
          aria-label="Selected tracks"
          data-testid="bulk-bar"
          className="sticky top-2 z-30 flex flex-wrap items-center gap-2 rounded-xl border border-accent/60 bg-surface/95 p-2 shadow-lg backdrop-blur"
        >
          <p className="tabular px-2 text-sm font-semibold">{n} selected</p>
          <div className="flex items-center gap-1">
            <label htmlFor="bulk-series" className="sr-only">
              Series to add the selected tracks to
            </label>
            <select
              id="bulk-series"
              value={seriesId}
              onChange={(e) => setSeriesId(e.target.value)}
              className="rounded-lg border border-line bg-bg px-2 py-1.5 text-sm"
            >
              <option value="">Choose a series…</option>
              {series.data?.items.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
            <button
              type="button"
              className={btn}
              disabled={busy || !target}
              onClick={() => target && run({ kind: 'move', seriesId: target.id, seriesTitle: target.title })}
            >
              Add to series
            </button>
          </div>
          <button
            type="button"
            className={btn}
            disabled={busy}
            onClick={() => run({ kind: 'publish', public: true })}
          >
            Publish
          </button>
          <button
            type="button"
            className={btn}
            disabled={busy}
            onClick={() => run({ kind: 'publish', public: false })}
          >
            Unpublish
          </button>
          <Dialog.Root open={confirm} onOpenChange={setConfirm}>
            <Dialog.Trigger className={`${btn} text-danger`} disabled={busy}>
              Delete…
            </Dialog.Trigger>
            <Dialog.Portal>
              <Dialog.Overlay className="fixed inset-0 z-50 bg-black/60" />
              <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(92vw,26rem)] -translate-x-1/2 -translate-y-1/2 rounded-2xl border border-line bg-surface p-6 shadow-2xl">
                <Dialog.Title className="text-lg font-semibold">
                  Delete {n} {n === 1 ? 'track' : 'tracks'}?
                </Dialog.Title>
                <Dialog.Description className="mt-2 text-sm text-muted">
                  Their audio, stems, MIDI and covers are deleted for good, and share links stop working. A
                  track still rendering is stopped and its credits are refunded.
                </Dialog.Description>
                <div className="mt-6 flex justify-end gap-2">
                  <Dialog.Close className="rounded-lg px-4 py-2 text-sm">Cancel</Dialog.Close>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => run({ kind: 'delete' })}
                    className="rounded-lg bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800"
                  >
                    {busy ? 'Deleting…' : `Delete ${n} ${n === 1 ? 'track' : 'tracks'}`}
                  </button>
                </div>
              </Dialog.Content>
            </Dialog.Portal>
          </Dialog.Root>
          <button
            type="button"
            className="ml-auto px-2 py-1.5 text-sm text-muted hover:text-fg"
            onClick={onClear}
          >
            Clear selection
          </button>
        </section>
      )}
      <p role="status" className="text-sm text-muted empty:hidden" data-testid="bulk-result">
        {message}
      </p>
    </>
  );
}
