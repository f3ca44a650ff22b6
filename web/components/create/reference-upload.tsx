'use client';

import { useId, useState } from 'react';
import { useAnalyzeReference } from '@/lib/api/hooks';

export interface ReferenceApplied {
  fileId: string;
  bpm: number | null;
  key: string | null;
}

/** Upload a reference track, see what the analyser heard, and apply it to the form. */
export function ReferenceUpload({
  onApply,
  appliedId,
}: {
  onApply: (r: ReferenceApplied) => void;
  appliedId: string | null;
}) {
  const id = useId();
  const analyze = useAnalyzeReference();
  const [name, setName] = useState('');
  const a = analyze.data?.metadata;
  const key = a?.key && a.mode ? `${a.key} ${a.mode}` : null;
  const bpm = a?.bpm != null ? Math.round(a.bpm) : null;

  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block text-sm font-medium">
        Reference track <span className="font-normal text-muted">(MP3, WAV, FLAC, OGG · up to 50 MB)</span>
      </label>
      <input
        id={id}
        type="file"
        accept="audio/*,.mp3,.wav,.flac,.ogg,.opus,.m4a"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) {
            setName(f.name);
            analyze.mutate(f);
          }
        }}
        className="block w-full text-sm text-muted file:mr-3 file:rounded-lg file:border-0 file:bg-surface-2 file:px-3 file:py-2 file:text-sm file:font-medium file:text-fg"
      />
      {analyze.isPending && (
        <p className="text-sm text-muted" role="status">
          Listening to {name}…
        </p>
      )}
      {analyze.error && (
        <p className="text-sm text-danger" role="alert">
          {analyze.error.message}
        </p>
      )}
      {a && analyze.data && (
        <div className="rounded-lg border border-line bg-bg p-3" data-testid="reference-analysis">
          <dl className="tabular grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
            <Fact label="BPM" value={bpm != null ? String(bpm) : '—'} />
            <Fact label="Key" value={key ?? '—'} />
            <Fact label="Energy" value={`${Math.round(a.energy * 100)}%`} />
            <Fact
              label="Loudness"
              value={a.loudness_lufs != null ? `${a.loudness_lufs.toFixed(1)} LUFS` : '—'}
            />
          </dl>
          <button
            type="button"
            onClick={() => onApply({ fileId: analyze.data.file_id, bpm, key })}
            className="mt-3 rounded-lg border border-line px-3 py-1.5 text-sm font-medium hover:bg-surface-2"
          >
            {appliedId === analyze.data.file_id ? 'Applied ✓' : 'Apply to this track'}
          </button>
        </div>
      )}
    </div>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="font-semibold">{value}</dd>
    </div>
  );
}
