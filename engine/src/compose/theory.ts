// Scales, chords and voice leading. Pitch classes are 0..11 (C = 0); MIDI notes elsewhere.
import type { Mode, Tonic } from '../types.ts';
import { TONICS } from '../types.ts';

export const MAJOR_STEPS = [0, 2, 4, 5, 7, 9, 11] as const;
export const MINOR_STEPS = [0, 2, 3, 5, 7, 8, 10] as const;

export function tonicPitchClass(tonic: Tonic): number {
  return TONICS.indexOf(tonic);
}

export function scaleSteps(mode: Mode): readonly number[] {
  return mode === 'major' ? MAJOR_STEPS : MINOR_STEPS;
}

export interface Chord {
  /** Scale degree 0..6 the chord is built on. */
  degree: number;
  rootPc: number;
  /** Pitch classes, root first. */
  pcs: number[];
  symbol: string;
}

const NOTE_NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];

/**
 * Diatonic chord on a degree. `harmonicDominant` raises the 7th in minor on V (classical, jazz,
 * cinematic cadences); `sevenths` stacks the diatonic 7th; `ninths` also adds the 9th.
 */
export function buildChord(
  tonicPc: number,
  mode: Mode,
  degree: number,
  opts: { sevenths?: boolean; ninths?: boolean; harmonicDominant?: boolean; sus?: boolean } = {},
): Chord {
  const steps = scaleSteps(mode);
  const d = ((degree % 7) + 7) % 7;
  const pcAt = (k: number): number => {
    const idx = d + k;
    let pc = tonicPc + steps[idx % 7]! + 12 * Math.floor(idx / 7);
    // Raised leading tone on the dominant in minor.
    if (mode === 'minor' && opts.harmonicDominant && d === 4 && k === 2) pc += 1;
    return ((pc % 12) + 12) % 12;
  };
  const root = pcAt(0);
  const third = opts.sus ? pcAt(3) : pcAt(2);
  const pcs = [root, third, pcAt(4)];
  if (opts.sevenths || opts.ninths) pcs.push(pcAt(6));
  if (opts.ninths) pcs.push(pcAt(8));
  const thirdInterval = (pcAt(2) - root + 12) % 12;
  const fifthInterval = (pcAt(4) - root + 12) % 12;
  let quality = thirdInterval === 4 ? '' : 'm';
  if (fifthInterval === 6) quality = 'dim';
  if (opts.sus) quality = 'sus4';
  let ext = '';
  if (opts.sevenths || opts.ninths) {
    const seventh = (pcAt(6) - root + 12) % 12;
    ext = seventh === 11 ? 'maj7' : '7';
    if (quality === 'dim' && seventh === 10) {
      quality = 'm7b5';
      ext = '';
    }
    if (opts.ninths) ext = ext === 'maj7' ? 'maj9' : '9';
  }
  return { degree: d, rootPc: root, pcs, symbol: `${NOTE_NAMES[root]}${quality}${ext}` };
}

/** MIDI note of pitch class `pc` closest to `target`. */
export function nearestPitch(pc: number, target: number): number {
  const base = target - ((((target - pc) % 12) + 12) % 12);
  return target - base > 6 ? base + 12 : base;
}

/**
 * Voices a chord within [low, high] moving as little as possible from `previous` (voice leading):
 * tries every inversion of the close-position chord and keeps the one with the least total motion.
 */
export function voiceChord(
  pcs: readonly number[],
  previous: readonly number[] | undefined,
  low: number,
  high: number,
): number[] {
  const center =
    previous && previous.length > 0
      ? previous.reduce((a, b) => a + b, 0) / previous.length
      : (low + high) / 2;
  let best: number[] = [];
  let bestCost = Number.POSITIVE_INFINITY;
  for (let inv = 0; inv < pcs.length; inv++) {
    for (let octaveShift = -12; octaveShift <= 12; octaveShift += 12) {
      const voicing: number[] = [];
      let pitch = nearestPitch(pcs[inv]!, low + 6) + octaveShift;
      voicing.push(pitch);
      for (let k = 1; k < pcs.length; k++) {
        const pc = pcs[(inv + k) % pcs.length]!;
        let next = pitch + ((((pc - pitch) % 12) + 12) % 12);
        if (next === pitch) next += 12;
        voicing.push(next);
        pitch = next;
      }
      if (voicing[0]! < low || voicing[voicing.length - 1]! > high) continue;
      const mean = voicing.reduce((a, b) => a + b, 0) / voicing.length;
      let cost = Math.abs(mean - center) * 2;
      if (previous && previous.length > 0) {
        for (const p of voicing) cost += Math.min(...previous.map((q) => Math.abs(q - p)));
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = voicing;
      }
    }
  }
  if (best.length === 0) best = pcs.map((pc) => nearestPitch(pc, (low + high) / 2));
  return best;
}

/** Nearest scale pitch to `pitch` (ties go down). */
export function snapToScale(pitch: number, tonicPc: number, mode: Mode): number {
  const steps = scaleSteps(mode);
  for (let d = 0; d < 7; d++) {
    for (const cand of [pitch - d, pitch + d]) {
      if (steps.includes((((cand - tonicPc) % 12) + 12) % 12)) return cand;
    }
  }
  return pitch;
}

/** Moves `pitch` by `steps` scale degrees. */
export function stepScale(pitch: number, steps: number, tonicPc: number, mode: Mode): number {
  const scale = scaleSteps(mode);
  let p = snapToScale(pitch, tonicPc, mode);
  const dir = Math.sign(steps);
  for (let i = 0; i < Math.abs(steps); i++) {
    do {
      p += dir;
    } while (!scale.includes((((p - tonicPc) % 12) + 12) % 12));
  }
  return p;
}

/** Nearest chord tone to `pitch`. */
export function nearestChordTone(pitch: number, pcs: readonly number[]): number {
  let best = pitch;
  let bestDist = 99;
  for (const pc of pcs) {
    const cand = nearestPitch(pc, pitch);
    const dist = Math.abs(cand - pitch);
    if (dist < bestDist) {
      bestDist = dist;
      best = cand;
    }
  }
  return best;
}
