// What a stored reference file says about itself, in words, pure. The file's metadata is the
// analysis stored at upload (a loose record: analyses stored before a field existed lack it).

export interface ReferenceSummary {
  /** The name it was uploaded under, or a neutral stand-in when none was kept. */
  name: string;
  /** "92 BPM · A minor", from what the analyser heard; empty when it heard neither. */
  heard: string;
}

export function referenceSummary(file: {
  original_filename: string | null;
  metadata: Record<string, unknown> | null;
}): ReferenceSummary {
  const m = file.metadata ?? {};
  const bpm = typeof m.bpm === 'number' && Number.isFinite(m.bpm) && m.bpm > 0 ? Math.round(m.bpm) : null;
  const key =
    typeof m.key === 'string' && (m.mode === 'major' || m.mode === 'minor') ? `${m.key} ${m.mode}` : null;
  return {
    name: file.original_filename?.trim() || 'Reference track',
    heard: [bpm !== null ? `${bpm} BPM` : null, key].filter(Boolean).join(' · '),
  };
}
