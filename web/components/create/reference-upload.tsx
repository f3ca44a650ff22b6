'use client';

import { useEffect, useId, useState } from 'react';
import { ApiError } from '@/lib/api/client';
import { useAnalyzeReference, useFile } from '@/lib/api/hooks';
import { keyReadingLabel, keyReadings } from '@/lib/create/key-readings';
import { referenceSummary } from '@/lib/create/reference-summary';
import type { ReferenceReading } from '@/lib/create/rules';
import { readingLabel, tempoReadings } from '@/lib/create/tempo-readings';

/**
 * Upload a reference track, see what the analyser heard — and it guides the track: an analysed
 * upload is used at once (its tempo and key fill BPM and Key, as a Suno or Udio user expects of
 * an uploaded reference), until the person says "Don't use this reference" ("Use this reference"
 * takes it back). Picking another tempo or key reading applies it while the reference is in use.
 * Choosing another file (or none) first lets go of the one in use: the form never sends a
 * reference the person can no longer see, whether the new file is analysed or refused.
 * A reference carried over from another track ("Make another like this") is shown by name,
 * with the same Remove.
 */
export function ReferenceUpload({
  onApply,
  onRemove,
  appliedId,
}: {
  onApply: (r: ReferenceReading) => void;
  onRemove: () => void;
  appliedId: string | null;
}) {
  const id = useId();
  const analyze = useAnalyzeReference();
  const [name, setName] = useState('');
  const a = analyze.data?.metadata;
  const fileId = analyze.data?.file_id;
  const readings = tempoReadings(a?.bpm ?? null, a?.bpm_alternatives, a?.bpm_confidence);
  const keys = keyReadings(a?.key, a?.mode, a?.key_alternatives);
  // The tempo and key to apply: the analyser's readings unless the person picks others.
  const [picked, setPicked] = useState<{ fileId: string; bpm: number } | null>(null);
  const [pickedKey, setPickedKey] = useState<{ fileId: string; key: string } | null>(null);
  const bpm = picked && picked.fileId === fileId ? picked.bpm : (readings[0]?.bpm ?? null);
  const key = pickedKey && pickedKey.fileId === fileId ? pickedKey.key : (keys[0]?.key ?? null);
  const inUse = fileId !== undefined && appliedId === fileId;

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
          if (appliedId) onRemove();
          if (f) {
            setName(f.name);
            // Analysed, it is used (only the latest file's answer arrives here: TanStack Query
            // calls mutate's own onSuccess for the last mutate alone).
            analyze.mutate(f, {
              onSuccess: (data) => {
                const m = data.metadata;
                onApply({
                  fileId: data.file_id,
                  bpm: tempoReadings(m.bpm ?? null, m.bpm_alternatives, m.bpm_confidence)[0]?.bpm ?? null,
                  key: keyReadings(m.key, m.mode, m.key_alternatives)[0]?.key ?? null,
                });
              },
            });
          } else {
            analyze.reset();
            setName('');
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
      {appliedId && analyze.data?.file_id !== appliedId && !analyze.isPending && (
        <CarriedReference fileId={appliedId} onRemove={onRemove} />
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
          {readings.length > 1 && (
            <ReadingChoice
              legend="Tempo to use — a beat can be felt at more than one speed"
              options={readings.map((r) => ({ value: r.bpm, label: readingLabel(r) }))}
              value={bpm}
              onPick={(v) => {
                setPicked({ fileId: analyze.data.file_id, bpm: v });
                if (inUse) onApply({ fileId: analyze.data.file_id, bpm: v, key });
              }}
            />
          )}
          {keys.length > 1 && (
            <ReadingChoice
              legend="Key to use — the same notes can be heard from more than one home"
              options={keys.map((r) => ({ value: r.key, label: keyReadingLabel(r) }))}
              value={key}
              onPick={(v) => {
                setPickedKey({ fileId: analyze.data.file_id, key: v });
                if (inUse) onApply({ fileId: analyze.data.file_id, bpm, key: v });
              }}
            />
          )}
          <p
            className={`mt-3 text-sm ${inUse ? 'font-medium' : 'text-muted'}`}
            role="status"
            data-testid="reference-state"
          >
            {inUse
              ? `✓ ${name || 'This file'} guides this track. Its tempo and key went into the BPM and Key fields; change them freely.`
              : `Not used: this track will ignore ${name || 'the file'}.`}
          </p>
          {inUse ? (
            <button
              type="button"
              onClick={onRemove}
              className="mt-2 rounded-lg border border-line px-3 py-1.5 text-sm font-medium hover:bg-surface-2"
            >
              Don’t use this reference
            </button>
          ) : (
            <button
              type="button"
              onClick={() => onApply({ fileId: analyze.data.file_id, bpm, key })}
              className="mt-2 rounded-lg border border-line px-3 py-1.5 text-sm font-medium hover:bg-surface-2"
            >
              Use this reference
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/**
 * A reference applied before this form was opened (the track being remade used it). If the file
 * is gone, it is let go: the form never sends a reference it cannot show.
 */
function CarriedReference({ fileId, onRemove }: { fileId: string; onRemove: () => void }) {
  const file = useFile(fileId);
  const gone = file.error instanceof ApiError && file.error.status === 404;
  useEffect(() => {
    if (gone) onRemove();
  }, [gone, onRemove]);
  if (gone) return null;
  const s = file.data ? referenceSummary(file.data) : null;
  return (
    <div className="rounded-lg border border-line bg-bg p-3 text-sm" data-testid="reference-carried">
      <p role="status">
        {s ? (
          <>
            <span className="font-medium">{s.name}</span>
            {s.heard && <span className="tabular text-muted"> ({s.heard})</span>} guides the track, as it
            guided the one you started from.
          </>
        ) : (
          'The reference of the track you started from guides this one.'
        )}
      </p>
      <button
        type="button"
        onClick={onRemove}
        className="mt-2 rounded-lg border border-line px-3 py-1.5 text-sm font-medium hover:bg-surface-2"
      >
        Remove reference
      </button>
    </div>
  );
}

/** One reading to pick among several (tempo levels, keys): pressed buttons under a legend. */
function ReadingChoice<T extends string | number>({
  legend,
  options,
  value,
  onPick,
}: {
  legend: string;
  options: { value: T; label: string }[];
  value: T | null;
  onPick: (value: T) => void;
}) {
  return (
    <fieldset className="mt-3">
      <legend className="text-xs text-muted">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-1.5">
        {options.map((o) => (
          <button
            key={o.value}
            type="button"
            aria-pressed={o.value === value}
            onClick={() => onPick(o.value)}
            className="tabular rounded-full border border-line px-2.5 py-1 text-xs hover:bg-surface-2 aria-pressed:border-accent aria-pressed:bg-surface-2 aria-pressed:font-semibold"
          >
            {o.label}
          </button>
        ))}
      </div>
    </fieldset>
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
