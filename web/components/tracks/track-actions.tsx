'use client';

import { useState } from 'react';
import { type QualityRefundT, type TrackT, useMoveTrack, useRefundQuality, useSeries } from '@/lib/api/hooks';

/** Moves the track to another of the user's series (PATCH /api/tracks/:id {series_id}). */
export function SeriesPicker({ track }: { track: TrackT }) {
  const series = useSeries();
  const move = useMoveTrack();
  const items = series.data?.items ?? [];
  if (items.length === 0) return null;
  const current = track.series_id ?? items.find((s) => s.is_default)?.id ?? '';
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label htmlFor="track-series" className="text-muted">
        Series
      </label>
      <select
        id="track-series"
        value={current}
        disabled={move.isPending}
        onChange={(e) => move.mutate({ id: track.id, series_id: e.target.value })}
        className="rounded-lg border border-line bg-bg px-2 py-1.5 text-sm"
      >
        {items.map((s) => (
          <option key={s.id} value={s.id}>
            {s.title}
          </option>
        ))}
      </select>
      <span role="status" className="text-xs text-muted">
        {move.isSuccess ? 'Moved. New covers use this series’ palette.' : ''}
      </span>
      {move.error && <p className="w-full text-sm text-danger">{move.error.message}</p>}
    </div>
  );
}

/** Half the track's credits back (rounded up), once, within the refund window; refusals in the API's words. */
export function RefundQuality({ track }: { track: TrackT }) {
  const refund = useRefundQuality();
  const [done, setDone] = useState<QualityRefundT | null>(null);
  return (
    <div className="mt-6 border-t border-line pt-4">
      <button
        type="button"
        disabled={refund.isPending || done !== null}
        className="text-sm text-muted underline-offset-2 hover:text-fg hover:underline disabled:no-underline"
        onClick={() => refund.mutate(track.id, { onSuccess: setDone })}
      >
        Not happy with it? Ask for a quality refund
      </button>
      <p className="mt-2 text-sm" role="status" data-testid="refund-result">
        {done
          ? `Refunded ${done.refunded_credits} ${done.refunded_credits === 1 ? 'credit' : 'credits'}. Your balance is ${done.balance}.`
          : refund.error
            ? refund.error.message
            : ''}
      </p>
    </div>
  );
}
