// Sets lyric lines to a vocal melody where lyric-fit.ts placed them (one line per two bars, or per bar
// in a dense section), syllables on an eighth (or sixteenth) grid weighted to strong beats, a held
// last syllable and a breath before the next line. Every chorus repeats the chorus stanza with the
// same tune.
import type { Mode } from '../types.ts';
import type { LyricLayout } from './lyric-fit.ts';
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

/** Rhythm for `n` syllables across `lineBars` (1 or 2) bars of `bpb` beats; returns per-bar rhythms. */
function lineRhythm(n: number, seed: number, key: string, bpb: number, lineBars: 1 | 2): RhythmNote[][] {
  const rng = createRng(seed, `vocal-rhythm:${key}`);
  // A two-bar line leaves its last beat for a breath; a one-bar line, whose lines follow closely,
  // its last half beat.
  const span = lineBars * bpb - (lineBars === 2 ? 1 : 0.5);
  // Sixteenths once the eighths would nearly all be taken (as ever over two bars: past 13 syllables).
  const grid = n > (lineBars === 2 ? 13 : Math.round(span / 0.5) - 1) ? 0.25 : 0.5;
  const slots = Math.round(span / grid);
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
    const next = onsets[i + 1] ?? lineBars * bpb - 0.5;
    const duration = Math.max(grid * 0.8, next - start - 0.05);
    const bar = start >= bpb ? 1 : 0;
    bars[bar]!.push({ start: start - bar * bpb, duration });
  });
  return bars;
}

export interface VocalResult {
  notes: NoteEvent[];
  syllables: SungSyllable[];
}

export function composeVocals(
  layout: LyricLayout,
  chords: readonly ChordSlot[],
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
  const bpb = opts.beatsPerBar ?? 4;
  layout.lines.forEach(({ line, section, index: li, startBar, bars }, lineNumber) => {
    // Two-bar lines keep the key (and so the tune) they always had for a seed.
    const key = `${section.name}:${li}:${bars === 1 ? '1:' : ''}${line.syllables.join('')}`;
    const rhythm = lineRhythm(line.syllables.length, opts.seed, key, bpb, bars);
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
          section.name === 'chorus' ? [opts.range[0] + 3, opts.range[1]] : [opts.range[0], opts.range[1] - 3],
        resolve: li % 2 === 1,
        velocity: section.name === 'chorus' ? 100 : 88,
        beatsPerBar: bpb,
      },
      rng,
    );
    // Pair notes with syllables; extra syllables (over 28 in a two-bar line, 14 in
    // a one-bar one) join the last note.
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
  });
  return { notes, syllables };
}
