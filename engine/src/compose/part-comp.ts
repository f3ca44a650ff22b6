// Comping (the chord instrument) and the sustained pad, voiced with voice leading.
import type { FormSection } from './form.ts';
import type { CompStyle } from './genres.ts';
import { chordAt } from './harmony.ts';
import type { ChordSlot, NoteEvent } from './plan-types.ts';
import type { Rng } from './prng.ts';
import { voiceChord } from './theory.ts';

/** Hits within a bar: [startBeat, durationBeats, velocity]. Voicing-wide unless the style arpeggiates. */
const HITS: Record<Exclude<CompStyle, 'arp' | 'alberti'>, [number, number, number][]> = {
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
};

export function composeComp(
  sections: readonly FormSection[],
  chords: readonly ChordSlot[],
  style: CompStyle,
  range: [number, number],
  rng: Rng,
  lastBar: number,
): NoteEvent[] {
  const notes: NoteEvent[] = [];
  let previous: number[] | undefined;
  for (const section of sections) {
    const quiet = section.energy < 0.5;
    for (let b = 0; b < section.bars; b++) {
      const bar = section.startBar + b;
      const barBeat = bar * 4;
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
        const stepBeats = section.energy >= 0.9 && style === 'arp' ? 0.25 : 0.5;
        const count = Math.round(4 / stepBeats);
        for (let i = 0; i < count; i++) {
          const idx = order[i % order.length]! % voicing.length;
          const octaveUp = style === 'arp' && Math.floor(i / order.length) % 2 === 1 ? 12 : 0;
          const pitch = voicing[idx]! + (voicing[idx]! + octaveUp <= range[1] + 7 ? octaveUp : 0);
          // Accent each beat so the pulse is clear; off-beat notes softer.
          const onBeat = Math.abs((i * stepBeats) % 1) < 1e-9;
          const velocity = Math.round((onBeat ? 88 : 60) * (quiet ? 0.85 : 1) + rng.range(-4, 4));
          notes.push({ startBeat: barBeat + i * stepBeats, durationBeats: stepBeats * 1.6, pitch, velocity });
        }
        continue;
      }
      const hits = quiet && style !== 'block' && style !== 'keys' ? HITS.block : HITS[style];
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
): NoteEvent[] {
  const notes: NoteEvent[] = [];
  let previous: number[] | undefined;
  for (const slot of chords) {
    const section = sections.find(
      (s) => slot.startBeat >= s.startBar * 4 && slot.startBeat < (s.startBar + s.bars) * 4,
    );
    const isFinal = slot === chords[chords.length - 1];
    if (section && section.energy < minEnergy && !isFinal) continue;
    const voicing = voiceChord(slot.pcs.slice(0, 3), previous, range[0], range[1]);
    previous = voicing;
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
