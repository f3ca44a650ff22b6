'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiFetch } from '@/lib/api/client';
import { isMissingEndpoint, useMe, useSeries, useStyleUnlocks } from '@/lib/api/hooks';
import { Unavailable } from './ui/unavailable';

const UNLOCKS = [
  ['silk_lines', 'Silk lines', 'after 3 tracks'],
  ['soft_glow', 'Soft glow', 'after a track with vocals'],
  ['midnight_bloom', 'Midnight bloom', 'after a track made 22:00–05:00 UTC'],
  ['geometric', 'Geometric', 'after 10 tracks'],
  ['halftone', 'Halftone', 'after 25 tracks'],
  ['aurora', 'Aurora', 'after 50 tracks'],
] as const;

export function SeriesView() {
  const series = useSeries();
  const unlocks = useStyleUnlocks();
  const me = useMe();
  const qc = useQueryClient();
  const [title, setTitle] = useState('');
  const create = useMutation({
    mutationFn: (t: string) => apiFetch('/api/style/series', { body: { title: t } }),
    onSuccess: () => {
      setTitle('');
      void qc.invalidateQueries({ queryKey: ['series'] });
    },
  });
  const have = new Set(me.data?.style_unlocks ?? []);

  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Series</h1>
        <p className="mt-2 text-muted">A series gives your covers one palette and geometry, like an album.</p>
      </div>
      <section aria-labelledby="series-h" className="space-y-4">
        <h2 id="series-h" className="text-xl font-semibold">
          Your series
        </h2>
        {series.isLoading ? (
          <div className="h-24 animate-pulse rounded-xl bg-surface" />
        ) : series.error ? (
          isMissingEndpoint(series.error) ? (
            <Unavailable what="Series" />
          ) : (
            <p className="text-danger">{series.error.message}</p>
          )
        ) : (
          <>
            <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {(series.data?.items ?? []).map((s) => (
                <li
                  key={s.id}
                  className="flex items-center gap-3 rounded-xl border border-line bg-surface p-4"
                >
                  <span
                    aria-hidden="true"
                    className="size-12 shrink-0 rounded-lg"
                    style={{
                      background: `linear-gradient(${s.geometry.gradient_angle}deg, hsl(${s.palette.primary_hue} ${s.palette.saturation * 100}% ${s.palette.luminance_base * 100}%), hsl(${s.palette.secondary_hue} ${s.palette.saturation * 100}% ${s.palette.luminance_base * 100}%))`,
                    }}
                  />
                  <div>
                    <p className="font-medium">{s.title}</p>
                    <p className="text-xs text-muted">{s.is_default ? 'Default series' : s.slug}</p>
                  </div>
                </li>
              ))}
            </ul>
            <form
              className="flex max-w-md gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                if (title.trim()) create.mutate(title.trim());
              }}
            >
              <label htmlFor="series-title" className="sr-only">
                New series title
              </label>
              <input
                id="series-title"
                value={title}
                onChange={(e) => setTitle(e.target.value)}
                placeholder="New series title"
                className="min-w-0 flex-1 rounded-lg border border-line bg-surface px-3 py-2 text-sm"
              />
              <button
                type="submit"
                className="rounded-lg bg-accent px-4 py-2 text-sm font-semibold text-accent-fg"
              >
                Create
              </button>
            </form>
            {create.error && <p className="text-sm text-danger">{create.error.message}</p>}
          </>
        )}
      </section>
      <section aria-labelledby="unlocks-h" className="space-y-4">
        <h2 id="unlocks-h" className="text-xl font-semibold">
          Cover styles you unlock
        </h2>
        {unlocks.error && !isMissingEndpoint(unlocks.error) && (
          <p className="text-danger">{unlocks.error.message}</p>
        )}
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {UNLOCKS.map(([id, name, when]) => (
            <li key={id} className="rounded-xl border border-line bg-surface p-4">
              <p className="font-medium">
                {name} {have.has(id) ? <span className="text-success">· unlocked</span> : null}
              </p>
              <p className="text-xs text-muted">
                {have.has(id) ? 'Used on your new covers' : `Unlocks ${when}`}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
