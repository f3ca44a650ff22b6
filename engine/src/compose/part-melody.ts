// Melodies built from motifs: a one-bar rhythm + contour motif, repeated and varied across a
// four-bar phrase (A A' A B), answered by a second phrase that cadences on the tonic. Strong beats
// land on chord tones; leaps are followed by steps back; the range suits the instrument.
import type { Mode } from '../types.ts';
import { chordAt } from './harmony.ts';
import type { ChordSlot, NoteEvent } from './plan-types.ts';
import type { Rng } from './prng.ts';
import { nearestChordTone, nearestPitch, stepScale } from './theory.ts';

export interface RhythmNote {
  start: number; // beat within the bar
  duration: number;
}

/** Slot weights of one bar: eighths in simple meters (4/4 as before), eighths of three per beat in compound ones. */
function slotWeights(bpb: number, compound: boolean): number[] {
  if (bpb === 4 && !compound) return [1, 0.25, 0.6, 0.3, 0.85, 0.25, 0.55, 0.35];
  const per = compound ? 3 : 2;
  return Array.from({ length: bpb * per }, (_, slot) => {
    const beat = Math.floor(slot / per);
    if (slot % per !== 0) return slot % per === per - 1 ? 0.3 : 0.22;
    return beat === 0 ? 1 : 0.7;
  });
}

/** A one-bar rhythm on the eighth grid, weighted toward strong beats. */
export function makeBarRhythm(
  density: number,
  syncopation: number,
  rng: Rng,
  bpb = 4,
  compound = false,
  onBeatsOnly = false,
): RhythmNote[] {
  const per = compound ? 3 : 2;
  // Slow styles keep the tune on the beat: off-beat notes would make the double tempo the one heard.
  const weights = slotWeights(bpb, compound).map((w, slot) => (onBeatsOnly && slot % per !== 0 ? -100 : w));
  const slotBeats = compound ? 1 / 3 : 0.5;
  const onsets: number[] = [];
  const target = Math.max(
    1,
    Math.min(
      onBeatsOnly ? bpb : weights.length,
      Math.round((density * weights.length) / 8 + rng.range(-0.7, 0.7)),
    ),
  );
  // Deterministic greedy choice: strongest slots first, offbeats promoted by syncopation.
  const scored = weights.map((w, slot) => ({
    slot,
    score: w + (weights[slot]! < 0.5 ? syncopation * 0.5 : 0) + rng.range(0, 0.45),
  }));
  scored.sort((a, b) => b.score - a.score);
  for (let i = 0; i < target; i++) onsets.push(scored[i]!.slot);
  onsets.sort((a, b) => a - b);
  return onsets.map((slot, i) => {
    const nextSlot = onsets[i + 1] ?? weights.length;
    return {
      start: slot * slotBeats,
      duration: Math.max(slotBeats * 0.8, (nextSlot - slot) * slotBeats - 0.08),
    };
  });
}

export interface Motif {
  rhythms: RhythmNote[][]; // one per bar of a 4-bar phrase
  steps: number[][]; // scale-step contour per bar, same shape as rhythms
}

export function makeMotif(
  density: number,
  styleStrength: number,
  rng: Rng,
  bpb = 4,
  compound = false,
  onBeatsOnly = false,
): Motif {
  const a = makeBarRhythm(density, styleStrength * 0.6, rng, bpb, compound, onBeatsOnly);
  const b = makeBarRhythm(density * 0.9, styleStrength * 0.6, rng, bpb, compound, onBeatsOnly);
  const half = bpb === 4 && !compound ? 1.5 : Math.max(1, Math.floor(bpb / 2));
  const cadence: RhythmNote[] = rng.chance(0.5)
    ? [{ start: 0, duration: bpb - 0.2 }]
    : [
        { start: 0, duration: half - 0.1 },
        { start: half, duration: bpb - half - 0.2 },
      ];
  const leapChance = 0.1 + styleStrength * 0.25;
  const contour = (n: number): number[] => {
    const out: number[] = [];
    let lastStep = 0;
    for (let i = 0; i < n; i++) {
      let step = rng.pick([-2, -1, -1, 0, 1, 1, 2]);
      if (rng.chance(leapChance)) step = rng.pick([-4, -3, 3, 4, 5]);
      // After a leap, step back the other way (a singable line).
      if (Math.abs(lastStep) >= 3) step = -Math.sign(lastStep) * rng.int(1, 2);
      out.push(step);
      lastStep = step;
    }
    return out;
  };
  const stepsA = contour(a.length);
  return {
    rhythms: [a, b, a, cadence],
    steps: [
      stepsA,
      contour(b.length),
      stepsA.map((s) => (rng.chance(0.3) ? s + rng.pick([-1, 1]) : s)),
      contour(cadence.length),
    ],
  };
}

/** The first bars of a motif with its cadence bar moved to the end (for sections shorter than 4 bars). */
export function shortenMotif(motif: Motif, bars: number): Motif {
  if (bars >= motif.rhythms.length) return motif;
  const keep = Math.max(0, bars - 1);
  const last = motif.rhythms.length - 1;
  return {
    rhythms: [...motif.rhythms.slice(0, keep), motif.rhythms[last]!],
    steps: [...motif.steps.slice(0, keep), motif.steps[last]!],
  };
}

export interface RealiseOptions {
  tonicPc: number;
  mode: Mode;
  range: [number, number];
  /** End the phrase on the tonic (consequent) rather than on another chord tone (antecedent). */
  resolve: boolean;
  velocity: number;
  /** Beats per bar (4 unless the meter says otherwise). */
  beatsPerBar?: number;
}

/** Turns a motif into notes for a 4-bar phrase starting at `startBar`. */
export function realisePhrase(
  motif: Motif,
  startBar: number,
  chords: readonly ChordSlot[],
  opts: RealiseOptions,
  rng: Rng,
): NoteEvent[] {
  const [low, high] = opts.range;
  const bpb = opts.beatsPerBar ?? 4;
  const center = Math.round((low + high) / 2);
  const notes: NoteEvent[] = [];
  let pitch = nearestChordTone(center, chordAt(chords, startBar * bpb).pcs);
  const lastBarWithNotes = motif.rhythms.reduce((acc, r, i) => (r.length > 0 ? i : acc), 0);
  for (let bar = 0; bar < motif.rhythms.length; bar++) {
    const rhythm = motif.rhythms[bar]!;
    const steps = motif.steps[bar]!;
    for (let i = 0; i < rhythm.length; i++) {
      const r = rhythm[i]!;
      const beat = (startBar + bar) * bpb + r.start;
      const chord = chordAt(chords, beat);
      pitch = stepScale(pitch, steps[i] ?? 0, opts.tonicPc, opts.mode);
      // Keep the line near the middle of the range: reflect at the edges.
      if (pitch > high - 2) pitch = stepScale(pitch, -3, opts.tonicPc, opts.mode);
      if (pitch < low + 2) pitch = stepScale(pitch, 3, opts.tonicPc, opts.mode);
      const onBeat = Math.abs(r.start - Math.round(r.start)) < 1e-6;
      const strong = r.start === 0 || (onBeat && (bpb !== 4 || r.start === 2)) || r.duration >= 1.5;
      if (strong) pitch = nearestChordTone(pitch, chord.pcs.slice(0, 3));
      const lastNote = bar === lastBarWithNotes && i === rhythm.length - 1;
      if (lastNote) {
        pitch = opts.resolve
          ? nearestPitch(opts.tonicPc, pitch)
          : nearestChordTone(pitch, chord.pcs.slice(0, 3));
        if (pitch > high) pitch -= 12;
        if (pitch < low) pitch += 12;
      }
      const accent = r.start === 0 ? 1 : strong ? 0.92 : 0.82;
      notes.push({
        startBeat: beat,
        durationBeats: r.duration,
        pitch,
        velocity: Math.max(1, Math.min(127, Math.round(opts.velocity * accent + rng.range(-6, 6)))),
      });
    }
  }
  return notes;
}
