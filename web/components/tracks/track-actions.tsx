'use client';

import { useEffect, useRef, useState } from 'react';
import {
  type QualityRefundT,
  type TrackT,
  useCredits,
  useMoveTrack,
  useRefundQuality,
  useSeries,
} from '@/lib/api/hooks';
import {
  isAlreadyRefunded,
  qualityRefundDone,
  qualityRefundedOn,
  qualityRefundQuestion,
} from '@/lib/quality-refund';
import { BusyButton } from '../ui/busy-button';
import { LocalTime } from '../ui/local-time';

/** The series picker's row height (its select), for the placeholder that holds its place. */
const SERIES_ROW_HEIGHT = 'min-h-[2.125rem]';

/**
 * Moves the track to another of the user's series (PATCH /api/tracks/:id {series_id}). Choosing in
 * the menu is not moving (WCAG 3.2.2): the arrow keys change a focused select's value at each press,
 * and a move on each change sent the track through every series on the way. The choice is kept
 * here until Move confirms it.
 */
export function SeriesPicker({ track }: { track: TrackT }) {
  const series = useSeries();
  const move = useMoveTrack();
  // The series chosen in the menu and not yet moved to (null: the track's own).
  const [chosen, setChosen] = useState<string | null>(null);
  const [moved, setMoved] = useState('');
  const select = useRef<HTMLSelectElement>(null);
  const items = series.data?.items ?? [];
  // While the list loads, an empty row of the picker's height holds its place: the waveform and
  // buttons below do not jump down under the reader's pointer when it arrives.
  if (series.isPending) return <div className={SERIES_ROW_HEIGHT} aria-hidden="true" />;
  if (items.length === 0) return null;
  const current = track.series_id ?? items.find((s) => s.is_default)?.id ?? '';
  const value = chosen ?? current;
  const changed = value !== current;
  return (
    <form
      className={`flex flex-wrap items-center gap-2 text-sm ${SERIES_ROW_HEIGHT}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!changed || move.isPending) return;
        const title = items.find((s) => s.id === value)?.title ?? 'the series';
        move.mutate(
          { id: track.id, series_id: value },
          {
            onSuccess: () => {
              setChosen(null);
              setMoved(`Moved to ${title}. New covers use this series’ palette.`);
              // Move leaves with the difference: focus goes back to the menu, not to the page's body.
              select.current?.focus();
            },
          },
        );
      }}
    >
      <label htmlFor="track-series" className="text-muted">
        Series
      </label>
      <select
        ref={select}
        id="track-series"
        value={value}
        onChange={(e) => {
          setChosen(e.target.value);
          setMoved('');
          move.reset();
        }}
        // As wide as the longest series title at most the row's width (phones) or 20rem.
        className="min-w-0 max-w-full rounded-lg border border-line bg-bg px-2 py-1.5 text-sm sm:max-w-xs"
      >
        {items.map((s) => (
          <option key={s.id} value={s.id}>
            {s.title}
          </option>
        ))}
      </select>
      {changed && (
        // Busy while it saves, keeping keyboard focus (BusyButton).
        <BusyButton
          type="submit"
          busy={move.isPending}
          busyLabel="Moving…"
          className="rounded-lg bg-accent px-3 py-1.5 text-sm font-semibold text-accent-fg hover:bg-accent-hover aria-disabled:cursor-wait aria-disabled:opacity-60"
        >
          Move
        </BusyButton>
      )}
      <span role="status" className="text-xs text-muted">
        {moved}
      </span>
      {move.error && (
        <p role="alert" className="w-full text-sm text-danger">
          {move.error.message}
        </p>
      )}
    </form>
  );
}

/**
 * "Ask for a quality refund" in two steps: the first click says what will happen — how many of
 * the track's credits come back, once per track, within the refund window (GET /api/credits'
 * `quality_refund_days`, fetched on intent) — with Refund and Cancel (or Escape); Refund does it. The API's
 * refusals (already refunded, window closed) are shown in its words.
 */
export function RefundQuality({ track }: { track: TrackT }) {
  const refund = useRefundQuality();
  // One refund per press: a second click before the first answer (a double-click) sends nothing.
  const inFlight = useRef(false);
  const [wanted, setWanted] = useState(false);
  const days = useCredits(wanted).data?.quality_refund_days;
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState<QualityRefundT | null>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  // A refund already made (the owner's GET /api/tracks/:id says so): said, not offered again.
  const refunded = track.quality_refund ?? null;
  const question = useRef<HTMLParagraphElement>(null);
  const result = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (asking) question.current?.focus();
  }, [asking]);
  const cancel = () => {
    setAsking(false);
    // The trigger is back in the next render: focus returns to it.
    requestAnimationFrame(() => trigger.current?.focus());
  };

  return (
    <div className="mt-6 border-t border-line pt-4">
      {asking ? (
        // biome-ignore lint/a11y/noStaticElementInteractions: Escape from inside cancels, as the Cancel button does
        <div
          className="space-y-3 rounded-xl border border-line bg-bg p-4"
          data-testid="refund-confirm"
          onKeyDown={(e) => {
            if (e.key === 'Escape' && !refund.isPending) cancel();
          }}
        >
          <p ref={question} tabIndex={-1} className="text-sm outline-none">
            {qualityRefundQuestion(track.credits_required, days)}
          </p>
          <div className="flex flex-wrap gap-2">
            {/* Busy while the refund is asked for, keeping keyboard focus (BusyButton); once done,
                focus moves to what happened. */}
            <BusyButton
              busy={refund.isPending}
              busyLabel="Refunding…"
              onClick={() => {
                if (inFlight.current) return;
                inFlight.current = true;
                refund.mutate(track.id, {
                  onSuccess: (r) => {
                    setDone(r);
                    setAsking(false);
                    requestAnimationFrame(() => result.current?.focus());
                  },
                  // Refunded meanwhile (another tab): the track's record says so, not an error.
                  onError: (err) => (isAlreadyRefunded(err) ? setAsking(false) : cancel()),
                  onSettled: () => {
                    inFlight.current = false;
                  },
                });
              }}
              className="rounded-lg bg-accent px-3 py-1.5 text-sm font-semibold text-accent-fg hover:bg-accent-hover aria-disabled:cursor-wait aria-disabled:opacity-60"
            >
              Refund
            </BusyButton>
            <BusyButton
              busy={refund.isPending}
              onClick={cancel}
              className="rounded-lg border border-line px-3 py-1.5 text-sm font-medium hover:bg-surface-2 aria-disabled:opacity-60"
            >
              Cancel
            </BusyButton>
          </div>
        </div>
      ) : refunded && !done ? (
        <p className="text-sm text-muted" data-testid="refund-made">
          {qualityRefundedOn(refunded.credits)} <LocalTime iso={refunded.refunded_at} dateOnly />.
        </p>
      ) : (
        done === null && (
          <p className="text-sm text-muted">
            Not happy with it?{' '}
            <button
              ref={trigger}
              type="button"
              onPointerEnter={() => setWanted(true)}
              onFocus={() => setWanted(true)}
              onClick={() => {
                setWanted(true);
                refund.reset();
                setAsking(true);
              }}
              className="font-medium text-accent-text underline underline-offset-2 hover:no-underline"
            >
              Ask for a quality refund
            </button>
          </p>
        )
      )}
      <p
        ref={result}
        tabIndex={-1}
        className="mt-2 text-sm outline-none"
        role="status"
        data-testid="refund-result"
      >
        {done
          ? qualityRefundDone(done)
          : refund.error && !isAlreadyRefunded(refund.error)
            ? refund.error.message
            : ''}
      </p>
    </div>
  );
}
