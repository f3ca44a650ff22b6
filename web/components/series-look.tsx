'use client';

import { useId, useState } from 'react';
import { type SeriesT, usePatchSeries } from '@/lib/api/hooks';
import { SeriesSwatch } from './series-swatch';
import { BusyButton } from './ui/busy-button';

/** One slider of a look editor: which number it sets, its words and its range (the API's). */
interface LookField<K extends string> {
  key: K;
  label: string;
  min: number;
  max: number;
  step: number;
  text: (v: number) => string;
}

type ColourKey = 'primary_hue' | 'secondary_hue' | 'saturation';
type ShapeKey = 'stroke_width_base' | 'rotation_base' | 'gradient_angle' | 'shape_count';

const degrees = (v: number) => `${v}°`;

const COLOUR_FIELDS: readonly LookField<ColourKey>[] = [
  { key: 'primary_hue', label: 'Main colour', min: 0, max: 359, step: 1, text: degrees },
  { key: 'secondary_hue', label: 'Second colour', min: 0, max: 359, step: 1, text: degrees },
  {
    key: 'saturation',
    label: 'Vividness',
    min: 0,
    max: 1,
    step: 0.05,
    text: (v) => `${Math.round(v * 100)} %`,
  },
];

/** The ranges of `Geometry` in contract/src/style.ts (what PATCH /api/style/series/:id accepts). */
const SHAPE_FIELDS: readonly LookField<ShapeKey>[] = [
  { key: 'stroke_width_base', label: 'Line weight', min: 1, max: 48, step: 1, text: String },
  { key: 'rotation_base', label: 'Rotation', min: 0, max: 359, step: 1, text: degrees },
  { key: 'gradient_angle', label: 'Gradient angle', min: 0, max: 359, step: 1, text: degrees },
  { key: 'shape_count', label: 'Shapes', min: 1, max: 24, step: 1, text: String },
];

const pick = <K extends string>(from: Record<K, number>, fields: readonly LookField<K>[]) =>
  Object.fromEntries(fields.map((f) => [f.key, from[f.key]])) as Record<K, number>;

/**
 * A series' colours, changed by the person (the API takes part of a palette; the rest stays as the
 * style seed derived it). The swatch previews the draft; new covers of the series use it once saved,
 * drawn covers keep theirs (a track's "New cover" redraws it).
 */
export function SeriesColours({ s, onClose }: { s: SeriesT; onClose: () => void }) {
  return (
    <LookEditor
      s={s}
      name="Colours"
      what="colours"
      note="New covers of this series use these colours."
      fields={COLOUR_FIELDS}
      initial={pick(s.palette, COLOUR_FIELDS)}
      preview={(d) => ({ ...s, palette: { ...s.palette, ...d } })}
      body={(d) => ({ palette: d })}
      onClose={onClose}
    />
  );
}

/**
 * A series' geometry (line weight, rotation, gradient angle, number of shapes), changed by the
 * person in the same way: previewed on the swatch, used by the series' covers drawn after saving.
 */
export function SeriesShape({ s, onClose }: { s: SeriesT; onClose: () => void }) {
  return (
    <LookEditor
      s={s}
      name="Shape"
      what="shape"
      note="New covers of this series are drawn with this shape."
      fields={SHAPE_FIELDS}
      initial={pick(s.geometry, SHAPE_FIELDS)}
      preview={(d) => ({ ...s, geometry: { ...s.geometry, ...d } })}
      body={(d) => ({ geometry: d })}
      onClose={onClose}
    />
  );
}

function LookEditor<K extends string>({
  s,
  name,
  what,
  note,
  fields,
  initial,
  preview,
  body,
  onClose,
}: {
  s: SeriesT;
  /** The form's name ("Colours" → "Colours of Night drives"). */
  name: string;
  /** The same in a sentence ("Save colours"). */
  what: string;
  /** What saving changes, beside the preview. */
  note: string;
  fields: readonly LookField<K>[];
  initial: Record<K, number>;
  preview: (draft: Record<K, number>) => SeriesT;
  body: (draft: Record<K, number>) => {
    palette?: Partial<SeriesT['palette']>;
    geometry?: Partial<SeriesT['geometry']>;
  };
  onClose: () => void;
}) {
  const patch = usePatchSeries();
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const [saved, setSaved] = useState(false);
  const set = (k: K, v: number) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [k]: v }));
  };
  return (
    <form
      className="mt-3 space-y-2 rounded-lg border border-line bg-bg p-3"
      aria-label={`${name} of ${s.title}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
      onSubmit={(e) => {
        e.preventDefault();
        if (patch.isPending) return;
        patch.mutate({ id: s.id, body: body(draft) }, { onSuccess: () => setSaved(true) });
      }}
    >
      <div className="flex items-center gap-3">
        <SeriesSwatch s={preview(draft)} className="size-12" />
        <p className="text-xs text-muted">{note}</p>
      </div>
      {fields.map((f) => (
        <div key={f.key}>
          <label htmlFor={`${id}-${f.key}`} className="flex justify-between text-xs text-muted">
            <span>{f.label}</span>
            <span className="tabular">{f.text(draft[f.key])}</span>
          </label>
          <input
            id={`${id}-${f.key}`}
            type="range"
            min={f.min}
            max={f.max}
            step={f.step}
            value={draft[f.key]}
            onChange={(e) => set(f.key, Number(e.target.value))}
            className="w-full"
          />
        </div>
      ))}
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <BusyButton
          type="submit"
          busy={patch.isPending}
          className="rounded-md bg-accent px-2 py-1 font-semibold text-accent-fg aria-disabled:opacity-60"
        >
          Save {what}
        </BusyButton>
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
