// Bassline that follows the harmony: roots on strong beats, fifths/octaves/approach notes by style.
import type { Mode } from '../types.ts';
import type { FormSection } from './form.ts';
import type { BassStyle } from './genres.ts';
import { chordAt } from './harmony.ts';
import type { ChordSlot, NoteEvent } from './plan-types.ts';
import type { Rng } from './prng.ts';
import { nearestPitch, stepScale } from './theory.ts';

/** Rhythm cells for one bar: [startBeat, durationBeats, interval role]. r root, f fifth, o octave, a approach. */
type Cell = [number, number, 'r' | 'f' | 'o' | 'a'][];

const CELLS: Record<Exclude<BassStyle, 'walking' | 'oom'>, Cell> = {
  whole: [[0, 4, 'r']],
  // Ambient's pulse: the root re-struck on every beat, swelling and falling back (a held pad bass
  // gives a beat tracker nothing to lock to; its energy rises with each beat here).
  pulse: [
    [0, 0.6, 'r'],
    [1, 0.6, 'r'],
    [2, 0.6, 'r'],
    [3, 0.6, 'r'],
  ],
  eighths: [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5].map((b) => [b, 0.45, 'r'] as [number, number, 'r']),
  offbeat: [
    [0.5, 0.4, 'r'],
    [1.5, 0.4, 'r'],
    [2.5, 0.4, 'o'],
    [3.5, 0.4, 'r'],
  ],
  rolling: [
    [0.25, 0.2, 'r'],
    [0.5, 0.2, 'r'],
    [0.75, 0.2, 'o'],
    [1.25, 0.2, 'r'],
    [1.5, 0.2, 'r'],
    [1.75, 0.2, 'o'],
    [2.25, 0.2, 'r'],
    [2.5, 0.2, 'r'],
    [2.75, 0.2, 'o'],
    [3.25, 0.2, 'r'],
    [3.5, 0.2, 'r'],
    [3.75, 0.2, 'f'],
  ],
  sub808: [
    [0, 1.6, 'r'],
    [1.75, 0.7, 'r'],
    [2.5, 1.4, 'r'],
  ],
  // Boom-bap bass on the beats (at 70–98 BPM, notes between them make the double the tempo heard).
  boom: [
    [0, 1.4, 'r'],
    [2, 0.9, 'f'],
    [3, 0.9, 'a'],
  ],
  funk: [
    [0, 0.4, 'r'],
    [0.75, 0.2, 'o'],
    [1, 0.2, 'r'],
    [1.5, 0.4, 'r'],
    [2.25, 0.2, 'f'],
    [2.5, 0.4, 'r'],
    [3, 0.2, 'o'],
    [3.5, 0.2, 'f'],
    [3.75, 0.2, 'a'],
  ],
  'root-fifth': [
    [0, 1.9, 'r'],
    [2, 1.9, 'f'],
  ],
  dnb: [
    [0, 1.4, 'r'],
    [1.5, 0.9, 'r'],
    [2.5, 1.4, 'f'],
  ],
  pop: [
    [0, 1.4, 'r'],
    [1.5, 0.5, 'r'],
    [2, 1.4, 'r'],
    [3.5, 0.45, 'f'],
  ],
  quarters: [
    [0, 0.9, 'r'],
    [1, 0.9, 'f'],
    [2, 0.9, 'o'],
    [3, 0.9, 'f'],
  ],
  // Orchestral basses short on every beat: the string section's long notes swell and fade, and with
  // legato basses too (0.9 beats) independent beat trackers heard cinematic cues at double tempo.
  spiccato: [
    [0, 0.63, 'r'],
    [1, 0.63, 'f'],
    [2, 0.63, 'o'],
    [3, 0.63, 'f'],
  ],
  // Reggae: the root held into beat 2, the octave with the one-drop on 3, the fifth on 4 (on the beat:
  // at 76–92 BPM anything between the beats makes the double tempo the one heard).
  reggae: [
    [0, 1.4, 'r'],
    [2, 0.9, 'o'],
    [3, 0.9, 'f'],
  ],
  // Disco octaves on every eighth.
  octave: [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5].map(
    (b) => [b, 0.4, Number.isInteger(b) ? 'r' : 'o'] as [number, number, 'r' | 'o'],
  ),
  // Salsa tumbao: anticipates the chord on the "and" of 2 and plays beat 4.
  tumbao: [
    [0, 0.9, 'r'],
    [1.5, 1.4, 'f'],
    [3, 0.9, 'r'],
  ],
  bossa: [
    [0, 1.4, 'r'],
    [1.5, 0.45, 'f'],
    [2, 1.4, 'f'],
    [3.5, 0.45, 'r'],
  ],
  // Amapiano log drum: syncopated short hits.
  log: [
    [0, 0.4, 'r'],
    [0.75, 0.4, 'r'],
    [1.5, 0.4, 'o'],
    [2.5, 0.4, 'r'],
    [3.25, 0.4, 'f'],
  ],
  dembow: [
    [0, 0.7, 'r'],
    [0.75, 0.2, 'r'],
    [1.5, 0.4, 'r'],
    [2, 0.7, 'r'],
    [2.75, 0.2, 'r'],
    [3.5, 0.4, 'r'],
  ],
};

/**
 * A bar's cell in any meter. 4/4 cells as written; other meters take the cell's first bar-length
 * when it fits (2/4 halves), else a beat-wise line: the root on the downbeat and the fifth (or the
 * alternating bass of a waltz/polka "oom") on the other strong beats.
 */
function cellFor(style: Exclude<BassStyle, 'walking'>, bpb: number, compound: boolean, bar: number): Cell {
  if (style === 'oom') {
    // Oom-pah: the bass on the downbeat only (and beat 2 in 2/4), alternating root and fifth.
    const role = bar % 2 === 0 ? 'r' : 'f';
    return bpb === 2 && !compound
      ? [
          [0, 0.45, role],
          [1, 0.45, role === 'r' ? 'f' : 'r'],
        ]
      : [[0, 0.9, role]];
  }
  if (bpb === 4 && !compound) return CELLS[style];
  if (style === 'whole') return [[0, bpb, 'r']];
  if (style === 'pulse') return Array.from({ length: bpb }, (_, k) => [k, 0.6, 'r'] as Cell[number]);
  if (bpb === 2 && !compound) return CELLS[style].filter(([start, dur]) => start + dur <= 2.01);
  if (compound)
    return Array.from({ length: bpb }, (_, k) => [k, 0.6, k === 0 ? 'r' : k % 2 ? 'f' : 'o'] as Cell[number]);
  // 3/4: root on 1, fifth on 3.
  return [
    [0, 1.8, 'r'],
    [2, 0.9, 'f'],
  ];
}

export function composeBass(
  sections: readonly FormSection[],
  chords: readonly ChordSlot[],
  style: BassStyle,
  tonicPc: number,
  mode: Mode,
  range: [number, number],
  rng: Rng,
  lastBar: number,
  bpb = 4,
  compound = false,
  detached = false,
): NoteEvent[] {
  const notes: NoteEvent[] = [];
  const [low, high] = range;
  // Without drums the bass notes are played detached, so each beat starts with a clear attack.
  const lengthScale = detached ? 0.7 : 1;
  const center = Math.round((low + high) / 2) - 4;
  let prevRoot = center;
  for (const section of sections) {
    for (let b = 0; b < section.bars; b++) {
      const bar = section.startBar + b;
      const barBeat = bar * bpb;
      const chord = chordAt(chords, barBeat);
      const nextChord = chordAt(chords, barBeat + bpb);
      // Root in range, moving to the closest octave of the new root (voice leading in the bass too).
      let root = nearestPitch(chord.pcs[0]!, prevRoot);
      if (root < low) root += 12;
      if (root > high - 7) root -= 12;
      prevRoot = root;
      const nextRoot = nearestPitch(nextChord.pcs[0]!, root);
      if (bar === lastBar) {
        notes.push({ startBeat: barBeat, durationBeats: bpb, pitch: root, velocity: 100 });
        continue;
      }
      const quiet = section.energy < 0.5;
      if (style === 'walking' && !compound) {
        // Quarter notes: root, chord tone, scale tone, chromatic approach to the next root.
        const third = nearestPitch(chord.pcs[1]!, root + 4);
        const fifth = nearestPitch(chord.pcs[2]!, root + 7);
        const line = [
          root,
          rng.chance(0.5) ? third : fifth,
          stepScale(rng.chance(0.5) ? fifth : third, 1, tonicPc, mode),
          nextRoot + (nextRoot > root ? -1 : 1),
        ];
        // Shorter bars keep the root and end on the approach note.
        if (bpb < 4) line.splice(1, 4 - bpb);
        line.forEach((p, i) => {
          notes.push({ startBeat: barBeat + i, durationBeats: 0.9, pitch: p, velocity: i === 0 ? 96 : 82 });
        });
        continue;
      }
      const walk = style === 'walking' ? 'quarters' : style;
      // Quiet sections thin the line to halves, except without drums, where the bass keeps the beat.
      const cell = cellFor(
        quiet && !detached && walk !== 'whole' && walk !== 'pulse' && walk !== 'spiccato' && walk !== 'oom'
          ? walk === 'sub808'
            ? 'sub808'
            : 'root-fifth'
          : walk,
        bpb,
        compound,
        bar,
      );
      for (const [start, dur, role] of cell) {
        let pitch = root;
        if (role === 'f') pitch = nearestPitch(chord.pcs[2] ?? chord.pcs[0]!, root + 7);
        if (role === 'o') pitch = root + 12 <= high ? root + 12 : root;
        if (role === 'a') pitch = nextRoot === root ? root + 12 : nextRoot + (nextRoot > root ? -1 : 1);
        if (pitch < low) pitch += 12;
        if (pitch > high) pitch -= 12;
        const accent = start === 0 ? 100 : Number.isInteger(start) ? 88 : 78;
        notes.push({
          startBeat: barBeat + start,
          durationBeats: dur * lengthScale,
          pitch,
          velocity: Math.round(accent * (quiet ? 0.85 : 1) + rng.range(-5, 5)),
        });
      }
    }
  }
  return notes;
}
