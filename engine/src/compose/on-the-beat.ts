// The "on the beat" feel: when tempo words or an asked tempo take a style below the tempi its seeds
// draw from and below ≈100 BPM, the accompaniment's onsets keep to the beat. There, eighth-note hats, off-beat
// bass notes and off-beat chord stabs are a steadier pulse than the beat itself, and independent
// beat trackers (aubio, bpm-tools, essentia.js) heard double the asked tempo in 31 of 71 "slow
// <style>" renders (bench/style-edges.ts --edge plan --words slow). A listener's "slow pop" is a
// ballad-like groove on the beat, so the style keeps its instruments, voicings and beats.
import type { PartPlan } from './plan-types.ts';
import { SEED_TEMPO_POSITIONS } from './resolve.ts';

/** Below this tempo (and the style's usual tempi) the feel applies: above it no style was heard doubled. */
export const ON_THE_BEAT_BELOW_BPM = 100;

/** Onsets within this many beats of a beat count as on it (strummed chords, flams). */
const ON_BEAT_TOLERANCE = 0.1;

/**
 * Below the tempi a style's seeds draw from (the middle half of its range, resolve.ts) and below
 * ON_THE_BEAT_BELOW_BPM: only tempo words, an asked tempo or a reference take a plan there.
 */
export function wantsOnTheBeat(bpm: number, [lo, hi]: readonly [number, number], compound: boolean): boolean {
  // Compound meters keep their three-to-a-beat lilt: it is the metre, and 6/8 styles were heard right.
  // Floored: a seed's tempo is rounded, and one drawn at the quarter point must keep its groove.
  const slowestSeedTempo = Math.floor(lo + SEED_TEMPO_POSITIONS[0] * (hi - lo));
  return !compound && bpm < Math.min(slowestSeedTempo, ON_THE_BEAT_BELOW_BPM);
}

function isOnBeat(startBeat: number): boolean {
  return Math.abs(startBeat - Math.round(startBeat)) < ON_BEAT_TOLERANCE;
}

/**
 * Keeps the accompaniment's onsets on the beat (in place): drums drop their off-beat hits; the
 * bass and the chord instrument move an off-beat onset back to its beat when that beat has none
 * of its own, else drop it (a skank becomes chords on the beat, a syncopated bass line its roots
 * on the beat). The tune, the vocals and sustained pads are left as they are.
 */
export function keepAccompanimentOnTheBeat(parts: PartPlan[]): void {
  for (const part of parts) {
    if (part.stem === 'drums') part.notes = part.notes.filter((n) => isOnBeat(n.startBeat));
    else if (part.id === 'bass' || part.id === 'comp') part.notes = movedToTheBeat(part.notes);
  }
}

function movedToTheBeat(notes: PartPlan['notes']): PartPlan['notes'] {
  // Which onset holds each beat: its own on-beat onset, else the first off-beat onset moved there.
  const holder = new Map<number, number>();
  for (const n of notes) if (isOnBeat(n.startBeat)) holder.set(Math.round(n.startBeat), Number.NaN);
  const out: PartPlan['notes'] = [];
  for (const n of [...notes].sort((a, b) => a.startBeat - b.startBeat)) {
    if (isOnBeat(n.startBeat)) {
      out.push(n);
      continue;
    }
    const beat = Math.floor(n.startBeat);
    const held = holder.get(beat);
    if (held === undefined) holder.set(beat, n.startBeat);
    // Every note of one onset (a chord) moves together; other onsets in that beat are dropped.
    else if (held !== n.startBeat) continue;
    out.push({ ...n, startBeat: beat });
  }
  return out.sort((a, b) => a.startBeat - b.startBeat || a.pitch - b.pitch);
}
