// Comping (the chord instrument) and the sustained pad, voiced with voice leading.
import type { FormSection } from './form.ts';
import type { CompStyle } from './genres.ts';
import { chordAt } from './harmony.ts';
import type { ChordSlot, NoteEvent } from './plan-types.ts';
import type { Rng } from './prng.ts';
import { voiceChord } from './theory.ts';

/** Hits within a bar: [startBeat, durationBeats, velocity]. Voicing-wide unless the style arpeggiates. */
const HITS: Record<Exclude<CompStyle, 'arp' | 'alberti'> | 'slowKeys', Hit[]> = {
  block: [[0, 3.95, 80]],
  stabs: [
    [0.5, 0.3, 92],
    [1.5, 0.3, 80],
    [2.5, 0.3, 92],
    [3.25, 0.25, 70],
    [3.5, 0.3, 85],
  ],
  strum: [
    [0, 0.95, 95],
    [1, 0.45, 70],
    [1.5, 0.45, 80],
    [2.5, 0.45, 82],
    [3, 0.45, 72],
    [3.5, 0.45, 80],
  ],
  rhythm8: [
    [0, 0.9, 90],
    [1, 0.45, 70],
    [1.5, 0.9, 80],
    [2.5, 0.45, 78],
    [3, 0.9, 80],
  ],
  jazz: [
    [0, 1.3, 80],
    [1.5, 0.4, 70],
    [2.5, 0.9, 78],
  ],
  skank: [
    [0.5, 0.35, 85],
    [1.5, 0.35, 85],
    [2.5, 0.35, 85],
    [3.5, 0.35, 85],
  ],
  chops: [
    [0.25, 0.15, 70],
    [0.5, 0.2, 95],
    [1.25, 0.15, 60],
    [1.75, 0.2, 85],
    [2.5, 0.2, 95],
    [3, 0.15, 65],
    [3.75, 0.2, 88],
  ],
  keys: [
    [0, 1.9, 82],
    [2.5, 1.4, 74],
  ],
  // Waltz "pah-pah" on beats 2 and 3 (3/4; the bass takes the "oom").
  waltz: [
    [1, 0.8, 78],
    [2, 0.8, 74],
  ],
  // Salsa piano montuno: syncopated octave-chord figure.
  montuno: [
    [0, 0.4, 90],
    [0.5, 0.4, 70],
    [1.5, 0.4, 84],
    [2, 0.4, 72],
    [2.5, 0.4, 84],
    [3.5, 0.4, 80],
  ],
  // Tango marcato: four heavy, short beats.
  marcato: [
    [0, 0.35, 108],
    [1, 0.35, 88],
    [2, 0.35, 104],
    [3, 0.35, 88],
  ],
  // Stride / march / polka: chords on the off-beats the bass leaves free.
  stride: [
    [1, 0.45, 84],
    [3, 0.45, 84],
  ],
  // Driving downstroked eighths (punk, metal, surf).
  eighths: [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5].map(
    (b) => [b, 0.42, Number.isInteger(b) ? 96 : 76] as [number, number, number],
  ),
  // Slow keys (below ≈90 BPM): both chords on the beat.
  slowKeys: [
    [0, 1.9, 82],
    [2, 1.9, 74],
  ],
  bossa: [
    [0, 0.45, 84],
    [1, 0.45, 70],
    [1.5, 0.45, 64],
    [2, 0.45, 80],
    [2.5, 0.45, 64],
    [3, 0.45, 70],
  ],
  // Reggae skank: short chops on beats 2 and 4 (ska chops every off-beat: `skank`).
  reggae: [
    [1, 0.3, 92],
    [3, 0.3, 92],
  ],
  // Four to the bar: a short chord on every beat, 1 and 3 leaning (the comping of slow gospel,
  // smooth jazz, noir guitar, hip-hop keys and the folk guitar). Detached, so each beat starts from
  // near silence: held or off-beat chords left the slow styles' beat to the drums alone, and
  // bpm-tools heard the double.
  fours: [
    [0, 0.45, 90],
    [1, 0.45, 72],
    [2, 0.45, 84],
    [3, 0.45, 72],
  ],
  // Broken chords in quarter notes (slow ballads: nothing busier than the beat).
  broken: [
    [0, 0.95, 84],
    [1, 0.95, 66],
    [2, 0.95, 74],
    [3, 0.95, 66],
  ],
};

type Hit = [number, number, number];

/** A comping style's hits in any meter: 4/4 as written, 2/4 halves, 3/4 and compound meters by the beat. */
export function hitsFor(
  style: Exclude<CompStyle, 'arp' | 'alberti'> | 'slowKeys',
  bpb: number,
  compound: boolean,
): Hit[] {
  if (style === 'block') return [[0, bpb - 0.05, 80]];
  if (compound) {
    // Three eighths per beat, the first accented: the compound pulse a listener taps.
    const hits: Hit[] = [];
    for (let k = 0; k < bpb; k++) {
      hits.push([k, 0.3, k === 0 ? 92 : 86]);
      hits.push([k + 1 / 3, 0.25, 46]);
      hits.push([k + 2 / 3, 0.25, 52]);
    }
    return hits;
  }
  if (bpb === 4) return HITS[style];
  if (bpb === 2) {
    if (style === 'stride')
      return [
        [0.5, 0.4, 84],
        [1.5, 0.4, 84],
      ];
    return HITS[style].filter(([start, dur]) => start + dur <= 2.01);
  }
  if (style === 'waltz') return HITS.waltz;
  // 3/4: the downbeat, then lighter chords on 2 and 3.
  return [
    [0, 0.9, 86],
    [1, 0.6, 66],
    [2, 0.6, 70],
  ];
}

export function composeComp(
  sections: readonly FormSection[],
  chords: readonly ChordSlot[],
  style: CompStyle,
  range: [number, number],
  rng: Rng,
  lastBar: number,
  bpb = 4,
  compound = false,
  bpm = 100,
): NoteEvent[] {
  const notes: NoteEvent[] = [];
  let previous: number[] | undefined;
  // Below ≈90 BPM an arpeggio moves in beats (its eighths would be the pulse heard, at double tempo).
  const slow = bpm < 90;
  for (const section of sections) {
    const quiet = section.energy < 0.5;
    for (let b = 0; b < section.bars; b++) {
      const bar = section.startBar + b;
      const barBeat = bar * bpb;
      const chord = chordAt(chords, barBeat);
      const voicing = voiceChord(chord.pcs, previous, range[0], range[1]);
      previous = voicing;
      if (bar === lastBar) {
        voicing.forEach((p, i) => {
          notes.push({ startBeat: barBeat + i * 0.02, durationBeats: 6, pitch: p, velocity: 85 });
        });
        continue;
      }
      if (style === 'arp' || style === 'alberti') {
        // Arpeggio: up-down (arp) or low-high-mid-high (Alberti), eighths or sixteenths by energy.
        const order = style === 'alberti' ? [0, 2, 1, 2] : [0, 1, 2, voicing.length > 3 ? 3 : 1];
        // Quiet sections (intro, outro) arpeggiate in beats: the first bars state the tempo plainly.
        const stepBeats = compound
          ? 1 / 3
          : (style === 'arp' && slow) || quiet
            ? 1
            : section.energy >= 0.9 && style === 'arp' && bpm >= 110
              ? 0.25
              : 0.5;
        const count = Math.round(bpb / stepBeats);
        for (let i = 0; i < count; i++) {
          const idx = order[i % order.length]! % voicing.length;
          const octaveUp = style === 'arp' && Math.floor(i / order.length) % 2 === 1 ? 12 : 0;
          const pitch = voicing[idx]! + (voicing[idx]! + octaveUp <= range[1] + 7 ? octaveUp : 0);
          // Accent each beat so the pulse is clear; off-beat notes softer.
          const onBeat = Math.abs((i * stepBeats) % 1) < 1e-9;
          const velocity = Math.round((onBeat ? 96 : 50) * (quiet ? 0.85 : 1) + rng.range(-4, 4));
          notes.push({ startBeat: barBeat + i * stepBeats, durationBeats: stepBeats * 1.6, pitch, velocity });
        }
        continue;
      }
      const sustained = style === 'block' || style === 'keys' || style === 'waltz' || style === 'stride';
      // Quiet sections keep the beat (soft chords on every beat), not one held chord per bar: the
      // first bars are where a listener (and a beat tracker) finds the tempo.
      const hits = hitsFor(
        quiet && !sustained ? 'broken' : slow && style === 'keys' ? 'slowKeys' : style,
        bpb,
        compound,
      );
      for (const [start, dur, vel] of hits) {
        const strum = style === 'strum' ? 0.015 : 0;
        voicing.forEach((p, i) => {
          notes.push({
            startBeat: barBeat + start + i * strum,
            durationBeats: dur,
            pitch: p,
            velocity: Math.max(1, Math.round(vel * (quiet ? 0.8 : 1) - i * 2 + rng.range(-5, 5))),
          });
        });
      }
    }
  }
  return notes;
}

/** Sustained pad chords, one per chord slot, in their own register; skipped in the quietest sections when asked. */
export function composePad(
  chords: readonly ChordSlot[],
  range: [number, number],
  sections: readonly FormSection[],
  minEnergy: number,
  bpb = 4,
  pulsed = false,
): NoteEvent[] {
  const notes: NoteEvent[] = [];
  let previous: number[] | undefined;
  for (const slot of chords) {
    const section = sections.find(
      (s) => slot.startBeat >= s.startBar * bpb && slot.startBeat < (s.startBar + s.bars) * bpb,
    );
    const isFinal = slot === chords[chords.length - 1];
    if (section && section.energy < minEnergy && !isFinal) continue;
    const voicing = voiceChord(slot.pcs.slice(0, 3), previous, range[0], range[1]);
    previous = voicing;
    if (pulsed && !isFinal) {
      // Repeated chords on every beat (the inner voices of a quartet or a choir), the bar's first
      // stronger: without drums the harmony keeps the pulse instead of holding one smeared chord.
      for (let beat = 0; beat + 0.5 <= slot.durationBeats; beat++) {
        const start = slot.startBeat + beat;
        const strong = Math.abs(start / bpb - Math.round(start / bpb)) < 1e-6;
        for (const p of voicing)
          notes.push({ startBeat: start, durationBeats: 0.7, pitch: p, velocity: strong ? 76 : 62 });
      }
      continue;
    }
    for (const p of voicing)
      notes.push({
        startBeat: slot.startBeat,
        durationBeats: slot.durationBeats + 0.05,
        pitch: p,
        velocity: 70,
      });
  }
  return notes;
}
