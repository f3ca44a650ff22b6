'use client';

import { useId, useRef, useState } from 'react';
import { type SeriesT, usePatchSeries } from '@/lib/api/hooks';
import { SeriesSwatch } from './series-swatch';

interface Draft {
  primary_hue: number;
  secondary_hue: number;
  saturation: number;
}

/**
 * A series' colours, changed by the person (the API takes part of a palette; the rest stays as the
 * style seed derived it). The swatch previews the draft; new covers of the series use it once saved,
 * drawn covers keep theirs (a track's "New cover" redraws it).
 */
export function SeriesColours({ s, onClose }: { s: SeriesT; onClose: () => void }) {
  const patch = usePatchSeries();
  const id = useId();
  const [draft, setDraft] = useState<Draft>({
    primary_hue: s.palette.primary_hue,
    secondary_hue: s.palette.secondary_hue,
    saturation: s.palette.saturation,
  });
  const [saved, setSaved] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const set = (k: keyof Draft, v: number) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [k]: v }));
  };
  const slider = (k: keyof Draft, label: string, max: number, step: number, text: string) => (
    <div>
      <label htmlFor={`${id}-${k}`} className="flex justify-between text-xs text-muted">
        <span>{label}</span>
        <span className="tabular">{text}</span>
      </label>
      <input
        ref={k === 'primary_hue' ? first : undefined}
        id={`${id}-${k}`}
        type="range"
        min={0}
        max={max}
        step={step}
        value={draft[k]}
        onChange={(e) => set(k, Number(e.target.value))}
        className="w-full"
      />
    </div>
  );
  return (
    <form
      className="mt-3 space-y-2 rounded-lg border border-line bg-bg p-3"
      aria-label={`Colours of ${s.title}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
      onSubmit={(e) => {
        e.preventDefault();
        if (patch.isPending) return;
        patch.mutate({ id: s.id, body: { palette: draft } }, { onSuccess: () => setSaved(true) });
      }}
    >
      <div className="flex items-center gap-3">
        <SeriesSwatch s={{ ...s, palette: { ...s.palette, ...draft } }} className="size-12" />
        <p className="text-xs text-muted">New covers of this series use these colours.</p>
      </div>
      {slider('primary_hue', 'Main colour', 359, 1, `${draft.primary_hue}°`)}
      {slider('secondary_hue', 'Second colour', 359, 1, `${draft.secondary_hue}°`)}
      {slider('saturation', 'Vividness', 1, 0.05, `${Math.round(draft.saturation * 100)} %`)}
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <button
          type="submit"
          aria-disabled={patch.isPending}
          className="rounded-md bg-accent px-2 py-1 font-semibold text-accent-fg aria-disabled:opacity-60"
        >
          Save colours
        </button>
        <button
          type="button"
          onClick={onClose}
          className="rounded-md px-2 py-1 text-muted hover:bg-surface-2"
        >
          Close
        </button>
        <span role="status" className="text-success">
          {saved ? 'Saved.' : ''}
        </span>
      </div>
      {patch.error && (
        <p role="alert" className="text-xs text-danger">
          {patch.error.message}
        </p>
      )}
    </form>
  );
}
