// Sets lyric lines to a vocal melody: one line per two bars, syllables on an eighth (or sixteenth)
// grid weighted to strong beats, a held last syllable and a breath before the next line. Verses take
// stanzas in order; every chorus repeats the chorus stanza with the same tune.
import type { Mode } from '../types.ts';
import type { FormSection } from './form.ts';
import type { LyricSheet } from './lyrics.ts';
import type { Motif, RhythmNote } from './part-melody.ts';
import { realisePhrase } from './part-melody.ts';
import type { ChordSlot, NoteEvent } from './plan-types.ts';
import { createRng } from './prng.ts';

export interface SungSyllable {
  text: string;
  startBeat: number;
  endBeat: number;
  line: number;
}

/** Rhythm for `n` syllables across two bars of `bpb` beats; returns per-bar rhythms. */
function lineRhythm(n: number, seed: number, key: string, bpb: number): RhythmNote[][] {
  const rng = createRng(seed, `vocal-rhythm:${key}`);
  const grid = n > 13 ? 0.25 : 0.5;
  const slots = Math.round((2 * bpb - 1) / grid); // leave the last beat for a breath
  const count = Math.min(n, slots);
  const strength = (s: number): number => {
    const beat = s * grid;
    if (beat % 2 === 0) return 1;
    if (beat % 1 === 0) return 0.75;
    if (beat % 0.5 === 0) return 0.45;
    return 0.25;
  };
  const chosen = Array.from({ length: slots }, (_, s) => ({ s, score: strength(s) + rng.range(0, 0.4) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, count)
    .map((x) => x.s)
    .sort((a, b) => a - b);
  // Syllables should start early in the line: shift so the first lands on the downbeat.
  const shift = chosen[0] ?? 0;
  const onsets = chosen.map((s) => (s - shift) * grid);
  const bars: RhythmNote[][] = [[], [], [], []];
  onsets.forEach((start, i) => {
    const next = onsets[i + 1] ?? 2 * bpb - 0.5;
    const duration = Math.max(grid * 0.8, next - start - 0.05);
    const bar = start >= bpb ? 1 : 0;
    bars[bar]!.push({ start: start - bar * bpb, duration });
  });
  return bars;
}

export interface VocalResult {
  notes: NoteEvent[];
  syllables: SungSyllable[];
  /** Bars that carry vocals (the lead instrument rests there). */
  vocalBars: Set<number>;
}

export function composeVocals(
  sections: readonly FormSection[],
  chords: readonly ChordSlot[],
  sheet: LyricSheet,
  opts: {
    tonicPc: number;
    mode: Mode;
    range: [number, number];
    seed: number;
    styleStrength: number;
    beatsPerBar?: number;
  },
): VocalResult {
  const notes: NoteEvent[] = [];
  const syllables: SungSyllable[] = [];
  const vocalBars = new Set<number>();
  let verseIndex = 0;
  let lineNumber = 0;
  for (const section of sections) {
    if (section.name !== 'verse' && section.name !== 'chorus') continue;
    const stanza =
      section.name === 'chorus' ? sheet.chorus : sheet.verses[verseIndex++ % sheet.verses.length]!;
    const linesHere = Math.floor(section.bars / 2);
    for (let li = 0; li < linesHere; li++) {
      const line = stanza[li % stanza.length]!;
      const startBar = section.startBar + li * 2;
      const key = `${section.name}:${li}:${line.syllables.join('')}`;
      const bpb = opts.beatsPerBar ?? 4;
      const rhythm = lineRhythm(line.syllables.length, opts.seed, key, bpb);
      const rng = createRng(opts.seed, `vocal-contour:${key}`);
      const steps = rhythm.map((bar) => bar.map(() => rng.pick([-2, -1, -1, 0, 1, 1, 2])));
      const motif: Motif = { rhythms: rhythm, steps };
      const sung = realisePhrase(
        motif,
        startBar,
        chords,
        {
          tonicPc: opts.tonicPc,
          mode: opts.mode,
          range:
            section.name === 'chorus'
              ? [opts.range[0] + 3, opts.range[1]]
              : [opts.range[0], opts.range[1] - 3],
          resolve: li % 2 === 1,
          velocity: section.name === 'chorus' ? 100 : 88,
          beatsPerBar: bpb,
        },
        rng,
      );
      // Pair notes with syllables; extra syllables (over 28 in a line) join the last note.
      sung.forEach((note, i) => {
        const text = i === sung.length - 1 ? line.syllables.slice(i).join('') : line.syllables[i]!;
        notes.push(note);
        syllables.push({
          text,
          startBeat: note.startBeat,
          endBeat: note.startBeat + note.durationBeats,
          line: lineNumber,
        });
      });
      vocalBars.add(startBar);
      vocalBars.add(startBar + 1);
      lineNumber++;
    }
    if (stanza.length > 0 && section.bars % 2 === 1) vocalBars.add(section.startBar + section.bars - 1);
  }
  return { notes, syllables, vocalBars };
}
