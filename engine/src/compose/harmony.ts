// Chord progressions per section. Each section type keeps its progression on repeats (so a chorus
// sounds like the chorus again); the song opens on the tonic, cadences lead into choruses and the
// song ends on the tonic.

import type { Mode } from '../types.ts';
import type { FormSection } from './form.ts';
import type { GenreProfile } from './genres.ts';
import type { ChordSlot, SectionName } from './plan-types.ts';
import type { Rng } from './prng.ts';
import { buildChord } from './theory.ts';

const ADVENTUROUS = {
  major: [
    [0, 2, 3, 4],
    [5, 3, 0, 4],
    [0, 1, 3, 4],
    [3, 4, 2, 5],
  ],
  minor: [
    [0, 6, 5, 4],
    [0, 2, 6, 3],
    [5, 6, 0, 4],
  ],
};

export function planChords(
  sections: readonly FormSection[],
  profile: GenreProfile,
  tonicPc: number,
  mode: Mode,
  styleStrength: number,
  rng: Rng,
  beatsPerBar: number,
): ChordSlot[] {
  const pool = profile.progressions[mode];
  const byName = new Map<SectionName, number[]>();
  const pickProgression = (): number[] => {
    if (rng.chance(styleStrength * 0.35)) return rng.pick(ADVENTUROUS[mode]);
    return rng.pick(pool);
  };
  const verseProg = pickProgression();
  byName.set('verse', verseProg);
  byName.set('intro', verseProg);
  byName.set('outro', verseProg);
  // Chorus: prefer a different progression from the pool when there is one.
  let chorusProg = pickProgression();
  for (let tries = 0; tries < 4 && chorusProg === verseProg && pool.length > 1; tries++)
    chorusProg = pickProgression();
  byName.set('chorus', chorusProg);
  byName.set('prechorus', [3, 4, 3, 4]);
  const bridge = mode === 'major' ? [5, 3, 0, 4] : [5, 6, 3, 4];
  byName.set('bridge', bridge);
  byName.set('breakdown', chorusProg);

  const seventhChance = Math.min(1, Math.max(0, profile.sevenths + (styleStrength - 0.5) * 0.4));
  const sectionSevenths = new Map<SectionName, boolean>();
  const slots: ChordSlot[] = [];
  const lastBar = sections.reduce((n, s) => Math.max(n, s.startBar + s.bars), 0) - 1;
  for (let si = 0; si < sections.length; si++) {
    const section = sections[si]!;
    const next = sections[si + 1];
    const prog = byName.get(section.name)!;
    if (!sectionSevenths.has(section.name)) sectionSevenths.set(section.name, rng.chance(seventhChance));
    const sevenths = sectionSevenths.get(section.name)!;
    for (let b = 0; b < section.bars; b++) {
      const bar = section.startBar + b;
      let degree = prog[Math.floor(b / profile.barsPerChord) % prog.length]!;
      // Half cadence on V before a chorus (conventional choice; adventurous plans keep the progression).
      if (
        next?.name === 'chorus' &&
        b === section.bars - 1 &&
        section.name !== 'chorus' &&
        rng.chance(1 - styleStrength * 0.6)
      ) {
        degree = 4;
      }
      // The song opens on the tonic chord, whatever the loop starts on (a loop such as vi–IV–I–V
      // heard from its start first establishes the relative minor), and ends with V (or the
      // progression) then I on the last bar.
      if (bar === 0 || bar === lastBar) degree = 0;
      if (bar === lastBar - 1 && lastBar >= 3 && degree !== 0) degree = rng.chance(0.7) ? 4 : 3;
      const ninths = sevenths && styleStrength > 0.6 && rng.chance(0.35);
      const sus = !sevenths && styleStrength > 0.7 && degree === 4 && rng.chance(0.3);
      const chord = buildChord(tonicPc, mode, degree, {
        sevenths: sevenths && bar !== lastBar,
        ninths: ninths && bar !== lastBar,
        harmonicDominant: profile.harmonicDominant,
        sus,
      });
      const startBeat = bar * beatsPerBar;
      const prev = slots[slots.length - 1];
      // Merge repeated chords into one slot so the plan reads like a chord chart.
      if (
        prev &&
        prev.symbol === chord.symbol &&
        prev.startBeat + prev.durationBeats === startBeat &&
        b !== 0
      ) {
        prev.durationBeats += beatsPerBar;
      } else {
        slots.push({
          startBeat,
          durationBeats: beatsPerBar,
          degree: chord.degree,
          pcs: chord.pcs,
          symbol: chord.symbol,
        });
      }
    }
  }
  return slots;
}

/** The chord sounding at `beat` (slots are sorted and contiguous). */
export function chordAt(chords: readonly ChordSlot[], beat: number): ChordSlot {
  let lo = 0;
  let hi = chords.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (chords[mid]!.startBeat <= beat + 1e-9) lo = mid;
    else hi = mid - 1;
  }
  return chords[lo]!;
}
