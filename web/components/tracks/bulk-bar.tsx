'use client';

import { useRef, useState } from 'react';
import { useBulkTracks, useSeries } from '@/lib/api/hooks';
import { type BulkAction, describeOutcome } from '@/lib/library/bulk';
import { BusyButton } from '../ui/busy-button';
import { ConfirmDialog } from '../ui/confirm-dialog';

const btn =
  'rounded-lg border border-line bg-bg px-3 py-1.5 text-sm font-medium hover:bg-surface-2 aria-disabled:opacity-40';

/**
 * Actions on the selected tracks: add to a series, publish, make private, delete (after a
 * confirmation). The outcome is announced politely; what succeeded leaves the selection, so the
 * bar (and the button pressed) may be gone: focus then moves to the outcome. While an action runs
 * the buttons are aria-disabled, not disabled (which would drop keyboard focus at once).
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

  const result = useRef<HTMLParagraphElement>(null);
  const afterClose = useRef<HTMLElement | null>(null);

  const run = (action: BulkAction) => {
    if (busy) return;
    setMessage('');
    bulk.mutate(
      { ids, action },
      {
        onSuccess: (out) => {
          setMessage(describeOutcome(action, out));
          onDone(action, out.done);
          // The delete dialog closes onto the outcome (its trigger goes with the bar); Cancel
          // leaves this unset, and focus returns to the trigger.
          if (confirm) afterClose.current = result.current;
          setConfirm(false);
          // Another action (publish, add to series) keeps the bar and focus on its button; should
          // the bar still go, focus follows to the outcome once it has.
          requestAnimationFrame(() => {
            const at = document.activeElement;
            if (!at || at === document.body) result.current?.focus();
          });
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
            <BusyButton
              className={btn}
              busy={busy}
              unavailable={!target}
              onClick={() => target && run({ kind: 'move', seriesId: target.id, seriesTitle: target.title })}
            >
              Add to series
            </BusyButton>
          </div>
          <BusyButton className={btn} busy={busy} onClick={() => run({ kind: 'publish', public: true })}>
            Publish
          </BusyButton>
          <BusyButton className={btn} busy={busy} onClick={() => run({ kind: 'publish', public: false })}>
            Unpublish
          </BusyButton>
          <ConfirmDialog
            open={confirm}
            onOpenChange={(o) => {
              if (o) afterClose.current = null;
              setConfirm(o);
            }}
            returnFocus={afterClose}
            trigger={
              <BusyButton className={`${btn} text-danger`} busy={busy}>
                Delete…
              </BusyButton>
            }
            title={`Delete ${n} ${n === 1 ? 'track' : 'tracks'}?`}
            description="Their audio, stems, MIDI and covers are deleted for good, and share links stop working. A track still rendering is stopped and its credits are refunded."
            confirmLabel={busy ? 'Deleting…' : `Delete ${n} ${n === 1 ? 'track' : 'tracks'}`}
            busy={busy}
            onConfirm={() => run({ kind: 'delete' })}
          />
          <button
            type="button"
            className="ml-auto px-2 py-1.5 text-sm text-muted hover:text-fg"
            onClick={onClear}
          >
            Clear selection
          </button>
        </section>
      )}
      <p
        ref={result}
        tabIndex={-1}
        role="status"
        className="text-sm text-muted outline-none empty:hidden"
        data-testid="bulk-result"
      >
        {message}
      </p>
    </>
  );
}
