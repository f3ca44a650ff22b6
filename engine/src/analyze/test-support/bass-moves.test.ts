import { describe, expect, it } from 'vitest';
import { CHROMA_HOP, chromaPeaks, estimateTuningCents } from '../key.ts';
import { bassMoveLogTable, bassMoveScore, bassNoteSequence } from './bass-moves.ts';

const RATE = 11_025;

describe('bass moves (the order of the bass notes)', () => {
  /** A bass line of sine tones (MIDI notes, `sec` each, 2nd harmonic at 0.4) under a held high chord. */
  const bassLine = (notes: number[], sec: number) => {
    const n = Math.round(notes.length * sec * RATE);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const t = i / RATE;
      const f = 440 * 2 ** ((notes[Math.floor(t / sec)]! - 69) / 12);
      // the chord (C5 E5 G5) is louder than the bass: the bass note is the lowest clear peak, not the strongest
      out[i] =
        0.3 * Math.sin(2 * Math.PI * f * t) +
        0.12 * Math.sin(4 * Math.PI * f * t) +
        0.4 *
          (Math.sin(2 * Math.PI * 523.25 * t) +
            Math.sin(2 * Math.PI * 659.26 * t) +
            Math.sin(2 * Math.PI * 783.99 * t));
    }
    return out;
  };

  it('reads an A–F–C–G bass line back in order, each note once per change (A2 F2 C3 G2, 1.5 s each, twice)', () => {
    const signal = bassLine([45, 41, 48, 43, 45, 41, 48, 43], 1.5);
    const peaks = chromaPeaks(signal, RATE);
    expect(peaks.length).toBe(Math.floor((signal.length - 4096) / CHROMA_HOP) + 1);
    const moves = bassNoteSequence(peaks, estimateTuningCents(peaks.flat()));
    expect(moves).toEqual([9, 5, 0, 7, 9, 5, 0, 7]);
  });

  it('drops frames without a bass note and repeats of the note before them', () => {
    const silent = new Float32Array(RATE * 2);
    const a = bassLine([45, 45], 1.5);
    // 0.1 s fades: an abrupt stop is a click, whose splatter has low peaks of its own
    const fade = Math.round(0.1 * RATE);
    for (let i = 0; i < fade; i++) {
      const g = 0.5 - 0.5 * Math.cos((Math.PI * i) / fade);
      a[i] = a[i]! * g;
      a[a.length - 1 - i] = a[a.length - 1 - i]! * g;
    }
    const joined = new Float32Array(a.length * 2 + silent.length);
    joined.set(a, 0);
    joined.set(silent, a.length);
    joined.set(a, a.length + silent.length);
    const peaks = chromaPeaks(joined, RATE);
    expect(bassNoteSequence(peaks, 0)).toEqual([9]);
  });

  it('with minFrames 2 keeps only the held notes: a one-frame passing note or flicker is no move', () => {
    // Frames of peaks: a bass note (MIDI) under a louder C5; null = no bass at all.
    const frame = (midi: number | null) => [
      ...(midi === null ? [] : [{ frequencyHz: 440 * 2 ** ((midi - 69) / 12), magnitude: 0.5 }]),
      { frequencyHz: 523.25, magnitude: 1 },
    ];
    // A A B A A | D D | E (one frame) | D | G G G
    const frames = [45, 45, 47, 45, 45, 50, 50, 52, 50, null, 43, 43, 43].map(frame);
    expect(bassNoteSequence(frames, 0)).toEqual([9, 11, 9, 2, 4, 2, 7]);
    expect(bassNoteSequence(frames, 0, 2)).toEqual([9, 2, 7]);
    expect(bassNoteSequence(frames, 0, 3)).toEqual([7]);
  });

  it('learns log P(to | from) per row: each row sums to 1, counted moves likelier, the diagonal never read', () => {
    const counts = new Float64Array(144);
    counts[10 * 12 + 0] = 30; // ♭VII → i
    counts[7 * 12 + 0] = 10; // v → i
    const table = bassMoveLogTable(counts);
    for (let a = 0; a < 12; a++) {
      let p = 0;
      for (let b = 0; b < 12; b++) if (b !== a) p += Math.exp(table[a * 12 + b]!);
      expect(p).toBeCloseTo(1, 12);
      expect(table[a * 12 + a]).toBe(0);
    }
    expect(table[10 * 12 + 0]).toBeCloseTo(Math.log(31 / 41), 12);
    expect(table[10 * 12 + 5]).toBeCloseTo(Math.log(1 / 41), 12);
    expect(table[3 * 12 + 0]).toBeCloseTo(Math.log(1 / 11), 12);
  });

  it('scores a loop by its moves in the candidate key: the same notes, the tonic the moves land on wins', () => {
    // A table that knows ♭VII → i and iv → ♭VII (an Aeolian loop i–iv–♭VII–i).
    const counts = new Float64Array(144);
    counts[0 * 12 + 5] = 20;
    counts[5 * 12 + 10] = 20;
    counts[10 * 12 + 0] = 20;
    const table = bassMoveLogTable(counts);
    const loop = [9, 2, 7, 9, 2, 7, 9]; // A D G A D G A
    expect(bassMoveScore(loop, table, 9)).toBeGreaterThan(bassMoveScore(loop, table, 0));
    expect(bassMoveScore(loop, table, 9)).toBeGreaterThan(bassMoveScore(loop, table, 2));
    // Transposed together, the score is the same; no moves, no evidence.
    for (let k = 1; k < 12; k++)
      expect(
        bassMoveScore(
          loop.map((pc) => (pc + k) % 12),
          table,
          (9 + k) % 12,
        ),
      ).toBeCloseTo(bassMoveScore(loop, table, 9), 12);
    expect(bassMoveScore([4], table, 4)).toBe(0);
  });
});
