'use client';

import { useEffect, useState } from 'react';
import { apiFetch } from '@/lib/api/client';
import type { PacksT } from '@/lib/api/hooks';
import { pppBandLabel } from '@/lib/ppp-band-label';
import { PackGrid } from './packs';

/**
 * The pricing page's packs, from GET /api/credits/packs (signed out: the request country's
 * band; signed in: the user's own prices). The marketing pages have no query cache, so
 * this fetches by itself.
 */
export function LivePacks() {
  const [solidarity, setSolidarity] = useState(false);
  const [data, setData] = useState<PacksT | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    const ac = new AbortController();
    apiFetch<PacksT>(`/api/credits/packs?solidarity=${solidarity}`, { signal: ac.signal }).then(
      (d) => {
        setData(d);
        setError('');
      },
      (e: unknown) => {
        if (!ac.signal.aborted) setError(e instanceof Error ? e.message : 'Could not load the prices.');
      },
    );
    return () => ac.abort();
  }, [solidarity]);

  if (error) return <p className="text-center text-danger">{error}</p>;
  if (!data) return <div className="h-40 animate-pulse rounded-3xl bg-surface" aria-busy="true" />;
  return (
    <div className="space-y-4">
      <PackGrid data={data} />
      <div className="flex flex-wrap items-center justify-center gap-x-6 gap-y-2 text-sm text-muted">
        <span>
          Prices for the {pppBandLabel(data.breakdown.ppp_band).toLowerCase()} band, in USD
          {data.breakdown.solidarity_opt_in ? ', with solidarity pricing' : ''}.
        </span>
        <label className="inline-flex items-center gap-2">
          <input
            type="checkbox"
            checked={solidarity}
            onChange={(e) => setSolidarity(e.target.checked)}
            className="size-4"
          />
          Show solidarity prices (−15 %)
        </label>
      </div>
    </div>
  );
}
