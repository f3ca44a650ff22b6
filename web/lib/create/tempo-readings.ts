import { LIMITS } from '@soundfoundry/contract/constants';

// The tempo readings a reference offers, pure. A beat can be heard at more than one level (a
// half-time groove at 150 is also a backbeat at 75), so the analyser returns its reading and the
// alternatives it weighed; the form lets the person pick the level they feel. Half and double
// time are always offered, because the level is a matter of feel as much as of evidence.

export interface TempoReading {
  bpm: number;
  /** Why it is offered: the analyser's reading, an alternative it weighed, or half/double of the reading. */
  kind: 'detected' | 'alternative' | 'half' | 'double';
  /** The analyser's share of the evidence for this level (detected and alternatives only). */
  weight?: number;
}

/**
 * The analyser's reading first, then its alternatives (strongest first), then half and double
 * time; whole BPM, each tempo once, only those the create form accepts (LIMITS.bpmMin–bpmMax).
 */
export function tempoReadings(
  bpm: number | null,
  alternatives: readonly { bpm: number; weight: number }[] = [],
  confidence?: number,
): TempoReading[] {
  if (bpm == null || !(bpm > 0)) return [];
  const out: TempoReading[] = [];
  const add = (r: TempoReading) => {
    const whole = Math.round(r.bpm);
    if (whole < LIMITS.bpmMin || whole > LIMITS.bpmMax) return;
    if (out.some((o) => o.bpm === whole)) return;
    out.push({ ...r, bpm: whole });
  };
  add({ bpm, kind: 'detected', ...(confidence != null ? { weight: confidence } : {}) });
  for (const a of [...alternatives].sort((x, y) => y.weight - x.weight))
    add({ bpm: a.bpm, kind: 'alternative', weight: a.weight });
  add({ bpm: bpm / 2, kind: 'half' });
  add({ bpm: bpm * 2, kind: 'double' });
  return out;
}

/** The button's words: "75 · half time", "87 · 9 % likely". */
export function readingLabel(r: TempoReading): string {
  switch (r.kind) {
    case 'detected':
      return `${r.bpm} · heard`;
    case 'alternative':
      return `${r.bpm} · ${Math.round((r.weight ?? 0) * 100)} % likely`;
    case 'half':
      return `${r.bpm} · half time`;
    case 'double':
      return `${r.bpm} · double time`;
  }
}
